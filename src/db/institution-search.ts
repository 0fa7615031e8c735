/**
 * The registry's name search at national scale (docs/decisions/0001-name-search.md): the total is
 * exact up to COUNT_CAP matches and the page comes sorted by name; beyond that the total is the
 * planner's estimate ("超过 1000 家（约 N 家）") and the page comes in registry (id) order, so that
 * PostgreSQL walks the primary key and stops after one page instead of visiting every match.
 *
 * Two forms of the same design live here:
 * - `cappedPage`: the application's statements, built with drizzle (used by `listInstitutions`);
 * - `cappedSearch` and the SQL texts below: the same design as plain parameterised SQL, the
 *   benchmark's raw-pg reference (`npm run bench`).
 */
import { asc, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from './client';
import { institutions, regions } from './schema/index';
import { queryTokens } from '../domain/registry/search-tokens';
import type { InstitutionListItem } from '../domain/registry/institution-view';

/**
 * The list shows the exact total up to this many matches; beyond it, "超过 1000 家（约 N 家）"
 * with the planner's estimate, and the page comes in registry (id) order.
 */
export const COUNT_CAP = 1_000;

export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Region token of a territory prefix ('53', '5301', '530102'), as `buildSearchTokens` writes it. */
export const prefixToken = (prefix: string): string => `r:${prefix}`;

/**
 * `region_code` inside a territory prefix as a range the btree index `institutions_region_idx` can
 * answer. (`LIKE '53%'` cannot use it: the database collation is C.UTF-8, not C.) Region codes are
 * digits only, so [prefix, prefix + 1) is exactly the codes starting with prefix.
 */
export function regionRange(column: AnyPgColumn, prefix: string): SQL {
  const next = String(Number(prefix) + 1).padStart(prefix.length, '0');
  if (!/^\d+$/.test(prefix) || next.length !== prefix.length) return sql`${column} LIKE ${`${escapeLike(prefix)}%`}`;
  return sql`(${column} >= ${prefix} AND ${column} < ${next})`;
}

// ───────────────────────── the application's statements (drizzle) ─────────────────────────

/** Columns of a list row that live on `institutions` (the region name is joined after the LIMIT). */
export const pageColumns = {
  id: institutions.id, name: institutions.name, uscc: institutions.uscc, ybCode: institutions.ybCode, kind: institutions.kind,
  subtype: institutions.subtype, ownership: institutions.ownership, hospitalLevel: institutions.hospitalLevel,
  grade: institutions.grade, adminLevel: institutions.adminLevel, regionCode: institutions.regionCode,
  address: institutions.address, status: institutions.status, dualChannel: institutions.dualChannel,
  parentId: institutions.parentId, parentRelation: institutions.parentRelation, version: institutions.version,
  updatedAt: institutions.updatedAt,
};
/** A list row as the driver answers it (`updatedAt` still a Date). */
export type PageRow = Omit<InstitutionListItem, 'updatedAt'> & { updatedAt: Date };

export interface CappedQuery {
  /** every condition of the list */
  where: SQL;
  /**
   * the conditions whose planner estimate decides the branch: the token array (name bigrams and
   * territory) and the equality filters — not `LIKE '%…%'`, whose guessed selectivity would
   * multiply a good estimate into a bad one
   */
  estimateWhere: SQL;
  /**
   * a second territory check applied to the rows *after* the LIMIT (`m` is the limited subquery):
   * it can only drop rows, and the planner never sees it, so it cannot change the plan
   */
  guard?: (m: { id: AnyPgColumn; regionCode: AnyPgColumn }) => SQL;
  limit: number;
  offset: number;
  cap?: number;
}

export interface CappedPage {
  items: PageRow[];
  /** exact when `totalExact`, else the planner's estimate (> cap) */
  total: number;
  totalExact: boolean;
  /** 'name': sorted by name; 'id': registry order, because there are too many matches to sort */
  order: 'name' | 'id';
}

type PlanJson = [{ Plan: { 'Plan Rows': number } }];

/** The planner's estimate of the rows matching `where`: planning only, no execution (≈ 0.3 ms). */
export async function estimateRows(db: Db, where: SQL): Promise<number> {
  const res = await db.execute(sql`EXPLAIN (FORMAT JSON) SELECT FROM ${institutions} WHERE ${where}`);
  const cell = rowsOf<Record<string, unknown>>(res)[0]?.['QUERY PLAN'];
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as PlanJson | undefined;
  return Math.round(plan?.[0]?.Plan['Plan Rows'] ?? 0);
}

/** Selects the page columns of a limited subquery `m`, plus the region name joined on it. */
function outerSelection(m: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(pageColumns)) out[k] = m[k];
  out.regionName = regions.name;
  return out;
}

