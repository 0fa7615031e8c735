/**
 * Self-registrations (decision 0027): the rows, their files, the proof-of-work challenges, and the
 * territory filter of the agencies' queue (an agency sees the registrations of its region subtree;
 * an institution or an expert sees none — the applicant reads its own through `findRegistrationOfUser`).
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import {
  institutions, organizations, regions, registrationChallenges, registrationFiles, registrations, users,
} from './schema/index';
import { prefixLike } from './territory';
import type { Scope } from '../domain/identity/territory';
import type { RegistrationStatus, RegistrationFileKind } from '../domain/registration/registration';
import type { InstitutionKind } from '../domain/registry/enums';

export type RegistrationRow = typeof registrations.$inferSelect;
export type RegistrationFileInfo = Omit<typeof registrationFiles.$inferSelect, 'content'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** The fixed organisation every not-yet-verified applicant account belongs to (kind institution, no institution). */
export const APPLICANTS_ORG_ID = '00000000-0000-4000-8000-00000000a9e1';

export async function ensureApplicantsOrg(tx: Db | Tx): Promise<string> {
  await tx
    .insert(organizations)
    .values({ id: APPLICANTS_ORG_ID, kind: 'institution', name: '自助注册申请人（待审核）', level: 'national', regionCode: null, institutionId: null })
    .onConflictDoNothing();
  return APPLICANTS_ORG_ID;
}

function scoped(scope: Scope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'region':
      return prefixLike(registrations.regionCode, scope.prefix);
    default:
      return sql`false`;
  }
}

// ───────────── challenges ─────────────

export async function insertChallenge(db: Db, row: { salt: string; bits: number; expiresAt: Date }, now: Date) {
  // the table holds only live challenges: expired ones are removed as new ones are handed out
  await db.delete(registrationChallenges).where(lt(registrationChallenges.expiresAt, new Date(now.getTime() - 3_600_000)));
  const [r] = await db.insert(registrationChallenges).values(row).returning();
  return r!;
}

export async function findChallenge(db: Db | Tx, id: string) {
  const [r] = await db.select().from(registrationChallenges).where(eq(registrationChallenges.id, id));
  return r ?? null;
}

/** Marks a challenge used; false when it was used already or has expired (one statement: two requests cannot both win). */
export async function consumeChallenge(tx: Db | Tx, id: string, now: Date): Promise<boolean> {
  const r = await tx
    .update(registrationChallenges)
    .set({ usedAt: now })
    .where(and(eq(registrationChallenges.id, id), isNull(registrationChallenges.usedAt), gt(registrationChallenges.expiresAt, now)))
    .returning({ id: registrationChallenges.id });
  return r.length === 1;
}

// ───────────── uniqueness ─────────────

/** Whether a USCC is in the registry or in another open registration. */
export async function usccTaken(db: Db | Tx, uscc: string, exceptRegistrationId?: string): Promise<boolean> {
  const [inst] = await db.select({ id: institutions.id }).from(institutions).where(eq(institutions.uscc, uscc)).limit(1);
  if (inst) return true;
  const [reg] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(
      eq(registrations.uscc, uscc), sql`${registrations.status} IN ('pending', 'returned')`,
      exceptRegistrationId ? sql`${registrations.id} <> ${exceptRegistrationId}` : undefined,
    ))
    .limit(1);
  return !!reg;
}

