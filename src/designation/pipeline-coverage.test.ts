/**
 * "Covered" means the pipeline runs it (issue #8). Every checkable rule of stage screening or
 * conditions, of every policy profile, for every kind of institution it applies to, is made to
 * fire through the real use cases on a test database: the facts are written where the registry,
 * the history or the declaration keep them, the institution submits, and the automatic screening
 * (不予受理 reasons on the application) or the stored check of the basic conditions (不符合) names
 * the rule — not the rule runner alone.
 *
 * Rules whose facts nobody records yet are listed in NOT_YET_FED with the missing fact; the test
 * fails when such a rule starts to fire (remove it from the list) and when a rule is neither fed
 * nor listed. docs/policy-coverage.md says "covered" only for what this test walks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildSessionUser, ensureRegion } from '../testing/factories';
import { applications, institutionPersons, institutionTerminations, institutions, persons, regions, screeningFindings, settings } from '../db/schema/index';
import type { FindingKind } from '../domain/policy/findings';
import type { PracticeScope } from '../domain/registry/practice-scope';
import { resolveProfile } from '../domain/policy/resolve';
import type { DeclaredConditions } from '../domain/designation/conditions';
import type { InstitutionKind, InstitutionSubtype } from '../domain/registry/enums';
import { findApplication } from '../db/designation-repo';
import { findConditionCheck } from '../db/condition-check-repo';
import { createApplication } from './create-application';
import { runEvent } from './run-event';
import { allocationPlanKey } from './screening-facts';

/**
 * Rules (by slot: the national rule a regional one stands for) whose facts no part of the system
 * records yet — each with the fact that is missing. 第十二条(一)–(四) and 308号 二(二) are fed since decision 0024
 * (the registry's main scope, the officer's findings); (五)(六) since decision 0034 (the institution's own
 * termination records, their cause). None is left.
 */
const NOT_YET_FED: Record<string, string> = {};

const TODAY = '2025-09-25';
const PROVINCES: Record<string, string> = {
  national: '120000', yunnan: '530000', beijing: '110000', jilin: '220000', 'zizhiqu-2025-draft': '150000',
};
const county = (province: string) => `${province.slice(0, 2)}0101`;

let ctx: TestContext;
let n = 0;

beforeAll(async () => {
  ctx = await createTestContext(`${TODAY}T09:00:00+08:00`);
  for (const [profile, province] of Object.entries(PROVINCES)) {
    await ensureRegion(ctx, county(province));
    await ctx.db.update(regions).set({ profileId: profile }).where(eq(regions.code, province));
  }
});
afterAll(async () => ctx.close());

interface Setup {
  openedOn?: string;
  status?: 'terminated';
  /** the institution's own termination record: 违法违规 (第十二条(五)) or 严重违约 (第十二条(六)), 6 months ago (decision 0034) */
  termination?: 'violation' | 'breach';
  declared?: DeclaredConditions;
  /** persons linked to the applicant (a dishonest one; one who held a role in a terminated institution) */
  person?: 'dishonest' | 'terminated_elsewhere';
  /** earlier failed evaluations of the institution (served on these dates) */
  failures?: string[];
  /** the registry's 主要执业范围 (京医保发〔2021〕30号 第十二条(一); decision 0024) */
  mainScope?: PracticeScope[];
  /** an officer's finding at 材料审核, recorded in this application (decision 0024) */
  finding?: FindingKind;
  /** the province's allocation plan setting */
  allocationPlan?: boolean;
}

/** A declaration that meets every condition, so that only the rule under test can fail. */
const CLEAN: DeclaredConditions = {
  physicians: [{ name: '王医师', firstRegisteredHere: true, registeredSince: '2020-01-02' }],
  hasInsuranceStaff: true, hasInternalInsuranceDept: true,
  licensedPharmacistsWithContract: 1, insuranceStaffWithContract: 2,
  ltc: { hasLicence: true, medicalOrNursingStaff: 1, socialWorkerOrCaregiver: 1 },
};

