/** 评价建议 (decision 0035): rows read inside a territory, filtered and paged in SQL. */
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { agencyRatings, institutions } from './schema/index';
import { institutionScopeWhere } from './territory';
import type { Scope } from '../domain/identity/territory';
import type { RatingCase } from '../domain/agency-rating/rating-case';
import { isUuid } from './designation-repo';

export type RatingRow = typeof agencyRatings.$inferSelect;
const scopeWhere = (scope: Scope): SQL => institutionScopeWhere(scope, { id: agencyRatings.institutionId, regionCode: agencyRatings.regionCode });

export async function insertRating(tx: Tx, row: typeof agencyRatings.$inferInsert): Promise<void> {
  await tx.insert(agencyRatings).values(row);
}
export async function findRating(db: Db | Tx, id: string, scope: Scope | null): Promise<RatingRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.select().from(agencyRatings).where(and(eq(agencyRatings.id, id), scope ? scopeWhere(scope) : undefined));
  return r ?? null;
}
export async function saveRating(tx: Tx, id: string, next: RatingCase, state: string, expected: number, version: number, now: Date): Promise<boolean> {
  const r = await tx.update(agencyRatings).set({ state, data: next, version, updatedAt: now })
    .where(and(eq(agencyRatings.id, id), eq(agencyRatings.version, expected))).returning({ id: agencyRatings.id });
  return r.length === 1;
}
export async function listRatings(db: Db, scope: Scope, f: { state?: string; channel?: string; page: number; pageSize: number }) {
  const where = and(scopeWhere(scope), f.state ? eq(agencyRatings.state, f.state) : undefined, f.channel ? eq(agencyRatings.channel, f.channel as 'online') : undefined);
  const rows = await db.select({ row: agencyRatings, institutionName: institutions.name }).from(agencyRatings)
    .innerJoin(institutions, eq(institutions.id, agencyRatings.institutionId))
    .where(where).orderBy(desc(agencyRatings.createdAt), desc(agencyRatings.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  return { rows, total: await db.$count(agencyRatings, where) };
}

/** The home page's work (decision 0042): ratings of the territory without 反馈, oldest first, and how many in all. */
export async function ratingsUnanswered(db: Db, scope: Scope, limit: number) {
  const where = and(scopeWhere(scope), eq(agencyRatings.state, 'submitted'));
  const rows = await db.select({ id: agencyRatings.id, score: agencyRatings.score, createdAt: agencyRatings.createdAt, institutionName: institutions.name })
    .from(agencyRatings).innerJoin(institutions, eq(institutions.id, agencyRatings.institutionId))
    .where(where).orderBy(asc(agencyRatings.createdAt), asc(agencyRatings.id)).limit(limit);
  return { rows, total: await db.$count(agencyRatings, where) };
}
