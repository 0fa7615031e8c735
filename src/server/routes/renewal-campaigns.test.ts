/**
 * 续签 campaigns over HTTP (issue #11, decision 0041). The campaign's mechanics — scope, decisions,
 * bulk decisions confirmed by count, 409s, territory, closing, the Excel — are driven with a screening
 * table fixed per agreement (`fixed` below), so that each test knows which proposal each agreement gets;
 * the real screening over HTTP is the last describe (its rules are tested item by item in
 * src/domain/renewal/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import type { TestContext } from '../../testing/context';
import { kunmingCounties } from './kunming-counties.fixture';
import { buildSessionUser, ensureRegion, sessionHeaders } from '../../testing/factories';
import { agreements, auditLog, institutions, regionStandards, regions, renewalItems } from '../../db/schema/index';
import { person, seedInstitution, type Person } from '../../agreements/test-support';
import { INITIAL_LIFE } from '../../agreement-lifecycle/binding';
import { openCampaign } from '../../renewal-campaigns/open-campaign';
import { cellsOf, importIndicators } from '../../indicators/import-indicators';
import { renewalFactsOf } from '../../db/renewal-facts-repo';
import { withUsccCheck } from '../../domain/validators/uscc';
import type { ScreenBatch } from '../../renewal-campaigns/screen-batch';
import type { Outcome } from '../../domain/renewal-campaign/item-case';
import type { SessionUser } from '../../domain/identity/roles';

let ctx: TestContext;
let app: FastifyInstance;
const P: Record<string, Person & { orgId: string }> = {};
let whOfficer: SessionUser;
let n = 0;

/** the proposal each agreement gets in the mechanics tests: by the institution's name */
const fixed = (outcomeOf: (name: string) => Outcome): ScreenBatch => async (db, _profile, _params, _today, rows) => {
  const names = new Map((await db.select({ id: institutions.id, name: institutions.name }).from(institutions)).map((r) => [r.id, r.name]));
  return rows.map((r) => {
    const outcome = outcomeOf(names.get(r.institutionId) ?? '');
    return { agreementId: r.id, outcome, reasons: outcome === 'renew' ? [] : [{ ruleId: `t.${outcome}`, citation: '云医保〔2022〕6号 第二十九条', result: outcome === 'manual' ? 'no_data' : 'fires', message: `测试情形（${outcome}）` }] };
  });
};
const byName = (name: string): Outcome => (name.includes('续') ? 'renew' : name.includes('缓') ? 'defer' : name.includes('停') ? 'not_renew' : 'manual');

async function agreementFor(name: string, regionCode: string, termTo: string, lifeState: 'in_force' | 'suspended' | 'terminated' = 'in_force') {
  const inst = await seedInstitution(ctx, regionCode, name);
  const now = ctx.clock.now();
  n += 1;
  const [a] = await ctx.db.insert(agreements).values({
    institutionId: inst.id, regionCode, number: `续测〔2026〕${n}号`, termFrom: '2026-01-01', termTo, special: {}, model: {}, canonicalText: 'x', textSm3: 'x',
    status: 'signed', lifeState, life: INITIAL_LIFE, lifeSince: '2026-01-01', createdAt: now, updatedAt: now,
  }).returning();
  return a!;
}

const h = (who: Person) => sessionHeaders(ctx, who.id);
const items = async (who: Person, campaignId: string, q = '') =>
  app.inject({ url: `/api/renewal-campaigns/${campaignId}/items?${q.includes('pageSize=') ? '' : 'pageSize=100'}${q}`, headers: await h(who) });
