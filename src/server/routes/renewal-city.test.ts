/**
 * 报市 and 市级协商谈判 over HTTP (京医保发〔2021〕30号 第四十一条, decision 0057): 东城区 decides its renewal and reports it
 * to the city once every item is decided (version-checked, audited); 西城区 cannot report it (404), the city does not
 * report it for the district (403); after the report the district can no longer change an item and cannot negotiate;
 * the city negotiates one item or many confirmed by count (409 when the count or the version moved); generation
 * waits for the city's negotiated 续签; the city's queue is `?reported=true`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { buildSessionUser, buildUser, ensureRegion, sessionHeaders } from '../../testing/factories';
import { agreements, auditLog, institutions, regions } from '../../db/schema/index';
import { person, seedInstitution, type Person } from '../../agreements/test-support';
import { INITIAL_LIFE } from '../../agreement-lifecycle/binding';
import { openCampaign } from '../../renewal-campaigns/open-campaign';
import type { ScreenBatch } from '../../renewal-campaigns/screen-batch';
import type { SessionUser } from '../../domain/identity/roles';
import { buildApp } from '../app';

const ART = '京医保发〔2021〕30号 第四十一条';
let ctx: TestContext;
let app: FastifyInstance;
let dc: SessionUser;
let dcHead: { id: string };
let xc: Person;
let city: Person;
let campaignId: string;
let n = 0;
/** staff of 东城续二医院 (reads its renewal on 我的协议) */
let clinic: Person;

/** 续 → 续签, 停 → 不再签订 (by the institution's name) */
const fixed: ScreenBatch = async (db, _p, _params, _today, rows) => {
  const names = new Map((await db.select({ id: institutions.id, name: institutions.name }).from(institutions)).map((r) => [r.id, r.name]));
  return rows.map((r) => {
    const stop = (names.get(r.institutionId) ?? '').includes('停');
    return { agreementId: r.id, outcome: stop ? 'not_renew' : 'renew', reasons: stop ? [{ ruleId: 't.stop', citation: ART, result: 'fires', message: '测试情形' }] : [] };
  });
};

async function agreementFor(name: string, regionCode: string, termTo: string) {
  const inst = await seedInstitution(ctx, regionCode, name);
  const now = ctx.clock.now();
  n += 1;
  await ctx.db.insert(agreements).values({
    institutionId: inst.id, regionCode, number: `京续测〔2026〕${n}号`, termFrom: '2024-07-01', termTo, special: {}, model: {}, canonicalText: 'x', textSm3: 'x',
    status: 'signed', lifeState: 'in_force', life: INITIAL_LIFE, lifeSince: '2024-07-01', createdAt: now, updatedAt: now,
  });
  return inst;
}

const h = (id: string) => sessionHeaders(ctx, id);
const get = async (who: { id: string }, url: string) => app.inject({ url, headers: await h(who.id) });
const post = async (who: { id: string }, url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, headers: await h(who.id), payload });
const campaignVersion = async () => (await get(dc, `/api/renewal-campaigns/${campaignId}`)).json().campaign.version as number;
const items = async (who: { id: string } = dc) => (await get(who, `/api/renewal-campaigns/${campaignId}/items?pageSize=100&sort=institution`)).json().items as {
  id: string; institutionName: string; state: string; decided: string | null; version: number; allowedEvents: string[];
}[];

