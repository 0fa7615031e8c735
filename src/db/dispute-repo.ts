/** 争议 (decision 0035): the rows of the case type, read inside a territory. */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { disputes } from './schema/index';
import { institutionScopeWhere } from './territory';
import type { Scope } from '../domain/identity/territory';
import type { DisputeCase } from '../domain/dispute/dispute-case';
import { isUuid } from './designation-repo';

export type DisputeRow = typeof disputes.$inferSelect;
export const disputeScopeWhere = (scope: Scope): SQL => institutionScopeWhere(scope, { id: disputes.institutionId, regionCode: disputes.regionCode });

export async function insertDispute(tx: Tx, row: typeof disputes.$inferInsert): Promise<DisputeRow> {
  const [r] = await tx.insert(disputes).values(row).returning();
  return r!;
}

export async function findDispute(db: Db | Tx, id: string, scope: Scope | null): Promise<DisputeRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.select().from(disputes).where(and(eq(disputes.id, id), scope ? disputeScopeWhere(scope) : undefined));
  return r ?? null;
}

export async function saveDispute(tx: Tx, id: string, next: DisputeCase, state: string, expected: number, version: number, now: Date): Promise<boolean> {
  const r = await tx.update(disputes).set({ state, data: next, version, updatedAt: now })
    .where(and(eq(disputes.id, id), eq(disputes.version, expected))).returning({ id: disputes.id });
  return r.length === 1;
}

/** Disputes in the reader's territory, newest first, paged (filter by state). */
export async function listDisputes(db: Db, scope: Scope, f: { state?: string; page: number; pageSize: number }) {
  const where = and(disputeScopeWhere(scope), f.state ? eq(disputes.state, f.state) : undefined);
  const rows = await db.select().from(disputes).where(where).orderBy(desc(disputes.createdAt)).limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const total = await db.$count(disputes, where);
  return { rows, total };
}
