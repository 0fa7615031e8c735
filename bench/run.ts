/**
 * `npm run bench`: make sure the national-scale data is there (BENCH_COUNT to scale down), then
 * measure the registry list as the application runs it — `listInstitutions` through drizzle with
 * a province, prefecture or county agency Scope — next to a raw-pg baseline that sends exactly
 * the statements `listInstitutions` sent (captured with drizzle's logger), in the same run.
 *
 * Env: BENCH_COUNT (default 1 100 000), BENCH_QUERIES (default 500), BENCH_DATABASE_URL.
 */
import os from 'node:os';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';

import type { Db } from '../src/db/client';
import * as schema from '../src/db/schema/index';
import { listInstitutions, regionFilterPrefix, type InstitutionList, type ListOptions } from '../src/db/institution-repo';
import { cappedSearch, searchArgs } from '../src/db/institution-search';
import type { Scope } from '../src/domain/identity/territory';
import { DEFAULT_COUNT, DEFAULT_URL, generate } from './generate';
import { sampleQueries, stressQueries, type BenchQuery } from './queries';
import { printTable, summarize, time, type Summary } from './stats';

const count = Number(process.env.BENCH_COUNT ?? DEFAULT_COUNT);
const nQueries = Number(process.env.BENCH_QUERIES ?? 500);
const url = DEFAULT_URL;

/** The previous listInstitutions (exact count + ORDER BY name over every match), as plain SQL. */
const OLD_COUNT = `SELECT count(*)::int AS total FROM institutions
  WHERE region_code LIKE $1 AND lower(name) LIKE $2 AND search_tokens @> $3::text[]`;
const OLD_PAGE = `SELECT i.id, i.name, i.uscc, i.yb_code, i.kind, i.subtype, i.ownership, i.hospital_level, i.grade,
    i.admin_level, i.region_code, r.name AS region_name, i.address, i.status, i.dual_channel, i.parent_id,
    i.parent_relation, i.version, i.updated_at
  FROM institutions i LEFT JOIN regions r ON r.code = i.region_code
  WHERE i.region_code LIKE $1 AND lower(i.name) LIKE $2 AND i.search_tokens @> $3::text[]
  ORDER BY i.name, i.id LIMIT 20 OFFSET 0`;
const OLD_LIST_COUNT = `SELECT count(*)::int AS total FROM institutions WHERE region_code LIKE $1`;
const OLD_LIST_PAGE = `SELECT i.id, i.name, i.uscc, i.yb_code, i.kind, i.subtype, i.ownership, i.hospital_level, i.grade,
    i.admin_level, i.region_code, r.name AS region_name, i.address, i.status, i.dual_channel, i.parent_id,
    i.parent_relation, i.version, i.updated_at
  FROM institutions i LEFT JOIN regions r ON r.code = i.region_code
  WHERE i.region_code LIKE $1 ORDER BY i.name, i.id LIMIT 20 OFFSET 0`;

const scopeOfQuery = (b: { regionCode?: string }): Scope => ({ kind: 'region', prefix: regionFilterPrefix(b.regionCode!) });
const oldParams = (b: BenchQuery): unknown[] => [`${regionFilterPrefix(b.regionCode!)}%`, `%${b.q.normalize('NFKC').toLowerCase()}%`, searchArgs(b).tokens];

interface Statement { text: string; params: unknown[] }

