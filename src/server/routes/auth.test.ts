import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { buildOrg, buildUser } from '../../testing/factories';
import { buildApp } from '../app';
import { auditLog, loginFailures, sessions } from '../../db/schema/index';
import { hashToken } from '../../db/session-repo';
import { hashPassword, verifyPassword } from '../../identity/password';
import { ACCOUNT_INACTIVE, LOGIN_REFUSED } from './auth';

let ctx: TestContext;
let app: FastifyInstance;
let userId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const org = await buildOrg(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100', name: '昆明市医疗保障局经办机构' });
  userId = (await buildUser(ctx, org.id, ['agency_officer'], { username: 'km_officer', password: 'S3cret-pass' })).id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const login = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
type Cookie = { name: string; value: string; maxAge?: number; httpOnly?: boolean; sameSite?: string; path?: string; secure?: boolean };
const cookieOf = (res: { cookies: Cookie[] }) => res.cookies.find((c) => c.name === 'dd_session');

describe('password hashing', () => {
  it('hashes with argon2id at the OWASP parameters and verifies', async () => {
    const h = await hashPassword('正确的密码');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, '正确的密码')).toBe(true);
    expect(await verifyPassword(h, '错误的密码')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});

describe('POST /api/auth/login', () => {
  it('logs in: public user, CSRF token, session cookie; the session is stored only as a hash', async () => {
    const res = await login('km_officer', 'S3cret-pass');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ id: userId, username: 'km_officer', roles: ['agency_officer'], orgRegionCode: '530100', orgLevel: 'prefecture' });
    expect(body.user.csrfToken).toBeUndefined();
    expect(body.user.passwordHash).toBeUndefined();
    expect(body.csrfToken).toEqual(expect.any(String));
    const c = cookieOf(res)!;
    expect(c.maxAge).toBe(8 * 3600);
    const [row] = await ctx.db.select().from(sessions).where(eq(sessions.idHash, hashToken(c.value)));
    expect(row?.userId).toBe(userId);
    expect(await ctx.db.select().from(sessions).where(eq(sessions.idHash, c.value))).toHaveLength(0);
  });

  it('answers a wrong password and an unknown user identically, and records both failures', async () => {
    const a = await login('km_officer', 'wrong');
    const b = await login('nobody_here', 'wrong');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().error.message).toBe(LOGIN_REFUSED);
    const rows = await ctx.db.select().from(loginFailures);
    expect(rows.map((r) => r.username).sort()).toEqual(['km_officer', 'nobody_here']);
  });

  it('rejects a malformed body with 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
  });

  it('writes an auth.login audit row without password material', async () => {
    await login('km_officer', 'S3cret-pass');
    const rows = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ entityType: 'user', entityId: userId, actorUserId: userId, regionCode: '530100' });
    expect(JSON.stringify(rows)).not.toContain('S3cret-pass');
  });
});

describe('session', () => {
  it('GET /api/auth/me answers the user and CSRF token, or 401', async () => {
    const res = await login('km_officer', 'S3cret-pass');
    const cookie = `dd_session=${cookieOf(res)!.value}`;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: res.json().user, csrfToken: res.json().csrfToken, procedureTime: ctx.clock.now().toISOString() });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('the session answer carries the procedure clock (the web app counts today from it): moved forward, it says so', async () => {
    const res = await login('km_officer', 'S3cret-pass');
    expect(res.json().procedureTime).toBe(ctx.clock.now().toISOString());
    const cookie = `dd_session=${cookieOf(res)!.value}`;
    ctx.clock.advance(3 * 3_600_000);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().procedureTime).toBe(ctx.clock.now().toISOString());
  });

  it('logout deletes the session and clears the cookie (CSRF required while logged in)', async () => {
    const res = await login('km_officer', 'S3cret-pass');
    const cookie = `dd_session=${cookieOf(res)!.value}`;
    const noCsrf = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': res.json().csrfToken } });
    expect(out.statusCode).toBe(204);
    const cleared = cookieOf(out)!;
    expect(cleared.value).toBe('');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    // without a session it still clears the cookie
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });

  it('expires after the TTL on the injected clock', async () => {
    const res = await login('km_officer', 'S3cret-pass');
    const cookie = `dd_session=${cookieOf(res)!.value}`;
    ctx.clock.advance(8 * 3_600_000 - 1000);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    ctx.clock.advance(1000);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses a deactivated user, also at login', async () => {
    const org = await buildOrg(ctx, { kind: 'agency', level: 'county', regionCode: '530102' });
    const u = await buildUser(ctx, org.id, ['agency_officer'], { username: 'gone', password: 'S3cret-pass' });
    const res = await login('gone', 'S3cret-pass');
    const cookie = `dd_session=${cookieOf(res)!.value}`;
    const { users } = await import('../../db/schema/index');
    await ctx.db.update(users).set({ active: false }).where(eq(users.id, u.id));
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    // the right password of a deactivated account hears why (issue #9); a wrong one hears nothing more
    const again = await login('gone', 'S3cret-pass');
    expect(again.statusCode).toBe(403);
    expect(again.json().error.message).toBe(ACCOUNT_INACTIVE);
    expect((await login('gone', 'wrong-pass')).json().error.message).toBe(LOGIN_REFUSED);
  });
});
