/**
 * National-scale registry generator: ~1.1 million designated institutions across all
 * provinces, loaded with COPY into a dedicated PostgreSQL database (default dingdian_bench).
 *
 *   npx tsx bench/generate.ts [--count N] [--url postgres://…/dingdian_bench]
 *
 * Idempotent: does nothing when the table already holds ≥ N rows; otherwise empties the
 * bench database's institutions and loads N rows (secondary indexes and the region FK are
 * dropped during the load and rebuilt afterwards, then VACUUM ANALYZE).
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import { openDatabase } from '../src/db/client';
import { counties, countySampler, loadRegions } from './regions';
import { COPY_COLUMNS, rowFactory } from './rows';
import { mulberry32 } from '../src/domain/random';

export const DEFAULT_COUNT = 1_100_000;
export const DEFAULT_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dingdian_bench';
const STREAMS = 2; // the machine has 2 cores
const CHUNK = 2_000;

const log = (msg: string) => process.stderr.write(`[generate] ${msg}\n`);

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsupported database name: ${name}`);
  u.pathname = '/postgres';
  await withClient(u.toString(), async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      log(`creating database ${name}`);
      await c.query(`CREATE DATABASE ${name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`);
    }
  });
}

interface Saved { drop: string; create: string }

/** Secondary indexes and the region FK of institutions, to drop before and rebuild after the load. */
async function savedStructures(c: pg.Client): Promise<{ indexes: Saved[]; fks: Saved[] }> {
  const idx = await c.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.tablename = 'institutions' AND i.schemaname = 'public' AND i.indexname <> 'institutions_pkey'`,
  );
  const fk = await c.query<{ conname: string; def: string }>(
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'public.institutions'::regclass AND contype = 'f'`,
  );
  return {
    indexes: idx.rows.map((r) => ({ drop: `DROP INDEX IF EXISTS "${r.indexname}"`, create: r.indexdef })),
    fks: fk.rows.map((r) => ({
      drop: `ALTER TABLE institutions DROP CONSTRAINT IF EXISTS "${r.conname}"`,
      create: `ALTER TABLE institutions ADD CONSTRAINT "${r.conname}" ${r.def}`,
    })),
  };
}

async function copyRows(url: string, count: number): Promise<void> {
  const rand = mulberry32(20240601);
  const sample = countySampler(counties(rand));
  const makeRow = rowFactory(rand, sample, new Date().toISOString());
  let next = 0;
  const started = Date.now();
  // The streams share one generator: rows stay deterministic in content, unique in uscc/yb_code.
  function* chunks(): Generator<string> {
    while (next < count) {
      const end = Math.min(count, next + CHUNK);
      let s = '';
      for (; next < end; next++) s += makeRow(next);
      if (next % 100_000 < CHUNK) log(`${next.toLocaleString('en')} rows (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      yield s;
    }
  }
  const gen = chunks();
  const sql = `COPY institutions (${COPY_COLUMNS.join(', ')}) FROM STDIN`;
  await Promise.all(
    Array.from({ length: STREAMS }, () =>
      withClient(url, async (c) => {
        await c.query('SET synchronous_commit = off');
        const shared: Iterable<string> = { [Symbol.iterator]: () => ({ next: () => gen.next() }) };
        await pipeline(Readable.from(shared), c.query(copyFrom(sql)));
      })),
  );
}

export async function generate(opts: { url?: string; count?: number } = {}): Promise<{ generated: boolean; rows: number; seconds: number }> {
  const url = opts.url ?? DEFAULT_URL;
  const count = opts.count ?? DEFAULT_COUNT;
  const t0 = Date.now();
  // the load empties institutions: refuse anything that is not a benchmark database
  if (!/bench/.test(new URL(url).pathname)) throw new Error(`refusing to load into ${url}: the database name must contain "bench"`);
  await ensureDatabase(url);
  const database = await openDatabase({ url });
  try {
    const [{ n }] = await database.query<{ n: string }>('SELECT count(*) AS n FROM institutions') as [{ n: string }];
    if (Number(n) >= count) {
      log(`institutions already holds ${Number(n).toLocaleString('en')} rows (≥ ${count.toLocaleString('en')}): skipping`);
      return { generated: false, rows: Number(n), seconds: 0 };
    }
    log(`regions: ${await loadRegions(database)} divisions`);
  } finally {
    await database.close();
  }

  const saved = await withClient(url, async (c) => {
    const s = await savedStructures(c);
    await c.query('TRUNCATE institutions CASCADE');
    for (const x of [...s.fks, ...s.indexes]) await c.query(x.drop);
    return s;
  });
  log(`loading ${count.toLocaleString('en')} rows with ${STREAMS} COPY streams`);
  await copyRows(url, count);
  const tLoad = Date.now();
  log(`loaded in ${((tLoad - t0) / 1000).toFixed(1)} s; rebuilding ${saved.indexes.length} indexes`);

  // Two connections rebuild in parallel: the GIN index (the slowest) alone on one.
  const gin = saved.indexes.filter((x) => /USING gin/i.test(x.create));
  const rest = saved.indexes.filter((x) => !/USING gin/i.test(x.create));
  const build = (list: Saved[]) => withClient(url, async (c) => {
    await c.query("SET maintenance_work_mem = '512MB'");
    for (const x of list) await c.query(x.create);
  });
  await Promise.all([build(gin), build(rest)]);
  await withClient(url, async (c) => {
    for (const x of saved.fks) await c.query(x.create);
    await c.query('VACUUM (ANALYZE) institutions');
    await c.query('ANALYZE regions');
  });
  const seconds = (Date.now() - t0) / 1000;
  log(`indexes, FK and VACUUM ANALYZE in ${((Date.now() - tLoad) / 1000).toFixed(1)} s; total ${seconds.toFixed(1)} s`);
  return { generated: true, rows: count, seconds };
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number((argValue('--count') ?? String(DEFAULT_COUNT)).replace(/_/g, ''));
  if (!Number.isInteger(count) || count <= 0) throw new Error('--count must be a positive integer');
  generate({ url: argValue('--url'), count }).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
