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
  await c.query(`VACUUM (ANALYZE) agreements`);
  await c.query(`VACUUM (ANALYZE) licences`);
  return 'licences for 98 %, 0.1 % termination requests, 0.05 % proposals, 0.05 % past 180 days; no indicator table in this schema';
}

/** The indicators as '<kind>:<period>' → value per institution, for the SQL pass; null before the indicator tables exist. */
export async function indicatorsCte(c: pg.Client): Promise<string | null> {
  const { rows } = await c.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'institution_indicators'`);
  return rows.length ? null : null;
}
