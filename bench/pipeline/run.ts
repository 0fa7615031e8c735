/**
 * `npm run bench:pipeline` — designation pipeline throughput over HTTP against PostgreSQL
 * (issue 3, "Speed"), next to pgbench's simple-update TPS measured in the same run.
 *
 * 1. drops and creates the database `dingdian_bench_pipeline`, migrates, seeds regions, the
 *    calendar, 昆明's county agencies and BENCH_PIPELINE_INSTITUTIONS applicant hospitals with
 *    their staff users and sessions (bench/pipeline/setup.ts);
 * 2. starts the real Fastify app in a child process (bench/pipeline/server.ts) on 127.0.0.1 with
 *    a pool of PG_POOL_MAX connections;
 * 3. for each client count C: C concurrent keep-alive HTTP clients, each taking the next
 *    institution and driving a fresh application through
 *      create draft → submit (+ automatic screening) → 一次性告知 (request_supplement, document)
 *      → 5 uploads (the required materials) → 补正 (supplement) → 受理 (accept, document) → 函询 (record_inquiry) → withdraw,
 *    as fast as it can for BENCH_PIPELINE_SECONDS; latency per HTTP step, transitions per second
 *    (a transition = one workflow event = one transaction + one audit row; the submit step runs
 *    two, submit and screening_completed; the draft's create is an audited step, not a transition);
 *    while it runs, pg_stat_activity of the bench database is sampled every 50 ms;
 * 4. stops the app (its connections must be free for pgbench), runs `pgbench -i -s 1` on a scratch
 *    database and `pgbench -c 64 -j 2 -T 15 -N` (simple update), and prints both side by side.
 *
 * Env: BENCH_ADMIN_URL (the Unix socket in /var/run/postgresql if present, else postgres://postgres@127.0.0.1:5432/postgres), BENCH_PIPELINE_CLIENTS (1,16,64),
 * BENCH_PIPELINE_SECONDS (15), BENCH_PIPELINE_INSTITUTIONS (12000: more than a run creates, so that no institution applies twice), BENCH_PIPELINE_COUNTIES (8), PG_POOL_MAX (the app's default: 4 per core),
 * BENCH_PGBENCH_SECONDS (15), BENCH_PGBENCH_CLIENTS (64), BENCH_PIPELINE_CPU_PROF=dir (server --cpu-prof),
 * BENCH_PIPELINE_SERVER (server.ts of another checkout, for an A/B against an older commit), BENCH_PGBENCH=0 (skip pgbench).
 * Client and server share this machine's cores (the clients are one process, the server another).
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ADMIN_URL, Latencies, cpuTimes, postgresCpu, printBackendWaits, request, runPgbench, sampleBackendWaits, serverCpu, type Resp } from './harness';
import { BENCH_MATERIALS, materialUpload, recreateDatabase, seedBenchData, type BenchData, type BenchInstitution } from './setup';
import { summarize, type Summary } from '../stats';
import { openDatabase } from '../../src/db/client';
import { verifyAuditLog } from '../../src/db/audit-repo';
import { defaultPoolSize } from '../../src/db/client';

const here = path.dirname(fileURLToPath(import.meta.url));
const DB_NAME = 'dingdian_bench_pipeline';
const CLIENTS = (process.env.BENCH_PIPELINE_CLIENTS ?? '1,16,64').split(',').map(Number).filter((n) => n > 0);
const SECONDS = Number(process.env.BENCH_PIPELINE_SECONDS ?? 15);
const N_INST = Number(process.env.BENCH_PIPELINE_INSTITUTIONS ?? 12000);
const N_COUNTIES = Number(process.env.BENCH_PIPELINE_COUNTIES ?? 8);
const POOL = Number(process.env.PG_POOL_MAX ?? defaultPoolSize());
const CLOCK_START = '2026-03-16T09:00:00+08:00';


// ---------------------------------------------------------------- the procedure each client drives
type Actor = 'inst' | 'officer';
/** `uploads`: materials the institution uploads (one HTTP request each, timed as 'upload') before the step */
interface Step { event: string; actor: Actor; transitions: number; payload: object; uploads?: string[] }
const CREATE_BODY = { paymentCategories: ['general_outpatient', 'inpatient'], insuranceSchemes: ['employee', 'resident', 'critical_illness'], note: '压测申请' };
const PLAN: Step[] = [
  { event: 'submit', actor: 'inst', transitions: 2, payload: {} },
  // a 一次性告知 lists every required item still missing (decision 0016); the institution uploads them, then 补正
  { event: 'request_supplement', actor: 'officer', transitions: 1, payload: { missingItems: BENCH_MATERIALS } },
  { event: 'supplement', actor: 'inst', transitions: 1, payload: { items: BENCH_MATERIALS }, uploads: BENCH_MATERIALS },
  { event: 'accept', actor: 'officer', transitions: 1, payload: {} },
  { event: 'record_inquiry', actor: 'officer', transitions: 1, payload: { kind: 'inquiry_letter', counterpart: '曲靖市医疗保障局', summary: '函询该机构在曲靖市的协议履行情况' } },
  { event: 'withdraw', actor: 'inst', transitions: 1, payload: { reason: '压测：撤回申请' } },
];
const STEP_NAMES = ['create', 'upload', ...PLAN.map((p) => p.event)];

