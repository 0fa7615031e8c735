import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildOrg, buildUser, sessionHeaders } from '../testing/factories';
import { auditLog } from '../db/schema/index';
import { buildApp } from './app';
import { ANONYMOUS_API } from './auth/session-plugin';

let ctx: TestContext;
let app: FastifyInstance;
let userId: string;
let ipCounter = 0;
/** each test its own client address, so that the per-IP login limit does not leak between tests */
const nextIp = () => `10.0.0.${++ipCounter}`;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const org = await buildOrg(ctx, { kind: 'agency', level: 'county', regionCode: '530102' });
  userId = (await buildUser(ctx, org.id, ['agency_officer'], { username: 'sec_user', password: 'Right-pass1' })).id;
  await buildUser(ctx, org.id, ['agency_officer'], { username: 'lock_user', password: 'Right-pass2' });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const login = (username: string, password: string, remoteAddress = nextIp()) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/, with Max-Age; not Secure unless configured', async () => {
    const res = await login('sec_user', 'Right-pass1');
    expect(res.statusCode).toBe(200);
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/^dd_session=/);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Strict/i);
    expect(raw).toMatch(/Path=\//);
    expect(raw).toMatch(/Max-Age=28800/);
    expect(raw).not.toMatch(/Secure/i);
  });

  it('is Secure when COOKIE_SECURE is set', async () => {
    const secureApp = await buildApp({ ...ctx, config: { ...ctx.config, COOKIE_SECURE: true } });
    try {
      const res = await secureApp.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sec_user', password: 'Right-pass1' }, remoteAddress: nextIp() });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await secureApp.close();
    }
  });
});

describe('CSRF', () => {
  it('refuses an unsafe request with a session but no or a wrong x-csrf-token', async () => {
    const h = await sessionHeaders(ctx, userId);
    const none = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: h.cookie! } });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.message).toContain('CSRF');
    const csrf = h['x-csrf-token']!;
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: h.cookie!, 'x-csrf-token': csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) } });
    expect(wrong.statusCode).toBe(403);
    const short = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: h.cookie!, 'x-csrf-token': 'x' } });
    expect(short.statusCode).toBe(403);
    // the session survived all three
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: h })).statusCode).toBe(204);
  });

  it('exempts login, even when an old session cookie is sent along', async () => {
    const h = await sessionHeaders(ctx, userId);
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: h.cookie! }, payload: { username: 'sec_user', password: 'Right-pass1' }, remoteAddress: nextIp() });
    expect(res.statusCode).toBe(200);
  });

  it('answers anonymous unsafe calls to protected routes with 401 before looking at the body', async () => {
    const unsafe = app.apiRoutes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && !ANONYMOUS_API.some((a) => a.test(r.url)));
    for (const r of unsafe) {
      const url = r.url.replace(/:[^/]+/g, 'x');
      const res = await app.inject({ method: r.method as 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{bad' });
      expect(`${r.method} ${r.url} ${res.statusCode}`).toBe(`${r.method} ${r.url} 401`);
    }
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'dd_session=forged' } });
    expect(me.statusCode).toBe(401);
  });
});

describe('login throttle per account and source (issue #8: a lockout must not be a weapon)', () => {
  it('slows the guessing source with a growing delay — right password included — and lets everyone else in', async () => {
    const attacker = nextIp();
    for (let i = 0; i < 3; i++) {
      const res = await login('lock_user', `wrong-${i}`, attacker);
      expect(res.statusCode).toBe(401);
    }
    // the 3rd failure starts a 15 s delay for this source only
    const held = await login('lock_user', 'Right-pass2', attacker);
    expect(held.statusCode).toBe(429);
    expect(held.json().error.message).toMatch(/连续错误 3 次.*\d{2}:\d{2}:\d{2}.*15 秒/);
    expect(Number(held.headers['retry-after'])).toBe(15);
    const lockRows = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.lockout'));
    expect(lockRows).toHaveLength(1);
    expect(JSON.stringify(lockRows)).not.toContain('wrong-');

    // the owner at their own desk is not locked out
    const owner = await login('lock_user', 'Right-pass2', nextIp());
    expect(owner.statusCode).toBe(200);

    // each further failure doubles the wait: 15 s → 30 s → 60 s
    ctx.clock.advance(15_000);
    expect((await login('lock_user', 'wrong-3', attacker)).statusCode).toBe(401);
    const longer = await login('lock_user', 'wrong-4', attacker);
    expect(longer.statusCode).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBe(30);
    ctx.clock.advance(30_000);
    expect((await login('lock_user', 'wrong-5', attacker)).statusCode).toBe(401);
    expect(Number((await login('lock_user', 'x', attacker)).headers['retry-after'])).toBe(60);

    // after the wait, the right password works from that source too, and clears its failures
    ctx.clock.advance(60_000);
    expect((await login('lock_user', 'Right-pass2', attacker)).statusCode).toBe(200);
    expect((await login('lock_user', 'wrong-again', attacker)).statusCode).toBe(401);
  });

  it('treats unknown usernames the same way (the delay does not reveal which accounts exist)', async () => {
    const ip = nextIp();
    for (let i = 0; i < 3; i++) expect((await login('ghost_user', 'x', ip)).statusCode).toBe(401);
    expect((await login('ghost_user', 'x', ip)).statusCode).toBe(429);
    ctx.clock.advance(15_000);
    expect((await login('ghost_user', 'x', ip)).statusCode).toBe(401);
  });

  it('limits login attempts per client address (30 a minute)', async () => {
    const ip = nextIp();
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await login(`ip_probe_${i % 3}`, 'x', ip)).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401 || c === 429)).toBe(true);
    const last = await login('sec_user', 'Right-pass1', ip);
    expect(last.statusCode).toBe(429);
    expect(last.json().error.message).toContain('请求过于频繁');
  });
});

