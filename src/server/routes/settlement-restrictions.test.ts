/**
 * 暂停人员/科室医保结算 through HTTP (decision 0035): the agency suspends or ends the settlement of
 * one department or one practitioner without touching the agreement, lifts or ends it later; the
 * outbox carries each step to the settlement feed; the notice is numbered; territory holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../../testing/factories';
import { agreements, auditLog, institutions, regions } from '../../db/schema/index';
import { person, seedInstitution, type Person } from '../../agreements/test-support';
import { INITIAL_LIFE } from '../../agreement-lifecycle/binding';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let sysadmin: string;
const P: Record<string, Person & { orgId: string }> = {};
let n = 0;

async function seedAgreement(o: { institutionId: string; regionCode: string; lifeState?: 'pending' | 'in_force' | 'terminated'; agencyOrgId?: string }) {
  const now = ctx.clock.now();
  n += 1;
  const [r] = await ctx.db.insert(agreements).values({
    institutionId: o.institutionId, regionCode: o.regionCode, agencyOrgId: o.agencyOrgId ?? null, number: `限协〔2025〕${n}号`,
    termFrom: '2025-01-01', termTo: '2027-12-31', special: {}, model: {}, canonicalText: 'x', textSm3: 'x',
    status: 'signed', lifeState: o.lifeState ?? 'in_force', life: INITIAL_LIFE, lifeSince: '2025-01-01', createdAt: now, updatedAt: now,
  }).returning();
  await ctx.db.update(institutions).set({ status: 'designated' }).where(eq(institutions.id, o.institutionId));
  return r!;
}

const h = (who: Person | string) => sessionHeaders(ctx, typeof who === 'string' ? who : who.id);
const restrict = async (who: Person, agreementId: string, body: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/agreements/${agreementId}/settlement-restrictions`, headers: await h(who), payload: body });
const list = async (who: Person, agreementId: string) => app.inject({ url: `/api/agreements/${agreementId}/settlement-restrictions`, headers: await h(who) });
const step = async (who: Person, id: string, event: string, body: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/settlement-restrictions/${id}/events/${event}`, headers: await h(who), payload: body });
const ID = '11010519491231002X';
const dept = { kind: 'department', department: '心血管内科' };
const doctor = { kind: 'person', name: '张医生', role: 'physician', idNumber: ID };

beforeAll(async () => {
  ctx = await createTestContext('2026-03-02T09:00:00+08:00');
  app = await buildApp(ctx);
  for (const [code, profile] of [['530000', 'yunnan'], ['110000', 'beijing'], ['220000', 'jilin']] as const) {
    await ensureRegion(ctx, code);
    await ctx.db.update(regions).set({ profileId: profile }).where(eq(regions.code, code));
  }
  for (const c of ['530102', '530103', '110105', '220102']) await ensureRegion(ctx, c);
  P.wh = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医保中心' }, ['agency_officer']);
  P.pl = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530103', name: '盘龙区医保中心' }, ['agency_officer']);
  P.bj = await person(ctx, { kind: 'agency', level: 'county', regionCode: '110105', name: '朝阳区医保中心' }, ['agency_officer']);
  P.ng = await person(ctx, { kind: 'agency', level: 'county', regionCode: '220102', name: '南关区医保中心' }, ['agency_officer']);
  sysadmin = (await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin'])).user.id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('暂停人员/科室医保结算', () => {
  it('云医保〔2022〕6号 第二十五条: the agency suspends one department\'s settlement — the agreement untouched, a numbered 暂停医保结算通知书, the feed carries settlement.department_suspended, then 恢复 with a reason', async () => {
    const inst = await seedInstitution(ctx, '530102', '五华限制医院');
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '530102', agencyOrgId: P.wh!.orgId });
    const base = (await app.inject({ url: '/api/feeds/agreement-events?limit=1000', headers: await h(sysadmin) })).json().next;
    const res = await restrict(P.wh!, ag.id, { mode: 'suspend', target: dept, reason: '违规收费', fromOn: '2026-03-02', untilOn: '2026-06-01' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ state: 'in_effect', version: 2 });
    expect(r.documents).toHaveLength(1);
    expect(r.documents[0].number).toMatch(/暂结〔2026〕1号$/);
    const [a] = await ctx.db.select().from(agreements).where(eq(agreements.id, ag.id));
    expect(a!.lifeState).toBe('in_force');
    expect(a!.version).toBe(ag.version);

    const feed = (await app.inject({ url: `/api/feeds/agreement-events?after=${base}`, headers: await h(P.wh!) })).json();
    expect(feed.events.map((e: { topic: string }) => e.topic)).toEqual(['settlement.department_suspended']);
    expect(feed.events[0]).toMatchObject({ caseType: 'settlement_restriction', caseId: r.id, regionCode: '530102' });

    const view = (await list(P.wh!, ag.id)).json().items;
    expect(view).toHaveLength(1);
    expect(view[0]).toMatchObject({ state: 'in_effect', target: '科室「心血管内科」', untilOn: '2026-06-01' });
    expect(view[0].citation).toContain('云医保〔2022〕6号 第二十五条');
    expect(view[0].citation).not.toContain('京医保发');
    expect(view[0].allowedEvents.map((e: { event: string }) => e.event).sort()).toEqual(['lift', 'terminate']);

    const lifeView = (await app.inject({ url: `/api/agreements/${ag.id}/life`, headers: await h(P.wh!) })).json();
    expect(lifeView.restrictions).toEqual([expect.objectContaining({ id: r.id, state: 'in_effect', target: '科室「心血管内科」' })]);

    const pdf = await app.inject({ url: `/api/settlement-restrictions/${r.id}/documents/${r.documents[0].id}.pdf`, headers: await h(P.wh!) });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    expect((await step(P.wh!, r.id, 'lift', { version: 2, reason: '' })).statusCode).toBe(400);
    const lifted = await step(P.wh!, r.id, 'lift', { version: 2, reason: '整改完成' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json()).toEqual({ state: 'lifted', version: 3 });
    expect((await step(P.wh!, r.id, 'lift', { version: 2, reason: '再次' })).statusCode).toBe(409);
    expect((await step(P.wh!, r.id, 'terminate', { version: 3, reason: '终止' })).statusCode).toBe(409);
    const feed2 = (await app.inject({ url: `/api/feeds/agreement-events?after=${base}`, headers: await h(sysadmin) })).json();
    expect(feed2.events.map((e: { topic: string }) => e.topic)).toEqual(['settlement.department_suspended', 'settlement.restriction_lifted']);
    const audits = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'settlement_restriction'), eq(auditLog.entityId, r.id)));
    expect(audits.map((x) => x.action)).toEqual(['settlement_restriction.create', 'settlement_restriction.suspend', 'settlement_restriction.lift']);
  });

  it('京医保发〔2021〕30号 第四十五条: one named practitioner (身份证号 validated) is suspended, then 终止结算; the institution reads it, another district does not', async () => {
    const inst = await seedInstitution(ctx, '110105', '朝阳限制医院');
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '110105', agencyOrgId: P.bj!.orgId });
    const bad = await restrict(P.bj!, ag.id, { mode: 'suspend', target: { ...doctor, idNumber: '110105194912310021' }, reason: '串换项目', fromOn: '2026-03-02' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('人员身份证号');
    const res = await restrict(P.bj!, ag.id, { mode: 'suspend', target: doctor, reason: '串换项目', fromOn: '2026-03-02' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const staff = await person(ctx, { kind: 'institution', institutionId: inst.id, regionCode: '110105' }, ['institution_staff']);
    const mine = (await list(staff, ag.id)).json().items;
    expect(mine[0]).toMatchObject({ targetKind: 'person', target: `医保医师 张医生（身份证号 ${ID}）`, allowedEvents: [] });
    expect(mine[0].citation).toContain('京医保发〔2021〕30号 第四十五条');
    expect((await step(staff, id, 'lift', { version: 2, reason: 'x' })).statusCode).toBe(403);
    expect((await list(P.wh!, ag.id)).statusCode).toBe(404);
    expect((await step(P.wh!, id, 'terminate', { version: 2, reason: 'x' })).statusCode).toBe(404);
    const ended = await step(P.bj!, id, 'terminate', { version: 2, reason: '拒不整改' });
    expect(ended.json()).toEqual({ state: 'ended', version: 3 });
    const feed = (await app.inject({ url: '/api/feeds/agreement-events?limit=1000', headers: await h(P.bj!) })).json();
    expect(feed.events.filter((e: { caseId: string }) => e.caseId === id).map((e: { topic: string }) => e.topic))
      .toEqual(['settlement.person_suspended', 'settlement.restriction_ended']);
  });

  it('京医保发〔2021〕30号 第四十九条: the 暂停医保结算通知书 reaches the administrative department\'s filings inbox (kind settlement_notice)', async () => {
    const inst = await seedInstitution(ctx, '110105', '朝阳报告医院');
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '110105', agencyOrgId: P.bj!.orgId });
    const res = await restrict(P.bj!, ag.id, { mode: 'suspend', target: dept, reason: '违规', fromOn: '2026-03-02' });
    const docId = res.json().documents[0].id;
    const dept110 = await person(ctx, { kind: 'admin_dept', level: 'county', regionCode: '110105' }, ['admin_dept_officer']);
    const inbox = (await app.inject({ url: '/api/filings?kind=settlement_notice&pageSize=100', headers: await h(dept110) })).json();
    expect(inbox.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: docId, kind: 'settlement_notice', agreementId: ag.id, institutionName: '朝阳报告医院', regionCode: '110105' })]));
    const yn = await person(ctx, { kind: 'admin_dept', level: 'county', regionCode: '530102' }, ['admin_dept_officer']);
    const other = (await app.inject({ url: '/api/filings?kind=settlement_notice&pageSize=100', headers: await h(yn) })).json();
    expect(other.items.map((x: { id: string }) => x.id)).not.toContain(docId);
  });

  it('京医保发〔2021〕30号 第四十五条: 终止 outright needs no end date; refused when the agreement is not in force, a practitioner needs an id or certificate, dates in order', async () => {
    const inst = await seedInstitution(ctx, '110105', '朝阳终止医院');
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '110105', agencyOrgId: P.bj!.orgId });
    expect((await restrict(P.bj!, ag.id, { mode: 'terminate', target: dept, reason: '违规', fromOn: '2026-03-02', untilOn: '2026-04-01' })).statusCode).toBe(400);
    const t = await restrict(P.bj!, ag.id, { mode: 'terminate', target: dept, reason: '违规', fromOn: '2026-03-02' });
    expect(t.statusCode, t.body).toBe(201);
    expect(t.json()).toMatchObject({ state: 'ended', version: 2 });
    expect((await restrict(P.bj!, ag.id, { mode: 'suspend', target: { kind: 'person', name: '李', role: 'pharmacist' }, reason: '违规', fromOn: '2026-03-02' })).statusCode).toBe(400);
    const late = await restrict(P.bj!, ag.id, { mode: 'suspend', target: dept, reason: '违规', fromOn: '2026-03-02', untilOn: '2026-03-01' });
    expect(late.statusCode).toBe(422);
    const pending = await seedAgreement({ institutionId: inst.id, regionCode: '110105', lifeState: 'pending', agencyOrgId: P.bj!.orgId });
    const refused = await restrict(P.bj!, pending.id, { mode: 'suspend', target: dept, reason: '违规', fromOn: '2026-03-02' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('生效或中止中');
  });

  it('吉医保规〔2023〕1号 is silent: a Jilin restriction cites the national order (国家医疗保障局令第2号), never another region\'s text', async () => {
    const inst = await seedInstitution(ctx, '220102', '南关限制医院');
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '220102', agencyOrgId: P.ng!.orgId });
    const res = await restrict(P.ng!, ag.id, { mode: 'suspend', target: dept, reason: '违规', fromOn: '2026-03-02' });
    expect(res.statusCode, res.body).toBe(201);
    const v = (await list(P.ng!, ag.id)).json().items[0];
    expect(v.citation).toContain('国家医疗保障局令第2号');
    expect(v.citation).not.toMatch(/云医保|京医保/);
  });
});
