/**
 * The renewed agreements of a 续签 campaign over HTTP (issue #11, decision 0045): bulk generation as a job
 * (idempotent, 409 while running), the institution's online signing, the head's bulk counter-signing
 * confirmed by count, SM2 verification, the new term starting the day after the old one ends (the sweep on
 * the injected clock), the not-renewed one ending at expiry, the online-signing rate, 固定+年度.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq, isNotNull } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { buildOrg, buildUser, ensureRegion, sessionHeaders } from '../../testing/factories';
import { agreements, auditLog, institutionPersons, institutions, persons, regions, renewalCampaigns, renewalItems, users } from '../../db/schema/index';
import { seedInstitution } from '../../agreements/test-support';
import { withUsccCheck } from '../../domain/validators/uscc';
import { INITIAL_LIFE } from '../../agreement-lifecycle/binding';
import { sweepAgreements } from '../../agreement-lifecycle/sweep-agreements';
import { openCampaign } from '../../renewal-campaigns/open-campaign';
import type { ScreenBatch } from '../../renewal-campaigns/screen-batch';
import { decideItemsInBulk } from '../../renewal-campaigns/decide-items';
import { seedDemoTemplates } from '../../seed/demo-templates';
import type { SessionUser } from '../../domain/identity/roles';
import { createSession, loadSessionUser } from '../../db/session-repo';
import { sessionClock } from '../../domain/clock/clock';
import { buildApp } from '../app';
import ExcelJS from 'exceljs';

let ctx: TestContext;
let app: FastifyInstance;
let officer: { id: string; user: SessionUser };
let head: { id: string };
const inst: Record<string, { id: string; userId: string; oldId: string; uscc: string }> = {};
let campaignId: string;
let n = 0;

/** 续 → renew, 停 → not renew, 缓 → defer */
const outcomeOfName = (name: string) => (name.includes('停') ? 'not_renew' as const : name.includes('缓') ? 'defer' as const : 'renew' as const);
const screen: ScreenBatch = async (db, _p, _params, _today, rows) => {
  const names = new Map((await db.select({ id: institutions.id, name: institutions.name }).from(institutions)).map((r) => [r.id, r.name]));
  return rows.map((r) => ({ agreementId: r.id, outcome: outcomeOfName(names.get(r.institutionId) ?? ''), reasons: [] }));
};

async function institutionWithRep(key: string, name: string, form: 'standard' | 'fixed' = 'standard') {
  n += 1;
  const i = await seedInstitution(ctx, '530102', name, { uscc: withUsccCheck(`52530102MJ${String(n).padStart(7, '0')}`) });
  const [p] = await ctx.db.insert(persons).values({ idNumber: `5301021980010100${String(n).padStart(2, '0')}`, name: `法人${n}` }).returning();
  await ctx.db.insert(institutionPersons).values({ institutionId: i.id, personId: p!.id, role: 'legal_rep', fromDate: '2020-01-01' });
  const org = await buildOrg(ctx, { kind: 'institution', level: 'county', regionCode: '530102', institutionId: i.id, name });
  const u = await buildUser(ctx, org.id, ['institution_staff']);
  await ctx.db.update(users).set({ personId: p!.id }).where(eq(users.id, u.id));
  const now = ctx.clock.now();
  const [a] = await ctx.db.insert(agreements).values({
    institutionId: i.id, regionCode: '530102', number: `续签测〔2026〕${n}号`, termFrom: '2026-01-01', termTo: '2026-12-31', special: {}, model: {}, canonicalText: 'x',
    textSm3: 'x', status: 'signed', lifeState: 'in_force', life: INITIAL_LIFE, lifeSince: '2026-01-01', form, paymentCategories: ['outpatient'], createdAt: now, updatedAt: now,
  }).returning();
  inst[key] = { id: i.id, userId: u.id, oldId: a!.id, uscc: i.uscc! };
}

