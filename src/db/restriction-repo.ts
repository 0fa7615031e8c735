/** 暂停人员/科室医保结算 (decision 0035): the rows of the case type, read inside a territory. */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { documents, settlementRestrictions } from './schema/index';
import { institutionScopeWhere } from './territory';
import type { Scope } from '../domain/identity/territory';
import type { RestrictionCase } from '../domain/settlement-restriction/restriction-case';
import { isUuid } from './designation-repo';

export type RestrictionRow = typeof settlementRestrictions.$inferSelect;

export const restrictionScopeWhere = (scope: Scope): SQL =>
  institutionScopeWhere(scope, { id: settlementRestrictions.institutionId, regionCode: settlementRestrictions.regionCode });

export async function insertRestriction(tx: Tx, row: typeof settlementRestrictions.$inferInsert): Promise<RestrictionRow> {
  const [r] = await tx.insert(settlementRestrictions).values(row).returning();
  return r!;
}

export async function findRestriction(db: Db | Tx, id: string, scope: Scope | null): Promise<RestrictionRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.select().from(settlementRestrictions).where(and(eq(settlementRestrictions.id, id), scope ? restrictionScopeWhere(scope) : undefined));
  return r ?? null;
}

/** The version-checked write of the next case (false when another officer moved it first). */
export async function saveRestriction(tx: Tx, id: string, next: RestrictionCase, state: string, expected: number, version: number, now: Date): Promise<boolean> {
  const r = await tx.update(settlementRestrictions).set({ state, data: next, version, untilOn: next.untilOn, updatedAt: now })
    .where(and(eq(settlementRestrictions.id, id), eq(settlementRestrictions.version, expected))).returning({ id: settlementRestrictions.id });
  return r.length === 1;
}

/** An institution's restrictions (newest first), inside the reader's territory. */
export async function restrictionsOfInstitution(db: Db, institutionId: string, scope: Scope): Promise<RestrictionRow[]> {
  return db.select().from(settlementRestrictions)
    .where(and(eq(settlementRestrictions.institutionId, institutionId), restrictionScopeWhere(scope)))
    .orderBy(desc(settlementRestrictions.createdAt));
}

/** One numbered notice of a restriction (暂停医保结算通知书). */
export async function restrictionDocument(db: Db, restrictionId: string, docId: string) {
  if (!isUuid(docId)) return null;
  const [d] = await db.select().from(documents)
    .where(and(eq(documents.caseType, 'settlement_restriction'), eq(documents.caseId, restrictionId), eq(documents.id, docId))).limit(1);
  return d ?? null;
}