/** How to make each rule (by slot) fire, through the facts where the system keeps them. */
const TRIGGER: Record<string, Setup> = {
  'national.condition.min-operating-months': { openedOn: '2025-08-25' },
  'national.pharmacy.condition.min-operating-months': { openedOn: '2025-08-25' },
  'national.condition.physician-registration': { declared: { ...CLEAN, physicians: [{ name: '新医师', firstRegisteredHere: true, registeredSince: '2025-08-01' }] } },
  'national.condition.insurance-staff': { declared: { ...CLEAN, hasInsuranceStaff: false } },
  'national.pharmacy.condition.pharmacist': { declared: { ...CLEAN, licensedPharmacistsWithContract: 0 } },
  'national.pharmacy.condition.insurance-staff': { declared: { ...CLEAN, insuranceStaffWithContract: 1 } },
  'jilin.condition.ltc-licence': { declared: { ...CLEAN, ltc: { hasLicence: false, medicalOrNursingStaff: 1, socialWorkerOrCaregiver: 1 } } },
  'jilin.condition.ltc-staff': { declared: { ...CLEAN, ltc: { hasLicence: true, medicalOrNursingStaff: 0, socialWorkerOrCaregiver: 1 } } },
  'national.refusal.illegal-termination': { status: 'terminated', termination: 'violation' },
  'national.pharmacy.refusal.illegal-termination': { status: 'terminated', termination: 'violation' },
  'national.refusal.serious-breach-termination': { status: 'terminated', termination: 'breach' },
  'national.pharmacy.refusal.serious-breach-termination': { status: 'terminated', termination: 'breach' },
  'national.refusal.person-prior-termination': { person: 'terminated_elsewhere' },
  'national.pharmacy.refusal.person-prior-termination': { person: 'terminated_elsewhere' },
  'national.refusal.person-dishonest': { person: 'dishonest' },
  'national.pharmacy.refusal.person-dishonest': { person: 'dishonest' },
  'national.refusal.retry-after-failure': { failures: ['2025-08-01'] },
  'national.refusal.ban-after-second-failure': { failures: ['2025-03-01', '2025-08-01'] },
  'zizhiqu.refusal.allocation-plan-freeze': { allocationPlan: false },
  'national.refusal.non-basic-scope': { mainScope: ['medical_cosmetology'] },
  'national.refusal.price-policy': { finding: 'price_violation' },
  'national.refusal.unfulfilled-penalty': { finding: 'unfulfilled_penalty' },
  'national.pharmacy.refusal.unfulfilled-penalty': { finding: 'unfulfilled_penalty' },
  'national.refusal.fraud-application': { finding: 'fraud_application' },
  'national.pharmacy.refusal.fraud-application': { finding: 'fraud_application' },
  'yunnan.refusal.medical-safety': { finding: 'adverse_social_impact' },
};

const SUBTYPE: Record<InstitutionKind, InstitutionSubtype> = {
  medical: 'general_hospital', pharmacy: 'pharmacy_single', ltc: 'ltc_nursing_home', third_party: 'general_hospital',
} as Record<InstitutionKind, InstitutionSubtype>;
const CATEGORY: Partial<Record<InstitutionKind, string>> = { medical: 'inpatient', pharmacy: 'pharmacy_purchase', ltc: 'long_term_care' };
const SCHEMES: Partial<Record<InstitutionKind, ('employee' | 'resident' | 'critical_illness' | 'ltc_insurance')[]>> = {
  medical: ['employee', 'resident', 'critical_illness'], pharmacy: ['employee', 'resident', 'critical_illness'], ltc: ['ltc_insurance'],
};

async function person(dishonest: boolean) {
  const [p] = await ctx.db.insert(persons).values({ idNumber: `1201011980010${String(++n).padStart(5, '0')}`, name: `人员${n}`, dishonest }).returning();
  return p!;
}
async function institution(regionCode: string, kind: InstitutionKind, s: Setup) {
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name: `覆盖测试机构${++n}`, uscc: `COVER${String(n).padStart(13, '0')}`, kind, subtype: SUBTYPE[kind], ownership: 'private', beds: 20,
    regionCode, address: '测试路', openedOn: s.openedOn ?? '2020-01-01', status: s.status ?? 'applicant', createdAt: now, updatedAt: now,
    ...(s.mainScope ? { mainScope: s.mainScope } : {}),
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  return row!.id;
}

