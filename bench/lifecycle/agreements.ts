/**
 * Agreements for the lifecycle benchmarks: one signed (imported) agreement per institution of the
 * bench database, written server-side by one INSERT … SELECT over `institutions` (the registry that
 * bench/generate.ts loads with COPY), with realistic shares of what a daily sweep finds due:
 *
 *   0.30 %  in force, last day yesterday                → expire (协议期满终止)
 *   0.05 %  requested suspension from 181 days ago       → suspension_max_passed (day 181)
 *   0.01 %  imposed suspension, documents due yesterday  → documents_deadline_passed
 *   0.24 %  suspended, nothing due yet (from 30 days ago)
 *   the rest in force, last day spread over the next three years
 *
 * Each suspension has its agreement_suspensions row and its open `deadlines` row of case_type
 * 'agreement' (suspension_max or documents_due), as the engine writes them. Audit rows of earlier runs stay (the log is append-only): new agreements have new ids. The shares come from
 * the agreement's rank (row_number over uscc) modulo 10 000, so a run is deterministic.
 */
import type pg from 'pg';

export const SHARES = { expiring: 30, maxPassed: 5, documentsDue: 1, suspended: 24 } as const; // per 10 000

export interface DueCounts { agreements: number; expiring: number; maxPassed: number; documentsDue: number; suspendedNotDue: number }

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Empties the agreements side (not the registry) and writes one agreement per institution; answers what is due on `today`. */
export async function seedAgreements(c: pg.Client | pg.PoolClient, today: string): Promise<DueCounts> {
  const e = SHARES.expiring, m = e + SHARES.maxPassed, d = m + SHARES.documentsDue, s = d + SHARES.suspended;
  await c.query(`TRUNCATE outbox_events, agreement_suspensions`);
  await c.query(`DELETE FROM deadlines WHERE case_type = 'agreement'`);
  await c.query(`DELETE FROM documents WHERE case_type = 'agreement'`);
  await c.query(`DELETE FROM agreements WHERE source = 'import' AND number LIKE 'BENCH-%'`);
  await c.query(`SET synchronous_commit = off`);
  // the kind of each row, from its rank: 'expiring' | 'max' | 'docs' | 'susp' | 'live'
  await c.query(`CREATE TEMP TABLE bench_plan ON COMMIT PRESERVE ROWS AS
    SELECT i.id AS institution_id, i.region_code, r,
      CASE WHEN r % 10000 < ${e} THEN 'expiring' WHEN r % 10000 < ${m} THEN 'max' WHEN r % 10000 < ${d} THEN 'docs'
           WHEN r % 10000 < ${s} THEN 'susp' ELSE 'live' END AS kind
    FROM (SELECT id, region_code, row_number() OVER (ORDER BY uscc) AS r FROM institutions) i`);
  const suspension = (mode: string, from: string, maxUntil: string, docs: string | null) =>
    `jsonb_build_object('mode', '${mode}', 'from', '${from}', 'maxUntil', '${maxUntil}', 'situation', ${mode === 'imposed' ? `'zzq_documents'` : 'null'},
       'rectification', ${mode === 'imposed' ? `'限期整改'` : 'null'}, 'resumptionRequestedOn', null, 'documentsDueOn', ${docs ? `'${docs}'` : 'null'})`;
  const maxFrom = addDays(today, -181), maxUntil = addDays(today, -1);
  const docsFrom = addDays(today, -8), docsDue = addDays(today, -1), docsMax = addDays(today, 172);
  const suspFrom = addDays(today, -30), suspMax = addDays(today, 150);
  await c.query(`INSERT INTO agreements (id, institution_id, region_code, number, term_from, term_to, special, model, canonical_text, text_sm3,
      status, source, payment_categories, life_state, life, life_since, dual_channel, version, created_at, updated_at)
    SELECT gen_random_uuid(), p.institution_id, p.region_code, 'BENCH-' || p.r, t.term_to - 1095, t.term_to, '{}'::jsonb, '{}'::jsonb, '', '',
      'signed', 'import', ARRAY['general_outpatient'], CASE WHEN p.kind IN ('max', 'docs', 'susp') THEN 'suspended' ELSE 'in_force' END,
      jsonb_build_object('suspension', CASE p.kind
          WHEN 'max' THEN ${suspension('requested', maxFrom, maxUntil, null)}
          WHEN 'docs' THEN ${suspension('imposed', docsFrom, docsMax, docsDue)}
          WHEN 'susp' THEN ${suspension('requested', suspFrom, suspMax, null)} END,
        'suspensionsInTerm', CASE WHEN p.kind IN ('max', 'docs', 'susp') THEN 1 ELSE 0 END,
        'request', null, 'proposal', null, 'noRenewalGrounds', '[]'::jsonb, 'terminated', null, 'ended', null),
      CASE p.kind WHEN 'max' THEN '${maxFrom}'::date WHEN 'docs' THEN '${docsFrom}'::date WHEN 'susp' THEN '${suspFrom}'::date ELSE t.term_to - 1095 END,
      false, 1, now(), now()
    FROM bench_plan p
    CROSS JOIN LATERAL (SELECT CASE WHEN p.kind = 'expiring' THEN '${addDays(today, -1)}'::date
                                    ELSE '${today}'::date + 1 + ((p.r * 7919) % 1095)::int END AS term_to) t`);
  await c.query(`INSERT INTO agreement_suspensions (agreement_id, institution_id, region_code, mode, situation, rectification, from_on, max_until, created_at)
    SELECT a.id, a.institution_id, a.region_code, a.life->'suspension'->>'mode', a.life->'suspension'->>'situation', a.life->'suspension'->>'rectification',
      (a.life->'suspension'->>'from')::date, (a.life->'suspension'->>'maxUntil')::date, now()
    FROM agreements a WHERE a.life_state = 'suspended' AND a.number LIKE 'BENCH-%'`);
  // the open deadline rows the engine would have written: suspension_max for a requested suspension, documents_due for the imposed one
  await c.query(`INSERT INTO deadlines (case_type, case_id, deadline, basis, n, starts_on, due_on, cites)
    SELECT 'agreement', a.id, CASE WHEN a.life->'suspension'->>'mode' = 'imposed' THEN 'documents_due' ELSE 'suspension_max' END,
      CASE WHEN a.life->'suspension'->>'mode' = 'imposed' THEN 'natural_days' ELSE 'natural_days' END,
      CASE WHEN a.life->'suspension'->>'mode' = 'imposed' THEN 7 ELSE 180 END,
      (a.life->'suspension'->>'from')::date,
      coalesce((a.life->'suspension'->>'documentsDueOn')::date, (a.life->'suspension'->>'maxUntil')::date), '[]'::jsonb
    FROM agreements a WHERE a.life_state = 'suspended' AND a.number LIKE 'BENCH-%'`);
  const { rows: [k] } = await c.query<Record<string, string>>(`SELECT count(*) AS agreements,
      count(*) FILTER (WHERE kind = 'expiring') AS expiring, count(*) FILTER (WHERE kind = 'max') AS max,
      count(*) FILTER (WHERE kind = 'docs') AS docs, count(*) FILTER (WHERE kind = 'susp') AS susp FROM bench_plan`);
  await c.query(`DROP TABLE bench_plan`);
  await c.query(`VACUUM (ANALYZE) agreements`);
  await c.query(`VACUUM (ANALYZE) deadlines`);
  return { agreements: Number(k!.agreements), expiring: Number(k!.expiring), maxPassed: Number(k!.max), documentsDue: Number(k!.docs), suspendedNotDue: Number(k!.susp) };
}
