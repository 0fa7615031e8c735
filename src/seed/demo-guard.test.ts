import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildOrg, buildUser } from '../testing/factories';
import { loadConfig, PUBLISHED_DEMO_PASSWORD } from '../config';
import { users } from '../db/schema/index';
import { buildApp } from '../server/app';
import { demoAccountsWithPublishedPassword, demoPasswordRefusal } from './demo-guard';

/**
 * Demo accounts in production (issue #8, hardening): the published demo password must never open a
 * production deployment, and the demo-users listing must not exist there.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe('production configuration', () => {
  it('demo data is off in production unless asked for explicitly', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).SEED_DEMO).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).SEED_DEMO).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO: '0' }).SEED_DEMO).toBe(false);
  });

  it('an explicit production demo needs its own password, never the published one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: '1' })).toThrow(/DEMO_PASSWORD/);
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: '1', DEMO_PASSWORD: PUBLISHED_DEMO_PASSWORD })).toThrow(/DEMO_PASSWORD/);
    const cfg = loadConfig({ NODE_ENV: 'production', SEED_DEMO: '1', DEMO_PASSWORD: 'a-long-local-secret' });
    expect(cfg.SEED_DEMO).toBe(true);
  });
});

describe('start-up check: demo accounts still holding the published password', () => {
  it('names each active demo account whose password is the published one, and none other', async () => {
    const org = await buildOrg(ctx, { kind: 'agency', level: 'county', regionCode: '530102' });
    await buildUser(ctx, org.id, ['sysadmin'], { username: 'admin', password: PUBLISHED_DEMO_PASSWORD });
    await buildUser(ctx, org.id, ['agency_officer'], { username: 'wuhua', password: PUBLISHED_DEMO_PASSWORD });
    await buildUser(ctx, org.id, ['agency_officer'], { username: 'panlong', password: 'changed-after-go-live' });
    await buildUser(ctx, org.id, ['agency_officer'], { username: 'not_a_demo_name', password: PUBLISHED_DEMO_PASSWORD });
    expect(await demoAccountsWithPublishedPassword(ctx.db)).toEqual(['admin', 'wuhua']);
    expect(demoPasswordRefusal(['admin', 'wuhua'])).toContain('admin、wuhua');

    await ctx.db.update(users).set({ active: false }).where(eq(users.username, 'wuhua'));
    expect(await demoAccountsWithPublishedPassword(ctx.db)).toEqual(['admin']);
  });
});

describe('GET /api/public/demo-users', () => {
  it('does not exist in production, even when the demo is seeded', async () => {
    const config = loadConfig({ NODE_ENV: 'production', SEED_DEMO: '1', DEMO_PASSWORD: 'a-long-local-secret' });
    const app = await buildApp({ ...ctx, config });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/public/demo-users' });
      expect(res.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('lists the demo accounts on a development deployment that seeds the demo', async () => {
    const config = loadConfig({ NODE_ENV: 'development', SEED_DEMO: '1' });
    const app = await buildApp({ ...ctx, config });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/public/demo-users' });
      expect(res.statusCode).toBe(200);
      expect(res.json().map((u: { username: string }) => u.username)).toContain('admin');
    } finally {
      await app.close();
    }
  });
});