export async function usernameTaken(db: Db | Tx, username: string): Promise<boolean> {
  const [u] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`).limit(1);
  return !!u;
}

// ───────────── agencies ─────────────

/** Agencies whose region is the county, its prefecture or its province. */
export async function agenciesAbove(db: Db | Tx, regionCode: string) {
  const chain = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
  return db
    .select({ id: organizations.id, name: organizations.name, regionCode: organizations.regionCode })
    .from(organizations)
    .where(and(eq(organizations.kind, 'agency'), inArray(organizations.regionCode, chain)))
    .orderBy(asc(organizations.name));
}

export async function regionExists(db: Db | Tx, code: string): Promise<{ level: string } | null> {
  const [r] = await db.select({ level: regions.level }).from(regions).where(eq(regions.code, code));
  return r ?? null;
}

// ───────────── rows ─────────────

export async function insertRegistration(tx: Tx, row: typeof registrations.$inferInsert): Promise<RegistrationRow> {
  const [r] = await tx.insert(registrations).values(row).returning();
  return r!;
}

export async function updateRegistration(tx: Tx, id: string, version: number, set: Partial<typeof registrations.$inferInsert>) {
  const [r] = await tx
    .update(registrations)
    .set({ ...set, version: version + 1 })
    .where(and(eq(registrations.id, id), eq(registrations.version, version)))
    .returning();
  return r ?? null;
}

export async function findRegistrationOfUser(db: Db | Tx, userId: string): Promise<RegistrationRow | null> {
  const [r] = await db.select().from(registrations).where(eq(registrations.userId, userId));
  return r ?? null;
}

/** One registration inside the scope; null when missing or outside (the caller answers 404 either way). */
export async function findRegistration(db: Db | Tx, scope: Scope, id: string): Promise<RegistrationRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.select().from(registrations).where(and(eq(registrations.id, id), scoped(scope)));
  return r ?? null;
}

export interface RegistrationFilter {
  status?: RegistrationStatus;
  /** a province, prefecture or county code (prefix match) */
  region?: string;
  kind?: InstitutionKind;
  /** only those in the caller's own agency's queue */
  agencyOrgId?: string;
  q?: string;
  sort: 'submittedAt' | 'name' | 'status';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export async function listRegistrations(db: Db, scope: Scope, f: RegistrationFilter) {
  const where = and(
    scoped(scope),
    f.status ? eq(registrations.status, f.status) : undefined,
    f.region ? prefixLike(registrations.regionCode, f.region) : undefined,
    f.kind ? eq(registrations.kind, f.kind) : undefined,
    f.agencyOrgId ? eq(registrations.agencyOrgId, f.agencyOrgId) : undefined,
    f.q ? or(sql`${registrations.name} ILIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`, eq(registrations.uscc, f.q.toUpperCase())) : undefined,
  );
  const col = f.sort === 'name' ? registrations.name : f.sort === 'status' ? registrations.status : registrations.submittedAt;
  const items = await db
    .select({
      id: registrations.id, status: registrations.status, uscc: registrations.uscc, name: registrations.name, kind: registrations.kind,
      subtype: registrations.subtype, regionCode: registrations.regionCode, regionName: regions.name,
      agencyOrgId: registrations.agencyOrgId, agencyName: organizations.name, submittedAt: registrations.submittedAt,
      decidedAt: registrations.decidedAt, version: registrations.version,
    })
    .from(registrations)
    .leftJoin(regions, eq(regions.code, registrations.regionCode))
    .leftJoin(organizations, eq(organizations.id, registrations.agencyOrgId))
    .where(where)
    .orderBy(f.order === 'asc' ? asc(col) : desc(col), desc(registrations.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [t] = await db.select({ n: count() }).from(registrations).where(where);
  return { items, total: Number(t?.n ?? 0), page: f.page, pageSize: f.pageSize };
}

export async function regionAndAgencyNames(db: Db | Tx, row: RegistrationRow) {
  const [r] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, row.regionCode));
  const [a] = row.agencyOrgId ? await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, row.agencyOrgId)) : [];
  return { regionName: r?.name ?? null, agencyName: a?.name ?? null };
}

// ───────────── files ─────────────

const fileInfo = {
  id: registrationFiles.id, registrationId: registrationFiles.registrationId, kind: registrationFiles.kind, fileName: registrationFiles.fileName,
  mime: registrationFiles.mime, size: registrationFiles.size, sha256: registrationFiles.sha256, at: registrationFiles.at,
};

export async function filesOf(db: Db | Tx, registrationId: string): Promise<RegistrationFileInfo[]> {
  return db.select(fileInfo).from(registrationFiles).where(eq(registrationFiles.registrationId, registrationId)).orderBy(asc(registrationFiles.kind));
}

export async function findFile(db: Db | Tx, registrationId: string, fileId: string) {
  if (!isUuid(fileId)) return null;
  const [r] = await db.select().from(registrationFiles).where(and(eq(registrationFiles.registrationId, registrationId), eq(registrationFiles.id, fileId)));
  return r ?? null;
}

/** Stores a file of `kind`, replacing the registration's previous one of that kind. */
export async function putFile(tx: Tx, row: Omit<typeof registrationFiles.$inferInsert, 'id'>): Promise<RegistrationFileInfo> {
  await tx.delete(registrationFiles).where(and(eq(registrationFiles.registrationId, row.registrationId), eq(registrationFiles.kind, row.kind)));
  const [r] = await tx.insert(registrationFiles).values(row).returning(fileInfo);
  return r!;
}

export async function deactivateUser(tx: Tx, userId: string): Promise<void> {
  await tx.update(users).set({ active: false }).where(eq(users.id, userId));
}

export async function setUserAccount(tx: Tx, userId: string, set: { orgId: string; roles: string[]; personId?: string | null; displayName?: string }) {
  await tx.update(users).set(set).where(eq(users.id, userId));
}

export type RegistrationFileKindT = RegistrationFileKind;
