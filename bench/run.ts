/**
 * `npm run bench`: make sure the national-scale data is there (BENCH_COUNT to scale down),
 * then run the registry-search benchmark and print latency percentiles, ratios to the raw
 * baseline measured in the same run, and EXPLAIN (ANALYZE, BUFFERS) of a 2-character query.
 *
 * Env: BENCH_COUNT (default 1 100 000), BENCH_QUERIES (default 500), BENCH_DATABASE_URL.
 */
import os from 'node:os';
import pg from 'pg';

import { openDatabase } from '../src/db/client';
import { listInstitutions } from '../src/db/institution-repo';
import { DEFAULT_COUNT, DEFAULT_URL, generate } from './generate';
import { sampleQueries, stressQueries, type BenchQuery } from './queries';
import { cappedSearch, naiveSql, PAGE_BY_ID, PAGE_BY_NAME, searchArgs, regionToken } from './search-sql';
import { printTable, summarize, time, type Summary } from './stats';

const count = Number(process.env.BENCH_COUNT ?? DEFAULT_COUNT);
const nQueries = Number(process.env.BENCH_QUERIES ?? 500);
const url = DEFAULT_URL;

/** The repository's SQL (listInstitutions as committed), sent as a plain parameterised query. */
const REPO_COUNT = `SELECT count(*)::int AS total FROM institutions
  WHERE region_code LIKE $1 AND lower(name) LIKE $2 AND region_code LIKE $3 AND search_tokens @> $4::text[]`;
const REPO_PAGE = `SELECT i.id, i.name, i.uscc, i.yb_code, i.kind, i.subtype, i.ownership, i.hospital_level, i.grade,
    i.admin_level, i.region_code, r.name AS region_name, i.address, i.status, i.dual_channel, i.parent_id,
    i.parent_relation, i.version, i.updated_at
  FROM institutions i LEFT JOIN regions r ON r.code = i.region_code
  WHERE i.region_code LIKE $1 AND lower(i.name) LIKE $2 AND i.region_code LIKE $3 AND i.search_tokens @> $4::text[]
  ORDER BY i.name, i.id LIMIT 20 OFFSET 0`;

function repoParams(b: BenchQuery): unknown[] {
  const province = b.regionCode!.slice(0, 2);
  const prefix = regionToken(b.regionCode!).slice(2);
  const { tokens } = searchArgs(b);
  return [`${province}%`, `%${b.q.normalize('NFKC').toLowerCase()}%`, `${prefix}%`, tokens];
}