beforeAll(async () => {
  ctx = await createTestContext('2026-12-01T09:00:00+08:00');
  app = await buildApp(ctx);
  await ensureRegion(ctx, '110000');
  await ctx.db.update(regions).set({ profileId: 'beijing' }).where(eq(regions.code, '110000'));
  for (const c of ['110101', '110102']) await ensureRegion(ctx, c);
  dc = await buildSessionUser(ctx, { kind: 'agency', level: 'county', regionCode: '110101', name: '东城区医疗保障事务管理中心' }, ['agency_officer']);
  dcHead = await buildUser(ctx, dc.orgId, ['agency_head']);
  xc = await person(ctx, { kind: 'agency', level: 'county', regionCode: '110102', name: '西城区医疗保障事务管理中心' }, ['agency_officer']);
  city = await person(ctx, { kind: 'agency', level: 'province', regionCode: '110000', name: '北京市医疗保障事务管理中心' }, ['agency_officer']);
  await agreementFor('东城续一医院', '110101', '2027-06-30');
  const second = await agreementFor('东城续二医院', '110101', '2027-06-30');
  clinic = await person(ctx, { kind: 'institution', institutionId: second.id, regionCode: '110101' }, ['institution_staff']);
  await agreementFor('东城停三医院', '110101', '2027-06-30');
  await agreementFor('西城续医院', '110102', '2027-06-30');
  campaignId = (await openCampaign(ctx, dc, { year: 2027, windowFrom: '2027-01-01', windowTo: '2027-12-31', decideBy: '2027-03-31' }, fixed, () => ({}))).id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('报市', () => {
  it(`${ART}: not while items are undecided — the check and the refusal name every reason with the article`, async () => {
    const check = (await get(dc, `/api/renewal-campaigns/${campaignId}/report`)).json();
    expect(check).toMatchObject({ cityStep: true, canReport: false, reportedAt: null });
    expect(check.reasons).toEqual([{ ruleId: 'renewal.city-report.decided', citation: ART, message: '尚有 3 项未核定，全部核定后方可报市经办机构' }]);
    const r = await post(dc, `/api/renewal-campaigns/${campaignId}/report`, { version: await campaignVersion() });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.reasons[0].citation).toBe(ART);
  });

  it(`${ART}: the city negotiates nothing before the report`, async () => {
    for (const it of await items()) expect((await post(dc, `/api/renewal-items/${it.id}/decision`, { type: 'accept', version: it.version })).statusCode).toBe(200);
    const one = (await items(city))[0]!;
    const r = await post(city, `/api/renewal-items/${one.id}/negotiation`, { version: one.version, outcome: 'renew', note: '协商一致' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.reasons).toEqual([expect.objectContaining({ message: '区经办机构尚未将本次续签报市经办机构', citation: ART })]);
  });

  it(`${ART}: a 西城区 officer cannot report 东城区's campaign (404); the city does not report for the district (403); a stale version is 409`, async () => {
    const v = await campaignVersion();
    expect((await post(xc, `/api/renewal-campaigns/${campaignId}/report`, { version: v })).statusCode).toBe(404);
    const byCity = await post(city, `/api/renewal-campaigns/${campaignId}/report`, { version: v });
    expect(byCity.statusCode).toBe(403);
    expect(byCity.json().error.reasons[0].citation).toBe(ART);
    expect((await post(dc, `/api/renewal-campaigns/${campaignId}/report`, { version: v + 5 })).statusCode).toBe(409);
    const bad = await post(dc, `/api/renewal-campaigns/${campaignId}/report`, { version: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('版本号');
  });

  it(`${ART}: each agency's home page lists its own milestones — 报市 the district's, 市级协商谈判 the city's, the institution's application day nobody's (已截止 on the schedule, not 已逾期)`, async () => {
    const milestones = async (who: { id: string }) => ((await get(who, '/api/home')).json().sections.find((x: { key: string }) => x.key === 'renewal.schedule')?.items ?? [])
      .map((i: { title: string }) => i.title);
    ctx.clock.set('2026-12-28T09:00:00+08:00'); // the week of 2027-01-01, the day the city's negotiation is due
    try {
      expect(await milestones(dc)).toEqual(['区经办机构将续签信息报市经办机构']);
      expect(await milestones(city)).toEqual(['续签协商谈判']);
      expect(await milestones(xc)).toEqual([]);
      const apply = (await get(dc, `/api/renewal-campaigns/${campaignId}/schedule`)).json().items.find((m: { milestone: string }) => m.milestone === 'apply');
      expect(apply).toMatchObject({ party: '定点医药机构', status: 'closed', statusLabel: '已截止', remainingWorkdays: null });
    } finally {
      ctx.clock.set('2026-12-01T09:00:00+08:00');
    }
  });

  it(`${ART}: the district head reports once every item is decided — one audited step; a second report is refused`, async () => {
    const reportMilestone = async () => (await get(dc, `/api/renewal-campaigns/${campaignId}/schedule`)).json().items.find((m: { milestone: string }) => m.milestone === 'report_city');
    expect((await reportMilestone()).status).not.toBe('met');
    const v = await campaignVersion();
    const r = await post(dcHead, `/api/renewal-campaigns/${campaignId}/report`, { version: v });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: campaignId, version: v + 1 });
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'renewal_campaign'), eq(auditLog.entityId, campaignId), eq(auditLog.action, 'renewal_campaign.report')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBe(dcHead.id);
    // the schedule's 报市 milestone is met by the report, on its day
    expect(await reportMilestone()).toMatchObject({ status: 'met', closedOn: '2026-12-01' });
    // the district's 续签 is not the outcome yet: the institution reads that the city negotiates
    const mine = (await get(clinic, '/api/my/renewal')).json().items[0];
    expect(mine).toMatchObject({ status: '已报市经办机构，协商谈判中', decided: null });
    const again = await post(dc, `/api/renewal-campaigns/${campaignId}/report`, { version: v + 1 });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toContain('报市经办机构');
    expect((await post(dc, `/api/renewal-campaigns/${campaignId}/report`, { version: v })).statusCode).toBe(409);
  });

  it(`${ART}: the city's queue lists reported campaigns; the district's not-yet-reported list does not`, async () => {
    const reported = (await get(city, '/api/renewal-campaigns?reported=true')).json();
    expect(reported.items.map((c: { id: string }) => c.id)).toEqual([campaignId]);
    expect(reported.items[0]).toMatchObject({ cityStep: true, reportedAt: expect.any(String) });
    expect((await get(city, '/api/renewal-campaigns?reported=false')).json().items).toEqual([]);
    // the city's home page: 3 items of the reported campaign wait for its negotiation; the district has no such section
    const citySection = async () => (await get(city, '/api/home')).json().sections.find((x: { key: string }) => x.key === 'renewal.city');
    expect(await citySection()).toMatchObject({ title: '待市级协商谈判的续签', count: 3, link: '/renewal?reported=true' });
    expect((await citySection()).items[0]).toMatchObject({ link: `/renewal/${campaignId}`, cites: [ART] });
    expect((await get(dc, '/api/home')).json().sections.find((x: { key: string }) => x.key === 'renewal.city')).toBeUndefined();
    const bad = await get(city, '/api/renewal-campaigns?reported=yes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('是否已报市');
  });
});

describe('市级协商谈判', () => {
  it(`${ART}: once reported the district can no longer reopen or negotiate — refused with the article`, async () => {
    const one = (await items())[0]!;
    expect(one.allowedEvents).not.toContain('reopen');
    const reopen = await post(dc, `/api/renewal-items/${one.id}/decision`, { type: 'reopen', reason: '发现新情况', version: one.version });
    expect(reopen.statusCode).toBe(422);
    expect(reopen.json().error.reasons).toEqual([expect.objectContaining({ ruleId: 'renewal.city.not-reported', citation: ART })]);
    const neg = await post(dc, `/api/renewal-items/${one.id}/negotiation`, { version: one.version, outcome: 'renew', note: '协商一致' });
    expect(neg.statusCode).toBe(422);
    expect(neg.json().error.reasons).toEqual([expect.objectContaining({ message: '协商谈判由市经办机构进行', citation: ART })]);
    expect((await post(xc, `/api/renewal-items/${one.id}/negotiation`, { version: one.version, outcome: 'renew', note: '协商一致' })).statusCode).toBe(404);
    const bulk = await post(dc, `/api/renewal-campaigns/${campaignId}/bulk-negotiation`, { filter: {}, expectedCount: 3, outcome: 'renew', note: '协商一致' });
    expect(bulk.statusCode).toBe(403);
  });

  it(`${ART}: generation waits for the city — nothing to generate before the negotiation`, async () => {
    expect((await get(dc, `/api/renewal-campaigns/${campaignId}/signing`)).json().toGenerate).toBe(0);
    const r = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/generate-renewals`, headers: await h(dc.id) });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toContain(ART);
  });

  it(`${ART}: the city negotiates one item — 未达成一致 turns the district's 续签 into 不再签订; a stale version is 409; bad input names the field`, async () => {
    const one = (await items(city)).find((i) => i.institutionName === '东城续一医院')!;
    expect(one.allowedEvents).toContain('negotiate');
    const bad = await post(city, `/api/renewal-items/${one.id}/negotiation`, { version: one.version, outcome: 'maybe', note: '协商' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('协商谈判结果');
    const r = await post(city, `/api/renewal-items/${one.id}/negotiation`, { version: one.version, outcome: 'not_renew', note: '双方未达成一致' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ state: 'negotiated', decided: 'not_renew', negotiation: { outcome: 'not_renew', districtDecided: 'renew', note: '双方未达成一致' } });
    const stale = await post(city, `/api/renewal-items/${one.id}/negotiation`, { version: one.version, outcome: 'renew', note: '再议' });
    expect(stale.statusCode).toBe(409);
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'renewal_item'), eq(auditLog.entityId, one.id), eq(auditLog.action, 'renewal_item.negotiate')));
    expect(audit).toHaveLength(1);
  });

  it(`${ART}: in bulk by the district's decision, confirmed by count (409 when it moved); then the negotiated 续签 is generated`, async () => {
    const url = `/api/renewal-campaigns/${campaignId}/bulk-negotiation`;
    const moved = await post(city, url, { filter: { decided: 'renew' }, expectedCount: 2, outcome: 'renew', note: '协商一致' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error.message).toContain('现为 1 项');
    const ok = await post(city, url, { filter: { decided: 'renew', regionCode: '110101' }, expectedCount: 1, outcome: 'renew', note: '协商一致' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ negotiated: 1 });
    const negotiateMilestone = async () => (await get(city, `/api/renewal-campaigns/${campaignId}/schedule`)).json().items.find((m: { milestone: string }) => m.milestone === 'negotiate');
    expect((await negotiateMilestone()).status).toBe('open'); // one item still waits
    const rest = await post(city, url, { filter: { decided: 'not_renew' }, expectedCount: 1, outcome: 'not_renew', note: '双方同意不再续签' });
    // the last negotiation meets the schedule's 市级协商谈判 milestone, on its day
    expect(await negotiateMilestone()).toMatchObject({ status: 'met', closedOn: '2026-12-01' });
    expect(rest.json()).toEqual({ negotiated: 1 });
    const all = await items(city);
    expect(all.map((i) => [i.institutionName, i.state, i.decided])).toEqual([
      ['东城停三医院', 'negotiated', 'not_renew'], ['东城续一医院', 'negotiated', 'not_renew'], ['东城续二医院', 'negotiated', 'renew'],
    ]);
    // the Excel the city files shows the district's decision next to the city's outcome and its note
    const x = await get(city, `/api/renewal-campaigns/${campaignId}/items/export.xlsx`);
    expect(x.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const rowOf = (name: string) => {
      for (let i = 2; i <= sheet.rowCount; i++) {
        const v = (sheet.getRow(i).values as unknown[]).slice(1);
        if (v[1] === name) return Object.fromEntries(headers.map((h, k) => [h, v[k]]));
      }
      return undefined;
    };
    expect(rowOf('东城续一医院')).toMatchObject({
      区核定结果: '续签', 市级协商谈判结果: '不再签订', 协商谈判日期: '2026-12-01', 协商谈判说明: '双方未达成一致', 办理状态: '已协商谈判',
    });
    expect(sheet.rowCount).toBe(4); // 东城区's three (西城区 is another campaign's)
    expect((await get(dc, `/api/renewal-campaigns/${campaignId}/signing`)).json().toGenerate).toBe(1);
    expect((await get(clinic, '/api/my/renewal')).json().items[0]).toMatchObject({ status: '续签', decided: 'renew' });
    // everything negotiated: the campaign leaves the city's home queue
    expect((await get(city, '/api/home')).json().sections.find((x: { key: string }) => x.key === 'renewal.city')).toBeUndefined();
  });

  it(`${ART}: the city corrects a negotiation recorded wrongly — audited, the district's decision kept; then the corrected 续签 is generated too`, async () => {
    const one = (await items(city)).find((i) => i.institutionName === '东城续一医院')!;
    expect(one.allowedEvents).toContain('negotiate');
    const r = await post(city, `/api/renewal-items/${one.id}/negotiation`, { version: one.version, outcome: 'renew', note: '更正：双方已协商一致，原录入有误' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'negotiated', decided: 'renew', negotiation: { outcome: 'renew', districtDecided: 'renew' } });
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'renewal_item'), eq(auditLog.entityId, one.id), eq(auditLog.action, 'renewal_item.negotiate')));
    expect(audit).toHaveLength(2);
    expect((await get(dc, `/api/renewal-campaigns/${campaignId}/signing`)).json().toGenerate).toBe(2);
    // the district still cannot touch it
    const byDistrict = await post(dc, `/api/renewal-items/${one.id}/negotiation`, { version: one.version + 1, outcome: 'not_renew', note: '区里改' });
    expect(byDistrict.statusCode).toBe(422);
  });
});