/** Submits an application of `kind` in the profile's province with the setup; returns what the pipeline stored. */
async function run(profile: string, kind: InstitutionKind, s: Setup) {
  const regionCode = county(PROVINCES[profile]!);
  const instId = await institution(regionCode, kind, s);
  if (s.termination) {
    await ctx.db.insert(institutionTerminations).values({
      institutionId: instId, terminatedOn: '2025-03-25', category: s.termination === 'violation' ? 'serious' : 'other', cause: s.termination,
      situation: s.termination === 'violation' ? 'fraud' : 'by_agreement', source: 'lifecycle', createdAt: ctx.clock.now(),
    });
  }
  if (s.person) {
    const p = await person(s.person === 'dishonest');
    await ctx.db.insert(institutionPersons).values({ institutionId: instId, personId: p.id, role: 'legal_rep', fromDate: '2024-01-01' });
    if (s.person === 'terminated_elsewhere') {
      const other = await institution(regionCode, kind, { status: 'terminated' });
      await ctx.db.insert(institutionPersons).values({ institutionId: other, personId: p.id, role: 'legal_rep', fromDate: '2019-01-01', toDate: '2023-12-31' });
      // terminated for 严重违法违规 while the person held the role (decision 0024): the lifecycle will write this record
      await ctx.db.insert(institutionTerminations).values({ institutionId: other, terminatedOn: '2023-06-30', category: 'serious', createdAt: ctx.clock.now() });
    }
  }
  for (const on of s.failures ?? []) {
    const now = ctx.clock.now();
    await ctx.db.insert(applications).values({
      institutionId: instId, kind, regionCode, profileId: profile, state: 'withdrawn', version: 1,
      data: { state: 'withdrawn', evaluations: [{ on, pass: false, reasons: ['评估不合格'] }], noticeServedOn: on },
      declaration: { paymentCategories: [], insuranceSchemes: [] }, createdAt: now, updatedAt: now,
    } as typeof applications.$inferInsert);
  }
  const key = allocationPlanKey(regionCode);
  await ctx.db.insert(settings).values({ key, value: s.allocationPlan ?? true, updatedAt: ctx.clock.now() })
    .onConflictDoUpdate({ target: settings.key, set: { value: s.allocationPlan ?? true } });
  const staff = await buildSessionUser(ctx, { kind: 'institution', regionCode, institutionId: instId }, ['institution_staff']);
  const draft = await createApplication(ctx, staff, {
    route: 'new', paymentCategories: [CATEGORY[kind]!], insuranceSchemes: SCHEMES[kind]!, conditions: s.declared ?? CLEAN,
  });
  if (s.finding) {
    await ctx.db.insert(screeningFindings).values({
      institutionId: instId, applicationId: draft.id, kind: s.finding, foundOn: '2025-09-01', source: '覆盖测试〔2025〕1号', note: '核查记录', recordedAt: ctx.clock.now(),
    });
  }
  await runEvent(ctx, staff, draft.id, { type: 'submit' }, draft.version);
  const row = (await findApplication(ctx.db, draft.id))!;
  const screened = ((row.data as { screeningReasons?: { ruleId: string }[] }).screeningReasons ?? []).map((r) => r.ruleId);
  const unmet = ((await findConditionCheck(ctx.db, draft.id))?.rows ?? []).filter((r) => r.result === 'not_met').map((r) => r.ruleId);
  return { screened, unmet };
}

/** Every (profile, checkable screening/conditions rule, kind) the pipeline must run. */
const CASES = Object.keys(PROVINCES).flatMap((profile) =>
  resolveProfile(profile, TODAY).rules
    .filter(({ rule }) => (rule.stage === 'screening' || rule.stage === 'conditions') && rule.check)
    .flatMap(({ rule, slot }) => rule.appliesTo.filter((k) => CATEGORY[k]).map((kind) => ({ profile, ruleId: rule.id, slot, stage: rule.stage!, kind }))));

describe('every screening and condition rule fires through the real pipeline (issue #8: covered means the pipeline runs it)', () => {
  it('walks rules of every profile and every kind', () => {
    expect(CASES.length).toBeGreaterThan(100);
    expect(new Set(CASES.map((c) => c.profile))).toEqual(new Set(Object.keys(PROVINCES)));
  });

  it('every rule is either fed by the pipeline or listed with the fact that is missing', () => {
    const neither = [...new Set(CASES.map((c) => c.slot))].filter((s) => !TRIGGER[s] && !NOT_YET_FED[s]);
    expect(neither).toEqual([]);
    const both = Object.keys(TRIGGER).filter((s) => NOT_YET_FED[s]);
    expect(both).toEqual([]);
  });

  it.each(CASES.filter((c) => TRIGGER[c.slot]).map((c) => [`${c.profile} ${c.ruleId} (${c.kind})`, c] as const))('%s fires', async (_name, c) => {
    const { screened, unmet } = await run(c.profile, c.kind, TRIGGER[c.slot]!);
    expect(c.stage === 'screening' ? screened : unmet, `${c.profile}/${c.ruleId}/${c.kind}`).toContain(c.ruleId);
  });

  it('a clean applicant of each kind triggers nothing in any profile (the triggers are what fires)', async () => {
    for (const profile of Object.keys(PROVINCES)) {
      for (const kind of ['medical', 'pharmacy', ...(profile === 'jilin' ? ['ltc' as const] : [])] as InstitutionKind[]) {
        expect(await run(profile, kind, {}), `${profile}/${kind}`).toEqual({ screened: [], unmet: [] });
      }
    }
  });

  it('a registry status of 协议解除 alone (no termination record) bans nothing: the screening reads the records (decision 0034)', async () => {
    for (const profile of Object.keys(PROVINCES)) {
      expect(await run(profile, 'medical', { status: 'terminated' }), profile).toEqual({ screened: [], unmet: [] });
    }
  });

  it('the rules listed as not yet fed do not fire on any fact the pipeline records today (remove them from the list once they do)', async () => {
    const listed = CASES.filter((c) => NOT_YET_FED[c.slot]);
    // the worst applicant the registry can describe today: terminated, dishonest person, failures, opened last month
    const worst = await run('yunnan', 'medical', { status: 'terminated', person: 'dishonest', failures: ['2025-08-01'], openedOn: '2025-08-25' });
    for (const c of listed.filter((x) => x.profile === 'yunnan' && x.kind === 'medical')) expect(worst.screened, c.ruleId).not.toContain(c.ruleId);
  });
});
