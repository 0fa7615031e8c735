/**
 * The hand-written floor of the renewal benchmark (issue #11, "Scale"): one INSERT … SELECT that
 * screens a campaign's agreements in SQL and writes one item per agreement with its outcome and the
 * ids of the rules that fired or had no data — the same outcomes as `openCampaign` (src/renewal-
 * campaigns/), which the benchmark checks row for row in counts. It carries no message, no facts and no
 * citation text (the application stores all three): a floor, not an equivalent.
 *
 * Every rule of src/domain/renewal-screening/rules.ts is written out once more here, as a CASE over the
 * same sources renewalFactsOf reads (agreements.life, licences, open major change requests, the first
 * term, the imported indicators). Which rules a profile has (their citations in its layers) is worked
 * out in TS from the same `rulesOf` and passed in as `$rules`, so a profile's rule set is not copied.
 *
 * Parameters: $1 campaign id, $2 prefix, $3 window from, $4 window to, $5 today, $6 signing ends,
 * $7 rule ids of the profile, $8 settlement years looked at (int[]), $9 suspension max days,
 * $10 coaching months.
 */
export const renewalSqlPass = (indicators: string) => `
WITH a AS (
  SELECT a.id, a.institution_id, a.region_code, a.term_to, a.life_state, a.life, a.source, a.dual_channel, i.kind
    FROM agreements a JOIN institutions i ON i.id = a.institution_id
   WHERE a.region_code LIKE $2 || '%' AND a.life_state IN ('in_force', 'suspended') AND a.term_to BETWEEN $3::date AND $4::date
), lic AS (
  SELECT institution_id, min(valid_to) AS earliest FROM licences WHERE institution_id IN (SELECT institution_id FROM a) GROUP BY 1
), chg AS (
  SELECT DISTINCT institution_id FROM change_requests
   WHERE kind = 'major' AND state IN ('submitted', 'forwarded') AND institution_id IN (SELECT institution_id FROM a)
), firsts AS (
  SELECT institution_id, min(term_from) AS first FROM agreements
   WHERE status = 'signed' AND institution_id IN (SELECT institution_id FROM a) GROUP BY 1
), ind AS (
  ${indicators}
), f AS (
  SELECT a.*, (lic.institution_id IS NOT NULL) AS has_lic, lic.earliest, (chg.institution_id IS NOT NULL) AS changing,
         firsts.first, coalesce(ind.v, '{}'::jsonb) AS iv,
         CASE WHEN jsonb_typeof(a.life->'suspension') = 'object' THEN a.life->'suspension' END AS s
    FROM a LEFT JOIN lic USING (institution_id) LEFT JOIN chg USING (institution_id) LEFT JOIN firsts USING (institution_id)
    LEFT JOIN ind USING (institution_id)
), r AS (
  SELECT f.id, f.institution_id, f.region_code, f.term_to, array_remove(ARRAY[
    -- 二(一)1 中止 beyond the signing period
    CASE WHEN 'renewal.defer.suspended' = ANY($7) AND f.life_state = 'suspended' AND f.s IS NOT NULL
          AND NOT (f.s->>'maxUntil' <= $6 AND f.s->>'resumptionRequestedOn' IS NOT NULL) THEN 'defer:fires:renewal.defer.suspended' END,
    -- 二(一)2 pending major change (known: the change requests are the system's own)
    CASE WHEN 'renewal.defer.pending-change' = ANY($7) AND f.changing THEN 'defer:fires:renewal.defer.pending-change' END,
    -- 二(一)3 unexecuted decisions: audits are a later issue, 无数据 for all
    CASE WHEN 'renewal.defer.unexecuted-decision' = ANY($7) THEN 'defer:no_data:renewal.defer.unexecuted-decision' END,
    -- 二(二)1 licence revoked: no revocation recorded; 无数据 without licences
    CASE WHEN 'renewal.end.licence-revoked' = ANY($7) AND NOT f.has_lic THEN 'not_renew:no_data:renewal.end.licence-revoked' END,
    -- 二(二)2 licence past its validity
    CASE WHEN 'renewal.end.licence-expired' = ANY($7) THEN
      CASE WHEN NOT f.has_lic THEN 'not_renew:no_data:renewal.end.licence-expired'
           WHEN f.earliest < $5::date THEN 'not_renew:fires:renewal.end.licence-expired' END END,
    -- 二(二)3 no settlement in the years looked at (all of them 0); a year not imported → 无数据
    CASE WHEN 'renewal.end.no-settlement' = ANY($7) THEN
      CASE WHEN EXISTS (SELECT 1 FROM unnest($8::int[]) y WHERE NOT f.iv ? ('settlement_total:' || y)) THEN 'not_renew:no_data:renewal.end.no-settlement'
           WHEN NOT EXISTS (SELECT 1 FROM unnest($8::int[]) y WHERE (f.iv->>('settlement_total:' || y))::numeric <> 0) THEN 'not_renew:fires:renewal.end.no-settlement' END END,
    -- 二(二)4 termination requested
    CASE WHEN 'renewal.end.termination-requested' = ANY($7)
          AND (f.life->'request'->>'kind' = 'terminate' OR (f.life->'terminated'->>'onRequest')::boolean IS TRUE) THEN 'not_renew:fires:renewal.end.termination-requested' END,
    -- 二(二)5 imported agreements carry no signing deadline
    CASE WHEN 'renewal.end.not-signed-on-time' = ANY($7) AND f.source <> 'generated' THEN 'not_renew:no_data:renewal.end.not-signed-on-time' END,
    -- 二(二)6 requested suspension beyond the maximum
    CASE WHEN 'renewal.end.suspended-over-max' = ANY($7)
          AND (f.life->'noRenewalGrounds' @> '[{"code":"suspension_over_180"}]'
               OR (f.s->>'mode' = 'requested' AND f.s->>'resumptionRequestedOn' IS NULL AND $5::date - (f.s->>'from')::date > $9::int))
         THEN 'not_renew:fires:renewal.end.suspended-over-max' END,
    -- 二(二)7 conditions not re-checked: 无数据
    CASE WHEN 'renewal.end.conditions' = ANY($7) THEN 'not_renew:no_data:renewal.end.conditions' END,
    -- 二(二)8–10 imported flags
    CASE WHEN 'renewal.end.trace-code' = ANY($7) THEN
      CASE WHEN NOT f.iv ? 'trace_code_compliant:' THEN 'not_renew:no_data:renewal.end.trace-code'
           WHEN (f.iv->>'trace_code_compliant:')::boolean IS FALSE THEN 'not_renew:fires:renewal.end.trace-code' END END,
    CASE WHEN 'renewal.end.yb-code' = ANY($7) THEN
      CASE WHEN NOT f.iv ? 'yb_code_accepted:' THEN 'not_renew:no_data:renewal.end.yb-code'
           WHEN (f.iv->>'yb_code_accepted:')::boolean IS FALSE THEN 'not_renew:fires:renewal.end.yb-code' END END,
    CASE WHEN 'renewal.end.absent-practitioners' = ANY($7) THEN
      CASE WHEN NOT f.iv ? 'absent_practitioners:' THEN 'not_renew:no_data:renewal.end.absent-practitioners'
           WHEN (f.iv->>'absent_practitioners:')::boolean IS TRUE THEN 'not_renew:fires:renewal.end.absent-practitioners' END END,
    -- 二(二)11–13 pharmacies
    CASE WHEN 'renewal.end.dual-channel-idle' = ANY($7) AND f.kind = 'pharmacy' AND f.dual_channel THEN
      CASE WHEN NOT f.iv ? 'dual_channel_service_count:' THEN 'not_renew:no_data:renewal.end.dual-channel-idle'
           WHEN (f.iv->>'dual_channel_service_count:')::int = 0 THEN 'not_renew:fires:renewal.end.dual-channel-idle' END END,
    CASE WHEN 'renewal.end.cross-area-address' = ANY($7) AND f.kind = 'pharmacy' THEN
      CASE WHEN NOT f.iv ? 'cross_area_address_change:' THEN 'not_renew:no_data:renewal.end.cross-area-address'
           WHEN (f.iv->>'cross_area_address_change:')::boolean IS TRUE THEN 'not_renew:fires:renewal.end.cross-area-address' END END,
    CASE WHEN 'renewal.end.dual-price' = ANY($7) AND f.kind = 'pharmacy' THEN
      CASE WHEN NOT f.iv ? 'dual_price_finding:' THEN 'not_renew:no_data:renewal.end.dual-price'
           WHEN (f.iv->>'dual_price_finding:')::boolean IS TRUE THEN 'not_renew:fires:renewal.end.dual-price' END END,
    -- 二(二)14 newly designated medical institutions: the coaching period's rectification is not recorded
    CASE WHEN 'renewal.end.coaching-unrectified' = ANY($7) AND f.kind = 'medical' AND f.first IS NOT NULL
          AND (extract(year FROM $5::date) - extract(year FROM f.first)) * 12 + extract(month FROM $5::date) - extract(month FROM f.first) <= $10::int
         THEN 'not_renew:no_data:renewal.end.coaching-unrectified' END,
    -- performance: the assessment result (imported), the agreement's own record
    CASE WHEN 'renewal.performance.assessment' = ANY($7) THEN
      CASE WHEN NOT f.iv ? 'assessment:' THEN 'manual:no_data:renewal.performance.assessment'
           WHEN f.iv->>'assessment:' = 'unqualified' THEN 'manual:fires:renewal.performance.assessment' END END,
    CASE WHEN 'renewal.performance.agreement' = ANY($7)
          AND ((f.life->'proposal' IS NOT NULL AND f.life->'proposal' <> 'null'::jsonb) OR coalesce((f.life->>'suspensionsInTerm')::int, 0) > 0)
         THEN 'manual:fires:renewal.performance.agreement' END
  ], NULL) AS reasons
  FROM f
)
INSERT INTO renewal_items (campaign_id, agreement_id, institution_id, region_code, term_to, state, proposed, reasons, data, updated_at)
SELECT $1::uuid, r.id, r.institution_id, r.region_code, r.term_to, 'proposed',
       CASE WHEN EXISTS (SELECT 1 FROM unnest(r.reasons) x WHERE x LIKE 'not\\_renew:fires:%') THEN 'not_renew'
            WHEN EXISTS (SELECT 1 FROM unnest(r.reasons) x WHERE x LIKE 'not\\_renew:no\\_data:%') THEN 'manual'
            WHEN EXISTS (SELECT 1 FROM unnest(r.reasons) x WHERE x LIKE 'defer:fires:%') THEN 'defer'
            WHEN cardinality(r.reasons) > 0 THEN 'manual' ELSE 'renew' END,
       to_jsonb(r.reasons), '{}'::jsonb, now()
  FROM r`;
