import { hash } from '@node-rs/argon2';
import { organizations, users, regions } from '../db/schema/index';
import { createSession, loadSessionUser, SESSION_COOKIE, CSRF_HEADER } from '../db/session-repo';
import { sessionClock } from '../domain/clock/clock';
import type { Role, SessionUser } from '../domain/identity/roles';
import type { AppContext } from '../context';

/**
 * Factories for tests: build what a test needs with sensible defaults.
 * Region rows are inserted on demand (only the codes a test mentions).
 */
export async function ensureRegion(ctx: AppContext, code: string, name = `区划${code}`): Promise<void> {
  const level = code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'prefecture' : 'county';
  const parentCode = level === 'province' ? null : level === 'prefecture' ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
  if (parentCode) await ensureRegion(ctx, parentCode);
  await ctx.db.insert(regions).values({ code, name, level, parentCode }).onConflictDoNothing();
}

export interface OrgSpec {
  kind: 'agency' | 'admin_dept' | 'institution' | 'expert_pool' | 'system' | 'third_party_assessor';
  level?: 'national' | 'province' | 'prefecture' | 'county';
  regionCode?: string | null;
  institutionId?: string | null;
  name?: string;
}

export async function buildOrg(ctx: AppContext, spec: OrgSpec) {
  if (spec.regionCode) await ensureRegion(ctx, spec.regionCode);
  const [org] = await ctx.db
    .insert(organizations)
    .values({
      kind: spec.kind,
      name: spec.name ?? `测试${spec.kind}${spec.regionCode ?? ''}`,
      level: spec.level ?? 'county',
      regionCode: spec.regionCode ?? null,
      institutionId: spec.institutionId ?? null,
    })
    .returning();
  return org!;
}

let counter = 0;
/** A user in `org` with `roles`; password is 'Passw0rd!' unless given. Hashing is cheap-tuned for tests. */
export async function buildUser(ctx: AppContext, orgId: string, roles: Role[], opts: { username?: string; password?: string } = {}) {
  const [user] = await ctx.db
    .insert(users)
    .values({
      username: opts.username ?? `user${++counter}_${Date.now().toString(36)}`,
      displayName: '测试用户',
      passwordHash: await hash(opts.password ?? 'Passw0rd!', { memoryCost: 1024, timeCost: 1, parallelism: 1 }),
      orgId,
      roles,
    })
    .returning();
  return user!;
}

/** Headers that make app.inject() act as this user (session cookie + CSRF token). */
export async function sessionHeaders(ctx: AppContext, userId: string): Promise<Record<string, string>> {
  const { token, csrfToken } = await createSession(ctx.db, userId, sessionClock(ctx.clock).now());
  return { cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: csrfToken };
}

/** One call: org + user + session headers. */
export async function actAs(ctx: AppContext, org: OrgSpec, roles: Role[]) {
  const o = await buildOrg(ctx, org);
  const u = await buildUser(ctx, o.id, roles);
  return { org: o, user: u, headers: await sessionHeaders(ctx, u.id) };
}

/** The `SessionUser` a use case receives, for a fresh user in a fresh `org` (use-case tests without HTTP). */
export async function buildSessionUser(ctx: AppContext, org: OrgSpec, roles: Role[]): Promise<SessionUser> {
  const { token } = await createSession(ctx.db, (await buildUser(ctx, (await buildOrg(ctx, org)).id, roles)).id, sessionClock(ctx.clock).now());
  return (await loadSessionUser(ctx.db, token, sessionClock(ctx.clock).now()))!;
}