/**
 * One page of institutions and its (capped) total — decision 0001:
 * - planner estimate ≤ cap: one statement fetches at most cap + 1 matches, counts them
 *   (`count(*) OVER ()`) and returns the page sorted by name, id; if it finds cap + 1, fall through;
 * - otherwise the page in id order (`ORDER BY id LIMIT n`): the planner walks the primary key and
 *   stops after n matches; the total is the estimate (at least cap + 1).
 */
export async function cappedPage(db: Db, query: CappedQuery): Promise<CappedPage> {
  const cap = query.cap ?? COUNT_CAP;
  const { where, limit, offset, guard } = query;
  const estimate = await estimateRows(db, query.estimateWhere);

  if (estimate <= cap) {
    const m = db.select(pageColumns).from(institutions).where(where).limit(cap + 1).as('m');
    const cols = m as unknown as Record<string, AnyPgColumn> & { id: AnyPgColumn; name: AnyPgColumn; regionCode: AnyPgColumn };
    const rows = (await db
      .select({ ...outerSelection(cols), total: sql<number>`count(*) OVER ()`.mapWith(Number) } as never)
      .from(m)
      .leftJoin(regions, sql`${regions.code} = ${cols.regionCode}`)
      .where(guard?.(cols))
      .orderBy(asc(cols.name), asc(cols.id))
      .limit(limit)
      .offset(offset)) as unknown as (PageRow & { total: number })[];
    let total = rows[0]?.total;
    if (total === undefined && offset > 0) total = await cappedCount(db, where, cap, guard); // a page past the end
    total ??= 0;
    if (total <= cap) return { items: rows.map(({ total: _t, ...r }) => r), total, totalExact: true, order: 'name' };
  }

  const m = db.select(pageColumns).from(institutions).where(where).orderBy(asc(institutions.id)).limit(limit).offset(offset).as('m');
  const cols = m as unknown as Record<string, AnyPgColumn> & { id: AnyPgColumn; regionCode: AnyPgColumn };
  const items = (await db
    .select(outerSelection(cols) as never)
    .from(m)
    .leftJoin(regions, sql`${regions.code} = ${cols.regionCode}`)
    .where(guard?.(cols))
    .orderBy(asc(cols.id))) as unknown as PageRow[];
  // the estimate was too high and the walk saw every match: the short first page is the whole result
  if (offset === 0 && items.length < limit) return { items, total: items.length, totalExact: true, order: 'id' };
  return { items, total: Math.max(cap + 1, estimate), totalExact: false, order: 'id' };
}

/** Matches counted up to cap + 1 (a LIMITed subquery), for a small-result page requested past its end. */
async function cappedCount(db: Db, where: SQL, cap: number, guard: CappedQuery['guard']): Promise<number> {
  const m = db.select({ id: institutions.id, regionCode: institutions.regionCode }).from(institutions).where(where).limit(cap + 1).as('m');
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(m).where(guard?.(m as never));
  return row?.n ?? 0;
}

// ───────────────────── the same design as plain SQL (benchmark reference) ─────────────────────

export interface SearchInput {
  q: string;
  /** GB/T 2260 code of the territory filter: 'PP0000', 'PPCC00' or a county code */
  regionCode?: string;
  limit?: number;
  offset?: number;
}

