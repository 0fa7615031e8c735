/**
 * The agreement's life after signing through HTTP (issue #10): requests, suspensions, resumption,
 * termination, expiry and the sweep, per profile, with the records, the outbox and the notices a
 * step writes. Time moves with the injected clock; the sweep is the admin endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../../testing/factories';
import {
  agreementSuspensions, agreements, applications, auditLog, institutionPersons, institutionTerminations, institutions, outboxEvents, persons, regions,
} from '../../db/schema/index';
import { dataFor, person, seedApplication, seedInstitution, type Person } from '../../agreements/test-support';
import { INITIAL_LIFE } from '../../agreement-lifecycle/binding';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let sysadmin: string;
const P: Record<string, Person & { orgId: string }> = {};
let n = 0;

async function seedAgreement(o: { institutionId: string; regionCode: string; termFrom?: string; termTo?: string; lifeState?: 'pending' | 'in_force'; agencyOrgId?: string; applicationId?: string; dualChannel?: boolean }) {
  const now = ctx.clock.now();
  n += 1;
  const [r] = await ctx.db.insert(agreements).values({
    institutionId: o.institutionId, regionCode: o.regionCode, agencyOrgId: o.agencyOrgId ?? null, applicationId: o.applicationId ?? null, number: `测协〔2025〕${n}号`,
    termFrom: o.termFrom ?? '2025-01-01', termTo: o.termTo ?? '2027-12-31', special: {}, model: {}, canonicalText: 'x', textSm3: 'x',
    status: 'signed', lifeState: o.lifeState ?? 'in_force', dualChannel: o.dualChannel ?? false, life: INITIAL_LIFE, lifeSince: '2025-01-01', createdAt: now, updatedAt: now,
  }).returning();
  await ctx.db.update(institutions).set({ status: 'designated' }).where(eq(institutions.id, o.institutionId));
  return r!;
}

const version = async (id: string) => (await ctx.db.select({ v: agreements.version }).from(agreements).where(eq(agreements.id, id)))[0]!.v;
// a fresh session each call: the clock moves months ahead and sessions would expire
const h = (who: Person | string) => sessionHeaders(ctx, typeof who === 'string' ? who : who.id);
const ev = async (who: Person, id: string, event: string, body: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url: `/api/agreements/${id}/life-events/${event}`, headers: await h(who), payload: { version: await version(id), ...body } });
const life = async (who: Person, id: string) => app.inject({ url: `/api/agreements/${id}/life`, headers: await h(who) });
const sweep = async () => (await app.inject({ method: 'POST', url: '/api/admin/deadlines/sweep', headers: await h(sysadmin), payload: {} })).json();
const outbox = (id: string) => ctx.db.select().from(outboxEvents).where(eq(outboxEvents.caseId, id));
const setDay = (d: string) => ctx.clock.set(`${d}T09:00:00+08:00`);
const instUser = (inst: { id: string; regionCode: string }) => person(ctx, { kind: 'institution', institutionId: inst.id, regionCode: inst.regionCode }, ['institution_staff']);

beforeAll(async () => {
  ctx = await createTestContext('2026-01-05T09:00:00+08:00');
  app = await buildApp(ctx);
  for (const [code, profile] of [['530000', 'yunnan'], ['110000', 'beijing'], ['220000', 'jilin'], ['450000', 'zizhiqu-2025-draft']] as const) {
    await ensureRegion(ctx, code);
    await ctx.db.update(regions).set({ profileId: profile }).where(eq(regions.code, code));
  }
  for (const c of ['530102', '530103', '110105', '220102', '220202', '450102']) await ensureRegion(ctx, c);
  P.wh = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医保中心' }, ['agency_officer']);
  P.pl = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530103', name: '盘龙区医保中心' }, ['agency_officer']);
  P.kmDept = await person(ctx, { kind: 'admin_dept', level: 'prefecture', regionCode: '530100' }, ['admin_dept_officer']);
  P.bj = await person(ctx, { kind: 'agency', level: 'county', regionCode: '110105', name: '朝阳区医保中心' }, ['agency_officer']);
  P.cc = await person(ctx, { kind: 'agency', level: 'prefecture', regionCode: '220100', name: '长春市医保中心' }, ['agency_officer']);
  P.jl = await person(ctx, { kind: 'agency', level: 'prefecture', regionCode: '220200', name: '吉林市医保中心' }, ['agency_officer']);
  P.ng = await person(ctx, { kind: 'agency', level: 'county', regionCode: '220102', name: '南关区医保中心' }, ['agency_officer']);
  P.zzq = await person(ctx, { kind: 'agency', level: 'county', regionCode: '450102', name: '兴宁区医保中心' }, ['agency_officer']);
  sysadmin = (await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin'])).user.id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('from designation to the agreement\'s life', () => {
  it('云医保〔2022〕6号 第二十条: opening the payment (activate_payment) makes the signed agreement take effect, and the outbox says payment_opened', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '530102', '五华新定点医院');
    const a = await seedApplication(ctx, { institutionId: inst.id, regionCode: '530102', profileId: 'yunnan', state: 'signing', agencyOrgId: P.wh!.orgId });
    const sig = { signer: '张三', capacity: 'legal_rep', on: '2025-12-20', online: true, textHash: 'x' };
    const data = dataFor(a.id, { institutionId: inst.id, regionCode: '530102', profileId: 'yunnan', state: 'signing' }) as { agreement: Record<string, unknown> };
    await ctx.db.update(applications).set({
      state: 'filed', data: { ...data, state: 'filed', filedOn: '2025-12-22', agreement: { ...data.agreement, institutionSignature: sig, agencySignature: sig, signedOn: '2025-12-20' } },
    }).where(eq(applications.id, a.id));
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '530102', lifeState: 'pending', applicationId: a.id, termFrom: '2026-01-01', agencyOrgId: P.wh!.orgId });
    const r = await app.inject({ method: 'POST', url: `/api/applications/${a.id}/events/activate_payment`, headers: await h(P.wh!), payload: { version: 1 } });
    expect(r.statusCode, r.body).toBe(200);
    expect((await life(P.wh!, ag.id)).json().agreement.lifeState).toBe('in_force');
    expect((await outbox(ag.id)).map((o) => o.topic)).toEqual(['agreement.payment_opened']);
  });
});

describe('Yunnan: requests take effect on receipt', () => {
  it('云医保〔2022〕6号 第三十条: a public hospital may not request suspension; a private one is suspended on receipt and its payment paused', async () => {
    setDay('2026-01-05');
    const pub = await seedInstitution(ctx, '530102', '五华公立医院');
    const pubAg = await seedAgreement({ institutionId: pub.id, regionCode: '530102' });
    const pubUser = await instUser(pub);
    const refused = await ev(pubUser, pubAg.id, 'request_suspension', { effectiveOn: '2026-01-05', days: 30, reason: '装修' });
    expect(refused.statusCode).toBe(422);
    expect(JSON.stringify(refused.json().error.reasons)).toContain('云医保〔2022〕6号 第三十条');
    expect(JSON.stringify(refused.json())).not.toContain('京医保发');

    const pri = await seedInstitution(ctx, '530102', '五华民营诊所', { ownership: 'private' });
    const ag = await seedAgreement({ institutionId: pri.id, regionCode: '530102' });
    const me = await instUser(pri);
    const r = await ev(me, ag.id, 'request_suspension', { effectiveOn: '2026-01-05', days: 30, reason: '装修' });
    expect(r.statusCode).toBe(200);
    expect(r.json().lifeState).toBe('suspended');
    expect(r.json().documents[0].number).toContain('协中');
    const topics = (await outbox(ag.id)).map((o) => o.topic);
    expect(topics).toEqual(['agreement.payment_paused']);
    const [s] = await ctx.db.select().from(agreementSuspensions).where(eq(agreementSuspensions.agreementId, ag.id));
    expect(s).toMatchObject({ mode: 'requested', fromOn: '2026-01-05', maxUntil: '2026-02-04' });
    const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, pri.id));
    expect(inst!.status).toBe('suspended');
    // the institution reads its notice
    const view = (await life(me, ag.id)).json();
    expect(view.documents.map((d: { title: string }) => d.title)).toEqual(['中止协议通知书']);
    const pdf = await app.inject({ url: `/api/agreements/${ag.id}/life-documents/${view.documents[0].id}.pdf`, headers: me.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const docx = await app.inject({ url: `/api/agreements/${ag.id}/life-documents/${view.documents[0].id}.docx`, headers: await h(me) });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(view.timeline.at(-1)).toMatchObject({ action: 'agreement.request_suspension', actionLabel: '医保协议：申请中止协议', toState: '中止' });
  });

  it('云医保〔2022〕6号 第三十一条: a request terminates on receipt, the payment is shut and the department\'s filings inbox lists the notice', async () => {
    setDay('2026-01-05');
    const pri = await seedInstitution(ctx, '530102', '五华民营医院', { ownership: 'private' });
    const ag = await seedAgreement({ institutionId: pri.id, regionCode: '530102' });
    const r = await ev(await instUser(pri), ag.id, 'request_termination', { effectiveOn: '2026-01-05', reason: '停止经营' });
    expect(r.statusCode).toBe(200);
    expect(r.json().lifeState).toBe('terminated');
    expect((await outbox(ag.id)).map((o) => o.topic)).toEqual(['agreement.payment_shut']);
    const [t] = await ctx.db.select().from(institutionTerminations).where(eq(institutionTerminations.agreementId, ag.id));
    expect(t).toMatchObject({ cause: 'on_request', category: 'other', source: 'lifecycle', decisionNo: r.json().documents[0].number });
    const inbox = (await app.inject({ url: '/api/filings', headers: P.kmDept!.headers })).json();
    expect(inbox.items.map((f: { number: string }) => f.number)).toContain(r.json().documents[0].number);
  });

  it('云医保〔2022〕6号 第三十二条: the sweep ends an agreement whose term is over and shuts its payment; a second sweep does nothing', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '530103', '盘龙到期医院');
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '530103', termTo: '2026-01-10' });
    setDay('2026-01-10');
    await sweep();
    expect((await life(P.pl!, ag.id)).json().agreement.lifeState).toBe('in_force');
    setDay('2026-01-11');
    const first = await sweep();
    expect(first.agreements.events).toBeGreaterThanOrEqual(1);
    const view = (await life(P.pl!, ag.id)).json();
    expect(view.agreement.lifeState).toBe('ended');
    expect(view.life.ended).toEqual({ on: '2026-01-11', cause: 'expiry' });
    expect((await outbox(ag.id)).map((o) => o.topic)).toEqual(['agreement.payment_shut']);
    const again = await sweep();
    expect(again.agreements).toEqual({ events: 0, failed: 0 });
  });
});

describe('Beijing: 3 months\' notice, the agency decides', () => {
  it('京医保发〔2021〕30号 第四十四条: a request with less than 3 months\' notice is refused; a public hospital is warned and must confirm', async () => {
    setDay('2026-01-05');
    const pri = await seedInstitution(ctx, '110105', '朝阳民营医院', { ownership: 'private' });
    const ag = await seedAgreement({ institutionId: pri.id, regionCode: '110105' });
    const me = await instUser(pri);
    const short = await ev(me, ag.id, 'request_termination', { effectiveOn: '2026-02-05', reason: '迁址' });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.reasons[0].citation).toContain('京医保发〔2021〕30号 第四十四条');
    expect(short.json().error.reasons[0].message).toContain('2026-04-05');

    const pub = await seedInstitution(ctx, '110105', '朝阳公立医院');
    const pubAg = await seedAgreement({ institutionId: pub.id, regionCode: '110105' });
    const pubUser = await instUser(pub);
    const warned = await ev(pubUser, pubAg.id, 'request_termination', { effectiveOn: '2026-04-05', reason: '合并' });
    expect(warned.statusCode).toBe(422);
    expect(warned.json().error.reasons[0].message).toContain('原则上不得');
    const ok = await ev(pubUser, pubAg.id, 'request_termination', { effectiveOn: '2026-04-05', reason: '合并', confirmPublic: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().lifeState).toBe('in_force');
    const view = (await life(P.bj!, pubAg.id)).json();
    expect(view.agreement.pendingRequest).toEqual({ kind: 'terminate', receivedOn: '2026-01-05', effectiveOn: '2026-04-05' });
    expect(view.life.request.publicWarned).toBe(true);
    expect(view.allowedEvents.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(['approve_request', 'reject_request']));
  });

  it('京医保发〔2021〕30号 第四十二条: the agency agrees to a suspension; on day 181 without a resumption request the sweep ends the agreement', async () => {
    setDay('2026-01-05');
    const pri = await seedInstitution(ctx, '110105', '朝阳中止医院', { ownership: 'private' });
    const ag = await seedAgreement({ institutionId: pri.id, regionCode: '110105' });
    const me = await instUser(pri);
    expect((await ev(me, ag.id, 'request_suspension', { effectiveOn: '2026-04-05', days: 180, reason: '改建' })).statusCode).toBe(200);
    expect((await ev(P.bj!, ag.id, 'approve_request')).statusCode).toBe(200);
    setDay('2026-04-05');
    await sweep();
    const s = (await life(P.bj!, ag.id)).json();
    expect(s.agreement.lifeState).toBe('suspended');
    expect(s.life.suspension.maxUntil).toBe('2026-10-02');
    setDay('2026-10-02');
    await sweep();
    expect((await life(P.bj!, ag.id)).json().agreement.lifeState).toBe('suspended');
    setDay('2026-10-03');
    await sweep();
    const ended = (await life(P.bj!, ag.id)).json();
    expect(ended.agreement.lifeState).toBe('ended');
    expect(ended.life.ended.cause).toBe('suspension_max');
    expect(ended.suspensions[0]).toMatchObject({ mode: 'requested', endedOn: '2026-10-03' });
    expect((await outbox(ag.id)).map((o) => o.topic)).toEqual(['agreement.payment_paused', 'agreement.payment_shut']);
  });

  it('京医保发〔2021〕30号 第四十二条: a resumption request before day 181 stops the sweep from ending it', async () => {
    setDay('2026-01-05');
    const pri = await seedInstitution(ctx, '110105', '朝阳恢复医院', { ownership: 'private' });
    const ag = await seedAgreement({ institutionId: pri.id, regionCode: '110105' });
    const me = await instUser(pri);
    await ev(me, ag.id, 'request_suspension', { effectiveOn: '2026-04-05', days: 180, reason: '改建' });
    await ev(P.bj!, ag.id, 'approve_request');
    setDay('2026-04-05');
    await sweep();
    setDay('2026-09-01');
    expect((await ev(me, ag.id, 'request_resumption', { note: '改建完成' })).statusCode).toBe(200);
    setDay('2026-10-03');
    await sweep();
    expect((await life(P.bj!, ag.id)).json().agreement.lifeState).toBe('suspended');
    const resumed = await ev(P.bj!, ag.id, 'resume', { rectificationVerified: true, note: '同意恢复' });
    expect(resumed.json()).toMatchObject({ lifeState: 'in_force' });
    expect(resumed.json().documents[0].title).toBe('恢复履行通知书');
  });

  it('京医保发〔2021〕30号 第四十二条: the agency suspends for a situation of its own region only; 第四十三条(一): a second suspension proposes termination', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '110105', '朝阳风险医院');
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '110105' });
    const foreign = await ev(P.bj!, ag.id, 'impose_suspension', { situation: 'zzq_fraud_signs', facts: '检查发现', rectification: '整改' });
    expect(foreign.statusCode).toBe(422);
    const bad = await ev(P.bj!, ag.id, 'impose_suspension', { situation: 'major_risk', facts: '', rectification: '整改' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('facts');
    const r = await ev(P.bj!, ag.id, 'impose_suspension', { situation: 'major_risk', facts: '日常检查发现重大风险', rectification: '30日内完成整改', days: 60 });
    expect(r.statusCode).toBe(200);
    const notice = (await life(P.bj!, ag.id)).json();
    expect(notice.documents[0].title).toBe('中止协议通知书');
    // unrectified resumption refused
    const notYet = await ev(P.bj!, ag.id, 'resume', { rectificationVerified: false, note: '申请恢复' });
    expect(notYet.statusCode).toBe(422);
    expect(notYet.json().error.reasons[0].citation).toContain('京医保发〔2021〕30号 第四十三条');
    expect((await ev(P.bj!, ag.id, 'resume', { rectificationVerified: true, note: '整改到位' })).statusCode).toBe(200);
    expect((await life(P.bj!, ag.id)).json().agreement.proposal).toBeNull();
    expect((await ev(P.bj!, ag.id, 'impose_suspension', { situation: 'data_not_provided', facts: '未报送数据', rectification: '补报' })).statusCode).toBe(200);
    const view = (await life(P.bj!, ag.id)).json();
    expect(view.agreement.proposal).toMatchObject({ situation: 'suspended_twice' });
    expect(view.agreement.proposal.citation).toContain('京医保发〔2021〕30号 第四十三条');
    expect(view.life.suspensionsInTerm).toBe(2);
  });

  it('京医保发〔2021〕30号 第四十三条: terminating for a situation writes the termination record with the persons in office that day', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '110105', '朝阳骗保医院');
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '110105' });
    const [rep] = await ctx.db.insert(persons).values({ idNumber: '110105198001010011', name: '张法人' }).returning();
    const [old] = await ctx.db.insert(persons).values({ idNumber: '110105197001010012', name: '李前任' }).returning();
    await ctx.db.insert(institutionPersons).values([
      { institutionId: inst.id, personId: rep!.id, role: 'legal_rep', fromDate: '2025-06-01' },
      { institutionId: inst.id, personId: old!.id, role: 'legal_rep', fromDate: '2020-01-01', toDate: '2025-05-31' },
    ]);
    const r = await ev(P.bj!, ag.id, 'terminate', { situation: 'fraud', facts: '经查实存在欺诈骗保行为' });
    expect(r.statusCode).toBe(200);
    expect(r.json().documents[0].number).toContain('协解');
    const [t] = await ctx.db.select().from(institutionTerminations).where(eq(institutionTerminations.agreementId, ag.id));
    expect(t).toMatchObject({ category: 'serious', cause: 'violation', situation: 'fraud', terminatedOn: '2026-01-05', regionCode: '110105' });
    expect(t!.persons).toEqual([{ personId: rep!.id, role: 'legal_rep', name: '张法人' }]);
    const [i] = await ctx.db.select().from(institutions).where(eq(institutions.id, inst.id));
    expect(i!.status).toBe('terminated');
  });
});

describe('Jilin', () => {
  it('吉医保规〔2023〕1号 第三十条: a prefecture agency\'s suspension applies to the institution\'s agreement in another prefecture, with its own audit row', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '220102', '南关连锁医院');
    const here = await seedAgreement({ institutionId: inst.id, regionCode: '220102' });
    const there = await seedAgreement({ institutionId: inst.id, regionCode: '220202' });
    const r = await ev(P.cc!, here.id, 'impose_suspension', { situation: 'by_agreement', facts: '协议约定情形', rectification: '整改' });
    expect(r.statusCode).toBe(200);
    expect(r.json().cascaded).toEqual([{ agreementId: there.id, number: there.number, regionCode: '220202' }]);
    const other = (await life(P.jl!, there.id)).json();
    expect(other.agreement.lifeState).toBe('suspended');
    expect(other.life.suspension.mode).toBe('cascade');
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'agreement'), eq(auditLog.entityId, there.id)));
    expect(audit.map((a) => a.action)).toEqual(['agreement.cascade']);
    expect((await outbox(there.id)).map((o) => o.topic)).toEqual(['agreement.payment_paused']);
  });

  it('吉医保规〔2023〕1号 第三十条: a county agency\'s decision does not cascade', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '220102', '南关县级医院');
    const here = await seedAgreement({ institutionId: inst.id, regionCode: '220102' });
    const there = await seedAgreement({ institutionId: inst.id, regionCode: '220202' });
    const r = await ev(P.ng!, here.id, 'terminate', { situation: 'by_agreement', facts: '协议约定情形' });
    expect(r.statusCode).toBe(200);
    expect(r.json().cascaded).toBeUndefined();
    expect((await life(P.jl!, there.id)).json().agreement.lifeState).toBe('in_force');
  });

  it('吉医保规〔2023〕1号 第二十八条: a requested suspension needs the agency\'s consent and takes effect on the agreed date (short notice flagged, not refused)', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '220202', '船营民营医院', { ownership: 'private' });
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '220202' });
    const me = await instUser(inst);
    const r = await ev(me, ag.id, 'request_suspension', { effectiveOn: '2026-01-20', days: 90, reason: '设备更新' });
    expect(r.json().lifeState).toBe('in_force');
    expect((await life(P.jl!, ag.id)).json().life.request.shortNotice).toBe(true);
    setDay('2026-01-20');
    await sweep();
    expect((await life(P.jl!, ag.id)).json().agreement.lifeState).toBe('in_force'); // not agreed yet
    expect((await ev(P.jl!, ag.id, 'approve_request', { note: '同意' })).statusCode).toBe(200);
    const now = await ev(P.jl!, ag.id, 'request_takes_effect');
    expect(now.json().lifeState).toBe('suspended');
    expect((await life(P.jl!, ag.id)).json().rules.suspensionMaxDays.citation).toContain('吉医保规〔2023〕1号 第二十八条');
  });
});

describe('the 2025 draft', () => {
  it('自治区医保局〔2025〕征求意见稿 二(二)6: day 181 of a requested suspension is a no-renewal ground, not an ending', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '450102', '兴宁民营医院', { ownership: 'private' });
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '450102', termTo: '2028-12-31' });
    const me = await instUser(inst);
    await ev(me, ag.id, 'request_suspension', { effectiveOn: '2026-04-05', days: 180, reason: '改建' });
    await ev(P.zzq!, ag.id, 'approve_request');
    setDay('2026-04-05');
    await sweep();
    setDay('2026-10-03');
    await sweep();
    const view = (await life(P.zzq!, ag.id)).json();
    expect(view.agreement.lifeState).toBe('suspended');
    expect(view.life.noRenewalGrounds).toMatchObject([{ code: 'suspension_over_180', since: '2026-10-03' }]);
    expect(view.life.noRenewalGrounds[0].cites).toContain('二(二)6');
    expect((await sweep()).agreements).toEqual({ events: 0, failed: 0 });
  });

  it('自治区医保局〔2025〕征求意见稿 三(一)2: documents not produced within 7 days → termination proposed', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '450102', '兴宁资料医院');
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '450102' });
    const r = await ev(P.zzq!, ag.id, 'impose_suspension', { situation: 'zzq_documents', facts: '未提供病历', rectification: '7日内提供' });
    expect(r.statusCode).toBe(200);
    const v = (await life(P.zzq!, ag.id)).json();
    expect(v.life.suspension.documentsDueOn).toBe('2026-01-12');
    expect(v.deadlines.find((d: { deadline: string }) => d.deadline === 'documents_due')).toMatchObject({ dueOn: '2026-01-12', state: 'open' });
    setDay('2026-01-12');
    await sweep();
    expect((await life(P.zzq!, ag.id)).json().agreement.proposal).toBeNull();
    setDay('2026-01-13');
    await sweep();
    const after = (await life(P.zzq!, ag.id)).json();
    expect(after.agreement.proposal).toMatchObject({ situation: 'zzq_documents_not_produced' });
    expect(after.agreement.lifeState).toBe('suspended');
  });

  it('自治区医保局〔2025〕征求意见稿 三(二)3: the 双通道 situation terminates the pharmacy\'s 双通道 agreement alone; its main agreement lives on', async () => {
    setDay('2026-01-05');
    const shop = await seedInstitution(ctx, '450102', '兴宁双通道药房', { kind: 'pharmacy', subtype: 'pharmacy_single', ownership: 'private' });
    const main = await seedAgreement({ institutionId: shop.id, regionCode: '450102' });
    const dual = await seedAgreement({ institutionId: shop.id, regionCode: '450102', dualChannel: true });
    const body = { situation: 'zzq_dual_channel', facts: '一年内未提供"双通道"保障服务，经约谈仍不整改' };
    const refused = await ev(P.zzq!, main.id, 'terminate', body);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.reasons).toEqual([expect.objectContaining({ ruleId: 'agreement.termination.situation', message: '该情形只解除"双通道"医保服务协议' })]);
    expect(refused.json().error.reasons[0].citation).toContain("自治区医保局〔2025〕征求意见稿（草案） 三(二)");
    const done = await ev(P.zzq!, dual.id, 'terminate', body);
    expect(done.statusCode).toBe(200);
    const states = await ctx.db.select({ id: agreements.id, s: agreements.lifeState }).from(agreements).where(eq(agreements.institutionId, shop.id));
    expect(Object.fromEntries(states.map((r) => [r.id, r.s]))).toEqual({ [main.id]: 'in_force', [dual.id]: 'terminated' });
    // the registry follows all its agreements: still designated by the main one
    expect((await ctx.db.select({ s: institutions.status }).from(institutions).where(eq(institutions.id, shop.id)))[0]!.s).toBe('designated');
  });
});

describe('registry, concurrency, territory', () => {
  it('the registry status is derived from all the institution\'s agreements', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '530102', '五华两协议医院');
    const a = await seedAgreement({ institutionId: inst.id, regionCode: '530102' });
    const b = await seedAgreement({ institutionId: inst.id, regionCode: '530102' });
    const status = async () => (await ctx.db.select().from(institutions).where(eq(institutions.id, inst.id)))[0]!.status;
    await ev(P.wh!, a.id, 'impose_suspension', { situation: 'by_law', facts: '法律规定', rectification: '整改' });
    expect(await status()).toBe('designated');
    await ev(P.wh!, b.id, 'terminate', { situation: 'by_law', facts: '法律规定' });
    expect(await status()).toBe('suspended');
    await ev(P.wh!, a.id, 'terminate', { situation: 'by_law', facts: '法律规定' });
    expect(await status()).toBe('terminated');
  });

  it('two officers at once: one 200, one 409', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '530102', '五华并发医院');
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '530102' });
    const v = await version(ag.id);
    const other = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer']);
    const post = (who: Person) => app.inject({
      method: 'POST', url: `/api/agreements/${ag.id}/life-events/impose_suspension`, headers: who.headers,
      payload: { version: v, situation: 'by_law', facts: '法律规定', rectification: '整改' },
    });
    const codes = (await Promise.all([post(P.wh!), post(other)])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
  });

  it('a county officer cannot see another county\'s agreement (404); an institution sees only its own', async () => {
    setDay('2026-01-05');
    const inst = await seedInstitution(ctx, '530103', '盘龙私有医院');
    const ag = await seedAgreement({ institutionId: inst.id, regionCode: '530103' });
    expect((await life(P.wh!, ag.id)).statusCode).toBe(404);
    expect((await ev(P.wh!, ag.id, 'terminate', { situation: 'by_law', facts: 'x' })).statusCode).toBe(404);
    const register = (await app.inject({ url: '/api/agreement-register?pageSize=100', headers: P.wh!.headers })).json();
    expect(register.items.every((i: { regionCode: string }) => i.regionCode === '530102')).toBe(true);
    const me = await instUser(inst);
    const mine = (await app.inject({ url: '/api/my/agreements', headers: me.headers })).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([ag.id]);
    const elsewhere = (await ctx.db.select().from(agreements).where(eq(agreements.regionCode, '530102')))[0]!;
    expect((await life(me, elsewhere.id)).statusCode).toBe(404);
    expect((await ev(me, ag.id, 'expire')).statusCode).toBe(403);
    const xlsx = await app.inject({ url: '/api/agreement-register/export.xlsx?lifeState=in_force', headers: P.pl!.headers });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the register filters, sorts and pages on the server; a bad filter is a 400 naming the field', async () => {
    const r = (await app.inject({ url: '/api/agreement-register?lifeState=terminated&sort=-termTo&pageSize=5', headers: await h(P.wh!) })).json();
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items.every((i: { lifeState: string; lifeStateLabel: string }) => i.lifeState === 'terminated' && i.lifeStateLabel === '解除')).toBe(true);
    expect(r.pageSize).toBe(5);
    const bad = await app.inject({ url: '/api/agreement-register?lifeState=gone', headers: await h(P.wh!) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('协议状态');
    const dept = await app.inject({ url: '/api/agreement-register', headers: await h(P.kmDept!) });
    expect(dept.statusCode).toBe(200);
    const inst = await seedInstitution(ctx, '530102', '五华无权医院');
    expect((await app.inject({ url: '/api/agreement-register', headers: await h(await instUser(inst)) })).statusCode).toBe(403);
  });
});
