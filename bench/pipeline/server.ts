/**
 * The app under test, in a child process of bench/pipeline/run.ts (so that the load generator's
 * JavaScript does not share the server's event loop): the real buildApp on PostgreSQL with a pool
 * of PG_POOL_MAX connections, listening on 127.0.0.1 (port 0). Talks to the parent over IPC:
 * sends { port } when listening, answers 'cpu' with its CPU time and the number of statements
 * sent to PostgreSQL so far, closes on 'stop'.
 *
 * The clock ticks in real time from BENCH_CLOCK_START (a date inside the seeded calendar, so
 * that every deadline is computed, none provisional). No deadline sweeper: nothing falls due.
 * BENCH_TRACE_SQL=file appends every statement (text, name, values) to the file, one JSON line each.
 */
import fs from 'node:fs';
import pg from 'pg';
import { defaultPoolSize, openDatabase } from '../../src/db/client';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/domain/clock/clock';

/** statements sent to PostgreSQL (every query of node-postgres goes through Client#query) */
let statements = 0;
const originalQuery = pg.Client.prototype.query;
/** BENCH_TRACE_SQL=file: every statement's text, name and values, one JSON line each (the SQL floor's statements) */
const traceTo = process.env.BENCH_TRACE_SQL;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  if (traceTo) {
    const q = args[0] as string | { text?: string; name?: string; values?: unknown[] };
    const entry = typeof q === 'string' ? { text: q, values: args[1] } : { text: q?.text, name: q?.name, values: q?.values ?? args[1] };
    fs.appendFileSync(traceTo, `${JSON.stringify(entry)}\n`);
  }
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;

async function main() {
  const url = process.env.BENCH_DB_URL;
  if (!url) throw new Error('BENCH_DB_URL missing');
  const offset = new Date(process.env.BENCH_CLOCK_START ?? '2026-03-16T09:00:00+08:00').getTime() - Date.now();
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const database = await openDatabase({ url, migrate: false });
  const config = loadConfig({ NODE_ENV: 'production', SEED_DEMO: '0', HOST: '127.0.0.1', PORT: '0' });
  const app = await buildApp({ database, db: database.db, clock, config }, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  process.send?.({ port, pool: Number(process.env.PG_POOL_MAX ?? defaultPoolSize()) });
  process.on('message', async (m) => {
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage(), statements });
    if (m === 'stop') {
      await app.close();
      await database.close();
      process.exit(0);
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