interface LevelResult {
  clients: number;
  seconds: number;
  steps: number;
  transitions: number;
  loops: number;
  errors: number;
  errorSamples: string[];
  all: Summary;
  byStep: Map<string, Summary>;
  auditRows: number;
  serverCpu: number;
  statements: number;
  clientCpu: number;
  postgresCpu: number;
  machineBusy: number;
  load: number[];
  waits: Map<string, number>;
  waitSamples: number;
}



async function runLevel(
  port: number, data: BenchData, clients: number, seconds: number, cursor: { next: number },
  server: ReturnType<typeof fork>, sampler: pg.Client | null, auditCount: () => Promise<number>,
): Promise<LevelResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients * 2 });
  const all = new Latencies();
  const byStep = new Map(STEP_NAMES.map((s) => [s, new Latencies()]));
  let steps = 0, transitions = 0, loops = 0, errors = 0;
  const errorSamples: string[] = [];
  const open: { inst: BenchInstitution; id: string; version: number }[] = [];
  const audit0 = await auditCount();
  const cpu0 = await serverCpu(server);
  const client0 = process.cpuUsage();
  const m0 = cpuTimes();
  const pg0 = postgresCpu();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;

  const waitSampler = sampleBackendWaits(sampler, DB_NAME);

  const fail = (what: string, r: Resp) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  };
  const timed = async (name: string, fn: () => Promise<Resp>) => {
    const t = performance.now();
    const r = await fn();
    const ms = performance.now() - t;
    all.push(ms);
    byStep.get(name)!.push(ms);
    steps++;
    return r;
  };

  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < end) {
      const inst = data.institutions[cursor.next++ % data.institutions.length]!;
      const officer = data.officers.get(inst.regionCode)!;
      const created = await timed('create', () => request(agent, port, 'POST', '/api/applications', inst.staff, CREATE_BODY));
      if (created.status !== 201) { fail('create', created); continue; }
      const cur = { inst, id: created.body.id as string, version: created.body.version as number };
      open.push(cur);
      for (const s of PLAN) {
        if (performance.now() >= end) break;
        let uploaded = true;
        for (const item of s.uploads ?? []) {
          const u = await timed('upload', () => request(agent, port, 'POST', `/api/applications/${cur.id}/materials`, inst.staff, materialUpload(item, cur.id)));
          if (u.status !== 201) { fail('upload', u); uploaded = false; break; }
        }
        if (!uploaded) break;
        const r = await timed(s.event, () => request(agent, port, 'POST', `/api/applications/${cur.id}/events/${s.event}`,
          s.actor === 'inst' ? inst.staff : officer, { version: cur.version, ...s.payload }));
        if (r.status !== 200) { fail(s.event, r); break; }
        transitions += s.transitions;
        cur.version = (r.body.application as { version: number }).version;
        if (s.event === 'withdraw') { open.splice(open.indexOf(cur), 1); loops++; }
      }
    }
  }));
  const elapsed = (performance.now() - t0) / 1000;
  const m1 = cpuTimes();
  const pg1 = postgresCpu();
  const client1 = process.cpuUsage(client0);
  const cpu1 = await serverCpu(server);
  const { waits, samples: waitSamples } = await waitSampler.stop();
  const auditRows = (await auditCount()) - audit0;

  // unmeasured: withdraw what the deadline interrupted, so that these institutions can apply again
  for (const o of open) {
    await request(agent, port, 'POST', `/api/applications/${o.id}/events/withdraw`, o.inst.staff, { version: o.version });
  }
  agent.destroy();
  return {
    clients, seconds: elapsed, steps, transitions, loops, errors, errorSamples,
    all: summarize(all.values()),
    byStep: new Map([...byStep].map(([k, v]) => [k, summarize(v.values())])),
    auditRows,
    serverCpu: (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1e6,
    statements: cpu1.statements - cpu0.statements,
    clientCpu: (client1.user + client1.system) / 1e6,
    postgresCpu: pg1 - pg0,
    machineBusy: (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total),
    load: os.loadavg(),
    waits, waitSamples,
  };
}



