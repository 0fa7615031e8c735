/**
 * A shared test set-up for the renewal routes (renewal-campaigns.test.ts, renewal-compare.test.ts): a
 * context on 2026-12-01 09:00 (China) with the app, the province 云南 (530000, profile yunnan), two counties
 * of 昆明 — 五华区 530102 and 盘龙区 530103 — an agency officer in each and the prefecture's administrative
 * department. Each test file adds its own institutions and agreements.
 */
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { regions } from '../../db/schema/index';
import { person, type Person } from '../../agreements/test-support';
import { buildApp } from '../app';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';

export interface KunmingCounties {
  ctx: TestContext;
  app: FastifyInstance;
  /** 五华区医保中心 officer (530102) */
  wh: Person & { orgId: string };
  /** 盘龙区医保中心 officer (530103): another county's territory */
  pl: Person & { orgId: string };
  /** 昆明 administrative department officer (530100) */
  dept: Person & { orgId: string };
}

export async function kunmingCounties(at = '2026-12-01T09:00:00+08:00'): Promise<KunmingCounties> {
  const ctx = await createTestContext(at);
  const app = await buildApp(ctx);
  await ensureRegion(ctx, '530000');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  for (const c of ['530102', '530103']) await ensureRegion(ctx, c);
  const wh = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医保中心' }, ['agency_officer']);
  const pl = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530103', name: '盘龙区医保中心' }, ['agency_officer']);
  const dept = await person(ctx, { kind: 'admin_dept', level: 'prefecture', regionCode: '530100' }, ['admin_dept_officer']);
  return { ctx, app, wh, pl, dept };
}