const decide = async (who: Person, itemId: string, body: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/renewal-items/${itemId}/decision`, headers: await h(who), payload: body });

let campaignId: string;

beforeAll(async () => {
  ({ ctx, app, wh: P.wh, pl: P.pl, dept: P.dept } = await kunmingCounties());
  whOfficer = await buildSessionUser(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医保中心（二）' }, ['agency_officer']);
  for (const [name, termTo] of [['五华续一诊所', '2027-03-31'], ['五华续二诊所', '2027-06-30'], ['五华续三诊所', '2027-12-31'], ['五华缓诊所', '2027-05-31'], ['五华停诊所', '2027-08-31'], ['五华核定诊所', '2027-09-30']] as const) {
    await agreementFor(name, '530102', termTo);
  }
  await agreementFor('五华续明年诊所', '530102', '2028-03-31'); // outside the window
  await agreementFor('五华续已解除诊所', '530102', '2027-04-30', 'terminated'); // not in force
  await agreementFor('盘龙续诊所', '530103', '2027-04-30'); // another county
  const c = await openCampaign(ctx, whOfficer, { year: 2027, windowFrom: '2027-01-01', windowTo: '2027-12-31', decideBy: '2026-12-31' }, fixed(byName), () => ({ 'settlement.absent.years': 1 }));
  campaignId = c.id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('opening a campaign', () => {
  it('云医保〔2022〕6号 第二十九条: the agency screens the agreements of its territory whose term ends in the window — in force or suspended only', async () => {
    const r = await items(P.wh!, campaignId);
    expect(r.statusCode).toBe(200);
    const names = r.json().items.map((i: { institutionName: string }) => i.institutionName).sort();
    expect(names).toEqual(['五华停诊所', '五华核定诊所', '五华缓诊所', '五华续一诊所', '五华续三诊所', '五华续二诊所'].sort());
    const view = (await app.inject({ url: `/api/renewal-campaigns/${campaignId}`, headers: await h(P.wh!) })).json();
    expect(view.campaign.counts).toMatchObject({ renew: 3, defer: 1, not_renew: 1, manual: 1, total: 6, skipped: 0 });
    expect(view.campaign.params).toEqual({ 'settlement.absent.years': 1 });
    expect(view.progress).toMatchObject({ undecided: 6, total: 6 });
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'renewal_campaign'), eq(auditLog.entityId, campaignId)));
    expect(audit.map((a) => a.action)).toEqual(['renewal_campaign.open']);
  });

  it('an agreement already in an open campaign is left to it (counted as skipped)', async () => {
    const again = await openCampaign(ctx, whOfficer, { year: 2027, windowFrom: '2027-01-01', windowTo: '2027-12-31', decideBy: '2026-12-31' }, fixed(byName), () => ({}));
    expect(again.counts).toMatchObject({ total: 0, skipped: 6 });
  });

  it('nested territories: the prefecture\'s campaign leaves the county\'s open campaign its agreements and takes the other counties\' (one open decision per agreement)', async () => {
    const km = await buildSessionUser(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100', name: '昆明市医保中心' }, ['agency_officer']);
    await ensureRegion(ctx, '530100');
    await ctx.db.transaction(async (tx) => {
      const c = await openCampaign({ ...ctx, db: tx as unknown as typeof ctx.db }, km, { year: 2027, windowFrom: '2027-01-01', windowTo: '2027-12-31', decideBy: '2026-12-31' }, fixed(byName), () => ({}));
      // 五华区's six are in its own open campaign; 盘龙区's one is taken by the prefecture
      expect(c.counts).toMatchObject({ skipped: 6, total: 1 });
      tx.rollback();
    }).catch((e: unknown) => { if (!String(e).includes('Rollback')) throw e; });
  });

  it('bad input is a 400 naming the field; a window upside down is refused', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/renewal-campaigns', headers: await h(P.wh!), payload: { year: 2027, windowFrom: '2027-13-01', windowTo: '2027-12-31', decideBy: '2026-12-31' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('协议期满日期（起）');
    await expect(openCampaign(ctx, whOfficer, { year: 2027, windowFrom: '2027-12-31', windowTo: '2027-01-01', decideBy: '2026-12-31' }, fixed(byName), () => ({})))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('decisions', () => {
  const itemOf = async (name: string) => (await items(P.wh!, campaignId, `&q=${encodeURIComponent(name)}`)).json().items[0];

  it('云医保〔2022〕6号 第二十九条: accepting a proposal records it; the same version again is a 409', async () => {
    const it0 = await itemOf('五华停诊所');
    expect(it0.allowedEvents).toEqual(['accept', 'decide']);
    const ok = await decide(P.wh!, it0.id, { type: 'accept', version: it0.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'decided', decided: 'not_renew', overridden: false });
    const stale = await decide(P.wh!, it0.id, { type: 'accept', version: it0.version });
    expect(stale.statusCode).toBe(409);
  });

  it('自治区医保局〔2025〕征求意见稿 二: 需人工核定 is decided with a reason, never accepted as it stands', async () => {
    const m = await itemOf('五华核定诊所');
    expect(m.allowedEvents).toEqual(['decide']);
    const refused = await decide(P.wh!, m.id, { type: 'accept', version: m.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.reasons[0].ruleId).toBe('renewal.item.proposal-clear');
    const noReason = await decide(P.wh!, m.id, { type: 'decide', version: m.version, outcome: 'renew' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('核定理由');
    const ok = await decide(P.wh!, m.id, { type: 'decide', version: m.version, outcome: 'renew', reason: '已补充上年度结算数据，履约正常' });
    expect(ok.json()).toMatchObject({ decided: 'renew', overridden: true });
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'renewal_item'), eq(auditLog.entityId, m.id)));
    expect(audit.map((a) => [a.action, a.reason])).toEqual([['renewal_item.decide', '已补充上年度结算数据，履约正常']]);
  });

  it('a bulk decision is confirmed by its count: another count is a 409 and nothing is decided; the right count decides all, one audit row each', async () => {
    const wrong = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/bulk-decision`, headers: await h(P.wh!), payload: { type: 'accept', filter: { proposed: 'renew' }, expectedCount: 2 } });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.message).toContain('现为 3 项');
    expect((await ctx.db.select().from(renewalItems).where(and(eq(renewalItems.campaignId, campaignId), eq(renewalItems.state, 'decided')))).length).toBe(2);
    const manual = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/bulk-decision`, headers: await h(P.wh!), payload: { type: 'accept', filter: {}, expectedCount: 1 } });
    expect(manual.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/bulk-decision`, headers: await h(P.wh!), payload: { type: 'accept', filter: { proposed: 'renew' }, expectedCount: 3 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ decided: 3 });
    const rows = await ctx.db.select({ id: renewalItems.id }).from(renewalItems).where(and(eq(renewalItems.campaignId, campaignId), eq(renewalItems.proposed, 'renew')));
    for (const r of rows) {
      const a = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'renewal_item'), eq(auditLog.entityId, r.id)));
      expect(a.map((x) => x.action)).toEqual(['renewal_item.accept']);
    }
    const view = (await app.inject({ url: `/api/renewal-campaigns/${campaignId}`, headers: await h(P.wh!) })).json();
    expect(view.progress).toMatchObject({ undecided: 1, decided: { renew: 4, defer: 0, not_renew: 1, manual: 0 } });
  });

  it('the officer\'s home page lists the campaign with what is left to decide and the day it is due', async () => {
    const home = (await app.inject({ url: '/api/home', headers: await h(P.wh!) })).json();
    const section = home.sections.find((s: { key: string }) => s.key === 'renewal.undecided');
    expect(section).toMatchObject({ count: 1, link: '/renewal' });
    expect(section.items[0]).toMatchObject({ link: `/renewal/${campaignId}`, due: '2026-12-31', count: 1 });
    const other = (await app.inject({ url: '/api/home', headers: await h(P.pl!) })).json();
    expect(other.sections.find((s: { key: string }) => s.key === 'renewal.undecided')).toBeUndefined();
  });

  it('the department\'s home page shows the progress of the open campaigns of its territory (issue #11: the department reads the campaign\'s progress)', async () => {
    const home = (await app.inject({ url: '/api/home', headers: await h(P.dept!) })).json();
    const section = home.sections.find((s: { key: string }) => s.key === 'dept.renewal');
    expect(section).toMatchObject({ count: 1, link: '/renewal' });
    expect(section.items[0]).toMatchObject({ link: `/renewal/${campaignId}`, due: '2026-12-31', count: 1, subtitle: '已核定 5 / 6 项 · 核定截止 2026-12-31', tag: '进行中' });
    expect((await app.inject({ url: `/api/renewal-campaigns/${campaignId}`, headers: await h(P.dept!) })).statusCode).toBe(200);
    // an officer's home has its own section, not the department's
    const officer = (await app.inject({ url: '/api/home', headers: await h(P.wh!) })).json();
    expect(officer.sections.find((s: { key: string }) => s.key === 'dept.renewal')).toBeUndefined();
  });

  it('lists filter, sort and page on the server; a bad filter is a 400 naming the field', async () => {
    const page = (await items(P.wh!, campaignId, '&sort=termTo&order=desc&pageSize=2&page=1')).json();
    expect(page.total).toBe(6);
    expect(page.items.map((i: { termTo: string }) => i.termTo)).toEqual(['2027-12-31', '2027-09-30']);
    const undecided = (await items(P.wh!, campaignId, '&decided=none')).json();
    expect(undecided.items.map((i: { institutionName: string }) => i.institutionName)).toEqual(['五华缓诊所']);
    // the search: part of a name (through the registry's bigram index), one character, an exact agreement number, a wildcard taken literally
    const found = async (q: string) => (await items(P.wh!, campaignId, `&q=${encodeURIComponent(q)}`)).json() as { total: number; items: { institutionName: string; agreementNumber: string }[] };
    expect((await found('续二')).items.map((i) => i.institutionName)).toEqual(['五华续二诊所']);
    expect((await found('缓')).items.map((i) => i.institutionName)).toEqual(['五华缓诊所']);
    const numbered = (await found('续二')).items[0]!.agreementNumber;
    expect((await found(numbered)).items.map((i) => i.institutionName)).toEqual(['五华续二诊所']);
    expect((await found('%')).total).toBe(0);
    expect((await found('盘龙续')).total).toBe(0); // another county's institution is not in this campaign
    const bad = await items(P.wh!, campaignId, '&proposed=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('筛查建议');
  });

  it('the Excel holds exactly the filtered rows with proposal, decision and the article', async () => {
    const r = await app.inject({ url: `/api/renewal-campaigns/${campaignId}/items/export.xlsx?proposed=not_renew`, headers: await h(P.wh!) });
    expect(r.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2).values as unknown[];
    expect(row).toEqual(expect.arrayContaining(['五华停诊所', '不再签订', '测试情形（not_renew）（云医保〔2022〕6号 第二十九条）']));
  });

  it('属地管理: another county\'s officer gets 404 for the items; the prefecture\'s department reads the campaign', async () => {
    const it0 = (await items(P.wh!, campaignId)).json().items[0];
    expect((await decide(P.pl!, it0.id, { type: 'reopen', version: it0.version, reason: '越权' })).statusCode).toBe(404);
    expect((await items(P.pl!, campaignId)).statusCode).toBe(404);
    expect((await items(P.dept!, campaignId)).json().total).toBe(6);
    expect((await decide(P.dept!, it0.id, { type: 'accept', version: it0.version })).statusCode).toBe(403);
  });

  it('吉医保规〔2023〕1号 第二十七条 (the agency decides): once closed, nothing more is decided or reopened', async () => {
    const view = (await app.inject({ url: `/api/renewal-campaigns/${campaignId}`, headers: await h(P.wh!) })).json();
    const closedByOther = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/close`, headers: await h(P.wh!), payload: { version: view.campaign.version } });
    // P.wh is another officer of the same county, not of the organising agency
    expect(closedByOther.statusCode).toBe(403);
    const mine = await sessionHeaders(ctx, whOfficer.id);
    const closed = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/close`, headers: mine, payload: { version: view.campaign.version } });
    expect(closed.statusCode).toBe(200);
    const d = (await items(P.wh!, campaignId, '&decided=none')).json().items[0];
    expect(d.allowedEvents).toEqual([]);
    const refused = await decide(P.wh!, d.id, { type: 'decide', version: d.version, outcome: 'renew', reason: '补办' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('续签工作已结束');
  });
});

