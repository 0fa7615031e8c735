/**
 * 属地管理 in SQL — the one place registry and audit queries get their territory filter.
 *
 * Usage (e.g. in institution-repo.ts):
 *
 *   const scope = scopeOf(req.user);                       // domain/identity/territory.ts
 *   db.select().from(institutions)
 *     .where(and(institutionScopeWhere(scope, institutions), ...otherFilters));
 *
 *   // a single record: load it, then
 *   assertInScope(scope, { regionCode: row.regionCode, institutionId: row.id });  // 404 if outside
 *
 * Outside the territory is answered NOT_FOUND (404), never FORBIDDEN: a user must not learn
 * that a record exists beyond their territory. Load by id *and* scope in one query where you
 * can (`and(eq(institutions.id, id), institutionScopeWhere(scope, institutions))`) so that a
 * missing and a foreign record take the same path.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../domain/errors';
import { scopeContains, type Scope, type TerritoryTarget } from '../domain/identity/territory';
import { auditLog } from './schema/index';

/** `LIKE 'prefix%'` with the prefix's own wildcards escaped (PostgreSQL's default escape is `\`). */
export function prefixLike(column: AnyPgColumn | SQL, prefix: string): SQL {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${column} LIKE ${`${escaped}%`}`;
}

/**
 * A region-code prefix as a range the btree index can read whatever the database's collation
 * (`LIKE 'p%'` reads an index only under C collation or text_pattern_ops), with the LIKE kept for
 * exactness: codes are digits, so the range ends before the prefix plus one ('53' → ['53', '54')).
 */
export function prefixRange(column: AnyPgColumn, prefix: string): SQL {
  if (!/^\d+$/.test(prefix)) return prefixLike(column, prefix);
  const next = (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0');
  const upper = next.length > prefix.length ? undefined : next;
  return upper ? sql`${column} >= ${prefix} AND ${column} < ${upper} AND ${prefixLike(column, prefix)}` : sql`${column} >= ${prefix} AND ${prefixLike(column, prefix)}`;
}

/** A table with an institution id and a region code (institutions itself, or a view of it). */
export interface InstitutionColumns {
  id: AnyPgColumn;
  regionCode: AnyPgColumn;
}

/** The WHERE condition that limits an institutions query to a scope. */
export function institutionScopeWhere(scope: Scope, table: InstitutionColumns): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'region':
      return prefixLike(table.regionCode, scope.prefix);
    case 'institution':
      return eq(table.id, scope.institutionId);
    case 'none':
      return sql`false`;
  }
}

/**
 * The WHERE condition for reading the audit log: by the entity's region code; an
 * institution user sees only the rows about its own institution. Rows without a region
 * (calendar, system settings) are visible to national scope only.
 */
export function auditScopeWhere(scope: Scope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'region':
      return prefixLike(auditLog.regionCode, scope.prefix);
    case 'institution':
      return and(eq(auditLog.entityType, 'institution'), eq(auditLog.entityId, scope.institutionId))!;
    case 'none':
      return sql`false`;
  }
}

/** Throws NOT_FOUND (404) unless the record lies in the scope. */
export function assertInScope(scope: Scope, target: TerritoryTarget, what = '记录'): void {
  if (!scopeContains(scope, target)) throw new AppError('NOT_FOUND', `${what}不存在`);
}
