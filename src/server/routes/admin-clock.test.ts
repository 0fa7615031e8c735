import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, sessionHeaders } from '../../testing/factories';
import { loadConfig } from '../../config';
import { SandboxClock, FixedClock } from '../../domain/clock/clock';
import { auditLog } from '../../db/schema/index';
import { loadSandboxOffset } from '../../db/settings-repo';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let sysId: string, officerId: string;
let sys: Record<string, string>;
let officer: Record<string, string>;
const DAY = 86_400_000;

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  app = await buildApp(ctx);
  sysId = (await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin'])).user.id;
  officerId = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer'])).user.id;
});
// fresh sessions per test (the FixedClock of this file moves with each advance)
beforeEach(async () => {
  sys = await sessionHeaders(ctx, sysId);
  officer = await sessionHeaders(ctx, officerId);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const advance = (body: unknown, headers = sys, target = app) =>
  target.inject({ method: 'POST', url: '/api/admin/clock/advance', headers, payload: body as object });

describe('sandbox clock', () => {
  it('shows the (simulated) time to any logged-in user; 401 otherwise', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/clock', headers: officer });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sandbox: true, now: '2025-09-25T01:00:00.000Z', offsetMs: 0 });
    expect((await app.inject({ method: 'GET', url: '/api/admin/clock' })).statusCode).toBe(401);
  });

  it('only a sysadmin may advance it (403)', async () => {
    expect((await advance({ days: 1 }, officer)).statusCode).toBe(403);
    expect((await advance({ days: -1 }, officer)).statusCode).toBe(403);
  });

  it('advances forward, persists the offset and writes a clock.advance audit row', async () => {
    const res = await advance({ days: 14, hours: 6 });
    expect(res.statusCode).toBe(200);
    const offset = 14 * DAY + 6 * 3_600_000;
    expect(res.json()).toEqual({ sandbox: true, now: new Date(Date.parse('2025-09-25T01:00:00Z') + offset).toISOString(), offsetMs: offset });
    expect(ctx.clock.now().toISOString()).toBe('2025-10-09T07:00:00.000Z');
    expect(await loadSandboxOffset(ctx.db)).toBe(offset);
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'clock.advance'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entityType: 'clock', entityId: 'sandbox', before: { offsetMs: 0 }, after: { offsetMs: offset } });
  });

  it.each([
    [{ days: -1 }, 'body.days', '只能向前'],
    [{ hours: -3 }, 'body.hours', '只能向前'],
    [{}, 'body.days', '至少填写一项'],
    [{ days: 0, hours: 0 }, 'body.days', '至少填写一项'],
    [{ days: 'x' }, 'body.days', '应为数字'],
    [{ days: 5000 }, 'body.days', '不能超过'],
  ])('refuses %j with 400 naming the field', async (body, field, text) => {
    const res = await advance(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(res.json().error.message).toContain(text);
  });

  it('moves a running SandboxClock and catches up with an offset saved by another node', async () => {
    const sandboxClock = new SandboxClock(new FixedClock('2025-09-25T01:00:00Z'), 0);
    const other = await buildApp({ ...ctx, clock: sandboxClock });
    try {
      // the database already holds the offset from the test above: GET catches up
      const seen = (await other.inject({ method: 'GET', url: '/api/admin/clock', headers: officer })).json();
      expect(seen.offsetMs).toBe(14 * DAY + 6 * 3_600_000);
      expect(sandboxClock.offsetMs).toBe(seen.offsetMs);
      const res = await advance({ days: 1 }, sys, other);
      expect(res.statusCode).toBe(200);
      expect(sandboxClock.offsetMs).toBe(15 * DAY + 6 * 3_600_000);
      expect(res.json().now).toBe(sandboxClock.now().toISOString());
    } finally {
      await other.close();
    }
  });

  it('a jump of simulated time keeps users logged in: sessions and lockouts run on real time', async () => {
    const real = new FixedClock('2025-09-25T01:00:00Z');
    const sandboxClock = new SandboxClock(real, 0);
    const other = await buildApp({ ...ctx, clock: sandboxClock });
    try {
      const sandboxCtx = { ...ctx, clock: sandboxClock };
      const user = await sessionHeaders(sandboxCtx, officerId);
      expect((await advance({ days: 90 }, await sessionHeaders(sandboxCtx, sysId), other)).statusCode).toBe(200);
      expect(sandboxClock.now().getTime() - real.now().getTime()).toBeGreaterThan(90 * DAY);
      expect((await other.inject({ method: 'GET', url: '/api/auth/me', headers: user })).statusCode).toBe(200);
      real.advance(9 * 3_600_000); // real time passes the 8 h life of the session
      expect((await other.inject({ method: 'GET', url: '/api/auth/me', headers: user })).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('409 with a Chinese message when the sandbox is off', async () => {
    const prod = await buildApp({ ...ctx, config: { ...ctx.config, SANDBOX: false } });
    try {
      const res = await advance({ days: 1 }, sys, prod);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain('未启用模拟时钟');
      const state = (await prod.inject({ method: 'GET', url: '/api/admin/clock', headers: officer })).json();
      expect(state).toMatchObject({ sandbox: false, offsetMs: 0 });
    } finally {
      await prod.close();
    }
  });

  it('SANDBOX=1 is refused under NODE_ENV=production at start-up', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SANDBOX: '1' })).toThrow(/SANDBOX=1 在 NODE_ENV=production 下被拒绝/);
    expect(loadConfig({ NODE_ENV: 'production', SANDBOX: '0' }).SANDBOX).toBe(false);
  });
});