const h = (userId: string) => sessionHeaders(ctx, userId);
const signing = async (userId = officer.id) => (await app.inject({ url: `/api/renewal-campaigns/${campaignId}/signing`, headers: await h(userId) })).json();
const renewalOf = async (oldId: string) => (await ctx.db.select().from(agreements).where(eq(agreements.renewsAgreementId, oldId)))[0];

async function generateAndWait() {
  const r = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/generate-renewals`, headers: await h(officer.id) });
  expect(r.statusCode).toBe(200);
  for (let i = 0; i < 200; i++) {
    const s = await signing();
    if (s.generation && s.generation.state !== 'running') return s.generation;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error('the generation did not finish');
}

beforeAll(async () => {
  ctx = await createTestContext('2026-12-01T09:00:00+08:00');
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530000');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  await ensureRegion(ctx, '530100');
  await ensureRegion(ctx, '530102');
  await seedDemoTemplates(ctx);
  const org = await buildOrg(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障局' });
  const o = await buildUser(ctx, org.id, ['agency_officer']);
  const hd = await buildUser(ctx, org.id, ['agency_head']);
  const { token } = await createSession(ctx.db, o.id, sessionClock(ctx.clock).now());
  officer = { id: o.id, user: (await loadSessionUser(ctx.db, token, sessionClock(ctx.clock).now()))! };
  head = { id: hd.id };
  await institutionWithRep('a', '五华续签甲医院');
  await institutionWithRep('b', '五华续签乙医院');
  await institutionWithRep('c', '五华续签丙医院（固定协议）', 'fixed');
  await institutionWithRep('d', '五华停签丁医院');
  await institutionWithRep('e', '五华缓签戊医院');
  const c = await openCampaign(ctx, officer.user, { year: 2027, windowFrom: '2026-12-01', windowTo: '2026-12-31', decideBy: '2026-12-20' }, screen, () => ({}));
  campaignId = c.id;
  await decideItemsInBulk(ctx, officer.user, campaignId, { proposed: 'renew' }, { type: 'accept' }, 3);
  await decideItemsInBulk(ctx, officer.user, campaignId, { proposed: 'not_renew' }, { type: 'accept' }, 1);
  await decideItemsInBulk(ctx, officer.user, campaignId, { proposed: 'defer' }, { type: 'accept' }, 1);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('固定协议 + 年度协议', () => {
  it('云医保〔2022〕6号 第二十九条: without assessment data (无数据) a renewal cannot be marked 固定+年度, and the refusal says why', async () => {
    const [item] = await ctx.db.select().from(renewalItems).where(eq(renewalItems.agreementId, inst.a!.oldId));
    const r = await app.inject({ method: 'POST', url: `/api/renewal-items/${item!.id}/fixed-annual`, headers: await h(officer.id), payload: { version: item!.version, fixedAnnual: true } });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toContain('无数据');
    expect(r.json().error.message).not.toMatch(/：不能采取/);
    expect(r.json().error.reasons[0].citation).toBe('云医保〔2022〕6号 第二十九条');
    const bad = await app.inject({ method: 'POST', url: `/api/renewal-items/${item!.id}/fixed-annual`, headers: await h(officer.id), payload: { version: item!.version } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('是否固定协议');
  });

  it('云医保〔2022〕6号 第二十九条: three consecutive 合格 years imported from the assessment — the mark is the item\'s engine event, audited with its basis', async () => {
    const rows = [2024, 2025, 2026].map((year) => ({ uscc: inst.b!.uscc, kind: '年度绩效考核结果', period: String(year), value: '合格', source: '绩效考核', sourceDate: '2026-12-01' }));
    const imp = await app.inject({ method: 'POST', url: '/api/indicators/batch', headers: await h(officer.id), payload: { clientBatchId: 'kh-2026', rows } });
    expect(imp.statusCode, imp.body).toBe(200);
    const [item] = await ctx.db.select().from(renewalItems).where(eq(renewalItems.agreementId, inst.b!.oldId));
    const r = await app.inject({ method: 'POST', url: `/api/renewal-items/${item!.id}/fixed-annual`, headers: await h(officer.id), payload: { version: item!.version, fixedAnnual: true } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ fixedAnnual: true, version: item!.version + 1, citation: '云医保〔2022〕6号 第二十九条' });
    expect(r.json().because).toContain('近3年（2024、2025、2026年度）绩效考核结果连续合格');
    const stale = await app.inject({ method: 'POST', url: `/api/renewal-items/${item!.id}/fixed-annual`, headers: await h(officer.id), payload: { version: item!.version, fixedAnnual: false } });
    expect(stale.statusCode).toBe(409);
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'renewal_item'), eq(auditLog.entityId, item!.id), eq(auditLog.action, 'renewal_item.fixed_annual')));
    expect(audit).toHaveLength(1);
    const [after] = await ctx.db.select().from(renewalItems).where(eq(renewalItems.id, item!.id));
    expect(after).toMatchObject({ fixedAnnual: true, decidedBy: officer.id });
  });
});

describe('bulk generation', () => {
  it('云医保〔2022〕6号 第二十九条: a run already going is a 409', async () => {
    const now = ctx.clock.now().toISOString();
    await ctx.db.update(renewalCampaigns).set({ generation: { id: 'x', state: 'running', updatedAt: now } }).where(eq(renewalCampaigns.id, campaignId));
    const r = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/generate-renewals`, headers: await h(officer.id) });
    expect(r.statusCode).toBe(409);
    await ctx.db.update(renewalCampaigns).set({ generation: null }).where(eq(renewalCampaigns.id, campaignId));
  });

  it('云医保〔2022〕6号 第二十九条: every item decided 续签 gets its next agreement, starting the day after the old one ends (no gap); 不再签订 gets none', async () => {
    const job = await generateAndWait();
    expect(job).toMatchObject({ state: 'done', total: 3, generated: 3, failed: 0 });
    const a = (await renewalOf(inst.a!.oldId))!;
    expect(a).toMatchObject({ termFrom: '2027-01-01', termTo: '2027-12-31', status: 'fixed', form: 'standard', applicationId: null });
    expect(a.canonicalText).toContain('不留空档');
    expect(await renewalOf(inst.b!.oldId)).toMatchObject({ form: 'fixed', termFrom: '2027-01-01' });
    expect(await renewalOf(inst.d!.oldId)).toBeUndefined();
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'agreement'), eq(auditLog.entityId, a.id)));
    expect(audit.map((x) => x.action)).toEqual(['agreement.renew_generate']);
  });

  it('云医保〔2022〕6号 第二十九条: an institution already on a fixed agreement gets only the annual annex', async () => {
    const c = (await renewalOf(inst.c!.oldId))!;
    expect(c).toMatchObject({ form: 'annual', fixedAgreementId: inst.c!.oldId });
    expect(c.canonicalText).toContain('年度协议');
  });

  it('idempotent: a second run generates nothing more (409: nothing left to generate)', async () => {
    const r = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/generate-renewals`, headers: await h(officer.id) });
    expect(r.statusCode).toBe(409);
    const all = await ctx.db.select({ id: agreements.id }).from(agreements).where(isNotNull(agreements.renewsAgreementId));
    expect(all).toHaveLength(3);
  });
});

describe('the institution\'s home page', () => {
  const renewalSection = async (userId: string) =>
    (await app.inject({ url: '/api/home', headers: await h(userId) })).json().sections.find((x: { key: string }) => x.key === 'institution.renewal');

  it('云医保〔2022〕6号 第二十九条: the renewed agreement waiting for the institution\'s signature is its work of the day; a 不再签订 says so', async () => {
    const a = await renewalSection(inst.a!.userId);
    expect(a).toMatchObject({ title: '本机构续签', count: 1, link: '/institution/agreements' });
    expect(a.items[0]).toMatchObject({ tag: '待签署', level: 'warning' });
    expect(a.items[0].subtitle).toContain('待本机构签署');
    const d = await renewalSection(inst.d!.userId);
    expect(d.items[0]).toMatchObject({ tag: '不再签订', level: 'error' });
    // an agency officer has no such section; the other institutions see only their own
    expect(await renewalSection(officer.id)).toBeUndefined();
    expect(a.items[0].title).toContain('续签测');
    expect(d.items[0].title).not.toBe(a.items[0].title);
  });
});

describe('signing', () => {
  it('云医保〔2022〕6号 第十八条: the legal representative signs the renewed agreement online (SM2) from 续签情况', async () => {
    const mine = (await app.inject({ url: '/api/my/renewal', headers: await h(inst.a!.userId) })).json();
    const r = mine.items[0].renewal;
    expect(r).toMatchObject({ status: 'fixed', institutionSigned: false, statusLabel: '待本机构签署', termFrom: '2027-01-01' });
    const wrong = await app.inject({ method: 'POST', url: `/api/renewal-agreements/${r.agreementId}/sign`, headers: await h(inst.a!.userId), payload: { capacity: 'legal_rep', password: 'nope' } });
    expect(wrong.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: `/api/renewal-agreements/${r.agreementId}/sign`, headers: await h(inst.a!.userId), payload: { capacity: 'legal_rep', password: 'Passw0rd!' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().signature).toMatchObject({ party: 'institution', online: true });
    const again = await app.inject({ method: 'POST', url: `/api/renewal-agreements/${r.agreementId}/sign`, headers: await h(inst.a!.userId), payload: { capacity: 'legal_rep', password: 'Passw0rd!' } });
    expect(again.statusCode).toBe(409);
    // another institution cannot see it (404, not 403)
    const other = await app.inject({ method: 'POST', url: `/api/renewal-agreements/${r.agreementId}/sign`, headers: await h(inst.b!.userId), payload: { capacity: 'legal_rep', password: 'Passw0rd!' } });
    expect(other.statusCode).toBe(404);
  });

  it('a paper signature is recorded with its scan checksum (counted offline)', async () => {
    const b = (await renewalOf(inst.b!.oldId))!;
    const r = await app.inject({ method: 'POST', url: `/api/renewal-agreements/${b.id}/sign`, headers: await h(inst.b!.userId), payload: { mode: 'paper', capacity: 'legal_rep', password: 'Passw0rd!', paperSha256: 'a'.repeat(64) } });
    expect(r.statusCode).toBe(200);
    expect(r.json().signature.online).toBe(false);
  });

  it('2025 draft 一(四): the head counter-signs in bulk, confirmed by count (409 on drift); each signature verifies (SM2)', async () => {
    const before = await signing(head.id);
    expect(before.awaitingCountersign).toBe(2);
    const officerTry = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/countersign`, headers: await h(officer.id), payload: { expectedCount: 2, password: 'Passw0rd!' } });
    expect(officerTry.statusCode).toBe(403);
    const drift = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/countersign`, headers: await h(head.id), payload: { expectedCount: 3, password: 'Passw0rd!' } });
    expect(drift.statusCode).toBe(409);
    const ok = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/countersign`, headers: await h(head.id), payload: { expectedCount: 2, password: 'Passw0rd!' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ signed: 2 });
    const a = (await renewalOf(inst.a!.oldId))!;
    expect(a).toMatchObject({ status: 'signed', lifeState: 'pending' });
    const v = (await app.inject({ url: `/api/agreements/${a.id}/verify`, headers: await h(officer.id) })).json();
    expect(v.overall).toBe('valid');
    expect(v.signatures.map((s: { party: string; status: string }) => [s.party, s.status]).sort()).toEqual([['agency', 'valid'], ['institution', 'valid']]);
  });

  it('2025 draft 一(四): the online-signing rate is signed online / to sign, per region and overall; the 90% target only under a profile that sets it', async () => {
    const s = await signing();
    expect(s.overall).toMatchObject({ toSign: 3, institutionSigned: 2, signed: 2, online: 1, offline: 1, awaitingInstitution: 1 });
    expect(s.overall.rate).toBeCloseTo(1 / 3);
    expect(s.regions).toHaveLength(1);
    expect(s.regions[0]).toMatchObject({ regionCode: '530102', toSign: 3, online: 1 });
    expect(s.target).toBeNull();
    await ctx.db.update(renewalCampaigns).set({ profileId: 'zizhiqu-2025-draft' }).where(eq(renewalCampaigns.id, campaignId));
    const z = await signing();
    expect(z.target).toMatchObject({ ratio: 0.9, meets: false });
    expect(z.target.citation).toMatch(/自治区医保局〔2025〕征求意见稿.*一\(四\)/);
    await ctx.db.update(renewalCampaigns).set({ profileId: 'yunnan' }).where(eq(renewalCampaigns.id, campaignId));
  });

  it('the signed / unsigned counts per region as Excel: the same figures as the page, a total row, the rate', async () => {
    const r = await app.inject({ url: `/api/renewal-campaigns/${campaignId}/signing/export.xlsx`, headers: await h(officer.id) });
    expect(r.statusCode, r.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('续签协议签订情况')!;
    const rows = sheet.getSheetValues().slice(1).map((v) => (v as unknown[]).slice(1));
    expect(rows[0]).toEqual(['统筹区', '应签', '机构已签署', '待机构签署', '双方已签订', '未签订', '线上签订', '线下签订', '网签率']);
    expect(rows.slice(1)).toEqual([
      [expect.stringContaining('530102'), 3, 2, 1, 2, 1, 1, 1, '33.3%'],
      ['合计', 3, 2, 1, 2, 1, 1, 1, '33.3%'],
    ]);
  });
});

