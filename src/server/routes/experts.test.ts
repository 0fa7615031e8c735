import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';
import { person, seedApplication, seedInstitution, type Person } from '../../agreements/test-support';
import { buildApp } from '../app';
import { documentsOf } from '../../db/document-repo';
import { seedConditionsMet } from '../../testing/conditions';

let ctx: TestContext;
let app: FastifyInstance;
const members: (Person & { orgId: string })[] = [];
let outsider: Person;
let appId: string;

const SPECIALTIES = ['medical_insurance', 'medicine_health', 'information_technology', 'law', 'finance'];
const ALL_PASS = { conditions: 1, capability: 1, not_failed_within_year: 1, no_substitute_person: 1 };
/** 云医保〔2022〕6号 第十三条 现场核查主要查看 1–5, each with a finding */
const CHECKLIST = ['trial_operation', 'staffing', 'information_system', 'core_rules', 'other'].map((item) => ({ item, conforming: true, finding: '与申报一致' }));
const post = (who: Person, url: string, payload: object) => app.inject({ method: 'POST', url, headers: who.headers, payload });

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530102');
  const pool = { kind: 'expert_pool' as const, level: 'province' as const, regionCode: '530000' };
  for (let i = 0; i < 5; i++) members.push(await person(ctx, pool, ['expert'], `专家${i + 1}`));
  outsider = await person(ctx, pool, ['expert'], '局外专家');
  const inst = await seedInstitution(ctx, '530102', '五华评估医院');
  appId = (await seedApplication(ctx, {
    institutionId: inst.id, regionCode: '530102', profileId: 'yunnan', state: 'evaluating',
    panel: members.map((m, i) => ({ id: m.id, name: `专家${i + 1}`, specialty: SPECIALTIES[i]! })),
  })).id;
  await seedConditionsMet(ctx, appId); // seeded straight into 评估中: the basic conditions as checked (decision 0023)
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('expert panels (云医保〔2022〕6号 第十四条; 吉医保规〔2023〕1号 第十八条)', () => {
  it('lists my panels with the scoring sheet; an expert not drawn sees none', async () => {
    const mine = (await app.inject({ url: '/api/experts/panels', headers: members[0]!.headers })).json();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ applicationId: appId, institutionName: '五华评估医院', sheet: { id: 'yn-2022-checklist' } });
    expect(mine[0].sheet.items).toHaveLength(4);
    expect((await app.inject({ url: '/api/experts/panels', headers: outsider.headers })).json()).toEqual([]);
  });

  it('an expert outside the panel cannot act on it (404)', async () => {
    const res = await post(outsider, `/api/experts/panels/${appId}/scores`, { scores: ALL_PASS });
    expect(res.statusCode).toBe(404);
  });

  it('records inspection findings, scores (validated against the sheet) and a vote', async () => {
    const insp = await post(members[0]!, `/api/experts/panels/${appId}/inspection`, { findings: '人员配备、信息系统与申报一致', checklist: CHECKLIST });
    expect(insp.statusCode, insp.body).toBe(200);
    const rec = (await app.inject({ url: '/api/experts/panels', headers: members[0]!.headers })).json()[0].inspection.record;
    expect(rec).toMatchObject({ by: [members[0]!.id], checklist: CHECKLIST });
    const bad = await post(members[0]!, `/api/experts/panels/${appId}/scores`, { scores: { conditions: 5 } });
    expect(bad.statusCode).toBe(422);
    const ok = await post(members[0]!, `/api/experts/panels/${appId}/scores`, { scores: ALL_PASS });
    expect(ok.statusCode).toBe(200);
    const vote = await post(members[0]!, `/api/experts/panels/${appId}/vote`, { vote: 'pass' });
    expect(vote.statusCode).toBe(200);
  });

  it('signing waits until every member has scored; then each member signs (第十八条)', async () => {
    const early = await post(members[0]!, `/api/experts/panels/${appId}/sign`, {});
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toContain('尚有成员未完成评分');
    for (const m of members.slice(1)) {
      expect((await post(m, `/api/experts/panels/${appId}/scores`, { scores: ALL_PASS })).statusCode).toBe(200);
      expect((await post(m, `/api/experts/panels/${appId}/vote`, { vote: 'pass' })).statusCode).toBe(200);
    }
    expect((await post(members[0]!, `/api/experts/panels/${appId}/sign`, {})).statusCode).toBe(200);
    const locked = await post(members[1]!, `/api/experts/panels/${appId}/scores`, { scores: ALL_PASS });
    expect(locked.statusCode).toBe(422);
    const mine = (await app.inject({ url: '/api/experts/panels', headers: members[0]!.headers })).json();
    expect(mine[0].mine).toMatchObject({ vote: 'pass', signed: true });
  });

  it('云医保〔2022〕6号 第十三条: the expert records the inspection item by item, by members of the panel only', async () => {
    const free = await post(members[1]!, `/api/experts/panels/${appId}/inspection`, { findings: '均符合' });
    expect(free.statusCode).toBe(422);
    expect(free.json().error.message).toContain('现场核查须逐项记录');
    const outside = await post(members[1]!, `/api/experts/panels/${appId}/inspection`, { findings: '均符合', checklist: CHECKLIST, by: [members[1]!.id, outsider.id] });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.reasons).toEqual([expect.objectContaining({ ruleId: 'inspection.by-panel-members', citation: '云医保〔2022〕6号 第十三条' })]);
    const badItem = await post(members[1]!, `/api/experts/panels/${appId}/inspection`, { findings: '均符合', checklist: [{ item: 'weather', conforming: true, finding: '晴' }] });
    expect(badItem.statusCode).toBe(400);
  });

  it('a stale version answers 409', async () => {
    const res = await post(members[2]!, `/api/experts/panels/${appId}/sign`, { version: 1 });
    expect(res.statusCode).toBe(409);
  });

  it('吉医保规〔2023〕1号 第十八条: once concluded, the signed record stays with each member (read-only), not with other experts', async () => {
    const fresh = (await app.inject({ url: '/api/experts/panels', headers: members[0]!.headers })).json()[0];
    for (const m of members.slice(1)) {
      expect((await post(m, `/api/experts/panels/${appId}/sign`, {})).statusCode).toBe(200);
    }
    const officer = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer']);
    const version = async () => (await app.inject({ url: `/api/applications/${appId}`, headers: officer.headers })).json().version as number;
    const briefing = await post(officer, `/api/applications/${appId}/events/record_evaluation_briefing`, {
      version: await version(),
      study: { attendees: ['专家1', '专家2'], content: '学习定点政策与评估纪律' },
      report: { reporter: '经办员', basics: '基本情况', materialReview: '材料齐全', violationReview: '无违规', inspection: '现场核查符合' },
    });
    expect(briefing.statusCode, briefing.body).toBe(200);
    const concluded = await post(officer, `/api/applications/${appId}/events/conclude_evaluation`, { version: await version() });
    expect(concluded.statusCode, concluded.body).toBe(200);
    // 云医保〔2022〕6号 第十三条、第十四条(一): the minutes carry the study, the report and the inspection checklist from the record
    const minutes = (await documentsOf(ctx.db, appId)).find((d) => d.kind === 'evaluation_minutes');
    const text = JSON.stringify(minutes?.model);
    for (const part of ['学习定点政策与评估纪律', '材料齐全', '试运营', '与申报一致', '专家1']) expect(text).toContain(part);
    const mine = (await app.inject({ url: '/api/experts/panels', headers: members[0]!.headers })).json();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ applicationId: appId, state: 'evaluated_pass', concluded: { pass: true, attempt: 1 }, mine: { vote: 'pass', signed: true } });
    expect(mine[0].members.every((m: { signed: boolean }) => m.signed)).toBe(true);
    expect(fresh.concluded).toBeNull();
    expect((await app.inject({ url: '/api/experts/panels', headers: outsider.headers })).json()).toEqual([]);
    // the record is read-only: acting on a concluded panel is refused
    expect((await post(members[0]!, `/api/experts/panels/${appId}/vote`, { vote: 'fail' })).statusCode).toBe(409);
  });
});

