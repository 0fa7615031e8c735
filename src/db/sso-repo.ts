/**
 * Single sign-on (decision 0026): linked identities and the sign-ins in flight. The only SQL of
 * the feature; the use cases are in src/identity/sso/.
 */
import { and, asc, count, eq, ilike, lte, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { oidcLogins, organizations, userIdentities, users } from './schema/index';
import { uniqueViolation } from './unique-violation';
import { AppError } from '../domain/errors';

export type OidcLoginRow = typeof oidcLogins.$inferSelect;

export async function insertOidcLogin(db: Db, row: OidcLoginRow): Promise<void> {
  await db.insert(oidcLogins).values(row);
}

/** Consumes a sign-in in flight: the row is deleted whoever asks, so that a callback cannot be replayed. */
export async function takeOidcLogin(db: Db, idHash: string): Promise<OidcLoginRow | null> {
  const [row] = await db.delete(oidcLogins).where(eq(oidcLogins.idHash, idHash)).returning();
  return row ?? null;
}

export async function deleteExpiredOidcLogins(db: Db, now: Date): Promise<void> {
  await db.delete(oidcLogins).where(lte(oidcLogins.expiresAt, now));
}

/** The account linked to an identity (with what sign-in needs to know), or null. */
export async function findLinkedAccount(db: Db, issuer: string, subject: string) {
  const [row] = await db
    .select({ userId: users.id, username: users.username, active: users.active, orgId: users.orgId, orgRegionCode: organizations.regionCode })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)));
  return row ?? null;
}

/** An account to link, by id or by username. */
export async function findAccountForLink(db: Db | Tx, by: { userId: string } | { username: string }) {
  const [row] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, active: users.active, regionCode: organizations.regionCode })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where('userId' in by ? eq(users.id, by.userId) : eq(users.username, by.username));
  return row ?? null;
}

const identityColumns = {
  id: userIdentities.id,
  issuer: userIdentities.issuer,
  subject: userIdentities.subject,
  userId: userIdentities.userId,
  username: users.username,
  displayName: users.displayName,
  active: users.active,
  orgName: organizations.name,
  linkedBy: userIdentities.linkedBy,
  linkedAt: userIdentities.linkedAt,
};

export interface IdentityFilter {
  userId?: string;
  /** part of the username, display name or subject */
  q?: string;
  limit: number;
  offset: number;
}

export async function listIdentities(db: Db, f: IdentityFilter) {
  const conds: SQL[] = [];
  if (f.userId) conds.push(eq(userIdentities.userId, f.userId));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like), ilike(userIdentities.subject, like))!);
  }
  const where = conds.length ? and(...conds) : undefined;
  const base = () =>
    db.select(identityColumns).from(userIdentities).innerJoin(users, eq(users.id, userIdentities.userId)).innerJoin(organizations, eq(organizations.id, users.orgId));
  const items = await base().where(where).orderBy(asc(users.username), asc(userIdentities.linkedAt)).limit(f.limit).offset(f.offset);
  const [total] = await db
    .select({ n: count() })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(where);
  return { items, total: total?.n ?? 0 };
}

export async function findIdentity(db: Db | Tx, id: string) {
  const [row] = await db.select().from(userIdentities).where(eq(userIdentities.id, id));
  return row ?? null;
}

export async function insertIdentity(tx: Tx, row: typeof userIdentities.$inferInsert) {
  try {
    const [inserted] = await tx.insert(userIdentities).values(row).returning();
    return inserted!;
  } catch (e) {
    if (uniqueViolation(e)) throw new AppError('CONFLICT', '该统一身份认证账号已关联本系统账号，须先解除原关联', { field: 'subject' });
    throw e;
  }
}

export async function deleteIdentity(tx: Tx, id: string) {
  const [row] = await tx.delete(userIdentities).where(eq(userIdentities.id, id)).returning();
  return row ?? null;
}
