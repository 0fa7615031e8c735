/**
 * Single sign-on (decision 0026) against a REAL OpenID Connect provider: `oidc-provider` started on
 * loopback inside the test (src/testing/oidc-provider.ts), with a static client and an interaction
 * that signs in the subject the test chooses. The whole flow runs over HTTP through the real Fastify app (listening on
 * 127.0.0.1:0): start → provider → callback → session cookie → /api/auth/me. The browser is a
 * fetch that follows redirects by hand with a cookie jar per origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, buildOrg, buildUser } from '../../testing/factories';
import { loadConfig } from '../../config';
import { auditLog, oidcLogins, users } from '../../db/schema/index';
import { SSO_ERRORS } from '../../domain/identity/sso';
import { startTestOidcProvider, type TestOidcProvider } from '../../testing/oidc-provider';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let appOrigin: string;
let provider: TestOidcProvider;
let issuer: string;
let adminHeaders: Record<string, string>;

/** A browser, reduced: one cookie jar per origin (host:port), redirects followed by hand. */
class Browser {
  private jars = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  async get(url: string): Promise<{ status: number; location: string | null; body: string; cacheControl: string | null }> {
    const u = new URL(url);
    const jar = this.jars.get(u.origin) ?? new Map<string, string>();
    this.jars.set(u.origin, jar);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(u, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eqAt = pair!.indexOf('=');
      const name = pair!.slice(0, eqAt).trim();
      const value = pair!.slice(eqAt + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, u).href : null, body: await res.text(), cacheControl: res.headers.get('cache-control') };
  }

  /** Follows redirects from `url` until one leads to `stopAt` (returned, not fetched) or an answer that is not a redirect. */
  async follow(url: string, stopAt?: (next: URL) => boolean): Promise<{ url: string; status: number; body: string; hops: string[] }> {
    const hops: string[] = [];
    let current = url;
    for (let i = 0; i < 20; i++) {
      const r = await this.get(current);
      hops.push(`${r.status} ${current}`);
      if (r.status < 300 || r.status >= 400 || !r.location) return { url: current, status: r.status, body: r.body, hops };
      if (stopAt?.(new URL(r.location))) return { url: r.location, status: r.status, body: '', hops };
      current = r.location;
    }
    throw new Error(`too many redirects: ${hops.join(' → ')}`);
  }
}

const isCallback = (u: URL) => u.origin === appOrigin && u.pathname === '/api/auth/oidc/callback';
/** Where the app sent the browser once the callback answered (a path inside the web app). */
const landedOn = (url: string) => {
  const u = new URL(url);
  return u.origin === appOrigin ? `${u.pathname}${u.search}` : url;
};

/** One whole sign-in: returns where the app sent the browser and the browser (with its cookies). */
async function signIn(subject: string, browser = new Browser(), returnTo?: string) {
  provider.signInAs(subject);
  const start = `${appOrigin}/api/auth/oidc/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`;
  const toCallback = await browser.follow(start, isCallback);
  expect(isCallback(new URL(toCallback.url)), toCallback.hops.join('\n')).toBe(true);
  const cb = await browser.get(toCallback.url);
  expect(cb.status, cb.body).toBe(302);
  return { browser, landing: landedOn(cb.location!), callbackUrl: toCallback.url };
}

async function me(browser: Browser) {
  return browser.get(`${appOrigin}/api/auth/me`);
}

function configure(extra: Record<string, string> = {}) {
  Object.assign(
    ctx.config,
    loadConfig({
      NODE_ENV: 'test', SANDBOX: '1', SEED_DEMO: '0',
      OIDC_ISSUER: issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URL: `${appOrigin}/api/auth/oidc/callback`, OIDC_ALLOW_HTTP: '1',
      ...extra,
    }),
  );
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  appOrigin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  provider = await startTestOidcProvider({ redirectUris: [`${appOrigin}/api/auth/oidc/callback`] });
  issuer = provider.issuer;
  configure();
  adminHeaders = (await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin'])).headers;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await provider?.close();
  await ctx?.close();
});

/** An account in a county agency, linked by the administrator to `subject` through the API. */
async function linkedAccount(subject: string, username: string) {
  const org = await buildOrg(ctx, { kind: 'agency', level: 'county', regionCode: '530102' });
  const user = await buildUser(ctx, org.id, ['agency_officer'], { username });
  const res = await app.inject({ method: 'POST', url: '/api/admin/identities', headers: adminHeaders, payload: { username, subject } });
  expect(res.statusCode, res.body).toBe(201);
  return { user, identityId: res.json<{ id: string }>().id };
}

