/**
 * `npx tsx bench/pipeline/trace.ts` — the SQL statements of one pipeline run, step by step: drives
 * BENCH_TRACE_APPS (2) applications through the benchmark's procedure (run.ts's PLAN) with
 * app.inject on PostgreSQL and prints every statement node-postgres sends, grouped by HTTP step,
 * with the count per step. The first application warms the per-process caches; the last one is
 * what a steady-state step costs. Uses its own scratch database `dingdian_bench_trace`.
 *
 * Then BENCH_TRACE_LOOPS (0) more applications, one after the other and unlogged, for this process's
 * CPU time per HTTP step (app.inject: Fastify, the use cases, drizzle and node-postgres, without
 * the HTTP parsing; PostgreSQL's own CPU is not in it) — a steadier A/B figure on a shared machine
 * than the benchmark's throughput (copy this file into another checkout to compare).
 *
 * Env: BENCH_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_TRACE_APPS (2),
 * BENCH_TRACE_LOOPS (0), BENCH_TRACE_FULL=1 (print whole statements, not their first 140 characters).
 */
import pg from 'pg';
import { BENCH_MATERIALS, materialUpload, recreateDatabase, seedBenchData } from './setup';
import { openDatabase } from '../../src/db/client';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/domain/clock/clock';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const APPS = Number(process.env.BENCH_TRACE_APPS ?? 2);
const FULL = process.env.BENCH_TRACE_FULL === '1';
const LOOPS = Number(process.env.BENCH_TRACE_LOOPS ?? 0);
const CLOCK_START = '2026-03-16T09:00:00+08:00';

const log: string[] = [];
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const q = args[0] as string | { text?: string };
  const text = (typeof q === 'string' ? q : q?.text ?? '?').replace(/\s+/g, ' ').trim();
  log.push(FULL ? text : text.slice(0, 140));
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;

const CREATE_BODY = { paymentCategories: ['general_outpatient', 'inpatient'], insuranceSchemes: ['employee', 'resident', 'critical_illness'], note: '压测申请' };
const PLAN: { event: string; actor: 'inst' | 'officer'; payload: object }[] = [
  { event: 'submit', actor: 'inst', payload: {} },
  { event: 'request_supplement', actor: 'officer', payload: { missingItems: BENCH_MATERIALS } },
  { event: 'supplement', actor: 'inst', payload: { items: BENCH_MATERIALS } },
  { event: 'accept', actor: 'officer', payload: {} },
  { event: 'record_inquiry', actor: 'officer', payload: { kind: 'inquiry_letter', counterpart: '曲靖市医疗保障局', summary: '函询该机构在曲靖市的协议履行情况' } },
  { event: 'withdraw', actor: 'inst', payload: { reason: '压测：撤回申请' } },
];

async function main() {
  const url = await recreateDatabase(ADMIN_URL, 'dingdian_bench_trace');
  const clock: Clock = { now: () => new Date(CLOCK_START) };
  const data = await seedBenchData(url, clock, APPS + LOOPS, 1);
  const database = await openDatabase({ url, migrate: false });
  const config = loadConfig({ NODE_ENV: 'production', SEED_DEMO: '0', HOST: '127.0.0.1', PORT: '0' });
  const app = await buildApp({ database, db: database.db, clock, config }, { logger: false });
  await app.ready();
  const totals = new Map<string, number>();
  let cpu0 = process.cpuUsage();
  let t0 = performance.now();
  for (let a = 0; a < APPS + LOOPS; a++) {
    const inst = data.institutions[a]!;
    const officer = data.officers.get(inst.regionCode)!;
    const last = a === APPS - 1;
    if (a === APPS) {
      cpu0 = process.cpuUsage();
      t0 = performance.now();
    }
    const step = async (name: string, method: 'POST', path: string, headers: Record<string, string>, body: object) => {
      log.length = 0;
      const r = await app.inject({ method, url: path, headers, payload: body });
      if (r.statusCode >= 300) throw new Error(`${name}: ${r.statusCode} ${r.body}`);
      if (last) {
        console.log(`\n## ${name}: ${log.length} statements`);
        for (const s of log) console.log(`  ${s}`);
        totals.set(name, log.length);
      }
      return JSON.parse(r.body) as Record<string, unknown>;
    };
    const created = await step('create', 'POST', '/api/applications', inst.staff, CREATE_BODY);
    const id = created.id as string;
    let version = created.version as number;
    for (const s of PLAN) {
      if (s.event === 'supplement') {
        // 受理 waits for every required material (decision 0016): one upload each before the 补正
        for (const item of BENCH_MATERIALS) {
          const m = materialUpload(item, id);
          const u = await app.inject({ method: 'POST', url: `/api/applications/${id}/materials`, headers: { ...inst.staff, 'content-type': m.type }, payload: m.raw });
          if (u.statusCode !== 201) throw new Error(`upload ${item}: ${u.statusCode} ${u.body}`);
        }
      }
      const r = await step(s.event, 'POST', `/api/applications/${id}/events/${s.event}`, s.actor === 'inst' ? inst.staff : officer, { version, ...s.payload });
      version = (r.application as { version: number }).version;
    }
  }
  if (LOOPS > 0) {
    const cpu = process.cpuUsage(cpu0);
    const n = LOOPS * (PLAN.length + 1);
    console.log(`\n${LOOPS} applications, ${n} HTTP steps in ${((performance.now() - t0) / 1000).toFixed(1)} s: ` +
      `CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms per HTTP step (user ${(cpu.user / 1000 / n).toFixed(2)}, system ${(cpu.system / 1000 / n).toFixed(2)})`);
  }
  const all = [...totals.values()].reduce((x, y) => x + y, 0);
  console.log(`\n| step | statements |\n|---|--:|`);
  for (const [k, v] of totals) console.log(`| ${k} | ${v} |`);
  console.log(`| **mean per HTTP step** | ${(all / totals.size).toFixed(2)} |`);
  await app.close();
  await database.close();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS dingdian_bench_trace WITH (FORCE)');
  await admin.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
