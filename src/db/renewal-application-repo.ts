/** 续签申请 (decision 0048): the case type's rows, read inside a territory. */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { agreements, institutions, renewalApplications } from './schema/index';
import { institutionScopeWhere } from './territory';
import type { Scope } from '../domain/identity/territory';
import type { RenewalApplicationCase } from '../domain/renewal-application/application-case';
import { isUuid } from './designation-repo';

export type RenewalApplicationRow = typeof renewalApplications.$inferSelect;
const scopeWhere = (scope: Scope): SQL => institutionScopeWhere(scope, { id: renewalApplications.institutionId, regionCode: renewalApplications.regionCode });

export async function insertRenewalApplication(tx: Tx, row: typeof renewalApplications.$inferInsert): Promise<RenewalApplicationRow> {
  const [r] = await tx.insert(renewalApplications).values(row).returning();
  return r!;
}

export async function findRenewalApplication(db: Db | Tx, id: string, scope: Scope | null): Promise<RenewalApplicationRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.select().from(renewalApplications).where(and(eq(renewalApplications.id, id), scope ? scopeWhere(scope) : undefined));
  return r ?? null;
}

export async function saveRenewalApplication(tx: Tx, id: string, next: RenewalApplicationCase, expected: number, version: number, now: Date): Promise<boolean> {
  const r = await tx.update(renewalApplications).set({ state: next.state, data: next, version, updatedAt: now })
    .where(and(eq(renewalApplications.id, id), eq(renewalApplications.version, expected))).returning({ id: renewalApplications.id });
  return r.length === 1;
}

export interface RenewalApplicationFilter { state?: string; late?: boolean; agreementId?: string; page: number; pageSize: number }

/** Applications in the reader's territory with their institution's name and agreement's number, newest first, paged in SQL. */
export async function listRenewalApplications(db: Db, scope: Scope, f: RenewalApplicationFilter) {
  const where = and(
    scopeWhere(scope), f.state ? eq(renewalApplications.state, f.state) : undefined, f.late !== undefined ? eq(renewalApplications.late, f.late) : undefined,
    f.agreementId && isUuid(f.agreementId) ? eq(renewalApplications.agreementId, f.agreementId) : undefined,
  );
  const rows = await db.select({ row: renewalApplications, institutionName: institutions.name, agreementNumber: agreements.number })
    .from(renewalApplications)
    .innerJoin(institutions, eq(institutions.id, renewalApplications.institutionId))
    .innerJoin(agreements, eq(agreements.id, renewalApplications.agreementId))
    .where(where).orderBy(desc(renewalApplications.createdAt), asc(renewalApplications.id))
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(renewalApplications).where(where);
  return { rows, total: Number(c?.n ?? 0) };
}

/** The names beside one application (its institution, its agreement's number). */
export async function renewalApplicationNames(db: Db | Tx, id: string) {
  const [r] = await db.select({ institutionName: institutions.name, agreementNumber: agreements.number }).from(renewalApplications)
    .innerJoin(institutions, eq(institutions.id, renewalApplications.institutionId)).innerJoin(agreements, eq(agreements.id, renewalApplications.agreementId))
    .where(eq(renewalApplications.id, id));
  return r ?? { institutionName: '', agreementNumber: '' };
}