describe('授权委托人签署续签协议', () => {
  const sign = async (userId: string, agreementId: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/renewal-agreements/${agreementId}/sign`, headers: await h(userId), payload: { password: 'Passw0rd!', ...payload } });
  let agentId: string;
  let renewalId: string;

  beforeAll(async () => {
    // an agent of 丙医院: a staff account linked to its own registered person (not the legal representative)
    const [rep] = await ctx.db.select({ orgId: users.orgId }).from(users).where(eq(users.id, inst.c!.userId));
    const [p] = await ctx.db.insert(persons).values({ idNumber: '530102199001010099', name: '丙经办' }).returning();
    const agent = await buildUser(ctx, rep!.orgId!, ['institution_staff']);
    await ctx.db.update(users).set({ personId: p!.id }).where(eq(users.id, agent.id));
    agentId = agent.id;
    renewalId = (await renewalOf(inst.c!.oldId))!.id;
  });

  it('云医保〔2022〕6号 第十八条: an agent without a mandate is refused, citing the article', async () => {
    const r = await sign(agentId, renewalId, { capacity: 'authorised_agent' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.reasons[0]).toMatchObject({ ruleId: 'signing.mandate' });
    expect(r.json().error.reasons[0].citation).toContain('云医保〔2022〕6号 第十八条');
    // nor may the agent sign as the legal representative
    const asRep = await sign(agentId, renewalId, { capacity: 'legal_rep' });
    expect(asRep.statusCode).toBe(422);
    expect(asRep.json().error.reasons[0]).toMatchObject({ ruleId: 'signing.legal-rep' });
  });

  it('云医保〔2022〕6号 第十八条: a paper signature whose scan checksum is not a SHA-256 is refused, naming the field', async () => {
    const r = await sign(inst.c!.userId, renewalId, { mode: 'paper', capacity: 'legal_rep', paperSha256: 'not-a-hash' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ field: 'paperSha256' });
    expect(r.json().error.message).toContain('SHA-256');
  });

  it('云医保〔2022〕6号 第十八条: an agent whose mandate has expired is refused with the article', async () => {
    const g = await app.inject({ method: 'POST', url: `/api/agreements/${renewalId}/mandates/grant`, headers: await h(inst.c!.userId), payload: { agentUserId: agentId, validTo: '2026-12-02' } });
    expect(g.statusCode).toBe(201);
    ctx.clock.set('2026-12-03T09:00:00+08:00');
    try {
      const r = await sign(agentId, renewalId, { capacity: 'authorised_agent', mandateId: g.json().id });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.message).toContain('2026-12-02到期');
      expect(r.json().error.reasons).toEqual([expect.objectContaining({ ruleId: 'mandate.validity', citation: expect.stringContaining('云医保〔2022〕6号 第十八条') })]);
    } finally {
      ctx.clock.set('2026-12-01T09:00:00+08:00');
    }
  });

  it('云医保〔2022〕6号 第十八条: an agent with the legal representative\'s mandate signs the renewed agreement online (SM2), the mandate recorded', async () => {
    const g = await app.inject({ method: 'POST', url: `/api/agreements/${renewalId}/mandates/grant`, headers: await h(inst.c!.userId), payload: { agentUserId: agentId } });
    expect(g.statusCode).toBe(201);
    expect(g.json()).toMatchObject({ status: 'active', validTo: '2027-12-31', agentName: '丙经办' });
    const ctxView = (await app.inject({ url: `/api/agreements/${renewalId}/mandates`, headers: await h(agentId) })).json();
    expect(ctxView.mandates.find((m: { id: string }) => m.id === g.json().id)).toMatchObject({ usableByMe: true });
    const r = await sign(agentId, renewalId, { capacity: 'authorised_agent', mandateId: g.json().id });
    expect(r.statusCode).toBe(200);
    expect(r.json().signature).toMatchObject({ party: 'institution', online: true });
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, renewalId), eq(auditLog.action, 'agreement.renew_sign')));
    expect(audit!.after).toMatchObject({ role: 'authorized_agent', mandateSha256: g.json().sha256 });
    const v = (await app.inject({ url: `/api/agreements/${renewalId}/verify`, headers: await h(officer.id) })).json();
    expect(v.signatures.map((s: { party: string; status: string }) => [s.party, s.status])).toEqual([['institution', 'valid']]);
  });
});

describe('territory', () => {
  it('another county\'s head and officer do not see the campaign (404, never 403)', async () => {
    await ensureRegion(ctx, '530103');
    const org = await buildOrg(ctx, { kind: 'agency', level: 'county', regionCode: '530103', name: '盘龙区医疗保障局' });
    const otherHead = await buildUser(ctx, org.id, ['agency_head']);
    const sign = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/countersign`, headers: await h(otherHead.id), payload: { expectedCount: 1, password: 'Passw0rd!' } });
    expect(sign.statusCode).toBe(404);
    const read = await app.inject({ url: `/api/renewal-campaigns/${campaignId}/signing`, headers: await h(otherHead.id) });
    expect(read.statusCode).toBe(404);
    const gen = await app.inject({ method: 'POST', url: `/api/renewal-campaigns/${campaignId}/generate-renewals`, headers: await h(otherHead.id) });
    expect(gen.statusCode).toBe(404);
  });
});

