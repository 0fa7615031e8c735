/**
 * What the HTTP benchmarks share (bench/pipeline/run.ts, bench/lifecycle/http.ts): the PostgreSQL
 * URL they and pgbench use, a keep-alive JSON request, latency buffers, CPU meters of the server
 * child, of PostgreSQL and of the machine, and the pgbench baseline run in the same process.
 */
import { execFileSync, type fork } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import fs from 'node:fs';
import pg from 'pg';
import { recreateDatabase, type Headers } from './setup';

// PostgreSQL on this machine: its Unix-domain socket when there is one (what a same-host deployment and pgbench's
// default use; loopback TCP costs the server ≈ 40 % more CPU per step here), else loopback TCP. pgbench gets the same URL.
export const PG_SOCKET_DIR = '/var/run/postgresql';
export const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? (fs.existsSync(`${PG_SOCKET_DIR}/.s.PGSQL.5432`)
  ? `postgres://postgres@localhost/postgres?host=${encodeURIComponent(PG_SOCKET_DIR)}`
  : 'postgres://postgres@127.0.0.1:5432/postgres');
const PGBENCH_DB = process.env.BENCH_PGBENCH_DB ?? 'dingdian_bench_pgbench';
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 15);
const PGBENCH_CLIENTS = Number(process.env.BENCH_PGBENCH_CLIENTS ?? 64);

// ---------------------------------------------------------------- HTTP
export interface Resp { status: number; body: Record<string, unknown> }

export function request(agent: http.Agent, port: number, method: string, url: string, headers: Headers, payload?: object | { raw: Buffer; type: string }): Promise<Resp> {
  const raw = payload && 'raw' in payload && Buffer.isBuffer(payload.raw) ? (payload as { raw: Buffer; type: string }) : null;
  const data = raw ? raw.raw : payload ? Buffer.from(JSON.stringify(payload)) : undefined;
  const type = raw ? raw.type : 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, method, path: url, agent,
      headers: { ...headers, ...(data ? { 'content-type': type, 'content-length': String(data.length) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown>;
        try { body = text ? JSON.parse(text) : {}; } catch { body = { raw: text }; }
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

export class Latencies {
  private xs = new Float64Array(1 << 16);
  n = 0;
  push(x: number) {
    if (this.n === this.xs.length) {
      const bigger = new Float64Array(this.xs.length * 2);
      bigger.set(this.xs);
      this.xs = bigger;
    }
    this.xs[this.n++] = x;
  }
  values(): number[] { return Array.from(this.xs.subarray(0, this.n)); }
}

/** CPU seconds (user + system) of every `postgres` process on this machine and of those that ended, from /proc (backends, walwriter, checkpointer…) */
export function postgresCpu(): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const f = stat.slice(close + 2).split(' ');
      // utime, stime (fields 14, 15) and cutime, cstime (16, 17): the postmaster's children that ended — a pgbench run's
      // backends exit before the second reading, and their CPU is then only in their parent's account
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch { /* the process ended meanwhile */ }
  }
  return ticks / 100; // USER_HZ
}

/** busy and total jiffies of the whole machine (all cores) */
export function cpuTimes(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (line[3] ?? 0) + (line[4] ?? 0);
  const total = line.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export function serverCpu(server: ReturnType<typeof fork>): Promise<NodeJS.CpuUsage & { statements: number }> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      if (m && typeof m === 'object' && 'cpu' in m) {
        server.off('message', on);
        const { cpu, statements } = m as { cpu: NodeJS.CpuUsage; statements: number };
        resolve({ ...cpu, statements });
      }
    };
    server.on('message', on);
    server.send('cpu');
  });
}

// ---------------------------------------------------------------- pgbench
export interface PgbenchResult { tps: number; latencyMs: number; clients: number; seconds: number; load: number[] }

function pgbenchBin(): string {
  for (const p of ['/usr/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench']) if (fs.existsSync(p)) return p;
  return 'pgbench';
}

/**
 * pgbench running a custom script (`-f`, prepared statements) against `url` — the SQL of a step without the app
 * (bench/lifecycle/floor.pgbench). `defines` become `-D name=value`. Returns its TPS and mean latency, and
 * PostgreSQL's CPU per transaction over the run.
 */
export function runPgbenchScript(url: string, script: string, clients: number, seconds: number, defines: Record<string, number>): PgbenchResult & { postgresCpuMs: number } {
  const pg0 = postgresCpu();
  const args = ['-n', '-M', process.env.BENCH_FLOOR_MODE ?? 'prepared', '-f', script, ...Object.entries(defines).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
    '-c', String(clients), '-j', String(Math.min(2, clients)), '-T', String(seconds), url];
  const out = execFileSync(pgbenchBin(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const pg1 = postgresCpu();
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? NaN);
  const processed = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? NaN);
  return {
    tps, latencyMs: Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN), clients, seconds, load: os.loadavg(),
    postgresCpuMs: (pg1 - pg0) * 1000 / Math.max(1, processed),
  };
}

export async function runPgbench(): Promise<PgbenchResult> {
  const url = await recreateDatabase(ADMIN_URL, PGBENCH_DB);
  const bin = pgbenchBin();
  execFileSync(bin, ['-i', '-s', '1', '-q', url], { stdio: ['ignore', 'ignore', 'pipe'] });
  const out = execFileSync(bin, ['-c', String(PGBENCH_CLIENTS), '-j', '2', '-T', String(PGBENCH_SECONDS), '-N', url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
  const lat = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${PGBENCH_DB} WITH (FORCE)`);
  await admin.end();
  return { tps, latencyMs: lat, clients: PGBENCH_CLIENTS, seconds: PGBENCH_SECONDS, load: os.loadavg() };
}

/**
 * Samples pg_stat_activity of one database every 50 ms while a level runs: what the app's backends are doing
 * (running on a CPU, waiting on a lock or the WAL, or idle in a transaction while the app computes its next
 * statement). Started before the level, `stop()` after it; the counts are samples × backends.
 */
export function sampleBackendWaits(sampler: pg.Client | null, dbName: string): { stop(): Promise<{ waits: Map<string, number>; samples: number }> } {
  const waits = new Map<string, number>();
  let samples = 0;
  let sampling = Boolean(sampler);
  const loop = (async () => {
    while (sampling && sampler) {
      const r = await sampler.query<{ w: string }>(
        `SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'CPU (active, no wait)')
                     WHEN state = 'idle in transaction' THEN 'idle in transaction (app between statements)'
                     ELSE state END AS w
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`, [dbName]);
      samples++;
      for (const { w } of r.rows) waits.set(w, (waits.get(w) ?? 0) + 1);
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  return {
    async stop() {
      sampling = false;
      await loop;
      return { waits, samples };
    },
  };
}

/** The sampled states as a markdown table (share of all backend samples, mean backends per sample). */
export function printBackendWaits(waits: Map<string, number>, samples: number): void {
  const total = [...waits.values()].reduce((a, b) => a + b, 0);
  console.log(`\nbackends of the app by state / wait event (${samples} samples of pg_stat_activity, mean backends per sample):\n`);
  console.log('| state / wait event | share | mean backends |');
  console.log('|---|--:|--:|');
  for (const [k, v] of [...waits].sort((a, b) => b[1] - a[1])) console.log(`| ${k} | ${(v / total * 100).toFixed(1)} % | ${(v / Math.max(1, samples)).toFixed(2)} |`);
}

