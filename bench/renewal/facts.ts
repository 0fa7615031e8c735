/**
 * What a province holds beyond the agreements when it screens renewals (bench/renewal/screen.ts):
 * licences for nearly every institution (some past their validity, some without an end), a few
 * termination requests, proposals and recorded no-renewal grounds on the agreements, and — when the
 * indicator tables exist — the imported data of the settlement system and the compliance checks.
 * Shares come from the row's rank, so a run is deterministic. One province runs the 2025 draft's
 * profile (the others keep the deployment's: 云南, 北京, 吉林, national).
 */
import type pg from 'pg';
import { PROVINCE_PROFILES } from '../../src/seed/regions';

/** 内蒙古 stands in for the autonomous region of the 2025 draft */
export const DRAFT_PROVINCE = '150000';

export async function seedRenewalFacts(c: pg.Client, today: string): Promise<string> {
  // the deployment's profiles (src/seed/regions.ts), and the draft's for one autonomous region
  for (const [code, profileId] of Object.entries({ ...PROVINCE_PROFILES, [DRAFT_PROVINCE]: 'zizhiqu-2025-draft' })) {
    await c.query(`UPDATE regions SET profile_id = $2 WHERE code = $1`, [code, profileId]);
  }
  await c.query(`TRUNCATE licences`);
  // 98 % have a licence: 0.5 % of those past their validity, 10 % without an end date
  await c.query(`INSERT INTO licences (institution_id, kind, number, valid_from, valid_to)
    SELECT id, 'practice_licence', 'L' || r, DATE '2020-01-01',
      CASE WHEN r % 1000 < 5 THEN $1::date - 30 WHEN r % 10 = 0 THEN NULL ELSE $1::date + 365 + (r % 1500)::int END
    FROM (SELECT id, row_number() OVER (ORDER BY uscc) AS r FROM institutions) i WHERE r % 50 <> 0`, [today]);
  const ranked = `(SELECT id, row_number() OVER (ORDER BY number) AS r FROM agreements WHERE number LIKE 'BENCH-%') x`;
  // 0.1 % asked to terminate, 0.05 % with a termination proposal, 0.05 % past the 180 days on record
  await c.query(`UPDATE agreements a SET life = a.life || jsonb_build_object('request', jsonb_build_object('kind', 'terminate', 'receivedOn', $1::text))
    FROM ${ranked} WHERE a.id = x.id AND x.r % 1000 = 7 AND a.life_state = 'in_force'`, [today]);
  await c.query(`UPDATE agreements a SET life = a.life || jsonb_build_object('proposal', jsonb_build_object('situation', 'zzq_documents_not_produced', 'since', $1::text))
    FROM ${ranked} WHERE a.id = x.id AND x.r % 2000 = 11`, [today]);
  await c.query(`UPDATE agreements a SET life = a.life || jsonb_build_object('noRenewalGrounds', jsonb_build_array(jsonb_build_object('code', 'suspension_over_180', 'since', $1::text)))
    FROM ${ranked} WHERE a.id = x.id AND x.r % 2000 = 13`, [today]);
  const indicators = await seedIndicators(c, today);
  await c.query(`VACUUM (ANALYZE) agreements`);
  await c.query(`VACUUM (ANALYZE) licences`);
  await c.query(`VACUUM (ANALYZE) institution_indicators`);
  return `licences for 98 %, 0.1 % termination requests, 0.05 % proposals, 0.05 % past 180 days; ${indicators}`;
}

/**
 * The imported indicators (decision 0040) a province would hold by December, as one import of the
 * settlement system and one of the compliance checks: last year's settlement for 95 % of the
 * institutions (0.5 % of them 0 元), 追溯码 and 医保码 flags for 90 % (1 % and 0.5 % not compliant),
 * 挂证 findings for 40 % (0.2 % found), and for pharmacies 双通道 counts, 阴阳价格 and address checks.
 */
