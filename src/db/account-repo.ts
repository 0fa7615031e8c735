/**
 * Staff accounts (issue #9): the paged list an administrator reads, one account with its
 * organisation, the version-checked update, and the registry look-up that links a legal
 * representative's account to the registered person. Password hashes never leave this file
 * except to the use case that verifies one.
 */
import { and, asc, count, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { institutionPersons, organizations, persons, users } from './schema/index';
import type { OrgKind, Role } from '../domain/identity/roles';
import { isUuid } from './designation-repo';

export const ACCOUNT_SORTS = ['username', 'displayName', 'orgName', 'createdAt'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export interface AccountFilter {
  /** only this organisation (a delegated manager's own) */
  orgId?: string;
  role?: Role;
  active?: boolean;
  /** part of the username or the display name */
  q?: string;
  sort: AccountSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const accountColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  roles: users.roles,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  personId: users.personId,
  personName: persons.name,
  version: users.version,
  createdAt: users.createdAt,
  passwordChangedAt: users.passwordChangedAt,
  orgId: organizations.id,
  orgName: organizations.name,
  orgKind: organizations.kind,
  orgActive: organizations.active,
  orgRegionCode: organizations.regionCode,
  institutionId: organizations.institutionId,
};
export type AccountRow = {
  id: string; username: string; displayName: string; roles: Role[]; active: boolean; mustChangePassword: boolean;
  personId: string | null; personName: string | null; version: number; createdAt: Date; passwordChangedAt: Date | null;
  orgId: string; orgName: string; orgKind: OrgKind; orgActive: boolean; orgRegionCode: string | null; institutionId: string | null;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listAccounts(db: Db, f: AccountFilter): Promise<{ items: AccountRow[]; total: number }> {
  const conds: SQL[] = [];
  if (f.orgId) conds.push(eq(users.orgId, f.orgId));
  if (f.role) conds.push(sql`${f.role} = ANY(${users.roles})`);
  if (f.active !== undefined) conds.push(eq(users.active, f.active));
  if (f.q) {
    const p = `%${escapeLike(f.q)}%`;
    conds.push(or(ilike(users.username, p), ilike(users.displayName, p))!);
  }
  const where = conds.length ? and(...conds) : undefined;
  const dir = f.order === 'desc' ? desc : asc;
  const key = { username: users.username, displayName: users.displayName, orgName: organizations.name, createdAt: users.createdAt }[f.sort];
  const [rows, [total]] = await Promise.all([
    db
      .select(accountColumns)
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.orgId))
      .leftJoin(persons, eq(persons.id, users.personId))
      .where(where)
      .orderBy(dir(key), asc(users.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(where),
  ]);
  return { items: rows as AccountRow[], total: total?.n ?? 0 };
}

export async function findAccount(db: Db | Tx, id: string): Promise<AccountRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select(accountColumns)
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .leftJoin(persons, eq(persons.id, users.personId))
    .where(eq(users.id, id));
  return (row as AccountRow | undefined) ?? null;
}

export async function findPasswordHash(db: Db | Tx, id: string): Promise<string | null> {
  const [row] = await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id));
  return row?.h ?? null;
}

export async function usernameTaken(db: Db | Tx, username: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`).limit(1);
  return !!row;
}

export async function insertAccount(tx: Tx, values: typeof users.$inferInsert): Promise<string> {
  const [row] = await tx.insert(users).values(values).returning({ id: users.id });
  return row!.id;
}

/** UPDATE … WHERE version = ?; false when the row changed meanwhile (stale → 409). */
export async function updateAccount(tx: Tx, id: string, version: number, set: Partial<typeof users.$inferInsert>): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ ...set, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning({ id: users.id });
  return rows.length === 1;
}

/**
 * The institution's current 法定代表人 with this 身份证号, or null (the registry's person of role
 * legal_rep whose link has not ended).
 */
export async function currentLegalRepByIdNumber(db: Db | Tx, institutionId: string, idNumber: string) {
  const [row] = await db
    .select({ personId: persons.id, name: persons.name })
    .from(institutionPersons)
    .innerJoin(persons, eq(persons.id, institutionPersons.personId))
    .where(and(
      eq(institutionPersons.institutionId, institutionId), eq(institutionPersons.role, 'legal_rep'),
      isNull(institutionPersons.toDate), eq(persons.idNumber, idNumber),
    ))
    .limit(1);
  return row ?? null;
}

export async function countUsers(db: Db | Tx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}
