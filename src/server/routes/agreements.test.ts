import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';
import { agreementTemplates, agreements, applications, documents, institutionPersons, persons, signingKeys, signingMandates, users } from '../../db/schema/index';
import { assertLegalRepresentative } from '../../agreements/institution-signature';
import { canonicalAgreementText } from '../../domain/signing/canonical-text';
import { person, seedApplication, seedInstitution, type Person } from '../../agreements/test-support';
import { seedDemoTemplates } from '../../seed/demo-templates';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let officer: Person & { orgId: string };
let head: Person;
let foreignHead: Person;
let legalRep: Person;
let impostor: Person;
let repPersonId: string;
let instId: string;
let agent: Person;
let unlinked: Person;
let strangerPersonId: string;
let appId: string;
let agreementId: string;
let yunnanTemplateId: string;

const post = (who: Person, url: string, payload: object) => app.inject({ method: 'POST', url, headers: who.headers, payload });
const get = (who: Person, url: string) => app.inject({ url, headers: who.headers });
const stateOf = async (id: string) => (await ctx.db.select().from(applications).where(eq(applications.id, id)))[0]!;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530102', '五华区');
  await ensureRegion(ctx, '530302', '麒麟区');
  await ensureRegion(ctx, '220102', '南关区');
  const inst = await seedInstitution(ctx, '530102', '五华仁和医院');
  const [p] = await ctx.db.insert(persons).values({ idNumber: '53010219800101001X', name: '张法人' }).returning();
  await ctx.db.insert(institutionPersons).values({ institutionId: inst.id, personId: p!.id, role: 'legal_rep', fromDate: '2020-01-01' });
  const agencyOrg = { kind: 'agency' as const, level: 'county' as const, regionCode: '530102', name: '五华区医疗保障局' };
  officer = await person(ctx, agencyOrg, ['agency_officer']);
  head = await person(ctx, agencyOrg, ['agency_head'], '李主任');
  foreignHead = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530302' }, ['agency_head']);
  const instOrg = { kind: 'institution' as const, level: 'county' as const, regionCode: '530102', institutionId: inst.id, name: '五华仁和医院' };
  legalRep = await person(ctx, instOrg, ['institution_staff'], '张法人');
  await ctx.db.update(users).set({ personId: p!.id }).where(eq(users.id, legalRep.id));
  impostor = await person(ctx, instOrg, ['institution_staff'], '张法人'); // same display name, no verified person
  repPersonId = p!.id;
  instId = inst.id;
  agent = await person(ctx, instOrg, ['institution_staff'], '王经办');
  const [ap] = await ctx.db.insert(persons).values({ idNumber: '530102199001010011', name: '王经办' }).returning();
  await ctx.db.update(users).set({ personId: ap!.id }).where(eq(users.id, agent.id));
  const [other] = await ctx.db.insert(persons).values({ idNumber: '530102197501010022', name: '张三' }).returning();
  strangerPersonId = other!.id;
  unlinked = await person(ctx, instOrg, ['institution_staff'], '赵临时');
  await seedDemoTemplates(ctx);
  yunnanTemplateId = (await ctx.db.select().from(agreementTemplates).where(eq(agreementTemplates.code, 'yunnan-medical-2025')))[0]!.id;
  appId = (await seedApplication(ctx, { institutionId: inst.id, regionCode: '530102', profileId: 'yunnan', state: 'negotiating', agencyOrgId: officer.orgId })).id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('agreement templates (自治区医保局〔2025〕征求意见稿 一(三))', () => {
  const supplement = (clauses: object[], code = 'wuhua-test') => ({
    kind: 'supplement', code, baseTemplateId: yunnanTemplateId, regionCode: '530102', title: '五华区补充条款', issuer: '五华区医疗保障局', clauses,
  });

  it('refuses a supplement that conflicts with the template, with every reason', async () => {
    const res = await post(officer, '/api/agreement-templates', supplement([
      { id: 's1', relation: 'replaces', target: 'breach', paragraphs: ['违约的，仅予以提醒。'] },
      { id: 's2', relation: 'adds', heading: '违约责任', paragraphs: ['另行约定。'] },
      { id: 's3', relation: 'refines', target: 'nope', paragraphs: ['x'] },
    ]));
    expect(res.statusCode).toBe(422);
    const reasons = res.json().error.reasons as { ruleId: string; citation: string; message: string }[];
    expect(reasons.map((r) => r.ruleId)).toEqual(['agreement.supplement.locked_clause', 'agreement.supplement.same_heading', 'agreement.supplement.unknown_clause']);
    expect(reasons[0]!.citation).toContain('一(三)');
  });

  it('registers a refining supplement; the same code again is a new version', async () => {
    const body = supplement([{ id: 'w1', relation: 'replaces', target: 'settlement', paragraphs: ['按五华区规定结算。'] }]);
    const a = await post(officer, '/api/agreement-templates', body);
    expect(a.statusCode).toBe(201);
    expect(a.json().version).toBe(1);
    const b = await post(officer, '/api/agreement-templates', body);
    expect(b.json().version).toBe(2);
    const list = (await get(officer, `/api/agreement-templates?baseTemplateId=${yunnanTemplateId}`)).json();
    expect(list.map((t: { version: number }) => t.version)).toContain(2);
  });

  it('a county agency cannot issue a province template, nor a supplement outside its territory', async () => {
    const tpl = await post(head, '/api/agreement-templates', {
      kind: 'template', code: 'x', profileId: 'yunnan', institutionKind: 'medical', year: 2025, title: 't', issuer: 'i',
      clauses: [{ id: 'a', heading: 'h', paragraphs: ['p'] }],
    });
    expect(tpl.statusCode).toBe(403);
    const out = await post(head, '/api/agreement-templates', { ...supplement([{ id: 'a', relation: 'adds', heading: '新增', paragraphs: ['p'] }], 'qilin'), regionCode: '530302' });
    expect(out.statusCode).toBe(403);
  });
});