async function seedIndicators(c: pg.Client, today: string): Promise<string> {
  await c.query(`TRUNCATE institution_indicators, indicator_import_rejects, indicator_imports`);
  const name = '医保信息平台数据导入（基准测试）';
  const { rows: [org] } = (await c.query<{ id: string }>(`SELECT id FROM organizations WHERE name = $1`, [name])).rows.length
    ? await c.query<{ id: string }>(`SELECT id FROM organizations WHERE name = $1`, [name])
    : await c.query<{ id: string }>(`INSERT INTO organizations (kind, name, level, region_code) VALUES ('agency', $1, 'province', '110000') RETURNING id`, [name]);
  const { rows: [imp] } = await c.query<{ id: string }>(`INSERT INTO indicator_imports (channel, client_batch_id, mode, status, rows_total, org_id, created_at)
    VALUES ('api', 'bench-renewal', 'all_or_nothing', 'done', 0, $1, now()) RETURNING id`, [org!.id]);
  const lastYear = String(Number(today.slice(0, 4)) - 1);
  const asOf = `${Number(today.slice(0, 4)) - 1}-12-31`;
  const ranked = `(SELECT id, kind, row_number() OVER (ORDER BY uscc) AS r FROM institutions) i`;
  const put = (kind: string, period: string, value: string, where: string) => c.query(`
    INSERT INTO institution_indicators (institution_id, kind, period, value, source, source_date, import_id, updated_at)
    SELECT i.id, '${kind}', '${period}', ${value}, '基准测试', $1::date, $2::uuid, now() FROM ${ranked} WHERE ${where}`, [today, imp!.id]);
  await put('settlement_total', lastYear, `jsonb_build_object('amount', CASE WHEN r % 200 = 3 THEN 0 ELSE (r % 997) * 1000 + 500 END)`, `r % 20 <> 0`);
  await put('trace_code_compliant', asOf, `jsonb_build_object('flag', r % 100 <> 5)`, `r % 10 <> 1`);
  await put('yb_code_accepted', asOf, `jsonb_build_object('flag', r % 200 <> 7)`, `r % 10 <> 2`);
  await put('absent_practitioners', asOf, `jsonb_build_object('flag', r % 500 = 9)`, `r % 5 < 2`);
  await put('dual_channel_service_count', asOf, `jsonb_build_object('count', r % 50)`, `i.kind = 'pharmacy' AND r % 3 = 0`);
  await put('dual_price_finding', asOf, `jsonb_build_object('flag', r % 400 = 11)`, `i.kind = 'pharmacy' AND r % 4 <> 0`);
  await put('cross_area_address_change', asOf, `jsonb_build_object('flag', r % 700 = 13)`, `i.kind = 'pharmacy' AND r % 4 <> 0`);
  const { rows: [n] } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM institution_indicators`);
  await c.query(`UPDATE indicator_imports SET rows_total = $2, created = $2 WHERE id = $1`, [imp!.id, Number(n!.n)]);
  return `${Number(n!.n).toLocaleString('en')} imported indicator values (settlement ${lastYear} for 95 %, 追溯码/医保码 90 %, 挂证 40 %, pharmacies' 双通道/阴阳价格/address)`;
}

/**
 * The imported indicators as '<kind>:<period>' → value per institution of the window (CTE `a`), for the
 * SQL pass: every settlement year; of the as-of kinds the latest period, keyed '<kind>:'.
 */
export const INDICATORS_CTE = `
  SELECT institution_id, jsonb_object_agg(k, v) AS v FROM (
    SELECT DISTINCT ON (institution_id, kind, CASE WHEN kind = 'settlement_total' THEN period ELSE '' END)
           institution_id, kind || ':' || CASE WHEN kind = 'settlement_total' THEN period ELSE '' END AS k,
           coalesce(value->'amount', value->'flag', value->'count', value->'level') AS v
      FROM institution_indicators WHERE institution_id IN (SELECT institution_id FROM a)
     ORDER BY institution_id, kind, CASE WHEN kind = 'settlement_total' THEN period ELSE '' END, period DESC) x
  GROUP BY institution_id`;
