/**
 * Organisations as the system administrator maintains them (issue #9): the paged list with user
 * counts, one organisation, the version-checked update. Institution organisations are kept in
 * step with the registry by organization-repo.ts.
 */
import { and, asc, count, desc, eq, ilike, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { organizations, regions, users } from './schema/index';
import type { OrgKind, OrgLevel } from '../domain/identity/roles';
import { isUuid } from './designation-repo';

export type OrgRow = typeof organizations.$inferSelect;

export const ORG_SORTS = ['name', 'regionCode', 'level', 'createdAt', 'userCount'] as const;
export type OrgSort = (typeof ORG_SORTS)[number];

export interface OrgAdminFilter {
  kinds?: OrgKind[];
  level?: OrgLevel;
  regionPrefix?: string;
  active?: boolean;
  /** part of the name */
  q?: string;
  sort: OrgSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const userCount = sql<number>`(SELECT count(*)::int FROM ${users} u WHERE u.org_id = ${organizations.id})`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listOrgsForAdmin(db: Db, f: OrgAdminFilter) {
  const conds: SQL[] = [];
  if (f.kinds?.length) conds.push(inArray(organizations.kind, f.kinds));
  if (f.level) conds.push(eq(organizations.level, f.level));
  if (f.regionPrefix) conds.push(like(organizations.regionCode, `${escapeLike(f.regionPrefix)}%`));
  if (f.active !== undefined) conds.push(eq(organizations.active, f.active));
  if (f.q) conds.push(ilike(organizations.name, `%${escapeLike(f.q)}%`));
  const where = conds.length ? and(...conds) : undefined;
  const dir = f.order === 'desc' ? desc : asc;
  const key = { name: organizations.name, regionCode: organizations.regionCode, level: organizations.level, createdAt: organizations.createdAt, userCount }[f.sort];
  const [rows, [total]] = await Promise.all([
    db
      .select({ org: organizations, regionName: regions.name, userCount })
      .from(organizations)
      .leftJoin(regions, eq(regions.code, organizations.regionCode))
      .where(where)
      .orderBy(dir(key), asc(organizations.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

export async function findOrg(db: Db | Tx, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ org: organizations, regionName: regions.name, userCount })
    .from(organizations)
    .leftJoin(regions, eq(regions.code, organizations.regionCode))
    .where(eq(organizations.id, id));
  return row ?? null;
}

export async function insertOrg(tx: Tx, values: typeof organizations.$inferInsert): Promise<OrgRow> {
  const [row] = await tx.insert(organizations).values(values).returning();
  return row!;
}

/** UPDATE … WHERE version = ?; null when the row changed meanwhile (stale → 409). */
export async function updateOrg(tx: Tx, id: string, version: number, set: Partial<typeof organizations.$inferInsert>): Promise<OrgRow | null> {
  const [row] = await tx
    .update(organizations)
    .set({ ...set, version: sql`${organizations.version} + 1` })
    .where(and(eq(organizations.id, id), eq(organizations.version, version)))
    .returning();
  return row ?? null;
}

export async function findRegionLevel(db: Db | Tx, code: string) {
  const [r] = await db.select({ code: regions.code, name: regions.name, level: regions.level }).from(regions).where(eq(regions.code, code));
  return r ?? null;
}