const auditRows = (action: string) => ctx.db.select().from(auditLog).where(eq(auditLog.action, action));

describe('single sign-on through a real OpenID Connect provider', () => {
  it('signs in a linked account: start → provider → callback → session cookie → /api/auth/me', async () => {
    const { user } = await linkedAccount('zhangsan-0001', 'sso_officer');
    const { browser, landing } = await signIn('zhangsan-0001', new Browser(), '/applications/queue?status=submitted');
    expect(landing).toBe('/applications/queue?status=submitted');
    expect(browser.cookie(appOrigin, 'dd_session')).toBeTruthy();
    expect(browser.cookie(appOrigin, 'dd_sso_flow')).toBeUndefined();
    const answer = await me(browser);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).user).toMatchObject({ id: user.id, username: 'sso_officer', roles: ['agency_officer'] });
    const logins = await auditRows('auth.sso_login');
    expect(logins.map((r) => r.entityId)).toContain(user.id);
    expect(logins.find((r) => r.entityId === user.id)!.after).toMatchObject({ issuer, subject: 'zhangsan-0001' });
    // the sign-in in flight was consumed
    expect(await ctx.db.select().from(oidcLogins)).toEqual([]);
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, and keeps them on the server only', async () => {
    const browser = new Browser();
    const start = await browser.get(`${appOrigin}/api/auth/oidc/start`);
    expect(start.status).toBe(302);
    expect(start.cacheControl).toBe('no-store');
    const to = new URL(start.location!);
    expect(to.origin).toBe(issuer);
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('state')).toBeTruthy();
    expect(to.searchParams.get('nonce')).toBeTruthy();
    const flow = browser.cookie(appOrigin, 'dd_sso_flow')!;
    expect(flow).toBeTruthy();
    // the cookie is a random handle: the state, nonce and verifier are not in it
    const [row] = await ctx.db.select().from(oidcLogins);
    expect(row!.state).toBe(to.searchParams.get('state'));
    for (const secret of [row!.state, row!.nonce, row!.codeVerifier]) expect(flow).not.toContain(secret);
    await ctx.db.delete(oidcLogins);
  });

  it('refuses an identity no administrator linked: /login with 「该统一身份认证账号尚未关联本系统账号，请联系系统管理员」, no session', async () => {
    const { browser, landing } = await signIn('nobody-9999');
    expect(landing).toBe('/login?sso_error=unlinked');
    expect(SSO_ERRORS.unlinked).toBe('该统一身份认证账号尚未关联本系统账号，请联系系统管理员');
    expect(browser.cookie(appOrigin, 'dd_session')).toBeUndefined();
    expect((await me(browser)).status).toBe(401);
    const refused = await auditRows('auth.sso_refused');
    expect(refused.some((r) => (r.after as { subject: string }).subject === 'nobody-9999')).toBe(true);
  });

  it('an account holding a temporary password is not forced to change it after a single sign-on (the local password was not used); a local login still is', async () => {
    const { user } = await linkedAccount('wangwu-0005', 'sso_temp_pw');
    await ctx.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id));
    const { browser } = await signIn('wangwu-0005');
    const answer = await me(browser);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).user).toMatchObject({ id: user.id, mustChangePassword: false });
    // any other API answers, not 「请先修改临时密码，再使用系统」
    const other = await browser.get(`${appOrigin}/api/home`);
    expect(other.status, other.body).toBe(200);
    // the same account signing in with its local (temporary) password still meets the forced change
    const local = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sso_temp_pw', password: 'Passw0rd!' } });
    expect(local.statusCode, local.body).toBe(200);
    const cookie = local.cookies.find((c) => c.name === 'dd_session')!;
    const home = await app.inject({ method: 'GET', url: '/api/home', cookies: { dd_session: cookie.value } });
    expect(home.statusCode).toBe(403);
    expect(home.json().error.message).toBe('请先修改临时密码，再使用系统');
  });

  it('refuses a deactivated account (users.active = false) even with a linked identity', async () => {
    const { user } = await linkedAccount('lisi-0002', 'sso_inactive');
    await ctx.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    const { browser, landing } = await signIn('lisi-0002');
    expect(landing).toBe('/login?sso_error=inactive');
    expect(browser.cookie(appOrigin, 'dd_session')).toBeUndefined();
  });

  it('refuses a tampered state, and the sign-in cannot be retried with the right one', async () => {
    await linkedAccount('wangwu-0003', 'sso_state');
    provider.signInAs('wangwu-0003');
    const browser = new Browser();
    const toCallback = await browser.follow(`${appOrigin}/api/auth/oidc/start`, isCallback);
    const tampered = new URL(toCallback.url);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    const cb = await browser.get(tampered.href);
    expect(cb.status).toBe(302);
    expect(landedOn(cb.location!)).toBe('/login?sso_error=invalid');
    expect(browser.cookie(appOrigin, 'dd_session')).toBeUndefined();
    // the flow was consumed by the refused attempt: the genuine callback no longer works
    const again = await browser.get(toCallback.url);
    expect(landedOn(again.location!)).toBe('/login?sso_error=expired');
  });

  it('refuses a callback from another browser (no flow cookie) and a replayed callback', async () => {
    await linkedAccount('zhaoliu-0004', 'sso_replay');
    provider.signInAs('zhaoliu-0004');
    const victim = new Browser();
    const toCallback = await victim.follow(`${appOrigin}/api/auth/oidc/start`, isCallback);
    // login CSRF: the callback URL opened in another browser (without the flow cookie) signs nobody in
    const other = new Browser();
    const elsewhere = await other.get(toCallback.url);
    expect(landedOn(elsewhere.location!)).toBe('/login?sso_error=expired');
    expect(other.cookie(appOrigin, 'dd_session')).toBeUndefined();
    // … and does not spoil the genuine browser's sign-in
    const genuine = await victim.get(toCallback.url);
    expect(landedOn(genuine.location!)).toBe('/');
    // replaying the callback: the flow was consumed
    const replay = await victim.get(toCallback.url);
    expect(landedOn(replay.location!)).toBe('/login?sso_error=expired');
  });

  it('a flow older than 10 minutes has expired', async () => {
    await linkedAccount('sunqi-0005', 'sso_expired');
    provider.signInAs('sunqi-0005');
    const browser = new Browser();
    const toCallback = await browser.follow(`${appOrigin}/api/auth/oidc/start`, isCallback);
    ctx.clock.advance(10 * 60_000 + 1000);
    const cb = await browser.get(toCallback.url);
    expect(landedOn(cb.location!)).toBe('/login?sso_error=expired');
  });

  it('an error answered by the provider (access_denied) ends on the login page, not in a 5xx', async () => {
    const browser = new Browser();
    await browser.get(`${appOrigin}/api/auth/oidc/start`);
    const cb = await browser.get(`${appOrigin}/api/auth/oidc/callback?error=access_denied&state=whatever`);
    expect(landedOn(cb.location!)).toBe('/login?sso_error=denied');
    // forged or junk callbacks: never a 5xx
    for (const q of ['', '?code=', '?code=abc&state=def', '?code=%00&state=%ff', `?code=${'x'.repeat(5000)}`]) {
      const r = await new Browser().get(`${appOrigin}/api/auth/oidc/callback${q}`);
      expect(r.status, q).toBeLessThan(500);
    }
  });

  it('unlinking ends the account\'s sessions and the identity no longer signs in', async () => {
    const { user, identityId } = await linkedAccount('zhouba-0006', 'sso_unlink');
    const first = await signIn('zhouba-0006');
    expect((await me(first.browser)).status).toBe(200);
    const del = await app.inject({ method: 'DELETE', url: `/api/admin/identities/${identityId}`, headers: adminHeaders });
    expect(del.statusCode, del.body).toBe(204);
    expect((await me(first.browser)).status).toBe(401);
    const second = await signIn('zhouba-0006');
    expect(second.landing).toBe('/login?sso_error=unlinked');
    const trail = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, user.id)));
    expect(trail.map((r) => r.action)).toEqual(['user_identity.link', 'auth.sso_login', 'user_identity.unlink']);
  });

  it('maps another claim to the subject (OIDC_SUBJECT_CLAIM), read from userinfo when the ID token lacks it', async () => {
    configure({ OIDC_SUBJECT_CLAIM: 'preferred_username' });
    try {
      await linkedAccount('emp-wujiu-0007', 'sso_claim');
      const { browser, landing } = await signIn('wujiu-0007');
      expect(landing).toBe('/');
      expect(JSON.parse((await me(browser)).body).user.username).toBe('sso_claim');
    } finally {
      configure();
    }
  });
});

