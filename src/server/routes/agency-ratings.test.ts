/** 评价建议 through HTTP (decision 0035): submit online or recorded by the agency, answer, list filtered and paged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion, sessionHeaders } from '../../testing/factories';
import { auditLog, regions } from '../../db/schema/index';
import { person, seedInstitution, type Person } from '../../agreements/test-support';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
const P: Record<string, Person & { orgId: string }> = {};
const h = (who: Person) => sessionHeaders(ctx, who.id);

beforeAll(async () => {
  ctx = await createTestContext('2026-03-02T09:00:00+08:00');
  app = await buildApp(ctx);
  for (const [code, profile] of [['530000', 'yunnan'], ['110000', 'beijing']] as const) {
    await ensureRegion(ctx, code);
    await ctx.db.update(regions).set({ profileId: profile }).where(eq(regions.code, code));
  }
  for (const c of ['530102', '530103', '110105']) await ensureRegion(ctx, c);
  P.wh = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医保中心' }, ['agency_officer']);
  P.pl = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530103', name: '盘龙区医保中心' }, ['agency_officer']);
  P.bj = await person(ctx, { kind: 'agency', level: 'county', regionCode: '110105', name: '朝阳区医保中心' }, ['agency_officer']);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('评价建议', () => {
  it('云医保〔2022〕6号 第二十三条: the institution rates online, the agency records a phone one on its behalf and answers (反馈); audited; filtered and paged; outside the territory nothing', async () => {
    const inst = await seedInstitution(ctx, '530102', '五华评价医院');
    const staff = await person(ctx, { kind: 'institution', institutionId: inst.id, regionCode: '530102' }, ['institution_staff']);
    const post = async (who: Person, body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/agency-ratings', headers: await h(who), payload: body });
    expect((await post(staff, { channel: 'online', score: 6, text: '好' })).json().error.message).toContain('评分');
    expect((await post(staff, { channel: 'phone', score: 4, text: '好' })).statusCode).toBe(400);
    const own = await post(staff, { channel: 'online', score: 4, text: '结算拨付及时' });
    expect(own.statusCode, own.body).toBe(201);
    expect((await post(P.wh!, { institutionId: inst.id, channel: 'online', score: 2, text: 'x' })).statusCode).toBe(400);
    const phone = await post(P.wh!, { institutionId: inst.id, channel: 'phone', score: 2, text: '电话反映审核周期长' });
    expect(phone.statusCode, phone.body).toBe(201);
    expect((await post(P.pl!, { institutionId: inst.id, channel: 'email', score: 2, text: 'x' })).statusCode).toBe(404);

    const list = (await app.inject({ url: '/api/agency-ratings?channel=phone', headers: await h(P.wh!) })).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: phone.json().id, recordedByAgency: true, channelLabel: '电话', score: 2, allowedEvents: ['answer'] });
    expect(list.items[0].citation).toContain('云医保〔2022〕6号 第二十三条');
    expect((await app.inject({ url: '/api/agency-ratings?pageSize=1&page=2', headers: await h(P.wh!) })).json()).toMatchObject({ total: 2, page: 2 });
    expect((await app.inject({ url: '/api/agency-ratings', headers: await h(P.pl!) })).json().total).toBe(0);

    const id = phone.json().id;
    expect((await app.inject({ method: 'POST', url: `/api/agency-ratings/${id}/answer`, headers: await h(P.pl!), payload: { answer: 'x', version: 1 } })).statusCode).toBe(404);
    const ans = await app.inject({ method: 'POST', url: `/api/agency-ratings/${id}/answer`, headers: await h(P.wh!), payload: { answer: '已优化审核流程', version: 1 } });
    expect(ans.json()).toEqual({ state: 'answered', version: 2 });
    expect((await app.inject({ method: 'POST', url: `/api/agency-ratings/${id}/answer`, headers: await h(P.wh!), payload: { answer: 'again', version: 2 } })).statusCode).toBe(409);
    const mine = (await app.inject({ url: '/api/agency-ratings?state=answered', headers: await h(staff) })).json();
    expect(mine.items).toEqual([expect.objectContaining({ id, answer: '已优化审核流程', answeredOn: '2026-03-02' })]);
    const audits = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'agency_rating'), eq(auditLog.entityId, id)));
    expect(audits.map((a) => a.action)).toEqual(['agency_rating.create', 'agency_rating.answer']);
  });

  it('云医保〔2022〕6号 第二十三条 is Yunnan\'s only: a Beijing rating is available without a regional citation', async () => {
    const inst = await seedInstitution(ctx, '110105', '朝阳评价医院');
    const staff = await person(ctx, { kind: 'institution', institutionId: inst.id, regionCode: '110105' }, ['institution_staff']);
    expect((await app.inject({ method: 'POST', url: '/api/agency-ratings', headers: await h(staff), payload: { channel: 'online', score: 5, text: '好' } })).statusCode).toBe(201);
    const v = (await app.inject({ url: '/api/agency-ratings', headers: await h(P.bj!) })).json().items[0];
    expect(v.citation).toBe('');
  });
});