async function main(): Promise<void> {
  const gen = await generate({ url, count });
  const pool = new pg.Pool({ connectionString: url, max: 4 }); // raw baselines
  const appPool = new pg.Pool({ connectionString: url, max: 4 }); // the application path
  let capture: Statement[] | null = null;
  const db = drizzle({
    client: appPool, schema,
    logger: { logQuery: (text, params) => capture?.push({ text, params }) },
  }) as unknown as Db;
  /** listInstitutions once, recording the statements it sent */
  const record = async (scope: Scope, q: string | undefined): Promise<Statement[]> => {
    capture = [];
    await listInstitutions(db, scope, { q, page: 1, pageSize: 20 });
    const out = capture;
    capture = null;
    return out;
  };
  const replay = async (stmts: Statement[]) => { for (const s of stmts) await pool.query(s.text, s.params); };
  const app = (b: { q?: string; regionCode?: string }, opts?: ListOptions) =>
    listInstitutions(db, scopeOfQuery(b), { q: b.q || undefined, page: 1, pageSize: 20 }, opts);

  try {
    const { rows: [n] } = await pool.query<{ rows: string }>('SELECT count(*) AS rows FROM institutions');
    const queries = await sampleQueries(pool, nQueries);
    console.log(`\n# Registry list benchmark — ${Number(n!.rows).toLocaleString('en')} institutions, ${queries.length} searches`);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    if (gen.generated) console.log(`generated in ${gen.seconds.toFixed(0)} s`);

    // pass 0: record the statements of every search (this pass also warms the cache for every path)
    const stmts = new Map<BenchQuery, Statement[]>();
    for (const b of queries) stmts.set(b, await record(scopeOfQuery(b), b.q));

    const APP = 'app: listInstitutions (drizzle, agency Scope)';
    const RAW = 'raw pg: the same statements (baseline)';
    const paths: Record<string, (b: BenchQuery) => Promise<unknown>> = {
      [APP]: (b) => app(b),
      [RAW]: (b) => replay(stmts.get(b)!),
      'app: territory also inline in the WHERE': (b) => app(b, { scopeCheck: 'inline' }),
      'raw pg: decision 0001 reference (cappedSearch)': (b) => cappedSearch(pool, b),
      'raw pg: previous listInstitutions (exact count, by name)': async (b) => {
        await pool.query(OLD_COUNT, oldParams(b));
        await pool.query(OLD_PAGE, oldParams(b));
      },
    };
    const names = Object.keys(paths);
    const samples: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
    const byKind: Record<string, number[]> = {};
    const byBranch: Record<string, number[]> = {};
    const branchOf = (r: InstitutionList) => (r.totalExact ? (r.order === 'name' ? 'exact total, by name' : 'exact total (short walk), id order') : 'estimated total, id order');
    for (const [i, b] of queries.entries()) {
      for (let j = 0; j < names.length; j++) {
        const k = names[(i + j) % names.length]!; // rotate so no path always runs on a warmer cache
        const { ms, value } = await time(() => paths[k]!(b));
        samples[k]!.push(ms);
        if (k === APP) {
          (byKind[`${b.kind}, ${b.level}`] ??= []).push(ms);
          (byBranch[branchOf(value as InstitutionList)] ??= []).push(ms);
        }
      }
    }
    const baseline = summarize(samples[RAW]!);
    printTable(`Name search = total + first page of 20 (ms per search, ${queries.length} searches)`, names.map((k) => [k, summarize(samples[k]!)] as [string, Summary]), baseline);
    printTable('Application path by branch', Object.entries(byBranch).sort().map(([k, v]) => [`${k} (${v.length})`, summarize(v)]));
    printTable('Application path by query kind and Scope level', Object.entries(byKind).sort().map(([k, v]) => [k, summarize(v)]));

    // lists without a name: a whole territory (20 of each level, from the searches' territories)
    const seen = new Set<string>();
    const territories = queries.map((b) => b.regionCode!).filter((c) => !seen.has(c) && seen.add(c));
    const byLevel = (lvl: 'province' | 'prefecture' | 'county') => territories.filter((c) => (lvl === 'province' ? c.endsWith('0000') : lvl === 'prefecture' ? c.endsWith('00') && !c.endsWith('0000') : !c.endsWith('00'))).slice(0, 20);
    const lists: Record<string, number[]> = {};
    for (const lvl of ['province', 'prefecture', 'county'] as const) {
      for (const c of byLevel(lvl)) {
        const s = await record(scopeOfQuery({ regionCode: c }), undefined);
        const runs: [string, () => Promise<unknown>][] = [
          [`app, ${lvl}`, () => app({ regionCode: c })],
          [`raw pg (same statements), ${lvl}`, () => replay(s)],
          [`previous (exact count, by name), ${lvl}`, async () => {
            const p = [`${regionFilterPrefix(c)}%`];
            await pool.query(OLD_LIST_COUNT, p);
            await pool.query(OLD_LIST_PAGE, p);
          }],
        ];
        for (const [k, fn] of runs) (lists[k] ??= []).push((await time(fn)).ms);
      }
    }
    printTable('Territory list without a name (Scope only): total + first page of 20', Object.entries(lists).map(([k, v]) => [k, summarize(v)]));

    const stress: Record<string, number[]> = { 'app: listInstitutions': [], 'raw pg: the same statements': [], 'raw pg: cappedSearch reference': [] };
    for (const b of stressQueries()) {
      const s = await record(scopeOfQuery(b), b.q);
      stress['app: listInstitutions']!.push((await time(() => app(b))).ms);
      stress['raw pg: the same statements']!.push((await time(() => replay(s))).ms);
      stress['raw pg: cappedSearch reference']!.push((await time(() => cappedSearch(pool, b))).ms);
    }
    printTable('Stress: 5 frequent bigrams × 5 largest provinces (province Scope)', Object.entries(stress).map(([k, v]) => [k, summarize(v)]));

    const explain = async (title: string, s: Statement[]) => {
      console.log(`\n## ${title}\n`);
      for (const st of s) {
        if (st.text.startsWith('EXPLAIN')) continue;
        console.log('```');
        console.log(st.text);
        const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${st.text}`, st.params);
        console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
        console.log('```');
      }
    };
    await explain(`listInstitutions: '人民', 昆明市 agency (Scope 5301) — exact total, by name`, await record({ kind: 'region', prefix: '5301' }, '人民'));
    await explain(`listInstitutions: '药房', 广东省 agency (Scope 44) — estimate, id order`, await record({ kind: 'region', prefix: '44' }, '药房'));
    await explain(`listInstitutions: no name, 广东省 agency (Scope 44)`, await record({ kind: 'region', prefix: '44' }, undefined));
  } finally {
    await pool.end();
    await appPool.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
