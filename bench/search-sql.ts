import { queryTokens } from '../src/domain/registry/search-tokens';

/**
 * The registry-search SQL, written once as text so the benchmark can send exactly the
 * same statements through the application path and as a plain pg baseline.
 * See docs/decisions/0001-name-search.md for why it looks like this.
 */

export interface SearchInput {
  q: string;
  /** GB/T 2260 code of the territory filter: 'PP0000', 'PPCC00' or a county code */
  regionCode?: string;
  limit?: number;
  offset?: number;
}

/**
 * The UI shows the exact total up to this many matches; beyond it, "1000+ 条（约 N 条）"
 * with the planner's estimate, and the page comes in registry (id) order.
 */
export const COUNT_CAP = 1_000;

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
  const escaped = input.q.normalize('NFKC').trim().replace(/[\\%_]/g, (c) => `\\${c}`);
  return { tokens, pattern: `%${escaped}%` };
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

type PlanRows = { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] };

/**
 * The proposed search (decision 0001). The planner's estimate of the token matches
 * (planning only, no execution) decides the path:
 * - estimate ≤ COUNT_CAP: one statement fetches at most COUNT_CAP + 1 matches through
 *   the GIN index, sorts them by name and counts them exactly;
 * - otherwise (or when that statement finds more than COUNT_CAP): the page comes in id
 *   order, so the planner walks the primary key and stops after `limit` matches, and the
 *   total is shown as "1000+（约 N 条）" with the estimate.
 */
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
