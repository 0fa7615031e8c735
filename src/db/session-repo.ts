import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { organizations, sessions, users } from './schema/index';
import type { Role, SessionUser, OrgKind, OrgLevel } from '../domain/identity/roles';

export const SESSION_COOKIE = 'dd_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_TTL_MS = 8 * 3_600_000; // one working day

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a session; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(db: Db, userId: string, now: Date): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    idHash: hashToken(token),
    userId,
    csrfToken,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  });
  return { token, csrfToken };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashToken(token)));
}

/** The user behind a session token, or null when unknown, expired or deactivated. */
export async function loadSessionUser(db: Db, token: string, now: Date): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      csrfToken: sessions.csrfToken,
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      active: users.active,
      orgId: organizations.id,
      orgName: organizations.name,
      orgKind: organizations.kind,
      orgLevel: organizations.level,
      orgRegionCode: organizations.regionCode,
      institutionId: organizations.institutionId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(sessions.idHash, hashToken(token)));
  if (!row || !row.active || row.expiresAt.getTime() <= now.getTime()) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles as Role[],
    orgId: row.orgId,
    orgName: row.orgName,
    orgKind: row.orgKind as OrgKind,
    orgLevel: row.orgLevel as OrgLevel,
    orgRegionCode: row.orgRegionCode,
    institutionId: row.institutionId,
    csrfToken: row.csrfToken,
  };
}
