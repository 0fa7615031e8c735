/**
 * `npm run bench:lifecycle` (part 2) — agreement lifecycle transitions over HTTP (issue #10,
 * "Speed of the engine"), next to pgbench's simple-update TPS measured in the same run.
 *
 * 1. drops and creates `dingdian_bench_lifecycle_http`, seeds 昆明's county agencies with one
 *    officer each and BENCH_LIFECYCLE_AGREEMENTS institutions (bench/pipeline/setup.ts), and gives
 *    each institution one agreement in force (云医保〔2022〕6号 profile), issued by its county agency;
 * 2. starts the real app in a child process (bench/pipeline/server.ts, or BENCH_PIPELINE_SERVER);
 * 3. for each client count C (1, 16, 64): C keep-alive clients, each taking the next agreement and
 *    running the pair 中止 (POST /api/agreements/:id/life-events/impose_suspension: notice, outbox,
 *    deadline rows, audit) → 恢复履行 (…/resume) with the version it got back, for
 *    BENCH_LIFECYCLE_SECONDS; a transition = one event = one transaction of the workflow engine;
 * 4. stops the app and runs pgbench (-c 64 -N, bench/pipeline/harness.ts) for the ratio.
 *
 * Targets (issue #10): ≥ 0.3× pgbench TPS at 64 clients, server CPU ≤ 1 ms per step, p99 < 50 ms at 16.
 *
 * Env: BENCH_LIFECYCLE_HTTP_DB (dingdian_bench_lifecycle_http; must contain "bench"), BENCH_LIFECYCLE_CLIENTS (1,16,64), BENCH_LIFECYCLE_SECONDS (15), BENCH_LIFECYCLE_AGREEMENTS (12000),
 * BENCH_PIPELINE_COUNTIES (8), PG_POOL_MAX (the app's default: 4 per core), BENCH_PIPELINE_SERVER, BENCH_PGBENCH=0 (skip pgbench),
 * BENCH_PIPELINE_CPU_PROF=dir (server --cpu-prof), and those of bench/pipeline/harness.ts.
 * After the HTTP levels, the SQL floor at the same client counts: the step's own statements replayed by pgbench
 * (floor.pgbench) on the same agreements — what no app could beat on this machine.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ADMIN_URL, Latencies, cpuTimes, postgresCpu, printBackendWaits, request, runPgbench, runPgbenchScript, sampleBackendWaits, serverCpu, type Resp } from '../pipeline/harness';
import { recreateDatabase, seedBenchData, type BenchData, type Headers } from '../pipeline/setup';
import { summarize, type Summary } from '../stats';
import { defaultPoolSize } from '../../src/db/client';

const here = path.dirname(fileURLToPath(import.meta.url));
const DB_NAME = process.env.BENCH_LIFECYCLE_HTTP_DB ?? 'dingdian_bench_lifecycle_http';
const CLIENTS = (process.env.BENCH_LIFECYCLE_CLIENTS ?? '1,16,64').split(',').map(Number).filter((n) => n > 0);
const SECONDS = Number(process.env.BENCH_LIFECYCLE_SECONDS ?? 15);
const N_AGREEMENTS = Number(process.env.BENCH_LIFECYCLE_AGREEMENTS ?? 12000);
const N_COUNTIES = Number(process.env.BENCH_PIPELINE_COUNTIES ?? 8);
const POOL = Number(process.env.PG_POOL_MAX ?? defaultPoolSize());
const CLOCK_START = '2026-03-16T09:00:00+08:00';

const IMPOSE = { situation: 'major_risk', facts: '压测：日常检查发现可能造成重大风险', rectification: '限期整改' };
const RESUME = { rectificationVerified: true, note: '压测：整改到位，恢复履行' };

interface Agreement { id: string; officer: Headers }

/** One agreement in force per bench institution, issued by its county agency (the notices' 文号 need the agency). */
async function seedAgreements(url: string, data: BenchData): Promise<Agreement[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`INSERT INTO agreements (institution_id, region_code, agency_org_id, number, term_from, term_to, special, model, canonical_text, text_sm3,
        status, source, payment_categories, life_state, life, life_since, dual_channel, version, created_at, updated_at)
      SELECT i.id, i.region_code, o.id, 'BENCH-HTTP-' || row_number() OVER (ORDER BY i.id), '2025-01-01', '2027-12-31', '{}'::jsonb, '{}'::jsonb, '', '',
        'signed', 'import', ARRAY['general_outpatient', 'inpatient'], 'in_force',
        '{"suspension":null,"suspensionsInTerm":0,"request":null,"proposal":null,"noRenewalGrounds":[],"terminated":null,"ended":null}'::jsonb,
        '2025-01-01', false, 1, now(), now()
      FROM institutions i JOIN organizations o ON o.kind = 'agency' AND o.region_code = i.region_code
      WHERE i.id = ANY($1::uuid[])`, [data.institutions.map((x) => x.id)]);
    await c.query('VACUUM (ANALYZE) agreements');
    const { rows } = await c.query<{ id: string; region_code: string }>(`SELECT id, region_code FROM agreements WHERE number LIKE 'BENCH-HTTP-%' ORDER BY number`);
    return rows.map((r) => ({ id: r.id, officer: data.officers.get(r.region_code)! }));
  } finally {
    await c.end();
  }
}