/** Region token of a territory code at its own level: 53 → r:53, 5301 → r:5301, 530102 → r:530102. */
export function regionToken(code: string): string {
  if (code.endsWith('0000')) return `r:${code.slice(0, 2)}`;
  if (code.endsWith('00')) return `r:${code.slice(0, 4)}`;
  return `r:${code}`;
}

/** Tokens the row must contain, and the LIKE pattern that confirms the substring. */
export function searchArgs(input: SearchInput): { tokens: string[]; pattern: string } {
  const tokens = queryTokens(input.q);
  if (input.regionCode) tokens.push(regionToken(input.regionCode));
  return { tokens, pattern: `%${escapeLike(input.q.normalize('NFKC').trim())}%` };
}

export const LIST_COLUMNS = 'id, name, uscc, yb_code, kind, subtype, status, region_code';

/** Page of rows ordered by name: bitmap scan over the GIN index, then a top-N sort. */
export const PAGE_BY_NAME = `SELECT ${LIST_COLUMNS} FROM institutions
  WHERE search_tokens @> $1::text[] AND name LIKE $2
  ORDER BY name, id LIMIT $3 OFFSET $4`;

/** Page of rows in id order: lets the planner walk the primary key and stop after LIMIT rows. */
export const PAGE_BY_ID = `SELECT ${LIST_COLUMNS} FROM institutions
  WHERE search_tokens @> $1::text[] AND name LIKE $2
  ORDER BY id LIMIT $3 OFFSET $4`;

/** The planner's estimate of the number of matches: no execution, ~0.3 ms. */
export const COUNT_ESTIMATE = `EXPLAIN (FORMAT JSON) SELECT FROM institutions WHERE search_tokens @> $1::text[]`;

/** A small result in one statement: at most $5 matches, sorted by name, with their count. */
export const PAGE_SMALL = `SELECT *, count(*) OVER ()::int AS total FROM (
    SELECT ${LIST_COLUMNS} FROM institutions WHERE search_tokens @> $1::text[] AND name LIKE $2 LIMIT $5
  ) s ORDER BY name, id LIMIT $3 OFFSET $4`;

/** Naive baseline: substring scan without the token index. */
export function naiveSql(regionCode?: string): string {
  const region = regionCode ? `AND region_code LIKE '${regionCode.replace(/0+$/, '').replace(/[^0-9]/g, '')}%'` : '';
  return `SELECT ${LIST_COLUMNS}, count(*) OVER () AS total FROM institutions
    WHERE name LIKE $1 ${region} ORDER BY name, id LIMIT 20`;
}

export interface Queryable {
  query<T extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface SearchResult {
  rows: { id: string; name: string }[];
  /** exact when `exact`, else the planner's estimate (≥ COUNT_CAP + 1) */
  total: number;
  exact: boolean;
  order: 'name' | 'id';
}

type PlanRows = { 'QUERY PLAN': PlanJson };

/** `cappedPage`'s design as plain SQL over the name and territory tokens only (the benchmark's reference). */
export async function cappedSearch(db: Queryable, input: SearchInput, cap = COUNT_CAP): Promise<SearchResult> {
  const { tokens, pattern } = searchArgs(input);
  const limit = input.limit ?? 20;
  const offset = input.offset ?? 0;
  const plan = await db.query<PlanRows>(COUNT_ESTIMATE, [tokens]);
  const estimate = Math.round(plan.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
  if (estimate <= cap) {
    const { rows } = await db.query<{ id: string; name: string; total: number }>(PAGE_SMALL, [tokens, pattern, limit, offset, cap + 1]);
    const total = rows[0]?.total ?? 0;
    if (total <= cap) return { rows, total, exact: true, order: 'name' };
  }
  const page = await db.query<{ id: string; name: string }>(PAGE_BY_ID, [tokens, pattern, limit, offset]);
  return { rows: page.rows, total: Math.max(cap + 1, estimate), exact: false, order: 'id' };
}
