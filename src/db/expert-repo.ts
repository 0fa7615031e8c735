/**
 * 评估专家库: the experts table and the pools (organisations of kind 'expert_pool') it hangs on.
 * Territory: a pool is seen by the agencies whose territory contains the pool's region (decision 0028).
 */
import { and, asc, count, desc, eq, ilike, or, arrayContains, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { experts, organizations, users } from './schema/index';
import type { Scope } from '../domain/identity/territory';
import { prefixLike } from './territory';

export type ExpertRow = typeof experts.$inferSelect;
export type NewExpert = typeof experts.$inferInsert;

export interface PoolRow { id: string; name: string; level: string; regionCode: string | null }

/** The expert pools inside a scope (an agency's territory), by region then name. */
export async function listPoolsInScope(db: Db, scope: Scope): Promise<PoolRow[]> {
  const where = scope.kind === 'all' ? sql`true` : scope.kind === 'region' ? prefixLike(organizations.regionCode, scope.prefix) : sql`false`;
  return db.select({ id: organizations.id, name: organizations.name, level: organizations.level, regionCode: organizations.regionCode })
    .from(organizations).where(and(eq(organizations.kind, 'expert_pool'), where))
    .orderBy(asc(organizations.regionCode), asc(organizations.name));
}

export async function findPool(db: Db | Tx, poolId: string): Promise<PoolRow | null> {
  const [row] = await db.select({ id: organizations.id, name: organizations.name, level: organizations.level, regionCode: organizations.regionCode })
    .from(organizations).where(and(eq(organizations.id, poolId), eq(organizations.kind, 'expert_pool')));
  return row ?? null;
}

export const EXPERT_SORTS = ['name', 'termTo', 'status', 'updatedAt'] as const;
export type ExpertSort = (typeof EXPERT_SORTS)[number];

export interface ExpertFilter {
  poolOrgId: string;
  q?: string | undefined;
  status?: ExpertRow['status'] | undefined;
  specialty?: string | undefined;
  sort: ExpertSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export type ExpertListRow = ExpertRow & { username: string; accountActive: boolean };

export async function listExperts(db: Db, f: ExpertFilter): Promise<{ items: ExpertListRow[]; total: number }> {
  const conds: SQL[] = [eq(experts.poolOrgId, f.poolOrgId)];
  if (f.status) conds.push(eq(experts.status, f.status));
  if (f.specialty) conds.push(arrayContains(experts.specialties, [f.specialty]));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(experts.name, like), ilike(experts.employer, like), ilike(users.username, like), eq(experts.employerUscc, f.q.toUpperCase()))!);
  }
  const where = and(...conds);
  const col = { name: experts.name, termTo: experts.termTo, status: experts.status, updatedAt: experts.updatedAt }[f.sort];
  const dir = f.order === 'desc' ? desc : asc;
  const [items, [total]] = await Promise.all([
    db.select({ e: experts, username: users.username, accountActive: users.active }).from(experts)
      .innerJoin(users, eq(users.id, experts.userId)).where(where)
      .orderBy(dir(col), asc(experts.id)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(experts).innerJoin(users, eq(users.id, experts.userId)).where(where),
  ]);
  return { items: items.map((r) => ({ ...r.e, username: r.username, accountActive: r.accountActive })), total: total?.n ?? 0 };
}

export async function findExpert(db: Db | Tx, id: string): Promise<(ExpertRow & { poolRegionCode: string | null; username: string; accountActive: boolean }) | null> {
  const [row] = await db.select({ e: experts, poolRegionCode: organizations.regionCode, username: users.username, accountActive: users.active }).from(experts)
    .innerJoin(organizations, eq(organizations.id, experts.poolOrgId))
    .innerJoin(users, eq(users.id, experts.userId))
    .where(eq(experts.id, id));
  return row ? { ...row.e, poolRegionCode: row.poolRegionCode, username: row.username, accountActive: row.accountActive } : null;
}

/** Every expert of a pool, for an import's comparison (a pool holds hundreds, not millions). */
export async function expertsOfPool(db: Db | Tx, poolOrgId: string): Promise<(ExpertRow & { username: string })[]> {
  const rows = await db.select({ e: experts, username: users.username }).from(experts)
    .innerJoin(users, eq(users.id, experts.userId)).where(eq(experts.poolOrgId, poolOrgId));
  return rows.map((r) => ({ ...r.e, username: r.username }));
}

/** The version-checked update; null when the row moved on (stale version) or is gone. */
export async function updateExpertRow(tx: Tx, id: string, version: number, patch: Partial<NewExpert>, at: Date): Promise<ExpertRow | null> {
  const [row] = await tx.update(experts).set({ ...patch, version: sql`${experts.version} + 1`, updatedAt: at })
    .where(and(eq(experts.id, id), eq(experts.version, version))).returning();
  return row ?? null;
}

export interface LivePoolRow {
  userId: string;
  name: string;
  specialties: string[];
  employerUscc: string | null;
  status: ExpertRow['status'];
  termFrom: string;
  termTo: string | null;
  accountActive: boolean;
  poolRegion: string | null;
  poolLevel: string;
}

/** The experts of the pools of one province (a national deployment holds every province's). */
export async function provincePoolRows(db: Db, regionCode: string): Promise<LivePoolRow[]> {
  return db.select({
    userId: experts.userId, name: experts.name, specialties: experts.specialties, employerUscc: experts.employerUscc,
    status: experts.status, termFrom: experts.termFrom, termTo: experts.termTo, accountActive: users.active,
    poolRegion: organizations.regionCode, poolLevel: organizations.level,
  }).from(experts)
    .innerJoin(organizations, eq(organizations.id, experts.poolOrgId))
    .innerJoin(users, eq(users.id, experts.userId))
    .where(and(eq(organizations.kind, 'expert_pool'), prefixLike(organizations.regionCode, regionCode.slice(0, 2))));
}