describe('linking identities (system administrator only)', () => {
  it('links by username or account id, refuses a second link of the same identity, lists and unlinks', async () => {
    const org = await buildOrg(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100' });
    const a = await buildUser(ctx, org.id, ['agency_head'], { username: 'link_a' });
    const b = await buildUser(ctx, org.id, ['agency_officer'], { username: 'link_b' });
    const post = (payload: object) => app.inject({ method: 'POST', url: '/api/admin/identities', headers: adminHeaders, payload });
    const first = await post({ userId: a.id, subject: 'shared-subject' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ issuer, subject: 'shared-subject', userId: a.id, username: 'link_a' });
    const dup = await post({ username: 'link_b', subject: 'shared-subject' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('该统一身份认证账号已关联本系统账号，须先解除原关联');
    expect((await post({ username: 'no_such_user', subject: 's' })).statusCode).toBe(404);
    const neither = await post({ subject: 's' });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.message).toContain('须指定本系统账号');
    expect((await post({ username: 'link_b', subject: '' })).json().error.message).toContain('统一身份认证标识不能为空');

    const list = await app.inject({ method: 'GET', url: `/api/admin/identities?userId=${a.id}`, headers: adminHeaders });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ subject: 'shared-subject', username: 'link_a', active: true }] });
    const search = await app.inject({ method: 'GET', url: '/api/admin/identities?q=shared', headers: adminHeaders });
    expect(search.json().items.map((i: { username: string }) => i.username)).toEqual(['link_a']);

    const id = first.json<{ id: string }>().id;
    expect((await app.inject({ method: 'DELETE', url: `/api/admin/identities/${id}`, headers: adminHeaders })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: `/api/admin/identities/${id}`, headers: adminHeaders })).statusCode).toBe(404);
    expect((await post({ userId: b.id, subject: 'shared-subject' })).statusCode).toBe(201);
  });

  it('refuses every role but the system administrator, and an agency head cannot link an identity to its own account', async () => {
    const head = await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100' }, ['agency_head', 'agency_officer']);
    const res = await app.inject({ method: 'POST', url: '/api/admin/identities', headers: head.headers, payload: { userId: head.user.id, subject: 'mine' } });
    expect(res.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/admin/identities', headers: head.headers })).statusCode).toBe(403);
  });
});

