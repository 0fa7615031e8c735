/**
 * 投诉举报 rows. The territory filter is the application's region (属地); institution users never
 * read complaints (the complainant's identity and contact stay with the agency).
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { applications, complaints, institutions, organizations, regions } from './schema/index';
import { nextSerial } from './document-repo';
import { prefixLike } from './territory';
import { isUuid } from './designation-repo';
import type { Scope } from '../domain/identity/territory';

export type ComplaintRow = typeof complaints.$inferSelect;

export function complaintScopeWhere(scope: Scope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'region':
      return prefixLike(complaints.regionCode, scope.prefix);
    default:
      return sql`false`;
  }
}

export async function insertComplaint(tx: Tx, row: typeof complaints.$inferInsert): Promise<ComplaintRow> {
  const [r] = await tx.insert(complaints).values(row).returning();
  return r!;
}

export async function findComplaint(db: Db | Tx, id: string, scope: Scope): Promise<ComplaintRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.select().from(complaints).where(and(eq(complaints.id, id), complaintScopeWhere(scope))).limit(1);
  return r ?? null;
}

export async function listComplaints(db: Db, scope: Scope, f: { status?: 'open' | 'resolved'; page: number; pageSize: number }) {
  const where = and(complaintScopeWhere(scope), f.status ? eq(complaints.status, f.status) : undefined);
  const items = await db
    .select({
      id: complaints.id, number: complaints.number, applicationId: complaints.applicationId, institutionName: institutions.name, applicationState: applications.state,
      regionCode: complaints.regionCode, content: complaints.content, contactName: complaints.contactName, phone: complaints.phone,
      email: complaints.email, receivedAt: complaints.receivedAt, status: complaints.status, foundTrue: complaints.foundTrue,
      finding: complaints.finding, resolvedAt: complaints.resolvedAt,
    })
    .from(complaints)
    .innerJoin(applications, eq(applications.id, complaints.applicationId))
    .innerJoin(institutions, eq(institutions.id, applications.institutionId))
    .where(where)
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(complaints).where(where);
  return { items, total: Number(total?.n ?? 0), page: f.page, pageSize: f.pageSize };
}

export async function markResolved(tx: Tx, id: string, outcome: { foundTrue: boolean; finding: string; at: Date; by: string }): Promise<ComplaintRow | null> {
  const [r] = await tx
    .update(complaints)
    .set({ status: 'resolved', foundTrue: outcome.foundTrue, finding: outcome.finding, resolvedAt: outcome.at, resolvedBy: outcome.by })
    .where(and(eq(complaints.id, id), eq(complaints.status, 'open')))
    .returning();
  return r ?? null;
}

/** Type code of complaint receipt numbers in document_counters (decision 0019). */
export const COMPLAINT_NO_CODE = '投诉';
const NO_AGENCY = '00000000-0000-0000-0000-000000000000';

/**
 * The next receipt serial of the agency (its counter (agency, '投诉', year), in the caller's
 * transaction) with what the number's 机关代字 is made of: the agency's region name and level.
 */
export async function takeComplaintSerial(tx: Tx, agencyOrgId: string | null, year: number): Promise<{ serial: number; regionName: string | null; level: string | null }> {
  const serial = await nextSerial(tx, agencyOrgId ?? NO_AGENCY, COMPLAINT_NO_CODE, year);
  if (!agencyOrgId) return { serial, regionName: null, level: null };
  const [o] = await tx.select({ level: organizations.level, regionName: regions.name }).from(organizations)
    .leftJoin(regions, eq(regions.code, organizations.regionCode)).where(eq(organizations.id, agencyOrgId)).limit(1);
  return { serial, regionName: o?.regionName ?? null, level: o?.level ?? null };
}

/**
 * The public status of a complaint by its receipt number and the phone the complainant gave —
 * both must match; nothing about the complainant comes back.
 */
export async function findComplaintStatus(db: Db, number: string, phone: string) {
  const [r] = await db
    .select({
      number: complaints.number, receivedAt: complaints.receivedAt, status: complaints.status, foundTrue: complaints.foundTrue,
      finding: complaints.finding, resolvedAt: complaints.resolvedAt, institutionName: institutions.name,
    })
    .from(complaints)
    .innerJoin(applications, eq(applications.id, complaints.applicationId))
    .innerJoin(institutions, eq(institutions.id, applications.institutionId))
    .where(and(eq(complaints.number, number), eq(complaints.phone, phone)))
    .limit(1);
  return r ?? null;
}