describe('evaluation signatures under Yunnan (云医保〔2022〕6号 第十四条(一)3)', () => {
  it('云医保〔2022〕6号 第十四条(一)3: the result forms without every signature; a member may sign until the minutes are issued, then signing is refused naming them', async () => {
    const inst = await seedInstitution(ctx, '530102', '五华纪要医院');
    const id = (await seedApplication(ctx, {
      institutionId: inst.id, regionCode: '530102', profileId: 'yunnan', state: 'evaluating',
      panel: members.map((m, i) => ({ id: m.id, name: `专家${i + 1}`, specialty: SPECIALTIES[i]! })),
    })).id;
    await seedConditionsMet(ctx, id);
    const early = await post(members[0]!, `/api/experts/panels/${id}/sign`, {});
    expect(early.json().error.reasons[0]).toMatchObject({ ruleId: 'evaluation.ready-to-sign', citation: '云医保〔2022〕6号 第十四条(一)3' });
    const listed = (await app.inject({ url: '/api/experts/panels', headers: members[0]!.headers })).json().find((p: { applicationId: string }) => p.applicationId === id);
    expect(listed.signing).toMatchObject({ allMustSign: false, citation: '云医保〔2022〕6号 第十四条(一)3', closed: false });
    for (const m of members) {
      expect((await post(m, `/api/experts/panels/${id}/scores`, { scores: ALL_PASS })).statusCode).toBe(200);
      expect((await post(m, `/api/experts/panels/${id}/vote`, { vote: 'pass' })).statusCode).toBe(200);
    }
    expect((await post(members[0]!, `/api/experts/panels/${id}/sign`, {})).statusCode).toBe(200);
    const officer = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer']);
    const version = async () => (await app.inject({ url: `/api/applications/${id}`, headers: officer.headers })).json().version as number;
    await post(officer, `/api/applications/${id}/events/record_evaluation_briefing`, {
      version: await version(), study: { attendees: ['专家1'], content: '学习定点政策' },
      report: { reporter: '经办员', basics: '基本情况', materialReview: '材料齐全', violationReview: '无违规', inspection: '书面审查' },
    });
    const concluded = await post(officer, `/api/applications/${id}/events/conclude_evaluation`, { version: await version() });
    expect(concluded.statusCode, concluded.body).toBe(200); // 1 of 5 signed: the minutes record the votes
    const minutes = (await documentsOf(ctx.db, id)).find((d) => d.kind === 'evaluation_minutes')!;
    const late = await post(members[1]!, `/api/experts/panels/${id}/sign`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe(`评估会议纪要（${minutes.number}）已出具，评估结果已确定，不能再签字（云医保〔2022〕6号 第十四条(一)3）`);
  });
});