describe('without OIDC_ISSUER (local login only)', () => {
  it('says the button is off, sends /start back to /login, and refuses links', async () => {
    const saved = { ...ctx.config };
    Object.assign(ctx.config, { OIDC_ISSUER: undefined });
    try {
      const cfg = await app.inject({ method: 'GET', url: '/api/auth/oidc/config' });
      expect(cfg.json()).toMatchObject({ enabled: false, label: '统一身份认证登录' });
      const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
      expect(start.statusCode).toBe(302);
      expect(start.headers.location).toBe('/login?sso_error=disabled');
      const link = await app.inject({ method: 'POST', url: '/api/admin/identities', headers: adminHeaders, payload: { username: 'link_a', subject: 'z' } });
      expect(link.statusCode).toBe(409);
    } finally {
      Object.assign(ctx.config, saved);
    }
  });

  it('the login page learns the button text and the messages from /api/auth/oidc/config', async () => {
    const cfg = await app.inject({ method: 'GET', url: '/api/auth/oidc/config' });
    expect(cfg.json()).toMatchObject({ enabled: true, label: '统一身份认证登录', errors: { unlinked: SSO_ERRORS.unlinked } });
  });
});

describe('provider unreachable', () => {
  it('sends the browser back to /login with 「统一身份认证服务暂时无法访问」', async () => {
    // a port nothing listens on, in an app with its own configuration (nothing discovered is shared)
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const deadPort = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const deadApp = await buildApp({
      ...ctx,
      config: loadConfig({
        NODE_ENV: 'test', SEED_DEMO: '0', OIDC_ISSUER: `http://127.0.0.1:${deadPort}`, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y',
        OIDC_REDIRECT_URL: 'http://127.0.0.1:1/api/auth/oidc/callback', OIDC_ALLOW_HTTP: '1',
      }),
    });
    try {
      const start = await deadApp.inject({ method: 'GET', url: '/api/auth/oidc/start' });
      expect(start.statusCode).toBe(302);
      expect(start.headers.location).toBe('/login?sso_error=provider');
      expect(SSO_ERRORS.provider).toContain('统一身份认证服务暂时无法访问');
    } finally {
      await deadApp.close();
    }
  });
});
