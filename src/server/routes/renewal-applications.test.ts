/**
 * 续签申请 over HTTP (京医保发〔2021〕30号 第四十一条, decision 0048): the institution applies 3 months before
 * its agreement's term ends — late is flagged, not refused; under 云南 the agency organises the renewal and
 * an application is refused with 云医保〔2022〕6号 第二十九条; the district agency takes it in or returns it
 * with a reason, the institution may withdraw it; one open application per agreement; two officers at once:
 * one wins, the other 409; territory (another district 404, another institution 404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion, sessionHeaders } from '../../testing/factories';
import { agreements, auditLog, institutions, regions } from '../../db/schema/index';
import { person, seedInstitution, type Person } from '../../agreements/test-support';
import { INITIAL_LIFE } from '../../agreement-lifecycle/binding';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
const P: Record<string, Person & { orgId: string }> = {};
const h = (who: Person) => sessionHeaders(ctx, who.id);
let n = 0;

async function seedLiveAgreement(regionCode: string, name: string, termTo: string) {
  const inst = await seedInstitution(ctx, regionCode, name);
  const now = ctx.clock.now();
  n += 1;
  const [ag] = await ctx.db.insert(agreements).values({
    institutionId: inst.id, regionCode, number: `续申〔2025〕${n}号`, termFrom: '2025-01-01', termTo,
    special: {}, model: {}, canonicalText: 'x', textSm3: 'x', status: 'signed', lifeState: 'in_force', life: INITIAL_LIFE, lifeSince: '2025-01-01', createdAt: now, updatedAt: now,
  }).returning();
  await ctx.db.update(institutions).set({ status: 'designated' }).where(eq(institutions.id, inst.id));
  const staff = await person(ctx, { kind: 'institution', institutionId: inst.id, regionCode }, ['institution_staff']);
  return { inst, ag: ag!, staff };
}
const apply = async (who: Person, agreementId: string, note = '申请续签') =>
  app.inject({ method: 'POST', url: '/api/renewal-applications', headers: await h(who), payload: { agreementId, note } });
const ev = async (who: Person, id: string, body: Record<string, unknown>) => {
  const v = (await (await app.inject({ url: `/api/renewal-applications/${id}`, headers: await h(who) })).json()).version;
  return app.inject({ method: 'POST', url: `/api/renewal-applications/${id}/events`, headers: await h(who), payload: { version: v, ...body } });
};

let onTime: Awaited<ReturnType<typeof seedLiveAgreement>>;
let late: Awaited<ReturnType<typeof seedLiveAgreement>>;
let yn: Awaited<ReturnType<typeof seedLiveAgreement>>;

beforeAll(async () => {
  ctx = await createTestContext('2026-12-01T09:00:00+08:00');
  app = await buildApp(ctx);
  await ensureRegion(ctx, '110000');
  await ctx.db.update(regions).set({ profileId: 'beijing' }).where(eq(regions.code, '110000'));
  await ensureRegion(ctx, '530000');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  for (const c of ['110105', '110106', '530102']) await ensureRegion(ctx, c);
  P.cy = await person(ctx, { kind: 'agency', level: 'county', regionCode: '110105', name: '朝阳区医保中心' }, ['agency_officer']);
  P.cy2 = await person(ctx, { kind: 'agency', level: 'county', regionCode: '110105', name: '朝阳区医保中心（二）' }, ['agency_officer']);
  P.ft = await person(ctx, { kind: 'agency', level: 'county', regionCode: '110106', name: '丰台区医保中心' }, ['agency_officer']);
  onTime = await seedLiveAgreement('110105', '朝阳续申诊所', '2027-06-30');
  late = await seedLiveAgreement('110105', '朝阳迟申诊所', '2027-01-31');
  yn = await seedLiveAgreement('530102', '五华续申诊所', '2027-06-30');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('京医保发〔2021〕30号 第四十一条: the institution applies 3 months before the term ends', () => {
  it('京医保发〔2021〕30号 第四十一条: the page shows the due day (期满前3个月) and the article before submitting; on time it is not flagged', async () => {
    const terms = (await app.inject({ url: `/api/agreements/${onTime.ag.id}/renewal-application-terms`, headers: await h(onTime.staff) })).json();
    expect(terms).toMatchObject({ applies: true, dueOn: '2027-03-30', months: 3, late: false });
    expect(terms.citation).toContain('京医保发〔2021〕30号 第四十一条');
    const r = await apply(onTime.staff, onTime.ag.id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'submitted', stateLabel: '已申请', dueOn: '2027-03-30', late: false, lateLabel: null, agreementNumber: onTime.ag.number });
    expect(r.json().allowedEvents.map((e: { event: string }) => e.event)).toEqual(['withdraw']);
  });

  it('京医保发〔2021〕30号 第四十一条: an application after the due day is flagged 逾期申请 with the article, not refused (the district may organise it itself)', async () => {
    const r = await apply(late.staff, late.ag.id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ late: true, dueOn: '2026-10-31' });
    expect(r.json().lateLabel).toContain('京医保发〔2021〕30号 第四十一条');
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'renewal_application.create'), eq(auditLog.entityId, r.json().id)));
    expect(audit?.after).toMatchObject({ late: true, dueOn: '2026-10-31' });
  });

  it('云医保〔2022〕6号 第二十九条: under 云南 the agency organises the renewal — an application is refused with that article', async () => {
    const terms = (await app.inject({ url: `/api/agreements/${yn.ag.id}/renewal-application-terms`, headers: await h(yn.staff) })).json();
    expect(terms).toMatchObject({ applies: false, citation: '云医保〔2022〕6号 第二十九条' });
    const r = await apply(yn.staff, yn.ag.id);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toContain('云医保〔2022〕6号 第二十九条');
    expect(r.json().error.message).not.toContain('京医保发');
  });

  it('one open application per agreement: a second is a 409; bad input is a 400 naming the field', async () => {
    const again = await apply(onTime.staff, onTime.ag.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该协议已有待受理的续签申请');
    const bad = await app.inject({ method: 'POST', url: '/api/renewal-applications', headers: await h(onTime.staff), payload: { agreementId: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('协议编号无效');
  });
});

describe('the district agency takes it in or returns it', () => {
  it('京医保发〔2021〕30号 第四十一条: the district officer sees the applications of its district, late ones filterable; accepting is audited; two officers at once: one wins, the other 409', async () => {
    const list = (await app.inject({ url: '/api/renewal-applications?state=submitted', headers: await h(P.cy!) })).json();
    expect(list.items.map((i: { institutionName: string }) => i.institutionName).sort()).toEqual(['朝阳续申诊所', '朝阳迟申诊所']);
    const lateOnly = (await app.inject({ url: '/api/renewal-applications?late=true', headers: await h(P.cy!) })).json();
    expect(lateOnly.items.map((i: { institutionName: string }) => i.institutionName)).toEqual(['朝阳迟申诊所']);
    const item = list.items.find((i: { institutionName: string }) => i.institutionName === '朝阳续申诊所');
    expect(item.allowedEvents.map((e: { event: string }) => e.event).sort()).toEqual(['accept', 'return']);
    const [a, b] = await Promise.all([
      app.inject({ method: 'POST', url: `/api/renewal-applications/${item.id}/events`, headers: await h(P.cy!), payload: { type: 'accept', note: '纳入2027年度续签', version: item.version } }),
      app.inject({ method: 'POST', url: `/api/renewal-applications/${item.id}/events`, headers: await h(P.cy2!), payload: { type: 'return', reason: '材料不全', version: item.version } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, item.id));
    expect(audit.map((x) => x.action).sort()).toEqual(['renewal_application.create', a.statusCode === 200 ? 'renewal_application.accept' : 'renewal_application.return'].sort());
  });

  it('a return needs its reason; the institution withdraws only its own, only while it waits', async () => {
    const item = (await app.inject({ url: '/api/renewal-applications?late=true', headers: await h(P.cy!) })).json().items[0];
    const noReason = await ev(P.cy!, item.id, { type: 'return', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('退回理由');
    const other = await app.inject({ method: 'POST', url: `/api/renewal-applications/${item.id}/events`, headers: await h(onTime.staff), payload: { type: 'withdraw', version: item.version } });
    expect(other.statusCode).toBe(404);
    const w = await ev(late.staff, item.id, { type: 'withdraw' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回' });
    const after = await ev(P.cy!, item.id, { type: 'accept' });
    expect(after.statusCode).toBe(409);
  });

  it('属地管理: another district\'s officer sees none of them and gets 404 for one', async () => {
    const list = (await app.inject({ url: '/api/renewal-applications', headers: await h(P.ft!) })).json();
    expect(list.total).toBe(0);
    const mine = (await app.inject({ url: '/api/renewal-applications', headers: await h(onTime.staff) })).json();
    expect(mine.items.map((i: { institutionName: string }) => i.institutionName)).toEqual(['朝阳续申诊所']);
    expect((await app.inject({ url: `/api/renewal-applications/${mine.items[0].id}`, headers: await h(P.ft!) })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/agreements/${onTime.ag.id}/renewal-application-terms`, headers: await h(P.ft!) })).statusCode).toBe(404);
  });
});