interface LevelResult {
  clients: number; seconds: number; transitions: number; pairs: number; errors: number; errorSamples: string[];
  all: Summary; byEvent: Map<string, Summary>; serverCpu: number; statements: number; postgresCpu: number; machineBusy: number; load: number[];
  waits: Map<string, number>; waitSamples: number;
}

async function runLevel(
  port: number, agreements: Agreement[], clients: number, seconds: number, cursor: { next: number }, server: ReturnType<typeof fork>, sampler: pg.Client | null,
): Promise<LevelResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients * 2 });
  const all = new Latencies();
  const byEvent = new Map(['impose_suspension', 'resume'].map((e) => [e, new Latencies()]));
  let transitions = 0, pairs = 0, errors = 0;
  const errorSamples: string[] = [];
  const cpu0 = await serverCpu(server);
  const m0 = cpuTimes();
  const pg0 = postgresCpu();
  const waitSampler = sampleBackendWaits(sampler, DB_NAME);
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const fail = (what: string, r: Resp) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  };
  const step = async (a: Agreement, event: string, body: object): Promise<Resp> => {
    const t = performance.now();
    const r = await request(agent, port, 'POST', `/api/agreements/${a.id}/life-events/${event}`, a.officer, body);
    const ms = performance.now() - t;
    all.push(ms);
    byEvent.get(event)!.push(ms);
    return r;
  };
  const versions = new Map<string, number>();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < end) {
      // distinct agreements: each pair takes the next one (a second lap finds them in force again)
      const a = agreements[cursor.next++ % agreements.length]!;
      const suspended = await step(a, 'impose_suspension', { version: versions.get(a.id) ?? 1, ...IMPOSE });
      if (suspended.status !== 200) { fail('impose_suspension', suspended); continue; }
      transitions++;
      const resumed = await step(a, 'resume', { version: suspended.body.version, ...RESUME });
      if (resumed.status !== 200) { fail('resume', resumed); versions.set(a.id, suspended.body.version as number); continue; }
      transitions++;
      pairs++;
      versions.set(a.id, resumed.body.version as number);
    }
  }));
  const elapsed = (performance.now() - t0) / 1000;
  const m1 = cpuTimes();
  const pg1 = postgresCpu();
  const cpu1 = await serverCpu(server);
  const { waits, samples: waitSamples } = await waitSampler.stop();
  agent.destroy();
  const steps = all.n;
  return {
    clients, seconds: elapsed, transitions, pairs, errors, errorSamples,
    all: summarize(all.values()), byEvent: new Map([...byEvent].map(([k, v]) => [k, summarize(v.values())])),
    serverCpu: (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1e6 / Math.max(1, steps) * 1000,
    statements: (cpu1.statements - cpu0.statements) / Math.max(1, steps),
    postgresCpu: (pg1 - pg0) * 1000 / Math.max(1, steps),
    machineBusy: (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total),
    load: os.loadavg(),
    waits, waitSamples,
  };
}