// ---------------------------------------------------------------- main
const f1 = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function main() {
  const pgVersion = await (async () => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    const r = await c.query<{ v: string; sc: string; fs: string; sb: string; mc: string }>(
      `SELECT current_setting('server_version') v, current_setting('synchronous_commit') sc, current_setting('fsync') fs,
              current_setting('shared_buffers') sb, current_setting('max_connections') mc`);
    await c.end();
    return r.rows[0]!;
  })();
  console.log(`\n# Designation pipeline throughput — HTTP → Fastify → PostgreSQL`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`PostgreSQL ${pgVersion.v}: synchronous_commit=${pgVersion.sc} fsync=${pgVersion.fs} shared_buffers=${pgVersion.sb} max_connections=${pgVersion.mc}; app pool ${POOL}; connection ${new URL(ADMIN_URL).searchParams.get('host') ? `Unix socket ${new URL(ADMIN_URL).searchParams.get('host')}` : `TCP ${new URL(ADMIN_URL).host}`} (app and pgbench alike)`);

  const t0 = performance.now();
  const url = await recreateDatabase(ADMIN_URL, DB_NAME);
  const data = await seedBenchData(url, { now: () => new Date(CLOCK_START) }, N_INST, N_COUNTIES);
  console.log(`setup: ${data.institutions.length} institutions in ${data.counties.length} counties of 昆明市 (${data.counties.map((c) => c.name).join('、')}), ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const execArgv = ['--import', 'tsx'];
  if (process.env.BENCH_PIPELINE_CPU_PROF) execArgv.push('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PIPELINE_CPU_PROF}`);
  const server = fork(process.env.BENCH_PIPELINE_SERVER ?? path.join(here, 'server.ts'), [], {
    execArgv, env: { ...process.env, BENCH_DB_URL: url, PG_POOL_MAX: String(POOL), BENCH_CLOCK_START: CLOCK_START, NODE_ENV: 'production' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('message', (m) => resolve((m as { port: number }).port));
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });

  const sampler = new pg.Client({ connectionString: url });
  await sampler.connect();
  const auditCount = async () => Number((await sampler.query<{ n: string }>(`SELECT count(*) n FROM audit_log WHERE action LIKE 'application.%'`)).rows[0]!.n);

  const cursor = { next: 0 };
  // warm-up: JIT, plan caches, the calendar cache; not reported
  await runLevel(port, data, 8, 3, cursor, server, null, auditCount);

  const results: LevelResult[] = [];
  for (const c of CLIENTS) {
    const r = await runLevel(port, data, c, SECONDS, cursor, server, sampler, auditCount);
    results.push(r);
    console.log(`  C=${c}: ${(r.transitions / r.seconds).toFixed(0)} transitions/s, p50 ${f1(r.all.p50)} ms, p99 ${f1(r.all.p99)} ms, errors ${r.errors}, load ${r.load[0]!.toFixed(1)}`);
  }
  await sampler.end();
  server.send('stop');
  await new Promise((res) => server.once('exit', res));

  // the chain must still verify after the run
  const check = await openDatabase({ url, migrate: false });
  const tv = performance.now();
  const verdict = await verifyAuditLog(check.db);
  const [{ n: auditTotal }] = (await check.query<{ n: string }>('SELECT count(*) n FROM audit_log')) as [{ n: string }];
  await check.close();
  const verifyMs = performance.now() - tv;

  const pgb = process.env.BENCH_PGBENCH === '0' ? { tps: NaN, latencyMs: NaN, clients: 0, seconds: 0, load: os.loadavg() } : await runPgbench();

  console.log(`\n## Pipeline: HTTP steps per client count (${SECONDS} s each, pool ${POOL})\n`);
  console.log('| clients | transitions/s | HTTP steps/s | applications/s | p50 ms | p95 ms | p99 ms | max ms | errors | audit rows = transitions + creates | SQL statements / step | server CPU ms / step | PostgreSQL CPU ms / step | server CPU | client CPU | machine busy | load 1m | ratio to pgbench TPS |');
  console.log('|--:|--:|--:|--:|--:|--:|--:|--:|--:|:--|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of results) {
    const tps = r.transitions / r.seconds;
    const creates = r.byStep.get('create')!.n;
    console.log(`| ${r.clients} | ${tps.toFixed(0)} | ${(r.steps / r.seconds).toFixed(0)} | ${(r.loops / r.seconds).toFixed(1)} | ${f1(r.all.p50)} | ${f1(r.all.p95)} | ${f1(r.all.p99)} | ${f1(r.all.max)} | ${r.errors} | ${r.auditRows} ${r.auditRows === r.transitions + creates - r.errors ? '=' : '≈'} ${r.transitions} + ${creates} | ${(r.statements / r.steps).toFixed(1)} | ${(r.serverCpu * 1000 / r.steps).toFixed(1)} | ${(r.postgresCpu * 1000 / r.steps).toFixed(1)} | ${(r.serverCpu / r.seconds * 100).toFixed(0)} % | ${(r.clientCpu / r.seconds * 100).toFixed(0)} % | ${(r.machineBusy * 100).toFixed(0)} % | ${r.load[0]!.toFixed(1)} | ${(tps / pgb.tps).toFixed(3)} |`);
  }
  for (const r of results) {
    console.log(`\n### C=${r.clients}: latency by step (ms)\n`);
    console.log('| step | n | p50 | p95 | p99 | mean | max |');
    console.log('|---|--:|--:|--:|--:|--:|--:|');
    for (const [k, s] of r.byStep) console.log(`| ${k} | ${s.n} | ${f1(s.p50)} | ${f1(s.p95)} | ${f1(s.p99)} | ${f1(s.mean)} | ${f1(s.max)} |`);
    printBackendWaits(r.waits, r.waitSamples);
    for (const e of r.errorSamples) console.log(`error sample: ${e}`);
  }
  console.log(`\n## pgbench baseline (same run): scale 1, -c ${pgb.clients} -j 2 -T ${pgb.seconds} -N (simple update)\n`);
  console.log(`tps ${pgb.tps.toFixed(0)} (without initial connection time), latency average ${pgb.latencyMs.toFixed(1)} ms, load ${pgb.load[0]!.toFixed(1)}`);
  console.log(`\naudit chain after the run: ${verdict.ok ? 'verifies' : 'BROKEN'} (${auditTotal} rows, ${verifyMs.toFixed(0)} ms)`);
  if (!verdict.ok) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
