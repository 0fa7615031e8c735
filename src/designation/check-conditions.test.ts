/**
 * The basic conditions in the procedure (decision 0023), on a test database with a fixed clock:
 * the submission's automatic screening runs the profile's condition rules on the registry and the
 * declaration and stores every rule with its article and reason; an unmet condition makes the
 * evaluation's result 不合格 with that article; a missing fact gives 无法判断 — never a pass — and
 * the result cannot be concluded until the officer records a finding (HTTP, with the audit row).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildSessionUser, ensureRegion, sessionHeaders } from '../testing/factories';
import { applications, auditLog, institutions, regions } from '../db/schema/index';
import { buildApp } from '../server/app';
import type { SessionUser } from '../domain/identity/roles';
import type { DeclaredConditions, ConditionCheck } from '../domain/designation/conditions';
import type { Application } from '../domain/designation/application';
import type { DesignationEvent } from '../domain/designation/events';
import { ctxFor, draftMedical, walk, type Step } from '../domain/designation/fixtures';
import { BEIJING, JILIN, YUNNAN, type WorkflowProfile } from '../domain/designation/profiles';
import { transition } from '../domain/designation/transition';
import type { InstitutionKind, InstitutionSubtype } from '../domain/registry/enums';
import { findConditionCheck } from '../db/condition-check-repo';
import { createApplication } from './create-application';
import { runEvent } from './run-event';

let ctx: TestContext;
let app: FastifyInstance;
let n = 0;

const GOOD: DeclaredConditions = {
  physicians: [{ name: '王医师', firstRegisteredHere: true, registeredSince: '2024-01-02' }],
  hasInsuranceStaff: true,
  hasInternalInsuranceDept: false,
};

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  app = await buildApp(ctx);
  for (const [code, profile] of [['110105', 'beijing'], ['530102', 'yunnan'], ['220102', 'jilin']] as const) {
    await ensureRegion(ctx, code);
    await ctx.db.update(regions).set({ profileId: profile }).where(eq(regions.code, `${code.slice(0, 2)}0000`));
  }
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

/** An institution in `regionCode`, opened on `openedOn` (null: not recorded), submitted with `conditions` declared. */
async function submitted(regionCode: string, openedOn: string | null, conditions: DeclaredConditions | undefined, kind: InstitutionKind = 'medical') {
  const now = ctx.clock.now();
  const subtype: InstitutionSubtype = kind === 'ltc' ? 'ltc_nursing_home' : 'general_hospital';
  const [inst] = await ctx.db.insert(institutions).values({
    name: `条件测试机构${++n}`, uscc: `COND${String(n).padStart(14, '0')}`, kind, subtype, ownership: 'private', beds: 20,
    regionCode, address: '测试路', openedOn, createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  const staff = await buildSessionUser(ctx, { kind: 'institution', regionCode, institutionId: inst!.id }, ['institution_staff']);
  const row = await createApplication(ctx, staff, {
    route: 'new',
    paymentCategories: kind === 'ltc' ? ['long_term_care'] : ['inpatient'],
    insuranceSchemes: kind === 'ltc' ? ['ltc_insurance'] : ['employee', 'resident', 'critical_illness'],
    ...(conditions ? { conditions } : {}),
  });
  await runEvent(ctx, staff, row.id, { type: 'submit' }, row.version);
  const check = await findConditionCheck(ctx.db, row.id);
  expect(check, '提交后的自动核查应保存基本条件结果').not.toBeNull();
  return { id: row.id, check: check! };
}
const rowOf = (check: ConditionCheck, ruleId: string) => check.rows.find((r) => r.ruleId === ruleId);

/** The pure pipeline up to a concluded third-party evaluation, with the stored check in the context. */
function conclude(profile: WorkflowProfile, check: ConditionCheck, levels: { accept?: 'county'; evaluate?: 'province' } = {}) {
  const SUBMIT: Step[] = [
    { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-09-25' },
    { ev: { type: 'screening_completed', reasons: [] }, role: 'system', on: '2025-09-25' },
    { ev: { type: 'accept' }, role: 'agency_officer', on: '2025-09-26', ...(levels.accept ? { level: levels.accept } : {}) },
  ];
  const third: DesignationEvent = { type: 'appoint_third_party', name: '某评估公司', qualification: '资质证书', sheetId: 's', inspection: { required: true, mode: 'on_site' } };
  const lv = levels.evaluate ? { level: levels.evaluate } : {};
  const w = walk(profile, draftMedical(`c${++n}`), [
    ...SUBMIT,
    ...(profile.batchEvaluation.value ? [{ ev: { type: 'assign_batch', batchId: 'b', plannedOn: '2025-09-29' }, role: 'agency_officer', on: '2025-09-26' } satisfies Step] : []),
    { ev: third, role: 'agency_officer', on: '2025-09-29', ...lv },
    { ev: { type: 'record_inspection', by: ['核查员'], findings: '现场核查', ...(profile.inspectionChecklist.value ? { checklist: profile.inspectionChecklist.value.map((i) => ({ item: i.id, conforming: true, finding: '符合' })) } : {}) }, role: 'agency_officer', on: '2025-09-29' },
    { ev: { type: 'record_third_party_result', pass: true, reportId: 'R-1' }, role: 'agency_officer', on: '2025-09-30' },
  ]);
  return transition(w.app, { type: 'conclude_evaluation' }, { ...ctxFor(profile, 'agency_officer', '2025-09-30', levels.evaluate ? { agencyLevel: levels.evaluate } : {}), conditions: check });
}

describe('basic conditions are evaluated in the procedure, on registry and declaration facts', () => {
  it('京医保发〔2021〕30号 第六条(一): operating for 2 months is flagged at screening and the evaluation concludes 不合格 with that article', async () => {
    const { check } = await submitted('110105', '2025-07-25', GOOD);
    const row = rowOf(check, 'beijing.condition.min-operating-months');
    expect(row).toMatchObject({ result: 'not_met', citation: '京医保发〔2021〕30号 第六条(一)' });
    expect(row!.reason).toContain('正式运营不满3个月');
    expect(check.asOf).toBe('2025-09-25');
    // the other conditions the registry and the declaration decide are met
    expect(rowOf(check, 'beijing.condition.physician-registration')?.result).toBe('met');
    expect(rowOf(check, 'beijing.condition.insurance-staff')?.result).toBe('met');

    const r = conclude(BEIJING, check, { accept: 'county', evaluate: 'province' });
    expect(r.ok && r.next.state).toBe('evaluated_fail');
    const outcome = r.ok ? (r.next as Extract<Application, { state: 'evaluated_fail' }>).evaluations.at(-1)! : null;
    expect(outcome?.reasons.join('；')).toContain('京医保发〔2021〕30号 第六条(一)');
  });

  it('云医保〔2022〕6号 第六条 via 国家医疗保障局令第2号 第六条: operating for 2 months in Yunnan is not met under 令第2号 第六条(一)', async () => {
    const { check } = await submitted('530102', '2025-07-25', GOOD);
    expect(rowOf(check, 'national.condition.min-operating-months')).toMatchObject({ result: 'not_met', citation: '国家医疗保障局令第2号 第六条(一)' });
    const r = conclude(YUNNAN, check);
    expect(r.ok && r.next.state).toBe('evaluated_fail');
  });

  it('京医保发〔2021〕30号 第六条(一): operating for more than 3 months passes, and a clean check concludes 合格', async () => {
    const { check } = await submitted('110105', '2025-06-20', GOOD);
    expect(check.rows.map((r) => r.result)).toEqual(['met', 'met', 'met']);
    const r = conclude(BEIJING, check, { accept: 'county', evaluate: 'province' });
    expect(r.ok && r.next.state).toBe('evaluated_pass');
  });

  it('京医保发〔2021〕30号 第六条(一)(二): a missing opening date and undeclared physicians give 无法判断, not a pass; the result waits for the officer\'s finding', async () => {
    const { id, check } = await submitted('110105', null, { hasInsuranceStaff: true });
    expect(rowOf(check, 'beijing.condition.min-operating-months')).toMatchObject({ result: 'unknown', citation: '京医保发〔2021〕30号 第六条(一)' });
    expect(rowOf(check, 'beijing.condition.min-operating-months')!.reason).toContain('正式运营日期');
    expect(rowOf(check, 'beijing.condition.physician-registration')?.result).toBe('unknown');

    // neither 合格 nor 不合格 while a condition is undetermined
    const refused = conclude(BEIJING, check, { accept: 'county', evaluate: 'province' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reasons.map((x) => x.ruleId)).toContain('conditions.determined');
    expect(!refused.ok && refused.reasons.find((x) => x.ruleId === 'conditions.determined')!.citation).toContain('京医保发〔2021〕30号 第六条(一)');

    // the officer reads every rule on the application page and records findings over HTTP
    const officer: SessionUser = await buildSessionUser(ctx, { kind: 'agency', level: 'county', regionCode: '110105' }, ['agency_officer']);
    const headers = await sessionHeaders(ctx, officer.id);
    const view = await app.inject({ method: 'GET', url: `/api/applications/${id}`, headers });
    expect(view.statusCode, view.body).toBe(200);
    const shown = view.json().conditions;
    expect(shown.rows.map((r: { citation: string; resultLabel: string }) => [r.citation, r.resultLabel])).toEqual([
      ['京医保发〔2021〕30号 第六条(一)', '无法判断'], ['京医保发〔2021〕30号 第六条(二)', '无法判断'], ['京医保发〔2021〕30号 第六条(三)', '符合'],
    ]);
    const noNote = await app.inject({ method: 'POST', url: `/api/applications/${id}/conditions/findings`, headers, payload: { version: shown.version, ruleId: 'beijing.condition.min-operating-months', met: true } });
    expect(noNote.statusCode).toBe(400);
    let version = shown.version as number;
    for (const ruleId of ['beijing.condition.min-operating-months', 'beijing.condition.physician-registration']) {
      const res = await app.inject({
        method: 'POST', url: `/api/applications/${id}/conditions/findings`, headers,
        payload: { version, ruleId, met: true, note: '现场核查营业执照、医师执业注册信息，符合' },
      });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    }
    const stale = await app.inject({ method: 'POST', url: `/api/applications/${id}/conditions/findings`, headers, payload: { version: 1, ruleId: 'beijing.condition.min-operating-months', met: true, note: '重复提交' } });
    expect(stale.statusCode).toBe(409);
    const audited = await ctx.db.select({ action: auditLog.action }).from(auditLog)
      .where(and(eq(auditLog.entityType, 'application_conditions'), eq(auditLog.entityId, id)));
    expect(audited.map((a) => a.action)).toEqual(['application_conditions.check', 'application_conditions.finding', 'application_conditions.finding']);

    const settled = (await findConditionCheck(ctx.db, id))!;
    const r = conclude(BEIJING, settled, { accept: 'county', evaluate: 'province' });
    expect(r.ok && r.next.state).toBe('evaluated_pass');
  });

  it('国家医疗保障局令第2号 第六条(一): after the registry is corrected the officer re-runs the check; findings are kept', async () => {
    const { id } = await submitted('530102', null, GOOD);
    const officer = await buildSessionUser(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer']);
    const headers = await sessionHeaders(ctx, officer.id);
    const [{ institutionId }] = (await ctx.db.select({ institutionId: applications.institutionId }).from(applications).where(eq(applications.id, id))) as [{ institutionId: string }];
    await ctx.db.update(institutions).set({ openedOn: '2024-01-01' }).where(eq(institutions.id, institutionId!));
    const before = (await findConditionCheck(ctx.db, id))!;
    const res = await app.inject({ method: 'POST', url: `/api/applications/${id}/conditions/check`, headers, payload: { version: before.version } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows.find((r: { ruleId: string }) => r.ruleId === 'national.condition.min-operating-months').result).toBe('met');
    // an institution's own staff may not
    const staff = await buildSessionUser(ctx, { kind: 'institution', regionCode: '530102', institutionId }, ['institution_staff']);
    const own = await app.inject({ method: 'POST', url: `/api/applications/${id}/conditions/check`, headers: await sessionHeaders(ctx, staff.id), payload: {} });
    expect(own.statusCode).toBe(403);
  });

  it('国家医疗保障局令第2号 第六条(二)(三): the institution declares the facts on its draft (PATCH …/declaration); the check reads them at submission', async () => {
    const now = ctx.clock.now();
    const [inst] = await ctx.db.insert(institutions).values({
      name: `条件测试机构${++n}`, uscc: `COND${String(n).padStart(14, '0')}`, kind: 'medical', subtype: 'general_hospital', ownership: 'private', beds: 150,
      regionCode: '530102', address: '测试路', openedOn: '2024-01-01', createdAt: now, updatedAt: now,
    } as typeof institutions.$inferInsert).returning({ id: institutions.id });
    const staff = await buildSessionUser(ctx, { kind: 'institution', regionCode: '530102', institutionId: inst!.id }, ['institution_staff']);
    const headers = await sessionHeaders(ctx, staff.id);
    const created = await app.inject({ method: 'POST', url: '/api/applications', headers, payload: { paymentCategories: ['inpatient'], insuranceSchemes: ['employee'] } });
    expect(created.statusCode, created.body).toBe(201);
    const { id, version } = created.json();
    const bad = await app.inject({ method: 'PATCH', url: `/api/applications/${id}/declaration`, headers, payload: { version, conditions: { physicians: [{ name: '王医师', firstRegisteredHere: true, registeredSince: '2024-13-40' }] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('医师注册日期');
    const patched = await app.inject({ method: 'PATCH', url: `/api/applications/${id}/declaration`, headers, payload: { version, conditions: { ...GOOD, hasInternalInsuranceDept: false } } });
    expect(patched.statusCode, patched.body).toBe(200);
    const shown = (await app.inject({ method: 'GET', url: `/api/applications/${id}`, headers })).json();
    expect(shown.declaration.conditions.physicians).toEqual(GOOD.physicians);
    await runEvent(ctx, staff, id, { type: 'submit' }, patched.json().version);
    const check = (await findConditionCheck(ctx.db, id))!;
    expect(rowOf(check, 'national.condition.physician-registration')?.result).toBe('met');
    // 150 beds (registry) without an internal 医保 department (declared): 第六条(三) not met
    expect(rowOf(check, 'national.condition.insurance-staff')).toMatchObject({ result: 'not_met', citation: '国家医疗保障局令第2号 第六条(三)' });
    expect(rowOf(check, 'national.condition.insurance-staff')!.reason).toContain('床位150张');
  });

  it('吉医保规〔2023〕1号 第九条(三): a care home without a 社会工作者 or 二级养老护理员 does not meet the LTC staffing condition', async () => {
    const { check } = await submitted('220102', '2024-01-01', { ltc: { hasLicence: true, medicalOrNursingStaff: 2, socialWorkerOrCaregiver: 0 } }, 'ltc');
    expect(rowOf(check, 'jilin.condition.ltc-licence')).toMatchObject({ result: 'met', citation: '吉医保规〔2023〕1号 第九条(一)' });
    const staffing = rowOf(check, 'jilin.condition.ltc-staff');
    expect(staffing).toMatchObject({ result: 'not_met', citation: '吉医保规〔2023〕1号 第九条(三)' });
    expect(staffing!.reason).toContain('社会工作者或二级及以上养老护理员不足');
    const r = conclude(JILIN, check);
    expect(r.ok && r.next.state).toBe('evaluated_fail');
  });

  it('吉医保规〔2023〕1号 第九条(一)(三): an LTC applicant that declared nothing is 无法判断 on both, never passed', async () => {
    const { check } = await submitted('220102', '2024-01-01', undefined, 'ltc');
    expect(check.rows.map((r) => [r.citation, r.result])).toEqual([
      ['吉医保规〔2023〕1号 第九条(一)', 'unknown'], ['吉医保规〔2023〕1号 第九条(三)', 'unknown'],
    ]);
  });
});