const f1 = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function main() {
  console.log(`\n# Agreement lifecycle transitions over HTTP — 中止 / 恢复履行 pairs, HTTP → Fastify → workflow engine → PostgreSQL`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; app pool ${POOL}`);
  const t0 = performance.now();
  const url = await recreateDatabase(ADMIN_URL, DB_NAME);
  const data = await seedBenchData(url, { now: () => new Date(CLOCK_START) }, N_AGREEMENTS, N_COUNTIES);
  const agreements = await seedAgreements(url, data);
  console.log(`setup: ${agreements.length} agreements in force in ${data.counties.length} counties of 昆明市, ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const execArgv = ['--import', 'tsx'];
  if (process.env.BENCH_PIPELINE_CPU_PROF) execArgv.push('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PIPELINE_CPU_PROF}`);
  const server = fork(process.env.BENCH_PIPELINE_SERVER ?? path.join(here, '../pipeline/server.ts'), [], {
    execArgv, env: { ...process.env, BENCH_DB_URL: url, PG_POOL_MAX: String(POOL), BENCH_CLOCK_START: CLOCK_START, NODE_ENV: 'production' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('message', (m) => resolve((m as { port: number }).port));
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const stop = async () => { server.send('stop'); await new Promise((res) => server.once('exit', res)); };

  // the route must be there: a missing one is a clear failure, not a table of 404s
  const probeAgent = new http.Agent({ keepAlive: false });
  const probe = await request(probeAgent, port, 'POST', `/api/agreements/${agreements[0]!.id}/life-events/impose_suspension`, agreements[0]!.officer, {});
  const probeMessage = (probe.body as { error?: { message?: string } }).error?.message ?? '';
  if (probe.status === 404 && (!probeMessage || probeMessage.startsWith('接口不存在'))) { // the app's answer for an unknown route
    await stop();
    throw new Error(`POST /api/agreements/:id/life-events/:event is not served by this app (404 ${JSON.stringify(probe.body).slice(0, 120)}): the lifecycle API is not in this checkout; set BENCH_PIPELINE_SERVER to a server.ts that has it`);
  }

  // what the app's backends do while a level runs (lock and WAL waits, idle in transaction): pg_stat_activity every 50 ms
  const sampler = new pg.Client({ connectionString: url });
  await sampler.connect();
  const cursor = { next: 0 };
  await runLevel(port, agreements, 8, 3, cursor, server, null); // warm-up, not reported
  const results: LevelResult[] = [];
  for (const c of CLIENTS) {
    const r = await runLevel(port, agreements, c, SECONDS, cursor, server, sampler);
    results.push(r);
    console.log(`  C=${c}: ${(r.transitions / r.seconds).toFixed(0)} transitions/s, p50 ${f1(r.all.p50)} ms, p99 ${f1(r.all.p99)} ms, server CPU ${r.serverCpu.toFixed(2)} ms/step, errors ${r.errors}`);
  }
  await sampler.end();
  await stop();
  // the SQL floor: the same statements replayed by pgbench on the same agreements, no HTTP, no Node (floor.pgbench)
  const floors = CLIENTS.map((c) => runPgbenchScript(url, path.join(here, 'floor.pgbench'), c, SECONDS, { clients: c, per: Math.floor(agreements.length / c) }));
  const pgb = process.env.BENCH_PGBENCH === '0' ? { tps: NaN, latencyMs: NaN, clients: 0, seconds: 0, load: os.loadavg() } : await runPgbench();

  console.log(`\n## Lifecycle transitions per client count (${SECONDS} s each, pool ${POOL})\n`);
  console.log('| clients | transitions/s | pairs/s | p50 ms | p95 ms | p99 ms | max ms | errors | SQL statements / step | server CPU ms / step | PostgreSQL CPU ms / step | machine busy | load 1m | ratio to pgbench TPS |');
  console.log('|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of results) {
    const tps = r.transitions / r.seconds;
    console.log(`| ${r.clients} | ${tps.toFixed(0)} | ${(r.pairs / r.seconds).toFixed(0)} | ${f1(r.all.p50)} | ${f1(r.all.p95)} | ${f1(r.all.p99)} | ${f1(r.all.max)} | ${r.errors} | ${r.statements.toFixed(1)} | ${r.serverCpu.toFixed(2)} | ${r.postgresCpu.toFixed(2)} | ${(r.machineBusy * 100).toFixed(0)} % | ${r.load[0]!.toFixed(1)} | ${(tps / pgb.tps).toFixed(3)} |`);
  }
  for (const r of results) {
    console.log(`\n### C=${r.clients}: latency by event (ms)\n`);
    console.log('| event | n | p50 | p95 | p99 | mean | max |');
    console.log('|---|--:|--:|--:|--:|--:|--:|');
    for (const [k, s] of r.byEvent) console.log(`| ${k} | ${s.n} | ${f1(s.p50)} | ${f1(s.p95)} | ${f1(s.p99)} | ${f1(s.mean)} | ${f1(s.max)} |`);
    printBackendWaits(r.waits, r.waitSamples);
    for (const e of r.errorSamples) console.log(`error sample: ${e}`);
  }
  console.log(`\n## The SQL floor (same run): the step's statements replayed by pgbench (bench/lifecycle/floor.pgbench, -M prepared, ${SECONDS} s)\n`);
  console.log('| clients | steps/s | latency average ms | PostgreSQL CPU ms / step | ratio to pgbench TPS | the app / the floor |');
  console.log('|--:|--:|--:|--:|--:|--:|');
  for (const f of floors) {
    const app = results.find((r) => r.clients === f.clients);
    const appTps = app ? app.transitions / app.seconds : NaN;
    console.log(`| ${f.clients} | ${f.tps.toFixed(0)} | ${f1(f.latencyMs)} | ${f.postgresCpuMs.toFixed(2)} | ${(f.tps / pgb.tps).toFixed(3)} | ${(appTps / f.tps).toFixed(3)} |`);
  }
  console.log(`\n## pgbench baseline (same run): scale 1, -c ${pgb.clients} -j 2 -T ${pgb.seconds} -N (simple update)\n`);
  console.log(`tps ${pgb.tps.toFixed(0)} (without initial connection time), latency average ${pgb.latencyMs.toFixed(1)} ms, load ${pgb.load[0]!.toFixed(1)}`);
  const at64 = results.find((r) => r.clients === 64), at16 = results.find((r) => r.clients === 16);
  if (at64) console.log(`target ≥ 0.3× pgbench at 64 clients: ${(at64.transitions / at64.seconds / pgb.tps).toFixed(3)}×; server CPU ≤ 1 ms/step: ${at64.serverCpu.toFixed(2)} ms`);
  if (at16) console.log(`target p99 < 50 ms at 16 clients: ${f1(at16.all.p99)} ms`);
  if (results.some((r) => r.errors > 0)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
