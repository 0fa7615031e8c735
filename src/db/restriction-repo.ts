/** 暂停人员/科室医保结算 (decision 0035): the rows of the case type, read inside a territory. */
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from './client';
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

/** Several restrictions by id, inside the territory (null: the system acts). */
export async function findRestrictions(db: Db | Tx, ids: readonly string[], scope: Scope | null): Promise<RestrictionRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db.select().from(settlementRestrictions).where(and(inArray(settlementRestrictions.id, valid), scope ? restrictionScopeWhere(scope) : undefined));
}

/** 中止 whose 截止日期 is before `today` (they lapse today; decision 0042), oldest first, `limit` of them. */
export async function lapsingRestrictions(db: Db, today: string, limit: number): Promise<{ id: string; version: number }[]> {
  return db.select({ id: settlementRestrictions.id, version: settlementRestrictions.version }).from(settlementRestrictions)
    .where(and(eq(settlementRestrictions.state, 'in_effect'), lt(settlementRestrictions.untilOn, today)))
    .orderBy(asc(settlementRestrictions.untilOn), asc(settlementRestrictions.id)).limit(limit);
}

/** The version-checked writes of several restrictions in one UPDATE … FROM (VALUES …); answers the ids written. */
export async function saveRestrictions(tx: Tx, rows: readonly { id: string; next: RestrictionCase; state: string; expected: number; version: number }[], now: Date): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const values = rows.map((r) => sql`(${r.id}::uuid, ${r.expected}::int, ${r.state}, ${JSON.stringify(r.next)}::jsonb, ${r.version}::int)`);
  const res = rowsOf<{ id: string }>(await tx.execute(sql`UPDATE settlement_restrictions s
    SET state = v.state, data = v.data, version = v.version, updated_at = ${now.toISOString()}::timestamptz
    FROM (VALUES ${sql.join(values, sql`, `)}) AS v(id, expected, state, data, version)
    WHERE s.id = v.id AND s.version = v.expected
    RETURNING s.id`));
  return new Set(res.map((r) => r.id));
}
