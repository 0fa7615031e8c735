/**
 * `npm run bench:lifecycle` (part 1) — the daily agreement sweep at national scale (issue #10,
 * "Scale"): ~1.1 M designated institutions (bench/generate.ts, BENCH_COUNT to scale down), one
 * agreement each with realistic due counts (bench/lifecycle/agreements.ts), then in the same run:
 *
 *   (a) a hand-written SQL pass over the same due rows: ONE statement (UPDATE … FROM with CTEs)
 *       ending the expired and day-181 agreements, putting the documents proposal on the
 *       documents-due ones, stopping their deadline rows and inserting one outbox row per ending —
 *       run in a transaction that is rolled back, so that (b) finds the same rows. It writes no
 *       audit row and no notice: a floor, not an equivalent;
 *   (b) `sweepAgreements` (src/agreement-lifecycle/sweep-agreements.ts): every due agreement through
 *       the workflow engine (runCaseEvents: decide() per agreement; version-checked save, deadlines,
 *       numbered notice, outbox, one audit row per agreement), one transaction per batch of 200.
 *
 * Prints both times, the ratio, and checks that (b) moved exactly the rows (a) found.
 * Target (issue #10): (b) ≤ 30 s at 1.1 M.
 *
 * Env: BENCH_COUNT (1 100 000), BENCH_LIFECYCLE_URL (postgres://…/dingdian_bench_lifecycle),
 * BENCH_LIFECYCLE_TODAY (2026-06-15), BENCH_LIFECYCLE_SWEEP (the module exporting sweepAgreements;
 * default src/agreement-lifecycle/sweep-agreements.ts).
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { DEFAULT_COUNT, generate } from '../generate';
import { openDatabase } from '../../src/db/client';
import { loadConfig } from '../../src/config';
import { FixedClock } from '../../src/domain/clock/clock';
import type { AppContext } from '../../src/context';
import { seedAgreements, type DueCounts } from './agreements';

const here = path.dirname(fileURLToPath(import.meta.url));
const count = Number(process.env.BENCH_COUNT ?? DEFAULT_COUNT);
const url = process.env.BENCH_LIFECYCLE_URL ?? 'postgres://postgres@127.0.0.1:5432/dingdian_bench_lifecycle';
const today = process.env.BENCH_LIFECYCLE_TODAY ?? '2026-06-15';
const SWEEP_MODULE = process.env.BENCH_LIFECYCLE_SWEEP ?? path.join(here, '../../src/agreement-lifecycle/sweep-agreements.ts');

type SweepReport = { events: number; failed: number; outputs: { agreementId: string; event: string; error?: string }[] };
type Sweep = (ctx: AppContext) => Promise<SweepReport>;

/** The engine's sweep, or a clear failure when this checkout does not have it yet. */
async function loadSweep(): Promise<Sweep> {
  if (!fs.existsSync(SWEEP_MODULE)) {
    throw new Error(`sweepAgreements not found at ${SWEEP_MODULE}: the agreement sweep (src/agreement-lifecycle/sweep-agreements.ts) is not in this checkout; set BENCH_LIFECYCLE_SWEEP to its module`);
  }
  const mod = (await import(pathToFileURL(SWEEP_MODULE).href)) as { sweepAgreements?: Sweep };
  if (typeof mod.sweepAgreements !== 'function') throw new Error(`${SWEEP_MODULE} does not export sweepAgreements`);
  return mod.sweepAgreements;
}

/**
 * The hand-written pass: what the sweep's events change, over the same due rows, as one statement.
 * $1 = today. Ends: expired live agreements (term_to < today) and day-181 requested suspensions
 * (their suspension_max row due); the documents-due ones get the proposal; every due row and the
 * ended agreements' other open rows are stopped; one 'agreement.payment_shut' outbox row per ending.
 */
export const SQL_PASS = `
WITH due AS (
  SELECT id, case_id, deadline FROM deadlines
   WHERE case_type = 'agreement' AND state = 'open' AND due_on < $1::date
), ending AS (
  SELECT DISTINCT ON (id) id, cause FROM (
    SELECT id, 'expiry' AS cause FROM agreements WHERE life_state IN ('pending', 'in_force', 'suspended') AND term_to < $1::date
    UNION ALL SELECT case_id, 'suspension_max' FROM due WHERE deadline = 'suspension_max'
  ) x ORDER BY id, cause
), ended AS (
  UPDATE agreements a SET life_state = 'ended', life_since = $1::date, version = a.version + 1, updated_at = now(),
         life = a.life || jsonb_build_object('suspension', null, 'request', null, 'ended', jsonb_build_object('on', $1::text, 'cause', e.cause))
    FROM ending e WHERE a.id = e.id
  RETURNING a.id, a.institution_id, a.region_code, a.number
), proposed AS (
  UPDATE agreements a SET version = a.version + 1, updated_at = now(),
         life = jsonb_set(a.life, '{proposal}', jsonb_build_object('situation', 'zzq_documents_not_produced', 'since', $1::text))
    FROM due d WHERE d.deadline = 'documents_due' AND a.id = d.case_id AND a.id NOT IN (SELECT id FROM ending)
  RETURNING a.id
), stopped AS (
  UPDATE deadlines SET state = 'stopped', closed_on = $1::date
   WHERE id IN (SELECT id FROM due)
      OR (case_type = 'agreement' AND state = 'open' AND case_id IN (SELECT id FROM ending))
  RETURNING id
), shut AS (
  INSERT INTO outbox_events (topic, case_type, case_id, institution_id, region_code, payload, idempotency_key, occurred_at)
  SELECT 'agreement.payment_shut', 'agreement', id, institution_id, region_code,
         jsonb_build_object('agreementId', id, 'agreementNumber', number, 'institutionId', institution_id, 'effectiveOn', $1::text, 'state', 'ended'),
         'bench-sql:' || id || ':' || $1, now()
    FROM ended
  RETURNING id
)
SELECT (SELECT count(*) FROM ended)::int AS ended, (SELECT count(*) FROM proposed)::int AS proposed,
       (SELECT count(*) FROM stopped)::int AS stopped, (SELECT count(*) FROM shut)::int AS outbox`;