describe('negotiation, agreement, study and online signing', () => {
  it('records a negotiation meeting with points and outcome (2025 draft 一(二); 云医保〔2022〕6号 第十六条)', async () => {
    const res = await post(officer, `/api/applications/${appId}/negotiations`, {
      on: '2025-09-25', form: 'symposium', participants: ['李主任', '张法人'],
      points: { serviceScope: '普通门诊、住院', paymentMethod: '按病种分值付费', settlementStandard: '按市级标准' }, outcome: '服务范围达成一致',
    });
    expect(res.statusCode).toBe(201);
    const neg = (await get(legalRep, `/api/applications/${appId}/negotiation`)).json();
    expect(neg.meetings[0]).toMatchObject({ form: 'symposium', outcome: '服务范围达成一致', points: { paymentMethod: '按病种分值付费' } });
    // 吉医保规〔2023〕1号 第二十一条: 服务人群 and 价格标准 are recorded as points of their own
    const jl21 = await post(officer, `/api/applications/${appId}/negotiations`, {
      on: '2025-09-25', form: 'meeting', participants: ['李主任', '张法人'],
      points: { servicePopulation: '辖区职工和城乡居民参保人', priceStandard: '执行省医疗服务价格' }, outcome: '服务人群和价格标准达成一致',
    });
    expect(jl21.statusCode).toBe(201);
    expect((await get(legalRep, `/api/applications/${appId}/negotiation`)).json().meetings[1].points)
      .toEqual({ servicePopulation: '辖区职工和城乡居民参保人', priceStandard: '执行省医疗服务价格' });
    const empty = await post(officer, `/api/applications/${appId}/negotiations`, { on: '2025-09-25', form: 'meeting', participants: ['a'], points: {}, outcome: 'x' });
    expect(empty.statusCode).toBe(400);
    const agreed = await post(officer, `/api/applications/${appId}/negotiation/conclude`, { agreed: true });
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json().state).toBe('agreement_study');
  });

  it('generates the agreement: template + the most specific local supplement (五华区 over 昆明市) + internet-hospital supplement (吉医保规〔2023〕1号 第三十三条), term 1 year', async () => {
    const res = await post(officer, `/api/applications/${appId}/agreement`, { termFrom: '2025-10-01', special: { internetHospital: { name: '仁和互联网医院' }, branches: ['仁和医院东院'] } });
    expect(res.statusCode).toBe(201);
    const ag = res.json();
    agreementId = ag.id;
    expect(ag.termTo).toBe('2026-09-30');
    expect(ag.number).toMatch(/协〔2025〕1号$/);
    expect(ag.canonicalText).toContain('按五华区规定结算');
    expect(ag.canonicalText).not.toContain('门诊慢特病服务须经市医保经办机构备案');
    expect(ag.canonicalText).toContain('仁和互联网医院');
    expect(ag.textSm3).toMatch(/^[0-9a-f]{64}$/);
    // issue #7: a Yunnan agreement names Yunnan's articles only (no draft, no Jilin article on its special sections)
    expect(ag.canonicalText).not.toMatch(/吉医保规|自治区医保局|京医保发/u);
  });

  it('云医保〔2022〕6号 第十八条: the agreement a 法定代表人 reads is the structure of the hashed canonical text itself', async () => {
    const view = (await get(legalRep, `/api/agreements/${agreementId}`)).json();
    expect(canonicalAgreementText({ ...view.document, kind: 'agreement', warnings: [] })).toBe(view.canonicalText);
    expect(view.document).toMatchObject({ number: view.number, recipient: '五华仁和医院' });
    expect(view.document.signatures.map((p: { label: string }) => p.label)).toEqual(['甲方（盖章）', '乙方（盖章）']);
    expect(view.document.sections.some((s: { heading?: string }) => s.heading?.includes('协议期限'))).toBe(true);
  });

  it('cannot be signed before the study fixes the text', async () => {
    const res = await post(legalRep, `/api/agreements/${agreementId}/sign`, { password: 'Passw0rd!' });
    expect(res.statusCode).toBe(409);
  });

  it('records the agreement study and fixes the text (云医保〔2022〕6号 第十七条)', async () => {
    const res = await post(officer, `/api/agreements/${agreementId}/study`, { heldOn: '2025-09-26', attendees: ['张法人', '王经办'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().agreement.status).toBe('fixed');
    expect((await stateOf(appId)).state).toBe('signing');
    const again = await post(officer, `/api/applications/${appId}/agreement`, {});
    expect(again.statusCode).toBe(409);
  });

  it('the password re-entered to sign is throttled like the login: after 3 wrong ones the right one waits 15 s (issue #8)', async () => {
    for (let i = 0; i < 3; i++) {
      const wrong = await post(legalRep, `/api/agreements/${agreementId}/sign`, { password: `wrong-${i}` });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.field).toBe('password');
    }
    const held = await post(legalRep, `/api/agreements/${agreementId}/sign`, { password: 'Passw0rd!' });
    expect(held.statusCode).toBe(429);
    expect(held.json().error.message).toMatch(/签署验证密码连续错误 3 次/);
    ctx.clock.advance(15_000);
    // after the wait the password is checked again (this one is wrong on purpose: nothing is signed here)
    expect((await post(legalRep, `/api/agreements/${agreementId}/sign`, { password: 'still-wrong' })).statusCode).toBe(400);
    ctx.clock.advance(30_000);
  });

  const uploadPaper = (who: Person, query: string) => app.inject({
    method: 'POST', url: `/api/agreements/${agreementId}/mandates?fileName=${encodeURIComponent('授权委托书.pdf')}${query}`,
    headers: { ...who.headers, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4\n授权委托书\n%%EOF'),
  });

  it('云医保〔2022〕6号 第十八条: a mandate whose principal is not the registered 法定代表人 is refused', async () => {
    const res = await uploadPaper(agent, `&principalPersonId=${strangerPersonId}`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.reasons[0]).toMatchObject({ ruleId: 'mandate.principal', citation: '云医保〔2022〕6号 第十八条' });
    expect(res.json().error.message).toContain('张法人');
    // a mandate row naming 张三 (as a free-text principal once could) does not let anyone sign
    const [row] = await ctx.db.insert(signingMandates).values({
      agreementId, userId: agent.id, source: 'paper', status: 'active', principalPersonId: strangerPersonId, principalName: '张三',
      agentPersonId: (await ctx.db.select().from(users).where(eq(users.id, agent.id)))[0]!.personId, sha256: 'a'.repeat(64), at: new Date(),
    }).returning();
    const sign = await post(agent, `/api/agreements/${agreementId}/sign`, { capacity: 'authorised_agent', mandateId: row!.id, password: 'Passw0rd!' });
    expect(sign.statusCode).toBe(422);
    expect(sign.json().error.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('mandate.principal');
  });

  it('云医保〔2022〕6号 第十八条: a paper mandate counts only after the agency verifies it; the agent is the account\'s own registered person', async () => {
    const noPerson = await uploadPaper(unlinked, '');
    expect(noPerson.statusCode).toBe(422);
    expect(noPerson.json().error.reasons[0].ruleId).toBe('mandate.agent-person');
    const up = await uploadPaper(agent, '');
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ status: 'pending', principalName: '张法人', agentName: '王经办' });
    expect(up.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const early = await post(agent, `/api/agreements/${agreementId}/sign`, { capacity: 'authorised_agent', mandateId: up.json().id, password: 'Passw0rd!' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(['mandate.unverified']);
    const noReason = await post(officer, `/api/agreements/${agreementId}/mandates/${up.json().id}/review`, { approve: false });
    expect(noReason.statusCode).toBe(400);
    const rejected = await post(officer, `/api/agreements/${agreementId}/mandates/${up.json().id}/review`, { approve: false, reason: '委托书未加盖公章' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '委托书未加盖公章' });
    const afterReject = await post(agent, `/api/agreements/${agreementId}/sign`, { capacity: 'authorised_agent', mandateId: up.json().id, password: 'Passw0rd!' });
    expect(afterReject.json().error.message).toContain('委托书未加盖公章');
    const second = await uploadPaper(agent, '');
    const verified = await post(officer, `/api/agreements/${agreementId}/mandates/${second.json().id}/review`, { approve: true });
    expect(verified.json().status).toBe('active');
    const ctxView = (await get(agent, `/api/agreements/${agreementId}/mandates`)).json();
    expect(ctxView.mandates.find((m: { id: string }) => m.id === second.json().id).usableByMe).toBe(true);
    // the legal representative revokes it: it no longer counts
    const revoked = await post(legalRep, `/api/agreements/${agreementId}/mandates/${second.json().id}/revoke`, {});
    expect(revoked.json().status).toBe('revoked');
    const afterRevoke = await post(agent, `/api/agreements/${agreementId}/sign`, { capacity: 'authorised_agent', mandateId: second.json().id, password: 'Passw0rd!' });
    expect(afterRevoke.json().error.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(['mandate.revoked']);
  });

  it('云医保〔2022〕6号 第十八条: only the legal representative\'s own account grants a mandate online, to a staff account with a registered person', async () => {
    const byAgent = await post(agent, `/api/agreements/${agreementId}/mandates/grant`, { agentUserId: agent.id });
    expect(byAgent.statusCode).toBe(422);
    expect(byAgent.json().error.reasons[0].ruleId).toBe('signing.legal-rep');
    const toUnlinked = await post(legalRep, `/api/agreements/${agreementId}/mandates/grant`, { agentUserId: unlinked.id });
    expect(toUnlinked.statusCode).toBe(422);
    const outsider = await post(legalRep, `/api/agreements/${agreementId}/mandates/grant`, { agentUserId: officer.id });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.field).toBe('agentUserId');
    const badDates = await post(legalRep, `/api/agreements/${agreementId}/mandates/grant`, { agentUserId: agent.id, validFrom: '2025-10-10', validTo: '2025-10-01' });
    expect(badDates.statusCode).toBe(400);
    const view = (await get(legalRep, `/api/agreements/${agreementId}/mandates`)).json();
    expect(view.me).toMatchObject({ isLegalRep: true, personName: '张法人' });
    expect(view.candidates.map((c: { personName: string }) => c.personName)).toEqual(['王经办']);
  });

  it('an agent signs under the online grant of the legal representative (云医保〔2022〕6号 第十八条)', async () => {
    const noMandate = await post(agent, `/api/agreements/${agreementId}/sign`, { capacity: 'authorised_agent', password: 'Passw0rd!' });
    expect(noMandate.statusCode).toBe(422);
    expect(noMandate.json().error.reasons[0].ruleId).toBe('signing.mandate');
    const asRep = await post(agent, `/api/agreements/${agreementId}/sign`, { capacity: 'legal_rep', password: 'Passw0rd!' });
    expect(asRep.statusCode).toBe(422);
    expect(asRep.json().error.message).toContain('张法人');
    // an account merely NAMED like the representative is not the representative
    const named = await post(impostor, `/api/agreements/${agreementId}/sign`, { capacity: 'legal_rep', password: 'Passw0rd!' });
    expect(named.statusCode).toBe(422);
    expect(named.json().error.reasons[0]).toMatchObject({ ruleId: 'signing.legal-rep', citation: '云医保〔2022〕6号 第十八条' });

    const grant = await post(legalRep, `/api/agreements/${agreementId}/mandates/grant`, { agentUserId: agent.id });
    expect(grant.statusCode).toBe(201);
    expect(grant.json()).toMatchObject({ status: 'active', source: 'online', principalName: '张法人', agentName: '王经办', validTo: '2026-09-30' });
    // someone else cannot use the agent's mandate
    const other = await post(impostor, `/api/agreements/${agreementId}/sign`, { capacity: 'authorised_agent', mandateId: grant.json().id, password: 'Passw0rd!' });
    expect(other.json().error.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('mandate.agent-person');

    const wrongPw = await post(agent, `/api/agreements/${agreementId}/sign`, { capacity: 'authorised_agent', mandateId: grant.json().id, password: 'nope' });
    expect(wrongPw.statusCode).toBe(400);
    expect(wrongPw.json().error.field).toBe('password');

    const ok = await post(agent, `/api/agreements/${agreementId}/sign`, { capacity: 'authorised_agent', mandateId: grant.json().id, password: 'Passw0rd!' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().applicationState).toBe('signing');
    const twice = await post(legalRep, `/api/agreements/${agreementId}/sign`, { password: 'Passw0rd!' });
    expect(twice.statusCode).toBe(409);
    const used = await post(legalRep, `/api/agreements/${agreementId}/mandates/${grant.json().id}/revoke`, {});
    expect(used.statusCode).toBe(409);
  });

  it('the agency head signs second: the agreement is signed; both signatures verify over the exact text', async () => {
    const res = await post(head, `/api/agreements/${agreementId}/sign`, { password: 'Passw0rd!' });
    expect(res.statusCode).toBe(200);
    expect(res.json().agreementStatus).toBe('signed');
    expect((await stateOf(appId)).state).toBe('signed');
    // issue #10: both parties signed → the agreement's life begins, 待生效 until the payment is opened
    const [life] = await ctx.db.select({ lifeState: agreements.lifeState, life: agreements.life }).from(agreements).where(eq(agreements.id, agreementId));
    expect(life).toMatchObject({ lifeState: 'pending', life: { suspensionsInTerm: 0, request: null } });
    const v = (await get(legalRep, `/api/agreements/${agreementId}/verify`)).json();
    expect(v.overall).toBe('valid');
    expect(v.signatures.map((s: { status: string; signerName: string }) => `${s.signerName}:${s.status}`).sort()).toEqual(['李主任:valid', '王经办:valid']);
    const keys = await ctx.db.select().from(signingKeys);
    expect(keys).toHaveLength(2);
    expect(keys[0]!.encryptedPrivateKey).not.toMatch(/^[0-9a-f]{64}$/);
  });

  it('云医保〔2022〕6号 第十八条: one agreement, one number — the 文书 list offers the signed agreement itself, no second serial, no stub', async () => {
    const ag = (await get(officer, `/api/agreements/${agreementId}`)).json();
    const detail = (await get(officer, `/api/applications/${appId}`)).json();
    const agreementDocs = detail.documents.filter((d: { kind: string }) => d.kind === 'agreement');
    expect(agreementDocs).toEqual([expect.objectContaining({ id: agreementId, number: ag.number })]);
    expect(detail.documents.filter((d: { number: string }) => d.number.includes('协〔')).map((d: { number: string }) => d.number)).toEqual([ag.number]);
    expect((await ctx.db.select().from(documents).where(eq(documents.applicationId, appId))).filter((d) => d.kind === 'agreement')).toHaveLength(0);
    const viaList = await get(officer, `/api/applications/${appId}/documents/${agreementId}.pdf`);
    expect(viaList.statusCode).toBe(200);
    expect(viaList.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(decodeURIComponent(String(viaList.headers['content-disposition']))).toContain(`${ag.number}.pdf`);
    const direct = await get(officer, `/api/agreements/${agreementId}/document?format=pdf`);
    expect(viaList.rawPayload.length).toBe(direct.rawPayload.length);
  });

  it('downloads the agreement as PDF and DOCX', async () => {
    const pdf = await get(officer, `/api/agreements/${agreementId}/document?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await get(officer, `/api/agreements/${agreementId}/document?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('is invisible outside the territory (404, never 403)', async () => {
    expect((await get(foreignHead, `/api/agreements/${agreementId}`)).statusCode).toBe(404);
    expect((await get(foreignHead, `/api/agreements/${agreementId}/verify`)).statusCode).toBe(404);
    expect((await get(officer, '/api/agreements/not-a-uuid')).statusCode).toBe(404);
  });

  it('detects a change of the stored text after signing (tamper by SQL → text changed)', async () => {
    await ctx.database.query(`UPDATE agreements SET canonical_text = replace(canonical_text, '按五华区规定结算', '按甲方另行通知结算') WHERE id = $1`, [agreementId]);
    const v = (await get(officer, `/api/agreements/${agreementId}/verify`)).json();
    expect(v.overall).toBe('text_changed');
    expect(v.text.unchangedSinceFixed).toBe(false);
    expect(v.signatures.map((s: { status: string }) => s.status)).toEqual(['text_changed', 'text_changed']);
  });
});

describe('which 协议范本 applies (自治区医保局〔2025〕征求意见稿（草案） 一(三))', () => {
  it('自治区医保局〔2025〕征求意见稿（草案） 一(三): a term in a year without its own template uses the latest earlier one with a stored warning; another year\'s template chosen explicitly is warned too', async () => {
    const inst = await seedInstitution(ctx, '530102', '五华新年医院');
    const a = await seedApplication(ctx, { institutionId: inst.id, regionCode: '530102', profileId: 'yunnan', state: 'agreement_study', agencyOrgId: officer.orgId });
    const res = await post(officer, `/api/applications/${a.id}/agreement`, { termFrom: '2026-01-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().templateChoice).toMatchObject({ year: 2025, termYear: 2026, warning: expect.stringContaining('尚未登记2026年度') });
    const stored = (await get(officer, `/api/agreements/${res.json().id}`)).json();
    expect(stored.templateChoice.warning).toContain('暂用2025年度范本');
    const same = await post(officer, `/api/applications/${a.id}/agreement`, { termFrom: '2025-10-01' });
    expect(same.json().templateChoice).toMatchObject({ year: 2025, warning: null, reason: expect.stringContaining('2025') });
    const explicit = await post(officer, `/api/applications/${a.id}/agreement`, { termFrom: '2026-02-01', templateId: yunnanTemplateId });
    expect(explicit.statusCode).toBe(201);
    expect(explicit.json().templateChoice.warning).toContain('所选范本为2025年度，协议期限起始于2026年');
    const pharmacy = await seedApplication(ctx, { institutionId: inst.id, regionCode: '530102', profileId: 'yunnan', state: 'agreement_study', kind: 'pharmacy', agencyOrgId: officer.orgId });
    const wrongKind = await post(officer, `/api/applications/${pharmacy.id}/agreement`, { templateId: yunnanTemplateId });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.field).toBe('templateId');
  });
});

describe('complaint handling (吉医保规〔2023〕1号 第十九条)', () => {
  it('Jilin: a complaint found true cancels the negotiation; Yunnan: recorded, publicity goes on', async () => {
    const jlAgency = await person(ctx, { kind: 'agency', level: 'county', regionCode: '220102' }, ['agency_officer']);
    const results: Record<string, string> = {};
    for (const [profileId, region, who] of [['jilin', '220102', jlAgency], ['yunnan', '530102', officer]] as const) {
      const inst = await seedInstitution(ctx, region, `${profileId}投诉测试医院`);
      const a = await seedApplication(ctx, { institutionId: inst.id, regionCode: region, profileId, state: 'in_publicity' });
      const filed = await app.inject({
        method: 'POST', url: '/api/public/complaints', remoteAddress: `10.9.9.${region.slice(-2)}`,
        payload: { applicationId: a.id, content: '该机构存在挂证行为', contactName: '赵某', phone: '13900139000' },
      });
      expect(filed.statusCode).toBe(201);
      const list = (await get(who, '/api/complaints?status=open')).json();
      expect(list.items.map((c: { id: string }) => c.id)).toContain(filed.json().id);
      expect((await get(foreignHead, `/api/complaints?status=open`)).json().items.map((c: { id: string }) => c.id)).not.toContain(filed.json().id);
      const res = await post(who, `/api/complaints/${filed.json().id}/resolve`, { foundTrue: true, finding: '经核实，存在挂证行为' });
      expect(res.statusCode).toBe(200);
      results[profileId] = res.json().applicationState;
    }
    expect(results).toEqual({ jilin: 'negotiation_cancelled', yunnan: 'in_publicity' });
  });
});

describe('who signs as 法定代表人 (云医保〔2022〕6号 第十八条)', () => {
  const BASIS = '云医保〔2022〕6号 第十八条';
  it('云医保〔2022〕6号 第十八条: the account linked to the registered legal representative (by 身份证号) qualifies; a namesake account, an unlinked one, or a former representative does not', async () => {
    await expect(assertLegalRepresentative(ctx, legalRep.id, instId, BASIS)).resolves.toMatchObject({ name: '张法人' });
    await expect(assertLegalRepresentative(ctx, impostor.id, instId, BASIS)).rejects.toMatchObject({ details: { reasons: [{ ruleId: 'signing.legal-rep' }] } });
    // the person steps down: the link to the account no longer carries the capacity
    await ctx.db.update(institutionPersons).set({ toDate: '2025-09-30' }).where(eq(institutionPersons.personId, repPersonId));
    await expect(assertLegalRepresentative(ctx, legalRep.id, instId, BASIS)).rejects.toThrow(/未认证为本机构登记的法定代表人/);
    await ctx.db.update(institutionPersons).set({ toDate: null }).where(eq(institutionPersons.personId, repPersonId));
  });
});
