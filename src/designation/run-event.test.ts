/**
 * Use-case tests on PGlite with a fixed clock: screening refusals name every rule with its article
 * (京医保发〔2021〕30号 第十二条), confirm → 不予受理决定书, override with a written reason; and the
 * signing limit passing by the clock → 视为自动放弃 (云医保〔2022〕6号 第十八条) through the sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildOrg, buildSessionUser, ensureRegion } from '../testing/factories';
import { agreements, agreementTemplates, auditLog, institutionPersons, institutions, persons, regions } from '../db/schema/index';
import { seedDemoTemplates } from '../seed/demo-templates';
import type { SessionUser } from '../domain/identity/roles';
import type { Role } from '../domain/identity/roles';
import { createApplication } from './create-application';
import { runEvent, SYSTEM_ACTOR } from './run-event';
import { sweepDeadlines } from './sweep-deadlines';
import { findApplication } from '../db/designation-repo';
import { documentsOf } from '../db/document-repo';
import { YUNNAN } from '../domain/designation/profiles';
import { uploadRequiredMaterials } from '../testing/materials';
import { DECLARED_CONDITIONS_MET } from '../testing/conditions';
import { materialsOf } from '../db/upload-repo';
import { removeMaterial } from './upload-material';

let ctx: TestContext;
let n = 0;

const userOf = (org: Parameters<typeof buildOrg>[1], roles: Role[]): Promise<SessionUser> => buildSessionUser(ctx, org, roles);
async function institution(opts: { dishonest?: boolean } = {}) {
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name: `用例测试医院${++n}`, uscc: `CASE${n}`.padEnd(18, '0'), kind: 'medical', subtype: 'general_hospital', ownership: 'private',
    regionCode: '530102', address: '测试路', openedOn: '2024-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  if (opts.dishonest) {
    const [p] = await ctx.db.insert(persons).values({ idNumber: `53010219800101${String(n).padStart(4, '0')}`, name: '失信甲', dishonest: true }).returning();
    await ctx.db.insert(institutionPersons).values({ institutionId: row!.id, personId: p!.id, role: 'legal_rep', fromDate: '2024-01-01' });
  }
  return row!.id;
}
const version = async (id: string) => (await findApplication(ctx.db, id))!.version;

let officer: SessionUser;
beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  await ensureRegion(ctx, '530102', '五华区');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  officer = await userOf({ kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' }, ['agency_officer', 'agency_head']);
});
afterAll(async () => ctx.close());

async function submitted(opts: { dishonest?: boolean } = {}) {
  const instId = await institution(opts);
  const staff = await userOf({ kind: 'institution', regionCode: '530102', institutionId: instId }, ['institution_staff']);
  const row = await createApplication(ctx, staff, { route: 'new', paymentCategories: ['inpatient'], insuranceSchemes: ['employee'], conditions: DECLARED_CONDITIONS_MET });
  await uploadRequiredMaterials(ctx, staff, row.id); // 受理 needs them (云医保〔2022〕6号 第九条)
  const r = await runEvent(ctx, staff, row.id, { type: 'submit' }, row.version);
  return { id: row.id, staff, state: r.application.state };
}

describe('screening before acceptance (京医保发〔2021〕30号 第十二条)', () => {
  it('a dishonest legal representative fires 第十二条(八): 筛查拟不予受理, with the rule and article in the audit row', async () => {
    const a = await submitted({ dishonest: true });
    expect(a.state).toBe('screening_refused');
    const row = await findApplication(ctx.db, a.id);
    const reasons = (row!.data as { screeningReasons: { ruleId: string; citation: string }[] }).screeningReasons;
    expect(reasons.map((r) => r.ruleId)).toContain('national.refusal.person-dishonest');
    expect(reasons.every((r) => r.citation.length > 0)).toBe(true);
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'application.screening_completed')));
    expect(audit!.actorUserId).toBeNull();
    expect((audit!.after as { rulesetVersion: string }).rulesetVersion).toMatch(/^yunnan@/);
  });

  it('the officer confirms → 不予受理决定书 naming every rule; all deadlines stop', async () => {
    const a = await submitted({ dishonest: true });
    const r = await runEvent(ctx, officer, a.id, { type: 'confirm_refusal' }, await version(a.id), { documentInput: { note: '经核实属实' } });
    expect(r.application.state).toBe('refused');
    expect(r.documents.map((d) => d.kind)).toEqual(['refusal_decision']);
    const model = r.documents[0]!.model as { sections: { paragraphs: string[]; table?: { rows: string[][] } }[] };
    expect(JSON.stringify(model)).toContain('失信');
  });

  it('or overrides with a written reason (kept on the application and in the audit row); a short reason is refused (422)', async () => {
    const a = await submitted({ dishonest: true });
    await expect(runEvent(ctx, officer, a.id, { type: 'override_refusal', reason: '无' }, await version(a.id))).rejects.toMatchObject({ code: 'RULE_REFUSED' });
    const r = await runEvent(ctx, officer, a.id, { type: 'override_refusal', reason: '失信名单已于本月移出，经核实' }, await version(a.id));
    expect(r.application.state).toBe('under_review');
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'application.override_refusal')));
    expect(audit!.reason).toBe('失信名单已于本月移出，经核实');
  });

  it('the institution may not act as the agency (403), and a system-only step is refused to people', async () => {
    const a = await submitted();
    expect(a.state).toBe('under_review');
    await expect(runEvent(ctx, a.staff, a.id, { type: 'accept' }, await version(a.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // during 材料审核 the screening may run again (an officer's finding, decision 0024) — as the system only
    await expect(runEvent(ctx, officer, a.id, { type: 'screening_completed', reasons: [] }, await version(a.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('signing limit by the clock (云医保〔2022〕6号 第十八条)', () => {
  it('云医保〔2022〕6号 第十八条: not signed within the limit → the sweep marks the application 视为自动放弃 and voids the agreement; 第十六条: meeting dates between negotiation opening and today', async () => {
    const a = await submitted();
    const go = async (ev: Parameters<typeof runEvent>[3], who: SessionUser | typeof SYSTEM_ACTOR = officer) => {
      const r = await runEvent(ctx, who, a.id, ev, await version(a.id));
      return r.application.state;
    };
    await go({ type: 'accept' });
    await go({ type: 'appoint_third_party', name: '某评估公司', qualification: '甲级', sheetId: 'yn-2022-checklist', inspection: { required: true, mode: 'on_site' } });
    await go({ type: 'record_inspection', by: ['张三'], findings: '符合', checklist: YUNNAN.inspectionChecklist.value!.map((i) => ({ item: i.id, conforming: true, finding: '符合' })) });
    await go({ type: 'record_third_party_result', pass: true, reportId: 'R-1' });
    expect(await go({ type: 'conclude_evaluation' })).toBe('evaluated_pass');
    await go({ type: 'publish_publicity' });
    ctx.clock.set('2025-11-01T09:00:00+08:00');
    expect((await sweepDeadlines(ctx)).events).toBe(1); // 公示期满 → 协商谈判
    // a meeting cannot be recorded before negotiation opened, nor in the future
    const opensOn = ((await findApplication(ctx.db, a.id))!.data as { negotiation: { opensOn: string } }).negotiation.opensOn;
    const meeting = (on: string) => ({ type: 'record_negotiation' as const, meeting: { on, form: 'meeting' as const, participants: ['甲', '乙'], points: { paymentMethod: '按病种' } } });
    await expect(go(meeting('2025-11-03'))).rejects.toMatchObject({ code: 'RULE_REFUSED', details: { reasons: [{ ruleId: 'negotiation.meeting-date', citation: expect.stringContaining('云医保〔2022〕6号 第十六条') }] } });
    await expect(go(meeting('2025-01-02'))).rejects.toThrow(`谈判日期（on）2025-01-02早于协商谈判开始之日${opensOn}`);
    await go(meeting('2025-11-01'));
    await go({ type: 'negotiation_agreed' });
    expect(await go({ type: 'complete_study', attendees: ['甲'], templateId: 'yn-medical', templateVersion: '2025', textHash: 'abc' })).toBe('signing');
    await seedDemoTemplates(ctx);
    const [tpl] = await ctx.db.select().from(agreementTemplates).limit(1);
    const now = ctx.clock.now();
    const [ag] = await ctx.db.insert(agreements).values({
      applicationId: a.id, institutionId: (await findApplication(ctx.db, a.id))!.institutionId, regionCode: '530102', templateId: tpl!.id, number: '测协〔2025〕9号',
      termFrom: '2025-11-10', termTo: '2026-11-09', special: {}, model: {}, canonicalText: 'x', textSm3: 'y', status: 'fixed', createdAt: now, updatedAt: now,
    }).returning();
    const signBy = ((await findApplication(ctx.db, a.id))!.data as { agreement: { signBy: string } }).agreement.signBy;
    expect(YUNNAN.params['signing.limit.workdays'].value).toBe(20);
    ctx.clock.set(`${signBy}T20:00:00+08:00`);
    await sweepDeadlines(ctx);
    expect((await findApplication(ctx.db, a.id))!.state).toBe('signing');
    ctx.clock.advanceDays(1);
    const r = await sweepDeadlines(ctx);
    expect(r.events).toBe(1);
    expect((await findApplication(ctx.db, a.id))!.state).toBe('abandoned');
    // 云医保〔2022〕6号 第十八条: the unsigned agreement is void with the abandonment, in the same transaction, audited
    expect((await ctx.db.select().from(agreements).where(eq(agreements.id, ag!.id)))[0]!.status).toBe('void');
    expect((await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'agreement'), eq(auditLog.entityId, ag!.id)))).map((r) => r.action)).toEqual(['agreement.void']);
    expect((await sweepDeadlines(ctx)).events).toBe(0); // idempotent
    const docs = await documentsOf(ctx.db, a.id);
    expect(docs.map((d) => d.kind).sort()).toEqual(['acceptance_notice', 'evaluation_filing', 'evaluation_minutes', 'publicity_notice']);
  });
});

describe('one step, one transaction (issue #3: every transition is one transaction)', () => {
  it("a failure in the caller's writes inside the step rolls the whole step back: state, version and audit unchanged", async () => {
    const a = await submitted();
    const before = await findApplication(ctx.db, a.id);
    const auditBefore = (await ctx.db.select().from(auditLog)).length;
    await expect(
      runEvent(ctx, a.staff, a.id, { type: 'withdraw', reason: '撤回测试' }, before!.version, {
        within: async () => {
          throw new Error('signature store unavailable');
        },
      }),
    ).rejects.toThrow('signature store unavailable');
    const after = await findApplication(ctx.db, a.id);
    expect(after!.state).toBe(before!.state);
    expect(after!.version).toBe(before!.version);
    expect((await ctx.db.select().from(auditLog)).length).toBe(auditBefore);
    // and the same step without the failing write goes through
    const ok = await runEvent(ctx, a.staff, a.id, { type: 'withdraw', reason: '撤回测试' }, before!.version);
    expect(ok.application.state).toBe('withdrawn');
  });
});

describe('补正 of a 一次性告知 (云医保〔2022〕6号 第九条; decision 0016)', () => {
  it('云医保〔2022〕6号 第九条: during 补正 the last file of a required item the notice does not list cannot be removed; a listed item can be replaced', async () => {
    const instId = await institution();
    const staff = await userOf({ kind: 'institution', regionCode: '530102', institutionId: instId }, ['institution_staff']);
    const row = await createApplication(ctx, staff, { route: 'new', paymentCategories: ['inpatient'], insuranceSchemes: ['employee'], conditions: DECLARED_CONDITIONS_MET });
    await uploadRequiredMaterials(ctx, staff, row.id, { except: ['licence_copy'] });
    await runEvent(ctx, staff, row.id, { type: 'submit' }, row.version);
    // the stamp of the uploaded form is missing too: listed with its requirement
    await runEvent(ctx, officer, row.id, { type: 'request_supplement', missingItems: ['licence_copy', 'application_form'], requirements: { application_form: '缺少盖章' } }, await version(row.id));
    const files = await materialsOf(ctx.db, row.id);
    const unlisted = files.find((f) => f.itemKey === 'internal_rules')!;
    await expect(removeMaterial(ctx, staff, row.id, unlisted.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('内部管理制度和财务制度文本') });
    expect((await materialsOf(ctx.db, row.id)).some((f) => f.id === unlisted.id)).toBe(true); // nothing removed
    await removeMaterial(ctx, staff, row.id, files.find((f) => f.itemKey === 'application_form')!.id);
    await uploadRequiredMaterials(ctx, staff, row.id, { only: ['application_form', 'licence_copy'] });
    await runEvent(ctx, staff, row.id, { type: 'supplement', items: ['licence_copy', 'application_form'] }, await version(row.id));
    expect((await runEvent(ctx, officer, row.id, { type: 'accept' }, await version(row.id))).application.state).toBe('accepted');
  });
});
