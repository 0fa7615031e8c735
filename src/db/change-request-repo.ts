/**
 * 变更申请 rows, their files, the queue, and the registry writes an approval makes (in the step's
 * transaction: institutions row, person spans re-linked by 身份证号 — decision 0024).
 */
import { and, asc, desc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { changeRequestFiles, changeRequests, documents, institutionPersons, institutions, persons } from './schema/index';
import { institutionScopeWhere, prefixLike } from './territory';
import type { Scope } from '../domain/identity/territory';
import type { ChangeRequestCase, FieldChange } from '../domain/change-request/change-case';
import { PERSON_FIELD_ROLE } from '../domain/change-request/fields';
import { buildSearchTokens } from '../domain/registry/search-tokens';
import { addDays } from '../domain/calendar/dates';
import type { HospitalLevel, InstitutionSubtype, Ownership } from '../domain/registry/enums';

export type ChangeRequestRow = typeof changeRequests.$inferSelect;
export type ChangeFileRow = typeof changeRequestFiles.$inferSelect;
export type ChangeFileInfo = Omit<ChangeFileRow, 'content'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const scopeCols = { id: changeRequests.institutionId, regionCode: changeRequests.regionCode };
export const changeScopeWhere = (scope: Scope): SQL => institutionScopeWhere(scope, scopeCols);

export async function insertChangeRequest(tx: Tx, row: typeof changeRequests.$inferInsert): Promise<ChangeRequestRow> {
  const [r] = await tx.insert(changeRequests).values(row).returning();
  return r!;
}

/** One request inside a scope (null outside: the caller answers 404, existence not revealed). */
export async function findChangeRequest(db: Db | Tx, id: string, scope: Scope | null): Promise<ChangeRequestRow | null> {
  if (!UUID.test(id)) return null;
  const [r] = await db.select().from(changeRequests).where(and(eq(changeRequests.id, id), scope ? changeScopeWhere(scope) : undefined));
  return r ?? null;
}

/** The version-checked write of the next case (false when another officer moved it first). */
export async function saveChangeRequest(tx: Tx, id: string, next: ChangeRequestCase, state: string, expected: number, version: number, now: Date): Promise<boolean> {
  const r = await tx.update(changeRequests).set({
    state, data: next, version, late: next.late, submittedOn: next.submittedOn, decidedOn: next.decidedOn, kind: next.kind,
    fields: next.changes, approvalDocNo: next.approvalDocNo, approvalDate: next.approvalDate, updatedAt: now,
  }).where(and(eq(changeRequests.id, id), eq(changeRequests.version, expected))).returning({ id: changeRequests.id });
  return r.length === 1;
}

export interface ChangeListFilter {
  state?: string;
  kind?: 'major' | 'general';
  late?: boolean;
  institutionId?: string;
  q?: string;
  sort?: 'submittedOn' | 'handlingDue' | 'createdAt';
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The queue: filters, sort and paging in SQL; the open handling deadline beside each row. */
export async function listChangeRequests(db: Db, scope: Scope, f: ChangeListFilter) {
  const due = sql<string | null>`(SELECT d.due_on::text FROM deadlines d WHERE d.case_type = 'change_request' AND d.case_id = ${changeRequests.id} AND d.state = 'open' ORDER BY d.due_on LIMIT 1)`;
  const where = and(
    changeScopeWhere(scope),
    f.state ? eq(changeRequests.state, f.state) : undefined,
    f.kind ? eq(changeRequests.kind, f.kind) : undefined,
    f.late !== undefined ? eq(changeRequests.late, f.late) : undefined,
    f.institutionId && UUID.test(f.institutionId) ? eq(changeRequests.institutionId, f.institutionId) : f.institutionId ? sql`false` : undefined,
    f.q ? sql`${institutions.name} LIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : undefined,
  );
  const dir = f.order === 'asc' ? asc : desc;
  const orderCol = f.sort === 'handlingDue' ? due : f.sort === 'submittedOn' ? changeRequests.submittedOn : changeRequests.createdAt;
  const [rows, [count]] = await Promise.all([
    db.select({
      id: changeRequests.id, institutionId: changeRequests.institutionId, institutionName: institutions.name, regionCode: changeRequests.regionCode,
      kind: changeRequests.kind, state: changeRequests.state, fields: changeRequests.fields, approvalDocNo: changeRequests.approvalDocNo,
      approvalDate: changeRequests.approvalDate, late: changeRequests.late, submittedOn: changeRequests.submittedOn, decidedOn: changeRequests.decidedOn,
      version: changeRequests.version, createdAt: changeRequests.createdAt, handlingDue: due,
    }).from(changeRequests).innerJoin(institutions, eq(institutions.id, changeRequests.institutionId))
      .where(where).orderBy(sql`${dir(orderCol)} NULLS LAST`, desc(changeRequests.id))
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(changeRequests).innerJoin(institutions, eq(institutions.id, changeRequests.institutionId)).where(where),
  ]);
  return { items: rows, total: count?.n ?? 0 };
}

// ---- files ----

const fileInfo = {
  id: changeRequestFiles.id, changeRequestId: changeRequestFiles.changeRequestId, fileName: changeRequestFiles.fileName, mime: changeRequestFiles.mime,
  size: changeRequestFiles.size, sha256: changeRequestFiles.sha256, uploadedBy: changeRequestFiles.uploadedBy, at: changeRequestFiles.at,
};
export async function filesOf(db: Db | Tx, requestId: string): Promise<ChangeFileInfo[]> {
  return db.select(fileInfo).from(changeRequestFiles).where(eq(changeRequestFiles.changeRequestId, requestId)).orderBy(asc(changeRequestFiles.at), asc(changeRequestFiles.id));
}
export async function insertChangeFile(tx: Tx, row: typeof changeRequestFiles.$inferInsert): Promise<ChangeFileInfo> {
  const [r] = await tx.insert(changeRequestFiles).values(row).returning(fileInfo);
  return r!;
}
export async function findChangeFile(db: Db | Tx, requestId: string, fileId: string): Promise<ChangeFileRow | null> {
  if (!UUID.test(fileId)) return null;
  const [r] = await db.select().from(changeRequestFiles).where(and(eq(changeRequestFiles.changeRequestId, requestId), eq(changeRequestFiles.id, fileId)));
  return r ?? null;
}

// ---- facts the guards read ----

/** 吉医保规〔2023〕1号 第二十五条第二款: another institution of the same city (4-digit prefix) holding a national code under this name. */
export async function nationalCodeHolderNamed(db: Db | Tx, name: string, cityPrefix: string, excludeId: string): Promise<{ name: string; ybCode: string } | null> {
  const [r] = await db.select({ name: institutions.name, ybCode: institutions.ybCode }).from(institutions)
    .where(and(eq(institutions.name, name), ne(institutions.id, excludeId), sql`${institutions.ybCode} IS NOT NULL`, prefixLike(institutions.regionCode, cityPrefix))).limit(1);
  return r?.ybCode ? { name: r.name, ybCode: r.ybCode } : null;
}

/** The same change (same approval document) already approved for this institution: recognised, not redone. */
export async function approvedWithDocument(db: Db | Tx, institutionId: string, docNo: string, excludeId: string): Promise<{ requestId: string; regionCode: string } | null> {
  const [r] = await db.select({ requestId: changeRequests.id, regionCode: changeRequests.regionCode }).from(changeRequests)
    .where(and(eq(changeRequests.institutionId, institutionId), eq(changeRequests.approvalDocNo, docNo), eq(changeRequests.state, 'approved'), ne(changeRequests.id, excludeId))).limit(1);
  return r ?? null;
}

// ---- the registry write of an approval ----

const splitCodes = (s: string): string[] => s.split(/[、,，\s]+/).map((x) => x.trim()).filter(Boolean);

/**
 * Writes the approved changes to the registry. Person fields re-link the role by 身份证号 (the
 * person row is found or created): the open span of that role ends the day before `effectiveOn`,
 * the new one starts on it — so a ban keeps following the person (decision 0024).
 */
export async function applyChangesToRegistry(tx: Tx, institutionId: string, changes: readonly FieldChange[], effectiveOn: string, now: Date): Promise<void> {
  const set: Partial<typeof institutions.$inferInsert> = {};
  for (const c of changes) {
    switch (c.field) {
      case 'name': set.name = c.to; break;
      case 'address': set.address = c.to; break;
      case 'scale': set.beds = Number(c.to); break;
      case 'nature': set.ownership = c.to as Ownership; break;
      case 'level': set.hospitalLevel = c.to as HospitalLevel; break;
      case 'category': set.subtype = c.to as InstitutionSubtype; break;
      case 'practice_scope': case 'drug_scope': set.mainScope = splitCodes(c.to); break;
      case 'phone': set.phone = c.to; break;
      case 'service_phone': set.servicePhone = c.to; break;
      default: break; // bank account: held on the request (the registry has no column); persons below
    }
  }
  if (Object.keys(set).length > 0) {
    const [cur] = await tx.select({ name: institutions.name, regionCode: institutions.regionCode }).from(institutions).where(eq(institutions.id, institutionId));
    await tx.update(institutions).set({
      ...set, ...(set.name ? { searchTokens: buildSearchTokens(set.name, cur!.regionCode) } : {}),
      version: sql`${institutions.version} + 1`, updatedAt: now,
    }).where(eq(institutions.id, institutionId));
  }
  for (const c of changes) {
    const role = PERSON_FIELD_ROLE[c.field];
    if (!role || !c.person) continue;
    await tx.insert(persons).values({ idNumber: c.person.idNumber, name: c.person.name }).onConflictDoNothing();
    const [p] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.idNumber, c.person.idNumber));
    const open = and(eq(institutionPersons.institutionId, institutionId), eq(institutionPersons.role, role), isNull(institutionPersons.toDate));
    const current = await tx.select().from(institutionPersons).where(open);
    if (current.some((s) => s.personId === p!.id)) continue; // already holds the role
    const endOn = addDays(effectiveOn, -1);
    // a span that began on or after the change date closes on its own first day (a span cannot end before it starts)
    await tx.update(institutionPersons).set({ toDate: sql`GREATEST(${institutionPersons.fromDate}, ${endOn}::date)` }).where(open);
    await tx.insert(institutionPersons).values({ institutionId, personId: p!.id, role, fromDate: effectiveOn }).onConflictDoNothing();
  }
}

/** Current value of the registry fields a request prefills (old → new). */
export async function registryValues(db: Db | Tx, institutionId: string) {
  const [inst] = await db.select().from(institutions).where(eq(institutions.id, institutionId));
  if (!inst) return null;
  const people = await db.select({ role: institutionPersons.role, name: persons.name, idNumber: persons.idNumber })
    .from(institutionPersons).innerJoin(persons, eq(persons.id, institutionPersons.personId))
    .where(and(eq(institutionPersons.institutionId, institutionId), isNull(institutionPersons.toDate)));
  return { inst, people };
}


/** The documents the engine issued for a request (变更确认通知书). */
export async function changeDocumentsOf(db: Db | Tx, requestId: string) {
  return db.select({ id: documents.id, number: documents.number, title: documents.title, issuedAt: documents.issuedAt, model: documents.model }).from(documents)
    .where(and(eq(documents.caseType, 'change_request'), eq(documents.caseId, requestId))).orderBy(asc(documents.issuedAt));
}