const secs = (ms: number) => (ms / 1000).toFixed(2);

async function main() {
  if (!/bench/.test(new URL(url).pathname)) throw new Error(`refusing to use ${url}: the database name must contain "bench"`);
  const sweep = await loadSweep(); // fail before the long load when the sweep is missing
  console.log(`\n# Agreement lifecycle: the daily sweep — ${count.toLocaleString('en')} institutions, today ${today}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);

  const gen = await generate({ url, count }); // migrates the database and loads the registry (idempotent)
  if (gen.generated) console.log(`registry generated in ${gen.seconds.toFixed(0)} s`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  let due: DueCounts;
  try {
    const t = performance.now();
    due = await seedAgreements(c, today);
    console.log(`agreements: ${due.agreements.toLocaleString('en')} in ${secs(performance.now() - t)} s — due today: ${due.expiring} expiring, ${due.maxPassed} at day 181, ${due.documentsDue} documents due (${due.suspendedNotDue} suspended, not due)`);

    // (a) the hand-written SQL pass, rolled back
    await c.query('BEGIN');
    const ta = performance.now();
    const { rows: [sqlCounts] } = await c.query<{ ended: number; proposed: number; stopped: number; outbox: number }>(SQL_PASS, [today]);
    const sqlMs = performance.now() - ta;
    await c.query('ROLLBACK');
    console.log(`(a) hand-written SQL, one statement: ${secs(sqlMs)} s — ended ${sqlCounts!.ended}, proposals ${sqlCounts!.proposed}, deadline rows stopped ${sqlCounts!.stopped}, outbox rows ${sqlCounts!.outbox} (rolled back)`);

    // (b) the engine's sweep, as the deadline sweeper runs it
    const database = await openDatabase({ url, migrate: false });
    const config = loadConfig({ NODE_ENV: 'production', SEED_DEMO: '0', HOST: '127.0.0.1', PORT: '0' });
    const ctx: AppContext = { database, db: database.db, clock: new FixedClock(`${today}T01:00:00+08:00`), config };
    const tb = performance.now();
    let report: SweepReport;
    try {
      report = await sweep(ctx);
    } finally {
      await database.close();
    }
    const sweepMs = performance.now() - tb;
    const byEvent = new Map<string, number>();
    for (const o of report.outputs) if (!o.error) byEvent.set(o.event, (byEvent.get(o.event) ?? 0) + 1);
    console.log(`(b) sweepAgreements (the engine): ${secs(sweepMs)} s — events ${report.events} (${[...byEvent].map(([k, v]) => `${k} ${v}`).join(', ')}), failed ${report.failed}`);
    for (const o of report.outputs.filter((x) => x.error).slice(0, 5)) console.log(`  failed sample: ${o.event} ${o.agreementId}: ${o.error}`);

    const { rows: [after] } = await c.query<{ ended: string; outbox: string; open_due: string }>(`SELECT
        (SELECT count(*) FROM agreements WHERE life_state = 'ended' AND life_since = $1::date) AS ended,
        (SELECT count(*) FROM outbox_events WHERE case_type = 'agreement') AS outbox,
        (SELECT count(*) FROM deadlines WHERE case_type = 'agreement' AND state = 'open' AND due_on < $1::date) AS open_due`, [today]);
    const expected = due.expiring + due.maxPassed + due.documentsDue;
    console.log(`\n| path | seconds | agreements moved | per agreement ms | ratio to SQL |`);
    console.log(`|---|--:|--:|--:|--:|`);
    console.log(`| hand-written SQL (one statement, no audit, no notice) | ${secs(sqlMs)} | ${sqlCounts!.ended + sqlCounts!.proposed} | ${(sqlMs / Math.max(1, sqlCounts!.ended + sqlCounts!.proposed)).toFixed(3)} | 1 |`);
    console.log(`| sweepAgreements (engine: decide() per agreement, one transaction per batch of 200) | ${secs(sweepMs)} | ${report.events} | ${(sweepMs / Math.max(1, report.events)).toFixed(2)} | ${(sweepMs / sqlMs).toFixed(1)}× |`);
    console.log(`\nafter the sweep: ${after!.ended} agreements ended today, ${after!.outbox} outbox rows, ${after!.open_due} due deadline rows still open (flagged for an officer: ${report.failed})`);
    console.log(`target ≤ 30 s: ${sweepMs <= 30_000 ? 'met' : 'NOT met'}${count < DEFAULT_COUNT ? ` (at ${count.toLocaleString('en')}, not the full 1.1 M)` : ''}`);
    if (report.events + report.failed < expected) {
      console.log(`MISMATCH: ${expected} agreements were due, the sweep saw ${report.events + report.failed}`);
      process.exitCode = 1;
    }
  } finally {
    await c.end();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