describe('sessions expire on the injected clock', () => {
  it('answers 401 after the TTL', async () => {
    const h = await sessionHeaders(ctx, userId);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode).toBe(200);
    ctx.clock.advance(8 * 3_600_000);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode).toBe(401);
  });
});

describe('HTTP hardening', () => {
  it('authenticated API answers carry Cache-Control: no-store; public ones do not', async () => {
    const headers = await sessionHeaders(ctx, userId);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const refused = await app.inject({ method: 'GET', url: '/api/audit', headers });
    expect(refused.headers['cache-control']).toBe('no-store');
    const pub = await app.inject({ method: 'GET', url: '/api/health' });
    expect(pub.headers['cache-control']).not.toBe('no-store');
  });

  it('sends CSP, nosniff and frame protection', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'|frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toMatch(/SAMEORIGIN|DENY/);
  });

  it('answers an oversized JSON body with 413 and a Chinese message', async () => {
    const payload = JSON.stringify({ username: 'a'.repeat(2 * 1024 * 1024), password: 'x' });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload, remoteAddress: nextIp() });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toBe('请求体过大');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "a", ', remoteAddress: nextIp() });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_INPUT');
  });

  const noEnglish = (message: string) => expect(message.replace(/application\/json|multipart\/form-data|Content-Length|JSON|HTTP|text\/xml/g, '')).not.toMatch(/[A-Za-z]/);

  it('answers malformed, empty and prototype-poisoning JSON in Chinese, naming the problem', async () => {
    const post = (payload: string, ct = 'application/json') =>
      app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': ct }, payload, remoteAddress: nextIp() });
    for (const payload of ['{"username": "a", ', '{"__proto__": {"x": 1}}', "{'username': 'a'}"]) {
      const res = await post(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({ code: 'INVALID_INPUT', message: '请求体不是有效的 JSON：请检查括号、引号和逗号' });
    }
    const empty = await post('');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('请求体为空');
    noEnglish(empty.json().error.message);
  });

  it('answers an unsupported content type with 415 naming the type, in Chinese', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/xml; charset=utf-8' }, payload: '<a/>', remoteAddress: nextIp() });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('不支持的内容类型：text/xml') });
    noEnglish(res.json().error.message);
  });

  it('answers an undecodable URL (FST_ERR_BAD_URL) with 400 in the error shape, in Chinese', async () => {
    for (const url of ['/api/calendar/years/%E0%A4%A', '/api/institutions/%zz']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('网址有误') } });
      noEnglish(res.json().error.message);
    }
  });

  it('answers a non-UTF-8 body with 4xx, not 500', async () => {
    // GBK bytes of {"username":"张三","password":"x"}
    const gbk = Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from('","password":"x"}')]);
    for (const ct of ['application/json', 'application/json; charset=gbk']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': ct }, payload: gbk, remoteAddress: nextIp() });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
  });

  it('answers an unsupported content type with 415 and unknown routes with 404 (also anonymous)', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<a/>', remoteAddress: nextIp() });
    expect(res.statusCode).toBe(415);
    const nf = await app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error.message).toContain('接口不存在');
  });
});
