/**
 * The designation pipeline over HTTP on PGlite with a fixed clock: draft → submitted (screening)
 * → 一次性告知 → 补正 → 受理 → 评估 → 公示 → (sweep) 协商谈判, with the rules that must hold —
 * steps in order (409), one winner among concurrent officers, 404 outside the territory,
 * every transition one audit row, text kept as text.
 */
import { DECLARED_CONDITIONS_MET } from '../../testing/conditions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../../testing/factories';
import { auditLog, deadlines, documents, institutions, regions } from '../../db/schema/index';
import { makeExpert } from '../../testing/expert-factory';
import { seedCalendar } from '../../seed/calendar-seed';
import { buildApp } from '../app';
import { documentsOf } from '../../db/document-repo';
import { uploadRequiredMaterials } from '../../testing/materials';

let ctx: TestContext;
/** the national medical list that Yunnan applies (国家医疗保障局令第2号 第七条), less 「其他材料」 */
const REQUIRED = ['application_form', 'licence_copy', 'internal_rules', 'information_system', 'fund_forecast'];
let app: FastifyInstance;
type H = Record<string, string>;
/** Sessions expire as the fixed clock moves on: each call signs in afresh. */
const as = (userId: string) => ({ userId });
type Who = { userId: string };
let inst: { id: string } & Who;
let officer: Who;
let foreign: Who;
const experts: ({ id: string } & Who)[] = [];

async function makeInstitution(regionCode: string, name: string, n: number) {
  await ensureRegion(ctx, regionCode);
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name, uscc: `APPTEST${n}`.padEnd(18, '0'), kind: 'medical', subtype: 'general_hospital', ownership: 'public',
    regionCode, address: '昆明市五华区测试路1号', openedOn: '2024-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  return row!.id;
}

