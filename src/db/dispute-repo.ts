/** 争议 (decision 0035): the rows of the case type, read inside a territory. */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { agreements, disputeFiles, disputes, institutions } from './schema/index';
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

export type DisputeSort = 'raised_desc' | 'raised_asc' | 'updated_desc';
export interface DisputeFilter { state?: string; search?: string; sort?: DisputeSort; page: number; pageSize: number }

/**
 * Disputes in the reader's territory with their institution's name and agreement's number, filtered by
 * state and a search (institution name, agreement number, the objection's text), sorted and paged in SQL.
 */
export async function listDisputes(db: Db, scope: Scope, f: DisputeFilter) {
  const q = f.search?.trim();
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    disputeScopeWhere(scope), f.state ? eq(disputes.state, f.state) : undefined,
    like ? or(ilike(institutions.name, like), ilike(agreements.number, like), sql`${disputes.data}->>'text' ILIKE ${like}`) : undefined,
  );
  const order = f.sort === 'raised_asc' ? [asc(disputes.createdAt), asc(disputes.id)]
    : f.sort === 'updated_desc' ? [desc(disputes.updatedAt), desc(disputes.id)] : [desc(disputes.createdAt), desc(disputes.id)];
  const base = () => db.select({ row: disputes, institutionName: institutions.name, agreementNumber: agreements.number }).from(disputes)
    .innerJoin(institutions, eq(institutions.id, disputes.institutionId)).innerJoin(agreements, eq(agreements.id, disputes.agreementId));
  const rows = await base().where(where).orderBy(...order).limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(disputes)
    .innerJoin(institutions, eq(institutions.id, disputes.institutionId)).innerJoin(agreements, eq(agreements.id, disputes.agreementId)).where(where);
  return { rows, total: Number(c?.n ?? 0) };
}

/** The names beside one dispute (its institution, its agreement's number). */
export async function disputeNames(db: Db, id: string) {
  const [r] = await db.select({ institutionName: institutions.name, agreementNumber: agreements.number }).from(disputes)
    .innerJoin(institutions, eq(institutions.id, disputes.institutionId)).innerJoin(agreements, eq(agreements.id, disputes.agreementId)).where(eq(disputes.id, id));
  return r ?? { institutionName: '', agreementNumber: '' };
}

export type DisputeFileRow = typeof disputeFiles.$inferSelect;
export type DisputeFileInfo = Omit<DisputeFileRow, 'content'>;
const fileInfo = {
  id: disputeFiles.id, disputeId: disputeFiles.disputeId, fileName: disputeFiles.fileName, mime: disputeFiles.mime, size: disputeFiles.size,
  sha256: disputeFiles.sha256, uploadedBy: disputeFiles.uploadedBy, side: disputeFiles.side, at: disputeFiles.at,
};

/** A dispute's evidence, oldest first (without the content). */
export async function disputeFilesOf(db: Db | Tx, disputeId: string): Promise<DisputeFileInfo[]> {
  return db.select(fileInfo).from(disputeFiles).where(eq(disputeFiles.disputeId, disputeId)).orderBy(asc(disputeFiles.at), asc(disputeFiles.id));
}

export async function insertDisputeFile(tx: Tx, row: typeof disputeFiles.$inferInsert): Promise<DisputeFileInfo> {
  const [r] = await tx.insert(disputeFiles).values(row).returning(fileInfo);
  return r!;
}

export async function findDisputeFile(db: Db | Tx, disputeId: string, fileId: string): Promise<DisputeFileRow | null> {
  if (!isUuid(fileId)) return null;
  const [r] = await db.select().from(disputeFiles).where(and(eq(disputeFiles.disputeId, disputeId), eq(disputeFiles.id, fileId)));
  return r ?? null;
}

/** The home page's work (decision 0042): disputes of the territory in `states`, oldest first, and how many in all. */
export async function disputesWaiting(db: Db, scope: Scope, states: readonly string[], limit: number) {
  const where = and(disputeScopeWhere(scope), inArray(disputes.state, [...states]));
  const rows = await db.select({ id: disputes.id, state: disputes.state, subject: disputes.subject, raisedOn: sql<string>`${disputes.data}->>'raisedOn'`, institutionName: institutions.name })
    .from(disputes).innerJoin(institutions, eq(institutions.id, disputes.institutionId))
    .where(where).orderBy(asc(disputes.createdAt), asc(disputes.id)).limit(limit);
  return { rows, total: await db.$count(disputes, where) };
}