describe('the new term meets the old one', () => {
  it('云医保〔2022〕6号 第二十九条: on the new term\'s first day the old agreement has ended and the renewed one is in force; the not-renewed one ends at expiry', async () => {
    ctx.clock.set('2026-12-31T09:00:00+08:00');
    await sweepAgreements(ctx);
    expect((await renewalOf(inst.a!.oldId))!.lifeState).toBe('pending');
    const [oldA0] = await ctx.db.select().from(agreements).where(eq(agreements.id, inst.a!.oldId));
    expect(oldA0!.lifeState).toBe('in_force');
    ctx.clock.set('2027-01-01T09:00:00+08:00');
    await sweepAgreements(ctx);
    const [oldA] = await ctx.db.select().from(agreements).where(eq(agreements.id, inst.a!.oldId));
    const [oldD] = await ctx.db.select().from(agreements).where(eq(agreements.id, inst.d!.oldId));
    expect(oldA!.lifeState).toBe('ended');
    expect(oldD!.lifeState).toBe('ended');
    expect(await renewalOf(inst.b!.oldId)).toMatchObject({ form: 'fixed', termFrom: '2027-01-01' });
    expect(await renewalOf(inst.d!.oldId)).toBeUndefined();
    expect((await renewalOf(inst.a!.oldId))!.lifeState).toBe('in_force');
    expect((await renewalOf(inst.b!.oldId))!.lifeState).toBe('in_force');
    // unsigned: it does not start (the institution did not sign)
    expect((await renewalOf(inst.c!.oldId))!.lifeState).toBeNull();
    const mine = (await app.inject({ url: '/api/my/renewal', headers: await h(inst.a!.userId) })).json();
    expect(mine.items[0].renewal.statusLabel).toBe('已签订，已生效');
  });
});