const hdr = (w: Who): Promise<H> => sessionHeaders(ctx, w.userId);
const post = async (url: string, who: Who, payload: object) => app.inject({ method: 'POST', url, headers: await hdr(who), payload });
const get = async (url: string, who: Who) => app.inject({ method: 'GET', url, headers: await hdr(who) });
async function step(id: string, event: string, headers: Who, body: object = {}) {
  const cur = await get(`/api/applications/${id}`, officer);
  const version = cur.json().version as number;
  return post(`/api/applications/${id}/events/${event}`, headers, { version, ...body });
}
async function auditCount(id: string) {
  const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(and(eq(auditLog.entityType, 'application'), eq(auditLog.entityId, id)));
  return Number(r!.n);
}

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00'); // a Thursday before the National Day holidays
  await seedCalendar(ctx);
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530102', '五华区');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  const id = await makeInstitution('530102', '五华区测试医院', 1);
  inst = { id, ...as((await actAs(ctx, { kind: 'institution', regionCode: '530102', institutionId: id }, ['institution_staff'])).user.id) };
  officer = as((await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' }, ['agency_officer', 'agency_head'])).user.id);
  foreign = as((await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530302' }, ['agency_officer'])).user.id);
  for (const s of ['医疗保障', '医药卫生', '信息技术', '法律', '财务']) {
    const a = await actAs(ctx, { kind: 'expert_pool', level: 'province', regionCode: '530000' }, ['expert']);
    await makeExpert(ctx, a.user.id, [s]);
    experts.push({ id: a.user.id, ...as(a.user.id) });
  }
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('designation pipeline over HTTP', () => {
  let appId = '';

  it('an institution creates a draft for itself; markup in text is stored as text', async () => {
    const res = await post('/api/applications', inst, {
      paymentCategories: ['general_outpatient', 'inpatient'], insuranceSchemes: ['employee', 'resident', 'critical_illness'],
      note: '<script>alert(1)</script>住院', conditions: DECLARED_CONDITIONS_MET,
    });
    expect(res.statusCode, res.body).toBe(201);
    appId = res.json().id;
    const detail = await get(`/api/applications/${appId}`, inst);
    expect(detail.headers['content-type']).toContain('application/json');
    expect(detail.json().declaration.note).toBe('<script>alert(1)</script>住院');
    expect(detail.json().allowedEvents.map((e: { event: string }) => e.event)).toEqual(['submit', 'withdraw']);
  });

  it('issue #7: the declaration form\'s 险种 rules come from the institution\'s own profile — none from 吉医保规 for a Yunnan hospital', async () => {
    const res = await get('/api/applications/declaration-rules', inst);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ profileId: 'yunnan', schemes: [] });
    expect((await get('/api/applications/declaration-rules', officer)).statusCode).toBe(403);
  });

  it('a second open application of the same institution is refused (409)', async () => {
    const res = await post('/api/applications', inst, { paymentCategories: ['inpatient'], insuranceSchemes: ['employee'] });
    expect(res.statusCode).toBe(409);
  });

  it('out of order: accepting a draft answers 409 naming the current state (云医保〔2022〕6号 第九条)', async () => {
    const res = await step(appId, 'accept', officer);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('当前状态为「填报中」');
  });

  it('submit → 即时受理 and automatic screening (京医保发〔2021〕30号 第十二条): clear → 材料审核中; deadlines in 工作日', async () => {
    const res = await step(appId, 'submit', inst);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().application.state).toBe('under_review');
    // 即时受理: submitting without materials is not blocked, but the answer says what is missing (decision 0016)
    expect(res.json().missingMaterials.map((m: { id: string }) => m.id)).toEqual(REQUIRED);
    const d = (await get(`/api/applications/${appId}`, officer)).json();
    const notice = d.deadlines.find((x: { deadline: string }) => x.deadline === 'supplement_notice');
    // 5 工作日 from 2025-09-25: 9/26, 9/28 (调休上班), 9/29, 9/30, then 国庆 10/1–10/8, 10/9 (云医保〔2022〕6号 第九条)
    expect(notice.dueOn).toBe('2025-10-09');
    expect(notice.cites).toContain('云医保〔2022〕6号 第九条');
    expect(notice.remainingWorkdays).toBe(5);
    expect(d.deadlines.find((x: { deadline: string }) => x.deadline === 'evaluation_limit').dueOn).toBe('2025-12-25');
    expect(d.history.map((h: { action: string }) => h.action)).toEqual(['application.create', 'application.submit', 'application.screening_completed']);
  });

  it('outside the territory, unknown and malformed ids answer 404, never 500', async () => {
    expect((await get(`/api/applications/${appId}`, foreign)).statusCode).toBe(404);
    expect((await post(`/api/applications/${appId}/events/accept`, foreign, { version: 1 })).statusCode).toBe(404);
    expect((await get('/api/applications/00000000-0000-4000-8000-000000000000', officer)).statusCode).toBe(404);
    expect((await get('/api/applications/not-a-uuid', officer)).statusCode).toBe(404);
    const list = (await get('/api/applications', foreign)).json();
    expect(list.items).toHaveLength(0);
  });

  it('云医保〔2022〕6号 第九条: accept is refused (422) while a required material is missing, naming the items and the article', async () => {
    const req = (await get(`/api/applications/${appId}/materials-required`, officer)).json();
    expect(req.missing.map((m: { id: string }) => m.id)).toEqual(REQUIRED);
    expect(req.items.find((i: { id: string }) => i.id === 'other').required).toBe(false);
    const res = await step(appId, 'accept', officer);
    expect(res.statusCode, res.body).toBe(422);
    const reason = res.json().error.reasons.find((r: { ruleId: string }) => r.ruleId === 'materials.complete');
    expect(reason.citation).toBe('云医保〔2022〕6号 第九条');
    expect(reason.message).toContain('定点医疗机构申请表、医疗机构执业许可证或中医诊所备案证复印件');
    expect(reason.message).not.toContain('其他材料');
  });

  it('云医保〔2022〕6号 第九条: a 一次性告知 that drops a missing required item is refused (422) naming it; a past or impossible 补正期限 → 400 naming the field', async () => {
    const dropped = await step(appId, 'request_supplement', officer, { missingItems: ['licence_copy', '医保管理制度'] });
    expect(dropped.statusCode, dropped.body).toBe(422);
    const reason = dropped.json().error.reasons.find((r: { ruleId: string }) => r.ruleId === 'supplement.lists-missing');
    expect(reason.message).toContain('定点医疗机构申请表');
    expect(reason.message).not.toContain('执业许可证');
    for (const dueOn of ['2025-09-24', '2025-02-30', '25-10-01']) {
      const bad = await step(appId, 'request_supplement', officer, { missingItems: REQUIRED, dueOn });
      expect(bad.statusCode, dueOn).toBe(400);
      expect(bad.json().error.field).toBe('body.dueOn');
      expect(bad.json().error.message).toContain('补正期限');
    }
    const long = await step(appId, 'request_supplement', officer, { missingItems: [{ item: 'licence_copy', requirement: '过'.repeat(201) }] });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.field).toBe('body.missingItems.0.requirement');
    const ctl = await step(appId, 'request_supplement', officer, { missingItems: [{ item: 'licence_copy', requirement: '缺少\u0007盖章' }] });
    expect(ctl.statusCode).toBe(400);
  });

  it('一次性告知 lists every missing item in ONE notice, each with its requirement and the 补正期限, and pauses the evaluation clock (云医保〔2022〕6号 第九条)', async () => {
    const res = await step(appId, 'request_supplement', officer, {
      missingItems: [...REQUIRED.filter((i) => i !== 'licence_copy'), { item: 'licence_copy', requirement: '过期证照，请提供有效期内的执业许可证' }],
      dueOn: '2025-10-20',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().application.state).toBe('needs_supplement');
    const [doc] = res.json().documents;
    expect(doc.kind).toBe('supplement_notice');
    expect(doc.number).toBe('五华医保定补〔2025〕1号');
    const d = (await get(`/api/applications/${appId}`, officer)).json();
    expect(d.deadlines.find((x: { deadline: string; state: string }) => x.deadline === 'evaluation_limit' && x.state === 'open').pausedSince).toBe('2025-09-26');
    expect(d.data.supplementNotice).toMatchObject({ dueOn: '2025-10-20', requirements: { licence_copy: '过期证照，请提供有效期内的执业许可证' } });
    // the document states each item with its requirement and its article, and the deadline; only the profile's own articles
    const [stored] = (await documentsOf(ctx.db, appId)).filter((x) => x.kind === 'supplement_notice');
    const text = JSON.stringify(stored!.model);
    expect(text).toContain('过期证照，请提供有效期内的执业许可证');
    expect(text).toContain('医疗机构执业许可证或中医诊所备案证复印件');
    expect(text).toContain('2025年10月20日前');
    expect(text).toContain('云医保〔2022〕6号 第九条');
    expect(text).not.toContain('京医保发');
  });

  it('补正 resumes the clock; asking for an item not in the first notice is refused with reasons (422)', async () => {
    ctx.clock.set('2025-09-29T10:00:00+08:00');
    await uploadRequiredMaterials(ctx, inst.userId, appId);
    expect((await step(appId, 'supplement', inst, { items: REQUIRED })).json().application.state).toBe('supplemented');
    const again = await step(appId, 'request_supplement', officer, { missingItems: ['财务制度'] });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.reasons[0].ruleId).toBe('supplement.one-time');
  });

  it('two officers accepting at once: one wins, the other gets 409', async () => {
    const version = (await get(`/api/applications/${appId}`, officer)).json().version;
    const [a, b] = await Promise.all([
      post(`/api/applications/${appId}/events/accept`, officer, { version }),
      post(`/api/applications/${appId}/events/accept`, officer, { version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.message).toContain('申请已被他人处理');
    // a stale version has its own code (runStep retries on it; matching the message's text would break on a rewording)
    expect(loser.json().error.code).toBe('STALE_VERSION');
    const winner = a.statusCode === 200 ? a : b;
    expect(winner.json().documents[0].number).toBe('五华医保定受〔2025〕1号');
  });

  it('bad event payloads answer 400 naming the field', async () => {
    const res = await step(appId, 'form_panel', officer, { inspection: { required: 'yes' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toContain('inspection');
    expect((await post(`/api/applications/${appId}/events/fly`, officer, { version: 1 })).statusCode).toBe(400);
  });

  it('云医保〔2022〕6号 第十一条: the panel is the server\'s draw — a given seed is refused outside a training sandbox', async () => {
    const prod = await buildApp({ ...ctx, config: { ...ctx.config, SANDBOX: false } });
    try {
      const version = (await get(`/api/applications/${appId}`, officer)).json().version as number;
      const res = await prod.inject({ method: 'POST', url: `/api/applications/${appId}/events/form_panel`, headers: await hdr(officer), payload: { version, seed: 7, inspection: { required: true, mode: 'on_site' } } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ field: 'body.seed' });
      expect(res.json().error.message).toContain('随机抽取');
    } finally {
      await prod.close();
    }
  });

  it('evaluation: panel drawn from the pool with a seed covers 第十一条 specialties; 第十三条 on-site inspection; scores; result', async () => {
    // another province's pool covers every specialty too: none of it may sit on a Yunnan panel, and a
    // hand-picked panel sent along is not used (issue #8)
    const jilin: string[] = [];
    for (const sp of ['医疗保障', '医药卫生', '信息技术', '法律', '财务']) {
      const a = await actAs(ctx, { kind: 'expert_pool', level: 'province', regionCode: '220000' }, ['expert']);
      await makeExpert(ctx, a.user.id, [sp]);
      jilin.push(a.user.id);
    }
    const handPicked = { seed: 1, institutionId: 'x', members: jilin.map((expertId, slot) => ({ expertId, name: '自选', specialty: 'law', slot })), replacements: [] };
    const off = await step(appId, 'form_panel', officer, { seed: 7, inspection: { required: false, mode: 'written' } });
    expect(off.statusCode).toBe(422); // 第十三条(一): a medical institution's first application needs an on-site inspection
    const res = await step(appId, 'form_panel', officer, { seed: 7, panel: handPicked, inspection: { required: true, mode: 'on_site' } });
    expect(res.statusCode, res.body).toBe(200);
    const d = (await get(`/api/applications/${appId}`, officer)).json();
    expect(d.data.evaluation.evaluator.panel.seed).toBe(7);
    expect(d.data.evaluation.evaluator.panel.members).toHaveLength(5);
    const drawn = (d.data.evaluation.evaluator.panel.members as { expertId: string; specialty: string }[]);
    expect(drawn.every((m) => experts.some((e) => e.id === m.expertId)), 'only the Yunnan pool').toBe(true);
    expect(drawn.some((m) => jilin.includes(m.expertId))).toBe(false);
    // an expert on the panel sees the application; the scores are theirs to record
    const e0 = experts[0]!;
    expect((await get(`/api/applications/${appId}`, e0)).statusCode).toBe(200);
    // 第十三条: inspectors from the panel, the five things to look at item by item
    expect(d.inspectionChecklist.citation).toBe('云医保〔2022〕6号 第十三条');
    expect(d.inspectionChecklist.items.map((i: { label: string }) => i.label)[0]).toBe('医药机构试运营情况');
    expect(d.allowedEvents.map((e: { event: string }) => e.event)).toContain('record_evaluation_briefing');
    const members = d.data.evaluation.evaluator.panel.members as { expertId: string }[];
    const checklist = ['trial_operation', 'staffing', 'information_system', 'core_rules', 'other'].map((item) => ({ item, conforming: true, finding: '与申报一致' }));
    const byOfficer = await step(appId, 'record_inspection', officer, { by: ['张三'], findings: '现场核查符合', checklist });
    expect(byOfficer.statusCode).toBe(422);
    expect(byOfficer.json().error.message).toContain('现场核查从评估小组中抽取人员承担');
    const insp = await step(appId, 'record_inspection', officer, { by: [members[0]!.expertId, members[1]!.expertId], findings: '现场核查符合', checklist });
    expect(insp.statusCode, insp.body).toBe(200);
    const items = ['conditions', 'capability', 'not_failed_within_year', 'no_substitute_person'];
    for (const e of experts) {
      const r = await step(appId, 'record_scores', e, { memberId: e.id, scores: Object.fromEntries(items.map((i) => [i, 1])) });
      expect(r.statusCode, r.body).toBe(200);
    }
    const other = await step(appId, 'record_scores', experts[1]!, { memberId: experts[0]!.id, scores: {} });
    expect(other.statusCode).toBe(422);
    // 第十四条(一)1–2: the policy study and the 承办部门's report come before the result
    const early = await step(appId, 'conclude_evaluation', officer);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(['evaluation.briefed']);
    const briefing = await step(appId, 'record_evaluation_briefing', officer, {
      study: { attendees: ['评估小组全体成员'], content: '医药机构定点有关政策规定和纪律要求' },
      report: { reporter: '医药服务管理科', basics: '综合医院', materialReview: '材料齐全', violationReview: '未发现违规', inspection: '五项均符合' },
    });
    expect(briefing.statusCode, briefing.body).toBe(200);
    const done = await step(appId, 'conclude_evaluation', officer);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().application.state).toBe('evaluated_pass');
  });

  it('公示 for 7 工作日 (云医保〔2022〕6号 第十五条); the sweep ends it once the clock passes the last day — no sleeping', async () => {
    ctx.clock.set('2025-10-09T09:00:00+08:00');
    const res = await step(appId, 'publish_publicity', officer, { complaintPhone: '0871-12345678' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().documents[0].kind).toBe('publicity_notice');
    const period = (await get(`/api/applications/${appId}`, officer)).json().deadlines.find((x: { deadline: string; state: string }) => x.deadline === 'publicity_period' && x.state === 'open');
    expect(period.dueOn).toBe('2025-10-17'); // 10/10, 10/11 (调休上班), 10/13–10/17: 7 工作日
    const sysadmin = as((await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin'])).user.id);
    expect((await post('/api/admin/deadlines/sweep', sysadmin, {})).json().events).toBe(0);
    expect((await get(`/api/applications/${appId}`, officer)).json().state).toBe('in_publicity');
    ctx.clock.set('2025-10-17T23:00:00+08:00');
    expect((await post('/api/admin/deadlines/sweep', sysadmin, {})).json().events).toBe(0); // the last day still counts
    ctx.clock.set('2025-10-18T08:00:00+08:00');
    const swept = await post('/api/admin/deadlines/sweep', sysadmin, {});
    expect(swept.json().events).toBe(1);
    expect((await get(`/api/applications/${appId}`, officer)).json().state).toBe('negotiating');
    expect((await post('/api/admin/deadlines/sweep', officer, {})).statusCode).toBe(403);
  });

  it('the work queue is sorted by the nearest open deadline and shows the article that sets it', async () => {
    const q = (await get('/api/applications', officer)).json();
    expect(q.items[0].id).toBe(appId);
    expect(q.items[0].next.deadline).toBe('negotiation_window');
    expect(q.items[0].next.cites).toContain('云医保〔2022〕6号 第十六条');
    expect((await get('/api/applications?state=draft', officer)).json().items).toHaveLength(0);
  });

  it('issue #7: a Yunnan application stores, queues and prints no other province\'s citation (deadline cites, 依据, documents, audit rows)', async () => {
    const foreignText = /京医保发|吉医保规|自治区医保局/u;
    const stored = await ctx.db.select({ deadline: deadlines.deadline, cites: deadlines.cites }).from(deadlines).where(eq(deadlines.applicationId, appId));
    expect(stored.length).toBeGreaterThan(0);
    for (const r of stored) {
      const cites = r.cites as string[];
      expect(cites.join('；'), r.deadline).not.toMatch(foreignText);
      expect(new Set(cites).size, r.deadline).toBe(cites.length);
    }
    const limit = stored.find((r) => r.deadline === 'evaluation_limit')!.cites as string[];
    expect(limit).toEqual(['云医保〔2022〕6号 第八条', '国家医疗保障局令第2号 第九条']);
    const q = (await get('/api/applications', officer)).json();
    expect(JSON.stringify(q.items.map((i: { next: unknown }) => i.next))).not.toMatch(foreignText);
    const docs = await ctx.db.select({ kind: documents.kind, model: documents.model }).from(documents).where(eq(documents.applicationId, appId));
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) expect(JSON.stringify(d.model), d.kind).not.toMatch(foreignText);
    const audit = await ctx.db.select({ after: auditLog.after }).from(auditLog).where(and(eq(auditLog.entityType, 'application'), eq(auditLog.entityId, appId)));
    expect(JSON.stringify(audit.map((a) => (a.after as { cites?: unknown }).cites ?? null))).not.toMatch(foreignText);
  });

  it('every transition appended exactly one audit row', async () => {
    const d = (await get(`/api/applications/${appId}`, officer)).json();
    // create + one row per version step
    expect(await auditCount(appId)).toBe(d.version);
    const open = await ctx.db.select().from(deadlines).where(and(eq(deadlines.applicationId, appId), eq(deadlines.state, 'open')));
    expect(open.map((r) => r.deadline)).toEqual(['negotiation_window']);
  });
});

describe('profile rules at application', () => {
  it('吉医保规〔2023〕1号 第三十五条: schemes are applied for together — refused with reasons', async () => {
    await ensureRegion(ctx, '220102');
    await ctx.db.update(regions).set({ profileId: 'jilin' }).where(eq(regions.code, '220000'));
    const id = await makeInstitution('220102', '南关区测试医院', 2);
    const h = as((await actAs(ctx, { kind: 'institution', regionCode: '220102', institutionId: id }, ['institution_staff'])).user.id);
    const res = await post('/api/applications', h, { paymentCategories: ['inpatient'], insuranceSchemes: ['employee'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.reasons[0].citation).toContain('第三十五条');
    const ok = await post('/api/applications', h, { paymentCategories: ['inpatient'], insuranceSchemes: ['employee', 'resident', 'critical_illness'] });
    expect(ok.statusCode).toBe(201);
  });

  it('agency staff cannot create applications (403)', async () => {
    expect((await post('/api/applications', officer, { paymentCategories: ['inpatient'], insuranceSchemes: ['employee'] })).statusCode).toBe(403);
  });
});
