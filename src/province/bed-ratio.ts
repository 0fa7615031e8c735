/**
 * 云人社发〔2016〕308号 二(四): 每千参保人占有定点医疗机构住院床位数 for each 统筹地区 — designated
 * medical institutions' beds (registry) over the insured count the agency entered (with its date
 * and source), times 1,000. Only provinces whose profile carries the rule; the agency enters the
 * counts of its territory (audited; a correction is a new date).
 */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { chinaDate } from '../domain/clock/clock';
import { scopeContainsRegion, scopeOf } from '../domain/identity/territory';
import { appendAudit } from '../db/audit-repo';
import { designatedBeds, insertInsuredCount, latestInsuredCounts, poolingRegions, provincesFor } from '../db/province-repo';
import type { AppContext } from '../context';
import { BEDS_RULE_ID, citationLabel, requireRule, ruleOf } from './policy';

const CITE = '云人社发〔2016〕308号 二(四)';

export async function enterInsuredCount(
  ctx: AppContext, user: SessionUser, input: { regionCode: string; asOf: string; persons: number; source: string },
) {
  if (!scopeContainsRegion(scopeOf(user), input.regionCode)) throw new AppError('NOT_FOUND', '统筹地区不存在');
  const [prov] = await provincesFor(ctx.db, input.regionCode);
  const rule = requireRule(prov?.profileId ?? null, BEDS_RULE_ID, input.asOf, '按每千参保人床位数配置定点资源', CITE);
  const regions = await poolingRegions(ctx.db, [`${input.regionCode.slice(0, 2)}0000`]);
  if (!regions.some((r) => r.code === input.regionCode)) {
    throw new AppError('INVALID_INPUT', '参保人数按统筹地区（州、市）填报，应为州市级区划代码', { field: 'body.regionCode' });
  }
  const now = ctx.clock.now();
  if (input.asOf > chinaDate(now)) throw new AppError('INVALID_INPUT', '统计日期不能晚于今天', { field: 'body.asOf' });
  return ctx.db.transaction(async (tx) => {
    const row = await insertInsuredCount(tx, { ...input, enteredBy: user.id, enteredAt: now });
    if (!row) throw new AppError('CONFLICT', '该统筹地区在该日期已有参保人数，更正请填报新的统计日期');
    await appendAudit(tx, now, {
      actor: user, action: 'insured_count.enter', entityType: 'insured_count', entityId: `${input.regionCode}@${input.asOf}`,
      regionCode: input.regionCode, after: { ...input, cite: citationLabel(rule) },
    });
    return { regionCode: row.regionCode, asOf: row.asOf, persons: row.persons, source: row.source };
  });
}

/** The statistic for the 统筹地区 of the user's province (every province with a profile for national users). */
export function bedsPerThousand(ctx: AppContext, user: SessionUser) {
  return bedsPerThousandIn(ctx, user.orgLevel === 'national' ? null : user.orgRegionCode);
}

/**
 * The same statistic for the public (云人社发〔2016〕308号 二(四): 向社会公开): a province's 统筹地区, or
 * every province whose profile has the rule. No login; nothing personal in it.
 */
export function publicBedsPerThousand(ctx: AppContext, provinceCode: string | null) {
  return bedsPerThousandIn(ctx, provinceCode);
}

async function bedsPerThousandIn(ctx: AppContext, regionCode: string | null) {
  const today = chinaDate(ctx.clock.now());
  const provinces = (await provincesFor(ctx.db, regionCode))
    .filter((p) => ruleOf(p.profileId, BEDS_RULE_ID, today));
  const regions = await poolingRegions(ctx.db, provinces.map((p) => p.code));
  const beds = await designatedBeds(ctx.db, provinces.map((p) => p.code.slice(0, 2)));
  const insured = await latestInsuredCounts(ctx.db, regions.map((r) => r.code), today);
  const rule = provinces.length ? ruleOf(provinces[0]!.profileId, BEDS_RULE_ID, today) : null;
  return {
    asOf: today, applies: provinces.length > 0, citation: rule ? citationLabel(rule) : CITE,
    regions: regions.map((r) => {
      const b = beds.get(r.code) ?? { beds: 0, institutions: 0 };
      const i = insured.get(r.code);
      return {
        regionCode: r.code, regionName: r.name, designatedInstitutions: b.institutions, beds: b.beds,
        insured: i ? { persons: i.persons, asOf: i.asOf, source: i.source } : null,
        bedsPerThousand: i && i.persons > 0 ? Math.round((b.beds * 1000 * 100) / i.persons) / 100 : null,
      };
    }),
  };
}