describe('缓签, then re-evaluated (自治区医保局〔2025〕征求意见稿 二(一))', () => {
  const itemOf = async (key: string) => (await ctx.db.select().from(renewalItems).where(eq(renewalItems.agreementId, inst[key]!.oldId)))[0]!;
  const reevaluate = async (itemId: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/renewal-items/${itemId}/reevaluation`, headers: await h(officer.id), payload });

  it('自治区医保局〔2025〕征求意见稿 二(一): a deferred renewal is not generated with the others and its old agreement ends at expiry (a gap, unlike 续签)', async () => {
    expect(await renewalOf(inst.e!.oldId)).toBeUndefined();
    const [oldE] = await ctx.db.select().from(agreements).where(eq(agreements.id, inst.e!.oldId));
    expect(oldE!.lifeState).toBe('ended');
  });

  it('自治区医保局〔2025〕征求意见稿 二(一): 「待评估通过后签订协议」 — once the re-evaluation passes (after the campaign, on the clock) the next run generates its agreement from that day', async () => {
    ctx.clock.set('2027-01-12T10:00:00+08:00');
    const renew = await itemOf('a');
    const notDeferred = await reevaluate(renew.id, { version: renew.version, passed: true, note: '复核通过' });
    expect(notDeferred.statusCode).toBe(422);
    expect(notDeferred.json().error.reasons[0].message).toBe('只有核定为缓签的事项需要评估');
    const item = await itemOf('e');
    const noNote = await reevaluate(item.id, { version: item.version, passed: true, note: '' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.message).toContain('评估情况');
    const ok = await reevaluate(item.id, { version: item.version, passed: true, note: '信息变更已核定，符合定点条件' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ decided: 'defer', reevaluation: { on: '2027-01-12', passed: true } });
    expect((await reevaluate(item.id, { version: item.version, passed: false, note: '再评' })).statusCode).toBe(409);
    const again = await reevaluate(item.id, { version: item.version + 1, passed: false, note: '再评' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.reasons[0].message).toContain('已于 2027-01-12 评估通过');
    const job = await generateAndWait();
    expect(job).toMatchObject({ state: 'done', total: 1, generated: 1 });
    const e = (await renewalOf(inst.e!.oldId))!;
    expect(e).toMatchObject({ termFrom: '2027-01-12', termTo: '2028-01-11', status: 'fixed' });
    expect(e.canonicalText).toContain('暂缓续签，经评估通过后签订本协议，自2027-01-12起履行');
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'renewal_item'), eq(auditLog.entityId, item.id), eq(auditLog.action, 'renewal_item.reevaluate')));
    expect(audit).toHaveLength(1);
  });
});