describe('the real screening over HTTP (自治区医保局〔2025〕征求意见稿 二)', () => {
  let zzq: Person & { orgId: string };
  beforeAll(async () => {
    await ensureRegion(ctx, '450000');
    await ctx.db.update(regions).set({ profileId: 'zizhiqu-2025-draft' }).where(eq(regions.code, '450000'));
    await ensureRegion(ctx, '450102');
    zzq = await person(ctx, { kind: 'agency', level: 'county', regionCode: '450102', name: '兴宁区医保中心' }, ['agency_officer']);
    await agreementFor('兴宁普通诊所', '450102', '2027-06-30');
    const over = await agreementFor('兴宁久停诊所', '450102', '2027-06-30', 'suspended');
    await ctx.db.update(agreements).set({
      life: { ...INITIAL_LIFE, suspensionsInTerm: 1, suspension: { mode: 'requested', from: '2026-03-01', maxUntil: '2026-08-28', situation: null, rectification: null, resumptionRequestedOn: null, documentsDueOn: null }, noRenewalGrounds: [{ code: 'suspension_over_180', since: '2026-08-29', cites: [] }] },
    }).where(eq(agreements.id, over.id));
    const leaving = await agreementFor('兴宁退出诊所', '450102', '2027-06-30');
    await ctx.db.update(agreements).set({
      life: { ...INITIAL_LIFE, request: { kind: 'terminate', receivedOn: '2026-11-20', effectiveOn: '2027-02-20', days: null, reason: '停业', shortNotice: false, publicWarned: false, approvedOn: null } },
    }).where(eq(agreements.id, leaving.id));
  });

  it('自治区医保局〔2025〕征求意见稿 二(二)6, 二(二)4: opening screens each agreement with its reasons; without imported data the rest is 需人工核定, never a silent 续签', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/renewal-campaigns', headers: await h(zzq), payload: { year: 2027, windowFrom: '2027-01-01', windowTo: '2027-12-31', decideBy: '2026-12-31' } });
    expect(r.statusCode).toBe(200);
    const c = r.json();
    expect(c.counts).toMatchObject({ total: 3, not_renew: 2, manual: 1, renew: 0 });
    expect(c.params).toMatchObject({ settlementAbsentYears: 1, suspensionMaxDays: 180 });
    const list = (await items(zzq, c.id)).json().items as { institutionName: string; proposed: string; reasons: { ruleId: string; result: string; citation: string; message: string }[] }[];
    const by = (n: string) => list.find((i) => i.institutionName === n)!;
    expect(by('兴宁久停诊所').proposed).toBe('not_renew');
    expect(by('兴宁久停诊所').reasons).toEqual(expect.arrayContaining([
      expect.objectContaining({ ruleId: 'renewal.end.suspended-over-max', result: 'fires', citation: '自治区医保局〔2025〕征求意见稿（草案） 二(二)6' }),
      expect.objectContaining({ ruleId: 'renewal.defer.suspended', result: 'fires' }),
    ]));
    expect(by('兴宁退出诊所').reasons).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'renewal.end.termination-requested', result: 'fires' })]));
    const plain = by('兴宁普通诊所');
    expect(plain.proposed).toBe('manual');
    expect(plain.reasons.every((x) => x.result === 'no_data')).toBe(true);
    expect(plain.reasons.map((x) => x.citation)).toContain('自治区医保局〔2025〕征求意见稿（草案） 二(二)3');
    for (const i of list) for (const x of i.reasons) expect(x.citation).not.toMatch(/云医保|京医保发|吉医保规/);
  });

  it('自治区医保局〔2025〕征求意见稿 一(一): the campaign cites each region\'s published 续签 standard in force on the day it opened (a county\'s own replaces its prefecture\'s only once in force)', async () => {
    const c = (await app.inject({ url: '/api/renewal-campaigns?pageSize=100', headers: await h(zzq) })).json().items.find((x: { regionCode: string }) => x.regionCode === '450102');
    const std = (regionCode: string, docNo: string, effectiveFrom: string) => ({
      regionCode, kind: 'renewal' as const, title: `${docNo}续签评估标准`, docNo, effectiveFrom, items: [{ label: '协议履行情况', weight: null, note: null }], process: '书面评估', recordedAt: ctx.clock.now(),
    });
    const view = async () => (await app.inject({ url: `/api/renewal-campaigns/${c.id}`, headers: await h(zzq) })).json();
    const before = await view();
    expect(before.standardsBasis).toBe('自治区医保局〔2025〕征求意见稿（草案） 一(一)');
    expect(before.regions).toEqual([expect.objectContaining({ regionCode: '450102', standard: null })]);
    await ctx.db.insert(regionStandards).values([
      std('450100', '南医保〔2026〕9号', '2020-01-01'),
      { ...std('450100', '南医保〔2026〕1号', '2020-01-01'), kind: 'new_designation' as const }, // another kind: not cited
      std('450102', '兴医保〔2099〕1号', '2099-01-01'),
      std('450103', '青医保〔2026〕1号', '2020-01-01'),
    ]);
    const after = await view();
    expect(after.regions).toEqual([expect.objectContaining({
      regionCode: '450102', standard: { title: '南医保〔2026〕9号续签评估标准', docNo: '南医保〔2026〕9号', effectiveFrom: '2020-01-01', layerLabel: '统筹地区（南医保〔2026〕9号）' },
    })]);
    // a Yunnan campaign: its texts ask for no regional standards
    expect((await app.inject({ url: `/api/renewal-campaigns/${campaignId}`, headers: await h(P.wh!) })).json().standardsBasis).toBeNull();
  });

  it('what-if: 自治区医保局〔2025〕征求意见稿 二(二)6 switched off, and the same agreements under the Yunnan profile — nothing written', async () => {
    const c = (await app.inject({ url: '/api/renewal-campaigns?pageSize=100', headers: await h(zzq) })).json().items.find((x: { regionCode: string }) => x.regionCode === '450102');
    const before = await ctx.db.select().from(renewalItems).where(eq(renewalItems.campaignId, c.id));
    const off = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${c.id}/what-if`, headers: await h(zzq), payload: { params: { disabled: ['renewal.end.suspended-over-max'] } } });
    expect(off.statusCode).toBe(200);
    const w = off.json();
    expect(w.counts.baseline).toEqual({ renew: 0, defer: 0, not_renew: 2, manual: 1 });
    // still suspended (二(一)1 fires), but the imported facts of 二(二)3 … are unchecked: for the agency, not 缓签
    expect(w.counts.variant).toEqual({ renew: 0, defer: 0, not_renew: 1, manual: 2 });
    expect(w.changes).toEqual([expect.objectContaining({
      institutionName: '兴宁久停诊所', from: 'not_renew', to: 'manual',
      because: [expect.objectContaining({ ruleId: 'renewal.end.suspended-over-max', in: 'baseline', citation: '自治区医保局〔2025〕征求意见稿（草案） 二(二)6' })],
    })]);
    const yn = (await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${c.id}/what-if`, headers: await h(zzq), payload: { profileId: 'yunnan' } })).json();
    expect(yn.profiles).toEqual({ baseline: 'zizhiqu-2025-draft', variant: 'yunnan' });
    expect(yn.counts.variant).toEqual({ renew: 0, defer: 0, not_renew: 1, manual: 2 });
    expect(yn.rules.variant.map((r: { label: string }) => r.label)).not.toContain('二(二)6');
    const bad = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${c.id}/what-if`, headers: await h(zzq), payload: { params: { settlementAbsentYears: 9 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('未发生结算的年数');
    expect(await ctx.db.select().from(renewalItems).where(eq(renewalItems.campaignId, c.id))).toEqual(before);
  });

  it('what-if is exportable: the Excel holds the same comparison — counts side by side, per region, each changed institution with the rule and its article', async () => {
    const c = (await app.inject({ url: '/api/renewal-campaigns?pageSize=100', headers: await h(zzq) })).json().items.find((x: { regionCode: string }) => x.regionCode === '450102');
    const variant = { params: { disabled: ['renewal.end.suspended-over-max'] } };
    const r = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${c.id}/what-if/export.xlsx`, headers: await h(zzq), payload: variant });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('续签政策模拟'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['结果对比', '按统筹区', '结果改变的机构', '参数', '规则']);
    const rows = (name: string) => book.getWorksheet(name)!.getSheetValues().slice(2).map((v) => (v as unknown[]).slice(1));
    expect(rows('结果对比')).toEqual(expect.arrayContaining([['不再签订', 2, 1, -1], ['需人工核定', 1, 2, 1]]));
    const changed = rows('结果改变的机构');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.slice(0, 4)).toEqual(['兴宁久停诊所', expect.stringContaining('450102'), '不再签订', '需人工核定']);
    expect(String(changed[0]![4])).toContain('自治区医保局〔2025〕征求意见稿（草案） 二(二)6');
    expect(rows('参数')).toEqual(expect.arrayContaining([['停用的规则', '无', 'renewal.end.suspended-over-max']]));
    const bad = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${c.id}/what-if/export.xlsx`, headers: await h(zzq), payload: { params: { coachingMonths: 0 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('辅导期月数');
    // 属地管理: a Yunnan county officer does not reach a 广西 campaign
    expect((await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${c.id}/what-if/export.xlsx`, headers: await h(P.wh!), payload: variant })).statusCode).toBe(404);
  });
});

