import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Database, Db, Tx } from './client';
import { institutions, loginFailures, organizations, sessions, users } from './schema/index';
import type { Role, SessionUser, OrgKind, OrgLevel } from '../domain/identity/roles';

export const SESSION_COOKIE = 'dd_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_TTL_MS = 8 * 3_600_000; // one working day

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a session; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(db: Db, userId: string, now: Date, via: 'password' | 'sso' = 'password'): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    idHash: hashToken(token),
    userId,
    csrfToken,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    via,
  });
  return { token, csrfToken };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  dropLocalCaches();
  await db.delete(sessions).where(eq(sessions.idHash, hashToken(token)));
}

/** Removes a user's expired sessions (called on login, so that the table does not grow forever). */
export async function deleteExpiredSessions(db: Db, userId: string, now: Date): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lte(sessions.expiresAt, now)));
}

/** What login needs to know about an account (never sent to the client). */
export async function findLoginAccount(db: Db, username: string) {
  const [row] = await db
    .select({
      id: users.id, passwordHash: users.passwordHash, active: users.active, orgId: users.orgId, orgRegionCode: organizations.regionCode,
      orgActive: organizations.active,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(users.username, username));
  return row ?? null;
}

export async function recordLoginFailure(db: Db, username: string, ip: string, at: Date): Promise<void> {
  await db.insert(loginFailures).values({ username, ip, at });
}

/** Times of an account's failed logins from one source after `since`, newest first (at most `limit`). */
export async function recentLoginFailures(db: Db, username: string, ip: string, since: Date, limit: number): Promise<Date[]> {
  const rows = await db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, username), eq(loginFailures.ip, ip), gt(loginFailures.at, since)))
    .orderBy(desc(loginFailures.at))
    .limit(limit);
  return rows.map((r) => r.at);
}

/** After a success from `ip`: that source's failures no longer count (other sources keep theirs). */
export async function pruneLoginFailures(db: Db, username: string, ip: string, before: Date): Promise<void> {
  await db.delete(loginFailures).where(and(eq(loginFailures.username, username), eq(loginFailures.ip, ip), lte(loginFailures.at, before)));
}

/**
 * The session lookup runs on every API request, so it is built once per database handle and sent
 * as a named prepared statement (node-postgres parses and plans it once per connection; drizzle
 * does not rebuild the SQL), and its answer is cached per process (`SessionCache`, decision 0049).
 */
const sessionUserQueries = new WeakMap<Db, ReturnType<typeof buildSessionUserQuery>>();