async function main(): Promise<void> {
  const gen = await generate({ url, count });
  const database = await openDatabase({ url, migrate: false });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const [{ rows: n }] = await database.query<{ rows: string }>('SELECT count(*) AS rows FROM institutions') as [{ rows: string }];
    const queries = await sampleQueries(pool, nQueries);
    console.log(`\n# Registry search benchmark — ${Number(n).toLocaleString('en')} institutions, ${queries.length} queries`);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    if (gen.generated) console.log(`generated in ${gen.seconds.toFixed(0)} s`);

    const paths: Record<string, (b: BenchQuery) => Promise<unknown>> = {
      'app: listInstitutions (repo, exact count, by name)': (b) => listInstitutions(
        database.db, { kind: 'region', prefix: b.regionCode!.slice(0, 2) }, { q: b.q, region: b.regionCode, page: 1, pageSize: 20 },
      ),
      'raw pg: the same two statements': async (b) => {
        const p = repoParams(b);
        await pool.query(REPO_COUNT, p);
        await pool.query(REPO_PAGE, p);
      },
      'raw pg: proposed (exact ≤ 1000 by name, else estimate + id order)': (b) => cappedSearch(pool, b),
    };
    const names = Object.keys(paths);
    const samples: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
    const byKind: Record<string, number[]> = {};
    const byPath: Record<string, number[]> = { 'exact total, page by name (≤ 1000 matches)': [], 'estimated total, page in id order': [] };

    for (const b of queries.slice(0, 30)) for (const k of names) await paths[k]!(b); // warm-up
    for (const [i, b] of queries.entries()) {
      for (let j = 0; j < names.length; j++) {
        const k = names[(i + j) % names.length]!; // rotate so no path always runs on a warmer cache
        const { ms, value } = await time(() => paths[k]!(b));
        samples[k]!.push(ms);
        if (k === names[2]) {
          (byKind[`${b.kind}, ${b.level}`] ??= []).push(ms);
          byPath[(value as { exact: boolean }).exact ? 'exact total, page by name (≤ 1000 matches)' : 'estimated total, page in id order']!.push(ms);
        }
      }
    }
    const baseline = summarize(samples[names[1]!]!);
    const rows: [string, Summary][] = names.map((k) => [k, summarize(samples[k]!)]);
    printTable('Search = count + first page of 20 (ms per search)', rows, baseline);
    printTable('Proposed path by branch', Object.entries(byPath).map(([k, v]) => [k, summarize(v)]));
    printTable('Proposed path by query kind and territory level', Object.entries(byKind).sort().map(([k, v]) => [k, summarize(v)]));

    // the exact-count cap also decides the branch: sweep it over the same queries
    const caps = [1000, 2000, 3000, 5000];
    const sweep: Record<string, number[]> = {};
    for (const [i, b] of queries.entries()) {
      for (let j = 0; j < caps.length; j++) {
        const c = caps[(i + j) % caps.length]!;
        (sweep[`cap ${c}`] ??= []).push((await time(() => cappedSearch(pool, b, c))).ms);
      }
    }
    printTable('Proposed path: exact-count cap sweep (same queries)', caps.map((c) => [`cap ${c}`, summarize(sweep[`cap ${c}`]!)]));

    const stress: Record<string, number[]> = { 'repo SQL (raw pg)': [], 'proposed (raw pg)': [] };
    for (const [i, b] of stressQueries().entries()) {
      // the repo's exact count takes seconds here: run it on the first two provinces only
      if (i < 10) stress['repo SQL (raw pg)']!.push((await time(async () => { await pool.query(REPO_COUNT, repoParams(b)); await pool.query(REPO_PAGE, repoParams(b)); })).ms);
      stress['proposed (raw pg)']!.push((await time(() => cappedSearch(pool, b))).ms);
    }
    printTable('Stress: 5 frequent bigrams × 5 largest provinces (repo SQL: 2 provinces)', Object.entries(stress).map(([k, v]) => [k, summarize(v)]));

    const naive: number[] = [];
    const indexed: number[] = [];
    for (const b of queries.filter((x) => x.level === 'province').slice(0, 8)) {
      naive.push((await time(() => pool.query(naiveSql(b.regionCode), [`%${b.q}%`]))).ms);
      indexed.push((await time(() => cappedSearch(pool, b))).ms);
    }
    printTable('Naive `name LIKE` scan vs the index (8 province-level queries)', [
      ['naive: name LIKE + region_code LIKE, count(*) OVER ()', summarize(naive)], ['proposed (same queries)', summarize(indexed)],
    ], summarize(indexed));

    const { tokens, pattern } = searchArgs({ q: '人民', regionCode: '530100' });
    console.log(`\n## EXPLAIN (ANALYZE, BUFFERS): '人民' in 昆明市 (530100), page by name\n`);
    const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${PAGE_BY_NAME}`, [tokens, pattern, 20, 0]);
    console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    const gd = searchArgs({ q: '药房', regionCode: '440000' });
    const plan2 = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${PAGE_BY_ID}`, [gd.tokens, gd.pattern, 20, 0]);
    console.log(`\n## EXPLAIN (ANALYZE, BUFFERS): '药房' in 广东省 (440000), page in id order\n`);
    console.log(plan2.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
  } finally {
    await pool.end();
    await database.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
