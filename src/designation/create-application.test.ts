/**
 * createApplication and the screening facts on PGlite: who may apply on which route (云医保〔2022〕6号
 * 第六条第二款; 吉医保规〔2023〕1号 第三十三条), which agency level receives the application (云人社发〔2016〕308号
 * 三 分级定点), and the allocation-plan fact read by the 2025 draft's freeze (自治区医保局〔2025〕征求意见稿 四).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildOrg, buildSessionUser, ensureRegion } from '../testing/factories';
import { institutions, regions, settings } from '../db/schema/index';
import type { SessionUser } from '../domain/identity/roles';
import type { AdminLevel, InstitutionKind, InstitutionStatus, InstitutionSubtype } from '../domain/registry/enums';
import { createApplication } from './create-application';
import { allocationPlanKey } from './screening-facts';
import { runEvent } from './run-event';

let ctx: TestContext;
let n = 0;
const agencies: Partial<Record<AdminLevel, string>> = {};

interface InstSpec {
  regionCode?: string;
  kind?: InstitutionKind;
  subtype?: InstitutionSubtype;
  adminLevel?: AdminLevel;
  status?: InstitutionStatus;
}

/** An institution and its staff user, signed in. */
async function staffOf(spec: InstSpec = {}): Promise<SessionUser> {
  const now = ctx.clock.now();
  const regionCode = spec.regionCode ?? '530102';
  const [row] = await ctx.db.insert(institutions).values({
    name: `建档测试机构${++n}`, uscc: `CREATE${String(n).padStart(12, '0')}`, kind: spec.kind ?? 'medical', subtype: spec.subtype ?? 'general_hospital',
    ownership: 'private', adminLevel: spec.adminLevel ?? 'county', status: spec.status ?? 'applicant',
    regionCode, address: '测试路', openedOn: '2024-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  return buildSessionUser(ctx, { kind: 'institution', regionCode, institutionId: row!.id }, ['institution_staff']);
}
const apply = (staff: SessionUser, route: 'new' | 'add_category' = 'new') =>
  createApplication(ctx, staff, { route, paymentCategories: ['inpatient'], insuranceSchemes: ['employee'] });

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  await ensureRegion(ctx, '530102', '五华区');
  await ensureRegion(ctx, '530100', '昆明市');
  await ensureRegion(ctx, '530000', '云南省');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  agencies.province = (await buildOrg(ctx, { kind: 'agency', level: 'province', regionCode: '530000', name: '云南省医疗保障服务中心' })).id;
  agencies.prefecture = (await buildOrg(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100', name: '昆明市医疗保障服务中心' })).id;
  agencies.county = (await buildOrg(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' })).id;
});
afterAll(async () => ctx.close());

describe('createApplication: who may apply on which route', () => {
  it('云医保〔2022〕6号 第六条第二款: adding a payment category (add_category) is for a designated institution only', async () => {
    const applicant = await staffOf({ status: 'applicant' });
    await expect(apply(applicant, 'add_category')).rejects.toMatchObject({
      code: 'RULE_REFUSED', message: '只有已定点的机构可以申请增加医保支付类别',
      details: { reasons: [{ ruleId: 'designation.route.add-category', citation: '云医保〔2022〕6号 第六条第二款' }] },
    });
    const suspended = await staffOf({ status: 'suspended' });
    await expect(apply(suspended, 'add_category')).rejects.toMatchObject({ code: 'RULE_REFUSED' });
    const designated = await staffOf({ status: 'designated' });
    const row = await apply(designated, 'add_category');
    expect(row.state).toBe('draft');
    expect((row.data as { route: string }).route).toBe('add_category');
    // the first-time route stays open to the applicant
    expect((await apply(applicant)).state).toBe('draft');
  });

  it('吉医保规〔2023〕1号 第三十三条: a third-party service (检验、病理、影像) files its services and does not apply for designation — a Yunnan lab is told so without a Jilin citation (issue #7)', async () => {
    const lab = await staffOf({ kind: 'third_party', subtype: undefined });
    const refusal = await apply(lab).then(() => null, (e: { code: string; message: string; details: { reasons: { ruleId: string; citation: string }[] } }) => e);
    expect(refusal).toMatchObject({ code: 'RULE_REFUSED', message: '第三方服务机构向经办机构备案服务项目，不申请定点' });
    expect(refusal!.details.reasons[0]!.ruleId).toBe('jilin.procedure.third-party-filing');
    expect(refusal!.details.reasons[0]!.citation).toMatch(/^国家医疗保障局令第2号/);
    expect(refusal!.details.reasons[0]!.citation).not.toMatch(/吉医保规|京医保发/);
  });
});

describe('createApplication: the receiving agency', () => {
  it('云人社发〔2016〕308号 三: 分级定点 — a county, prefecture or province hospital in 五华区 applies to the agency of its own level', async () => {
    const at = async (adminLevel: AdminLevel) => (await apply(await staffOf({ adminLevel }))).agencyOrgId;
    expect(await at('county')).toBe(agencies.county);
    expect(await at('prefecture')).toBe(agencies.prefecture);
    expect(await at('province')).toBe(agencies.province);
    // 乡镇卫生院 and the like: the county agency whatever their registered level
    expect((await apply(await staffOf({ adminLevel: 'prefecture', subtype: 'township_health_center' }))).agencyOrgId).toBe(agencies.county);
  });
});

describe('screening facts: the allocation plan', () => {
  it('自治区医保局〔2025〕征求意见稿 四: until the region\'s allocation plan is in force, screening proposes to refuse new designations', async () => {
    await ensureRegion(ctx, '450000', '自治区');
    await ensureRegion(ctx, '450102', '某区');
    await ctx.db.update(regions).set({ profileId: 'zizhiqu-2025-draft' }).where(eq(regions.code, '450000'));
    await buildOrg(ctx, { kind: 'agency', level: 'county', regionCode: '450102' });
    const submitted = async () => {
      const staff = await staffOf({ regionCode: '450102' });
      const row = await apply(staff);
      expect(row.profileId).toBe('zizhiqu-2025-draft');
      return (await runEvent(ctx, staff, row.id, { type: 'submit' }, row.version)).application;
    };
    const setPlan = async (value: boolean) => {
      await ctx.db.insert(settings).values({ key: allocationPlanKey('450102'), value, updatedAt: ctx.clock.now() })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: ctx.clock.now() } });
    };
    const freeze = (row: { data: unknown }) =>
      ((row.data as { screeningReasons: { ruleId: string; citation: string }[] }).screeningReasons).filter((r) => r.ruleId === 'zizhiqu.refusal.allocation-plan-freeze');

    await setPlan(false);
    const frozen = await submitted();
    expect(frozen.state).toBe('screening_refused');
    expect(freeze(frozen)).toEqual([expect.objectContaining({ citation: '自治区医保局〔2025〕征求意见稿（草案） 四', message: expect.stringContaining('暂停新增医保定点') })]);

    await setPlan(true);
    expect(freeze(await submitted())).toEqual([]);
  });
});