function buildSessionUserQuery(db: Db) {
  return db
    .select({
      expiresAt: sessions.expiresAt,
      csrfToken: sessions.csrfToken,
      via: sessions.via,
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      orgActive: organizations.active,
      orgId: organizations.id,
      orgName: organizations.name,
      orgKind: organizations.kind,
      orgLevel: organizations.level,
      orgRegionCode: organizations.regionCode,
      institutionId: organizations.institutionId,
      institutionKind: institutions.kind,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .leftJoin(institutions, eq(institutions.id, organizations.institutionId))
    .where(eq(sessions.idHash, sql.placeholder('idHash')))
    .prepare('dd_session_user');
}

/** The channel the triggers of migration 0025 announce every write that can change a session lookup's answer on. */
export const SESSION_CACHE_CHANNEL = 'dd_session_cache';

/**
 * The session lookup's rows, per process, by token hash (decision 0049). What makes it safe:
 * - every write that can change an answer (a session ended, a user or organisation changed — active,
 *   roles, temporary password, name —, an institution's kind) fires a trigger that NOTIFYs
 *   `dd_session_cache`; every node LISTENs and drops its whole cache when the writer commits, whoever
 *   the writer is (a use case, another node, an import, psql);
 * - this node's own session-ending functions below also drop it at once (before their commit);
 * - a lookup stores its row only if no drop happened while it read (`generation`): a row read just
 *   before a writer's commit never outlives the writer's notification;
 * - while the listening connection is down, nothing is cached or served from the cache;
 * - an entry lives at most `ttlMs` (real time) even so, and expiry (`expiresAt`, the session clock) and
 *   the active flags are checked on every hit as on every read.
 * Bounded in size (the oldest entries go first).
 */
export class SessionCache {
  private readonly rows = new Map<string, { row: object; at: number }>();
  private generation = 0;
  private listening = false;
  private stopListening?: () => Promise<void>;
  private waiters: (() => void)[] = [];
  /** how many lookups went to the database (tests: the cache does cache) */
  reads = 0;

  constructor(readonly ttlMs = 5000, readonly maxEntries = 10_000, private readonly monotonic: () => number = () => performance.now()) {}

  /** Starts listening; the cache serves nothing until the database confirms. */
  async start(database: Database): Promise<this> {
    liveCaches.add(this);
    this.stopListening = await database.listen(SESSION_CACHE_CHANNEL, () => this.notified(), (on) => {
      this.drop();
      this.listening = on;
    });
    return this;
  }

  async stop(): Promise<void> {
    liveCaches.delete(this);
    this.listening = false;
    this.drop();
    await this.stopListening?.();
  }

  private notified(): void {
    this.drop();
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves at the next notification (tests: a write by another connection has reached this node). */
  nextNotification(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Forget everything, and make every lookup in flight not store what it read. */
  drop(): void {
    this.generation++;
    this.rows.clear();
  }

  get active(): boolean {
    return this.listening;
  }

  async lookup<R extends object>(idHash: string, read: () => Promise<R | undefined>): Promise<R | undefined> {
    if (!this.listening) {
      this.reads++;
      return read();
    }
    const hit = this.rows.get(idHash);
    const t = this.monotonic();
    if (hit && t - hit.at < this.ttlMs) return hit.row as R;
    if (hit) this.rows.delete(idHash);
    const generation = this.generation;
    this.reads++;
    const row = await read();
    if (row && this.listening && generation === this.generation) {
      if (this.rows.size >= this.maxEntries) this.rows.delete(this.rows.keys().next().value!);
      this.rows.set(idHash, { row, at: t });
    }
    return row;
  }
}

/**
 * The caches started in this process. This process's own session-ending functions drop them all at once:
 * they run inside a transaction whose handle is not the app's, ends of sessions are rare, and the
 * trigger's notification drops them again after the commit.
 */
const liveCaches = new Set<SessionCache>();
const dropLocalCaches = () => { for (const c of liveCaches) c.drop(); };

/** The user behind a session token, or null when unknown, expired, or the user or its organisation deactivated. */
export async function loadSessionUser(db: Db, token: string, now: Date, cache?: SessionCache): Promise<SessionUser | null> {
  let query = sessionUserQueries.get(db);
  if (!query) sessionUserQueries.set(db, (query = buildSessionUserQuery(db)));
  const q = query;
  const idHash = hashToken(token);
  const read = async () => (await q.execute({ idHash }))[0];
  const row = cache ? await cache.lookup(idHash, read) : await read();
  if (!row || !row.active || !row.orgActive || row.expiresAt.getTime() <= now.getTime()) return null;
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
    // a temporary password is the local login's: a single sign-on did not use it, so it does not force its change
    mustChangePassword: row.mustChangePassword && row.via !== 'sso',
    institutionKind: row.institutionKind ?? null,
    csrfToken: row.csrfToken,
  };
}

/**
 * Ends every session of a user (deactivation, password reset, identity unlinked), or every one but
 * `keepToken`'s (own password change); returns how many ended. Every path that ends sessions comes
 * here: the local caches must drop at once, not when the trigger's notification arrives — a request
 * of the ended session in between would be answered from the cache (the race that failed stop 16's CI).
 */
export async function deleteUserSessions(db: Db | Tx, userId: string, keepToken?: string): Promise<number> {
  const keep = keepToken ? ne(sessions.idHash, hashToken(keepToken)) : undefined;
  dropLocalCaches();
  const ended = await db.delete(sessions).where(and(eq(sessions.userId, userId), keep)).returning({ idHash: sessions.idHash });
  return ended.length;
}

/** Ends every session of an organisation's users (the organisation is deactivated). */
export async function deleteOrgSessions(db: Db | Tx, orgId: string): Promise<void> {
  dropLocalCaches();
  await db.delete(sessions).where(inArray(sessions.userId, db.select({ id: users.id }).from(users).where(eq(users.orgId, orgId))));
}