describe('imported indicators feed the screening (decisions 0040 ↔ 0037)', () => {
  let qx: SessionUser;
  /** the seeded institutions' codes are placeholders: give this one a real code (check character) to import by */
  let seq = 0;
  const usccOf = async (agreementId: string) => {
    const [a] = await ctx.db.select({ institutionId: agreements.institutionId }).from(agreements).where(eq(agreements.id, agreementId));
    const uscc = withUsccCheck(`52450103MJ${String(++seq).padStart(7, '0')}`);
    await ctx.db.update(institutions).set({ uscc }).where(eq(institutions.id, a!.institutionId));
    return uscc;
  };
  const row = (line: number, uscc: string, kind: string, period: string, value: string) => {
    const raw = { uscc, kind, period, value, source: '结算系统', sourceDate: '2026-11-30' };
    return { line, raw, cells: cellsOf(raw) };
  };
  let zero: string; let busy: string;
  beforeAll(async () => {
    await ensureRegion(ctx, '450103');
    qx = await buildSessionUser(ctx, { kind: 'agency', level: 'county', regionCode: '450103', name: '青秀区医保中心' }, ['agency_officer']);
    zero = (await agreementFor('青秀零结算诊所', '450103', '2027-06-30')).id;
    busy = (await agreementFor('青秀有结算诊所', '450103', '2027-06-30')).id;
  });

  it('自治区医保局〔2025〕征求意见稿 二(二)3, 二(二)8: once imported, the year without settlement fires with its source; an amount passes; 追溯码 not implemented fires — before the import both were 无数据', async () => {
    const reasonsOf = async (agreementId: string) => (await renewalFactsOf(ctx.db, [agreementId])).get(agreementId)!;
    expect((await reasonsOf(zero)).settlementByYear).toEqual({ noData: '医保结算数据未导入' });
    const zeroCode = await usccOf(zero);
    const busyCode = await usccOf(busy);
    const res = await importIndicators(ctx, qx, [
      row(2, zeroCode, '医保结算费用', '2025', '0'),
      row(3, busyCode, '医保结算费用', '2025', '52000.5'),
      row(4, busyCode, '追溯码扫码上传', '2026-11-30', '否'),
    ], { channel: 'xlsx', mode: 'all_or_nothing', fileName: '结算.xlsx' });
    expect(res.rejects).toEqual([]);
    expect(res.import).toMatchObject({ status: 'done', created: 3 });
    const r = await app.inject({ method: 'POST', url: '/api/renewal-campaigns', headers: await sessionHeaders(ctx, qx.id), payload: { year: 2027, windowFrom: '2027-01-01', windowTo: '2027-12-31', decideBy: '2026-12-31' } });
    expect(r.statusCode).toBe(200);
    const list = (await app.inject({ url: `/api/renewal-campaigns/${r.json().id}/items?pageSize=100`, headers: await sessionHeaders(ctx, qx.id) })).json().items as { institutionName: string; proposed: string; reasons: { ruleId: string; result: string; message: string }[] }[];
    const by = (n: string) => list.find((i) => i.institutionName === n)!;
    const rule = (n: string, id: string) => by(n).reasons.find((x) => x.ruleId === id);
    expect(by('青秀零结算诊所').proposed).toBe('not_renew');
    expect(rule('青秀零结算诊所', 'renewal.end.no-settlement')).toMatchObject({ result: 'fires', message: expect.stringContaining('2025年度协议期内未发生医保结算费用') });
    expect(rule('青秀零结算诊所', 'renewal.end.trace-code')).toMatchObject({ result: 'no_data' });
    expect(rule('青秀有结算诊所', 'renewal.end.no-settlement')?.result ?? 'passes').toBe('passes');
    expect(rule('青秀有结算诊所', 'renewal.end.trace-code')).toMatchObject({ result: 'fires' });
    expect(by('青秀有结算诊所').proposed).toBe('not_renew');
  });
});

describe('the campaign schedule (decision 0046)', () => {
  it('云医保〔2022〕6号 第二十九条: opening writes the milestones as tracked deadlines — organised today, decisions due, the new agreement signed by the first possible term end of the window (no gap)', async () => {
    const r = await app.inject({ url: `/api/renewal-campaigns/${campaignId}/schedule`, headers: await h(P.wh!) });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { milestone: string; dueOn: string; cites: string[]; status: string; closedOn: string | null }[];
    const by = new Map(items.map((m) => [m.milestone, m]));
    expect(by.get('organise')).toMatchObject({ closedOn: '2026-12-01' });
    expect(by.get('decide')?.dueOn).toBe('2026-12-31');
    // counted from the window's first day, the earliest a term in scope can end: in time for every agreement in it
    expect(by.get('sign')?.dueOn).toBe('2027-01-01');
    expect(items.flatMap((m) => m.cites).join('；')).toContain('云医保〔2022〕6号 第二十九条');
    expect(items.flatMap((m) => m.cites).join('；')).not.toMatch(/京医保发|吉医保规/);
    const out = await app.inject({ url: `/api/renewal-campaigns/${campaignId}/schedule`, headers: await h(P.pl!) });
    expect(out.statusCode).toBe(404);
  });
});
