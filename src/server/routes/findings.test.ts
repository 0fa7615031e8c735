/**
 * Issue #8 「refusals with no data」 over HTTP, through the real screening and workflow: the facts
 * that nothing filled are now recorded where they arise — the main scope of practice on the
 * registry entry, an officer's findings at 材料审核 with evidence — and the refusals fire with
 * their articles; 第十二条(九) is an officer's cited refusal; 第十二条(七) reads dated role spans
 * and termination records (decision 0024).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../../testing/factories';
import { auditLog, institutionPersons, institutions, persons, regions } from '../../db/schema/index';
import { seedCalendar } from '../../seed/calendar-seed';
import { documentsOf } from '../../db/document-repo';
import { insertTermination } from '../../db/finding-repo';
import { uploadRequiredMaterials } from '../../testing/materials';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
type Who = { userId: string };
let bjOfficer: Who;
let ynOfficer: Who;
let n = 0;

const post = async (url: string, who: Who, payload: object) => app.inject({ method: 'POST', url, headers: await sessionHeaders(ctx, who.userId), payload });
const patch = async (url: string, who: Who, payload: object) => app.inject({ method: 'PATCH', url, headers: await sessionHeaders(ctx, who.userId), payload });
const get = async (url: string, who: Who) => app.inject({ method: 'GET', url, headers: await sessionHeaders(ctx, who.userId) });
const version = async (id: string, who: Who) => (await get(`/api/applications/${id}`, who)).json().version as number;
const step = async (id: string, event: string, who: Who, body: object = {}) =>
  post(`/api/applications/${id}/events/${event}`, who, { version: await version(id, who), ...body });

async function makeInstitution(regionCode: string, opts: { status?: 'applicant' | 'terminated' } = {}) {
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name: `审核发现测试医院${++n}`, uscc: `FIND${String(n).padStart(5, '0')}`.padEnd(18, '0'), kind: 'medical', subtype: 'general_hospital',
    ownership: 'private', regionCode, address: '测试路1号', openedOn: '2024-01-01', status: opts.status ?? 'applicant', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  return row!.id;
}

/** A submitted application of a fresh institution in `regionCode`, with its staff user. */
async function submitted(regionCode: string, institutionId?: string) {
  const id = institutionId ?? (await makeInstitution(regionCode));
  const staff = { userId: (await actAs(ctx, { kind: 'institution', regionCode, institutionId: id }, ['institution_staff'])).user.id };
  const created = await post('/api/applications', staff, { paymentCategories: ['general_outpatient'], insuranceSchemes: ['employee'] });
  expect(created.statusCode, created.body).toBe(201);
  const appId = created.json().id as string;
  await uploadRequiredMaterials(ctx, staff.userId, appId);
  const sub = await step(appId, 'submit', staff);
  expect(sub.statusCode, sub.body).toBe(200);
  return { appId, institutionId: id, staff, state: sub.json().application.state as string };
}

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  await seedCalendar(ctx);
  app = await buildApp(ctx);
  await ensureRegion(ctx, '110105', '朝阳区');
  await ensureRegion(ctx, '530102', '五华区');
  await ctx.db.update(regions).set({ profileId: 'beijing' }).where(eq(regions.code, '110000'));
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  bjOfficer = { userId: (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '110105', name: '朝阳区医疗保障事务中心' }, ['agency_officer'])).user.id };
  ynOfficer = { userId: (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' }, ['agency_officer'])).user.id };
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('facts that nothing filled, recorded where they arise', () => {
  it('京医保发〔2021〕30号 第十二条(一): the agency records the main scope of practice (audited); an institution whose main scope is 医疗美容 is screened out, citing the article', async () => {
    const instId = await makeInstitution('110105');
    const before = (await get(`/api/institutions/${instId}`, bjOfficer)).json();
    expect(before.mainScope).toBeNull();
    const bad = await patch(`/api/institutions/${instId}`, bjOfficer, { version: before.version, mainScope: ['medical_cosmetology', 'no_such_scope'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('主要执业范围');
    const ok = await patch(`/api/institutions/${instId}`, bjOfficer, { version: before.version, mainScope: ['medical_cosmetology', 'dermatology'] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().mainScope).toEqual(['medical_cosmetology', 'dermatology']);
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, instId), eq(auditLog.action, 'institution.update')));
    expect(JSON.stringify(audit!.after)).toContain('medical_cosmetology');

    const s = await submitted('110105', instId);
    expect(s.state).toBe('screening_refused');
    const d = (await get(`/api/applications/${s.appId}`, bjOfficer)).json();
    const reason = d.data.screeningReasons.find((r: { ruleId: string }) => r.ruleId === 'beijing.refusal.non-basic-scope');
    expect(reason).toMatchObject({ citation: '京医保发〔2021〕30号 第十二条(一)' });
    expect(reason.message).toContain('登记的主要执业范围含医疗美容');
  });

  it('京医保发〔2021〕30号 第十二条(一): a main scope not recorded cannot be judged — listed as undetermined, never a silent pass or a refusal', async () => {
    const s = await submitted('110105');
    expect(s.state).toBe('under_review');
    const [row] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, s.appId), eq(auditLog.action, 'application.screening_completed')));
    expect(JSON.stringify((row!.after as { undetermined: unknown }).undetermined)).toContain('beijing.refusal.non-basic-scope');
  });

  it('京医保发〔2021〕30号 第十二条(三): an officer records an unfulfilled penalty at 材料审核 with its decision number and date; the screening runs again and refuses, citing the article; the 不予受理决定书 names the decision', async () => {
    const s = await submitted('110105');
    expect(s.state).toBe('under_review');
    const v = await version(s.appId, bjOfficer);
    // evidence is required: a note or a file
    const noEvidence = await post(`/api/applications/${s.appId}/findings`, bjOfficer, { version: v, kind: 'unfulfilled_penalty', foundOn: '2025-06-01', source: '京朝医保罚〔2025〕12号' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().error.message).toContain('情况说明');
    const future = await post(`/api/applications/${s.appId}/findings`, bjOfficer, { version: v, kind: 'unfulfilled_penalty', foundOn: '2025-10-01', source: 'x', note: 'y' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('处罚决定日期不能晚于今天');
    const foreignFile = await post(`/api/applications/${s.appId}/findings`, bjOfficer, { version: v, kind: 'unfulfilled_penalty', foundOn: '2025-06-01', source: 'x', evidenceFileId: crypto.randomUUID() });
    expect(foreignFile.statusCode).toBe(400);
    // the institution itself may not record findings
    expect((await post(`/api/applications/${s.appId}/findings`, s.staff, { version: v, kind: 'price_violation', foundOn: '2025-06-01', source: 'x', note: 'y' })).statusCode).toBe(403);

    const res = await post(`/api/applications/${s.appId}/findings`, bjOfficer, {
      version: v, kind: 'unfulfilled_penalty', foundOn: '2025-06-01', source: '京朝医保罚〔2025〕12号', note: '罚款未缴纳，经财政非税系统核实',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.finding).toMatchObject({ kind: 'unfulfilled_penalty', kindLabel: '未依法履行行政处罚责任', outlives: true, source: '京朝医保罚〔2025〕12号' });
    // only the articles the application's own profile may cite (no 云人社发, no second copy of 令第2号)
    expect(body.finding.cites).toEqual(['京医保发〔2021〕30号 第十二条(三)']);
    expect(body.application.state).toBe('screening_refused');
    const reason = body.screening.reasons.find((r: { ruleId: string }) => r.ruleId === 'beijing.refusal.unfulfilled-penalty');
    expect(reason).toEqual({ ruleId: 'beijing.refusal.unfulfilled-penalty', citation: '京医保发〔2021〕30号 第十二条(三)', message: '未依法履行行政处罚责任（京朝医保罚〔2025〕12号，2025-06-01）' });
    // one audit row for the finding (with its officer), one for the system's screening step
    const [fa] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, body.finding.id), eq(auditLog.action, 'screening_finding.record')));
    expect(fa!.actorUserId).toBe(bjOfficer.userId);
    // listed for the agency
    const list = await get(`/api/applications/${s.appId}/findings`, bjOfficer);
    expect(list.json().items.map((f: { id: string }) => f.id)).toEqual([body.finding.id]);
    // a second finding while 筛查拟不予受理 is out of order
    const late = await post(`/api/applications/${s.appId}/findings`, bjOfficer, { version: body.application.version, kind: 'price_violation', foundOn: '2025-06-01', source: 'x', note: 'y' });
    expect(late.statusCode).toBe(409);

    // the officer confirms: the 不予受理决定书 names the finding and the article
    const c = await step(s.appId, 'confirm_refusal', bjOfficer);
    expect(c.statusCode, c.body).toBe(200);
    const docs = await documentsOf(ctx.db, s.appId);
    const decision = JSON.stringify(docs.find((d) => d.kind === 'refusal_decision')!.model);
    expect(decision).toContain('京朝医保罚〔2025〕12号');
    expect(decision).toContain('京医保发〔2021〕30号 第十二条(三)');

    // an unfulfilled penalty outlives the application: the institution's next application is refused at once
    const again = await submitted('110105', s.institutionId);
    expect(again.state).toBe('screening_refused');

    // once the penalty is fulfilled the agency resolves the finding (audited); from that day it no longer counts
    const f = body.finding as { id: string; version: number };
    const early = await post(`/api/applications/${again.appId}/findings/${f.id}/resolve`, bjOfficer, { version: f.version, resolvedOn: '2025-05-01', reason: '已缴清' });
    expect(early.statusCode).toBe(400);
    const resolved = await post(`/api/applications/${again.appId}/findings/${f.id}/resolve`, bjOfficer, { version: f.version, resolvedOn: '2025-09-25', reason: '罚款已缴清，见缴款凭证' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ resolvedOn: '2025-09-25', version: f.version + 1 });
    const twice = await post(`/api/applications/${again.appId}/findings/${f.id}/resolve`, bjOfficer, { version: f.version + 1, resolvedOn: '2025-09-25', reason: '重复' });
    expect(twice.statusCode).toBe(409);
    expect((await step(again.appId, 'withdraw', again.staff, { reason: '处罚履行完毕后重新申请' })).statusCode).toBe(200);
    expect((await submitted('110105', s.institutionId)).state).toBe('under_review');
  });

  it('京医保发〔2021〕30号 第十二条(四): fraud found on a date refuses for 3 years from that date; 第十二条(二) price-policy finding of another application does not carry over', async () => {
    const s = await submitted('110105');
    const res = await post(`/api/applications/${s.appId}/findings`, bjOfficer, {
      version: await version(s.appId, bjOfficer), kind: 'fraud_application', foundOn: '2023-03-01', source: '京医保稽〔2023〕7号', note: '伪造医师执业证书',
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json().screening.reasons.find((x: { ruleId: string }) => x.ruleId === 'beijing.refusal.fraud-application');
    expect(r.citation).toBe('京医保发〔2021〕30号 第十二条(四)');
    expect(r.message).toContain('自发现之日（2023-03-01）起未满3年');

    const p = await submitted('110105');
    const price = await post(`/api/applications/${p.appId}/findings`, bjOfficer, {
      version: await version(p.appId, bjOfficer), kind: 'price_violation', foundOn: '2025-09-01', source: '朝阳区医疗保障局价格检查', note: '超标准收取诊查费',
    });
    expect(price.json().screening.reasons.map((x: { citation: string }) => x.citation)).toEqual(['京医保发〔2021〕30号 第十二条(二)']);
    await step(p.appId, 'withdraw', p.staff, { reason: '整改后再申请' });
    const next = await submitted('110105', p.institutionId);
    expect(next.state).toBe('under_review');
  });

  it('云人社发〔2016〕308号 二(二): 「造成其它不良社会影响」 recorded as a finding refuses a Yunnan application, citing the item', async () => {
    const s = await submitted('530102');
    expect(s.state).toBe('under_review');
    const res = await post(`/api/applications/${s.appId}/findings`, ynOfficer, {
      version: await version(s.appId, ynOfficer), kind: 'adverse_social_impact', foundOn: '2025-09-20', source: '昆明市卫生健康委通报〔2025〕5号', note: '违规宣传引发群体投诉',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().application.state).toBe('screening_refused');
    const r = res.json().screening.reasons.find((x: { ruleId: string }) => x.ruleId === 'yunnan.refusal.medical-safety');
    expect(r.citation).toBe('云人社发〔2016〕308号 二(二)');
    expect(res.json().finding.cites).toEqual(['云人社发〔2016〕308号 二(二)']);
    expect(r.message).toContain('造成其它不良社会影响（昆明市卫生健康委通报〔2025〕5号，2025-09-20）');
  });
});

describe('京医保发〔2021〕30号 第十二条(九): 法律法规规定的其他不予受理的情形', () => {
  it('after 受理 an officer refuses citing the typed law article and a reason; the citation is required; the 不予受理决定书 prints it', async () => {
    const s = await submitted('110105');
    expect((await step(s.appId, 'accept', bjOfficer)).statusCode).toBe(200);
    const empty = await step(s.appId, 'refuse_by_law', bjOfficer, { basis: '   ', reason: '执业许可证已被注销' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('法律法规依据');
    const res = await step(s.appId, 'refuse_by_law', bjOfficer, { basis: '《医疗机构管理条例》第二十二条', reason: '医疗机构执业许可证已被卫生健康行政部门注销' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().application.state).toBe('refused');
    const d = (await get(`/api/applications/${s.appId}`, bjOfficer)).json();
    expect(d.data.refusalByLaw).toMatchObject({ basis: '《医疗机构管理条例》第二十二条', reason: '医疗机构执业许可证已被卫生健康行政部门注销', on: '2025-09-25' });
    const docs = await documentsOf(ctx.db, s.appId);
    const model = docs.find((x) => x.kind === 'refusal_decision')!.model as { sections: { table?: { rows: string[][] } }[]; citations: string[] };
    expect(model.sections[0]!.table!.rows).toEqual([['1', '医疗机构执业许可证已被卫生健康行政部门注销', '《医疗机构管理条例》第二十二条；京医保发〔2021〕30号 第十二条(九)']]);
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, s.appId), eq(auditLog.action, 'application.refuse_by_law')));
    expect(audit!.reason).toBe('医疗机构执业许可证已被卫生健康行政部门注销');
  });
});

describe('京医保发〔2021〕30号 第十二条(七): persons\' history', () => {
  it('a legal representative who held the role at an institution on the day it was terminated for 严重违法违规 makes the new application refused; one who joined the day after does not', async () => {
    const terminated = await makeInstitution('110105', { status: 'terminated' });
    const withOld = await makeInstitution('110105');
    const withNew = await makeInstitution('110105');
    const [old, fresh] = await ctx.db.insert(persons).values([
      { idNumber: '110105198001010011', name: '原法人' }, { idNumber: '110105198001010038', name: '后任负责人' },
    ]).returning();
    await ctx.db.insert(institutionPersons).values([
      { institutionId: terminated, personId: old!.id, role: 'legal_rep', fromDate: '2018-01-01', toDate: '2023-04-30' },
      { institutionId: terminated, personId: fresh!.id, role: 'principal', fromDate: '2023-05-01' },
      { institutionId: withOld, personId: old!.id, role: 'legal_rep', fromDate: '2024-01-01' },
      { institutionId: withNew, personId: fresh!.id, role: 'principal', fromDate: '2024-01-01' },
    ] as (typeof institutionPersons.$inferInsert)[]);
    await insertTermination(ctx.db, { institutionId: terminated, terminatedOn: '2023-04-30', category: 'serious', decisionNo: '京医保解〔2023〕3号', createdAt: ctx.clock.now() });

    const a = await submitted('110105', withOld);
    expect(a.state).toBe('screening_refused');
    const reasons = (await get(`/api/applications/${a.appId}`, bjOfficer)).json().data.screeningReasons as { ruleId: string; citation: string; message: string }[];
    expect(reasons.find((r) => r.ruleId === 'beijing.refusal.person-prior-termination')).toMatchObject({
      citation: '京医保发〔2021〕30号 第十二条(七)', message: expect.stringContaining('法定代表人（原法人）'),
    });
    const b = await submitted('110105', withNew);
    expect(b.state).toBe('under_review');
  });

  it('京医保发〔2021〕30号 第十二条(七): the registry records a replacement as two dated spans that both hold the day of the change; a span cannot end before it starts', async () => {
    const instId = await makeInstitution('110105');
    const v1 = (await get(`/api/institutions/${instId}`, bjOfficer)).json().version as number;
    const first = await patch(`/api/institutions/${instId}`, bjOfficer, { version: v1, persons: [{ idNumber: '110105198001010059', name: '旧法人', role: 'legal_rep', fromDate: '2020-01-01' }] });
    expect(first.statusCode, first.body).toBe(200);
    const second = await patch(`/api/institutions/${instId}`, bjOfficer, { version: first.json().version, persons: [{ idNumber: '110105198001010075', name: '新法人', role: 'legal_rep' }] });
    expect(second.statusCode, second.body).toBe(200);
    const spans = (second.json().persons as { name: string; fromDate: string; toDate: string | null }[]).map((p) => [p.name, p.fromDate, p.toDate]);
    expect(spans).toEqual(expect.arrayContaining([['旧法人', '2020-01-01', '2025-09-25'], ['新法人', '2025-09-25', null]]));
    const [p] = await ctx.db.select().from(persons).where(eq(persons.idNumber, '110105198001010075'));
    await expect(ctx.db.insert(institutionPersons).values({ institutionId: instId, personId: p!.id, role: 'principal', fromDate: '2025-01-02', toDate: '2025-01-01' })).rejects.toThrow();
  });
});
