/**
 * 争议 and 评价建议 on the home pages (decision 0042): the agency sees the disputes waiting for it and the
 * ratings without 反馈; the department sees those referred to it; nothing when there is nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { ensureRegion, sessionHeaders } from '../testing/factories';
import { agreements, institutions, regions } from '../db/schema/index';
import { person, seedInstitution, type Person } from '../agreements/test-support';
import { INITIAL_LIFE } from '../agreement-lifecycle/binding';
import { buildApp } from '../server/app';

let ctx: TestContext;
let app: FastifyInstance;
const P: Record<string, Person & { orgId: string }> = {};
const h = (who: Person) => sessionHeaders(ctx, who.id);
const sections = async (who: Person) => (await app.inject({ url: '/api/home', headers: await h(who) })).json().sections as { key: string; count: number; items: { title: string; tag: string }[] }[];

beforeAll(async () => {
  ctx = await createTestContext('2026-03-02T09:00:00+08:00');
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530000');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  for (const c of ['530102', '530103']) await ensureRegion(ctx, c);
  P.wh = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医保中心' }, ['agency_officer']);
  P.pl = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530103', name: '盘龙区医保中心' }, ['agency_officer']);
  P.dept = await person(ctx, { kind: 'admin_dept', level: 'county', regionCode: '530102' }, ['admin_dept_officer']);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('home: 争议 and 评价建议', () => {
  it('京医保发〔2021〕30号 第四十六条, 云医保〔2022〕6号 第二十三条: a raised dispute and an unanswered rating are the officer\'s work; a referred dispute is the department\'s', async () => {
    expect((await sections(P.wh!)).map((s) => s.key)).not.toContain('disputes.waiting');
    const inst = await seedInstitution(ctx, '530102', '五华首页争议医院');
    const now = ctx.clock.now();
    const [ag] = await ctx.db.insert(agreements).values({
      institutionId: inst.id, regionCode: '530102', agencyOrgId: P.wh!.orgId, number: '首协〔2025〕1号', termFrom: '2025-01-01', termTo: '2027-12-31',
      special: {}, model: {}, canonicalText: 'x', textSm3: 'x', status: 'signed', lifeState: 'in_force', life: INITIAL_LIFE, lifeSince: '2025-01-01', createdAt: now, updatedAt: now,
    }).returning();
    await ctx.db.update(institutions).set({ status: 'designated' }).where(eq(institutions.id, inst.id));
    const staff = await person(ctx, { kind: 'institution', institutionId: inst.id, regionCode: '530102' }, ['institution_staff']);
    const raised = await app.inject({ method: 'POST', url: '/api/disputes', headers: await h(staff), payload: { agreementId: ag!.id, subject: 'agency_breach', text: '拨付逾期' } });
    expect(raised.statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/api/agency-ratings', headers: await h(staff), payload: { channel: 'online', score: 3, text: '审核偏慢' } })).statusCode).toBe(201);

    const mine = await sections(P.wh!);
    expect(mine.find((s) => s.key === 'disputes.waiting')).toMatchObject({ count: 1, items: [{ title: '五华首页争议医院', tag: '已提出' }] });
    expect(mine.find((s) => s.key === 'ratings.unanswered')).toMatchObject({ count: 1 });
    const other = (await sections(P.pl!)).map((s) => s.key);
    expect(other).not.toContain('disputes.waiting');
    expect(other).not.toContain('ratings.unanswered');
    expect((await sections(P.dept!)).map((s) => s.key)).not.toContain('disputes.coordinating');

    const id = raised.json().id;
    await app.inject({ method: 'POST', url: `/api/disputes/${id}/events`, headers: await h(staff), payload: { type: 'refer', note: '提请协调', version: 1 } });
    expect((await sections(P.dept!)).find((s) => s.key === 'disputes.coordinating')).toMatchObject({ count: 1 });
    expect((await sections(P.wh!)).map((s) => s.key)).not.toContain('disputes.waiting');
  });
});
