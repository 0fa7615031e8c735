/**
 * 吉医保规〔2023〕1号 第二十三条(二): 医疗机构执业许可证上存在多个执业地, 医保经办机构需对各执业地进行
 * 评估, 对未通过评估的执业地不允许提供医疗保障服务. Where the application's profile has the rule
 * (吉林) and the institution has two or more practice sites, the agency records a result for each
 * site during the evaluation; the agreement is then drawn up from those results (generateAgreement):
 * it cannot be generated while a site has none, and sites that failed are left out of it.
 */
import { AppError, type RuleReason } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { chinaDate } from '../domain/clock/clock';
import { citationLabel, resolveProfile } from '../domain/policy/resolve';
import { appendAudit } from '../db/audit-repo';
import type { ApplicationRow } from '../db/designation-repo';
import { saveSiteResult, siteOf, sitesWithResults } from '../db/site-evaluation-repo';
import { loadApplicationFor } from '../designation/run-event';
import type { AppContext } from '../context';
import { sitesFromEvaluation, type SpecialCases } from './agreement-sections';

export const SITE_RULE_ID = 'jilin.procedure.site-evaluation';

/** The rule when the profile has it on that date, else null. */
function siteRule(profileId: string, asOf: string) {
  return resolveProfile(profileId, asOf).rules.find((r) => r.rule.id === SITE_RULE_ID)?.rule ?? null;
}

export async function listSiteEvaluations(ctx: AppContext, user: SessionUser, applicationId: string) {
  const app = await loadApplicationFor(ctx, user, applicationId);
  const rule = siteRule(app.profileId, chinaDate(ctx.clock.now()));
  const sites = await sitesWithResults(ctx.db, app.institutionId, app.id);
  return {
    applicationId: app.id, state: app.state,
    required: !!rule && sites.length >= 2, citation: rule ? citationLabel(rule) : null,
    sites: sites.map((s) => ({ ...s, pass: s.pass ?? null, note: s.note ?? null, evaluatedOn: s.evaluatedOn ?? null })),
  };
}

export async function recordSiteEvaluation(
  ctx: AppContext, user: SessionUser, applicationId: string, input: { siteId: string; pass: boolean; note: string | null },
) {
  const app = await loadApplicationFor(ctx, user, applicationId);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const rule = siteRule(app.profileId, today);
  if (!rule) {
    throw new AppError('RULE_REFUSED', '本地区的定点管理政策未规定对各执业地分别评估', {
      reasons: [{ ruleId: SITE_RULE_ID, citation: '吉医保规〔2023〕1号 第二十三条(二)', message: `政策配置（${app.profileId}）不含各执业地分别评估` }],
    });
  }
  if (app.state !== 'evaluating') throw new AppError('CONFLICT', '各执业地在评估阶段逐一评估，本申请当前不在评估中');
  const site = await siteOf(ctx.db, app.institutionId, input.siteId);
  if (!site) throw new AppError('NOT_FOUND', '执业地点不存在');
  if (!input.pass && !input.note) throw new AppError('INVALID_INPUT', '执业地点评估未通过的，须填写评估意见', { field: 'body.note' });
  return ctx.db.transaction(async (tx) => {
    const before = await saveSiteResult(tx, {
      applicationId: app.id, siteId: site.id, pass: input.pass, note: input.note, evaluatedOn: today, evaluatedBy: user.id, updatedAt: now,
    });
    await appendAudit(tx, now, {
      actor: user, action: 'site.evaluate', entityType: 'practice_site', entityId: site.id, regionCode: app.regionCode,
      before: before ? { pass: before.pass, note: before.note } : null,
      after: { applicationId: app.id, site: site.name, pass: input.pass, note: input.note, cite: citationLabel(rule) },
    });
    return { siteId: site.id, name: site.name, pass: input.pass, note: input.note, evaluatedOn: today };
  });
}

/**
 * The sites the agreement lists, from the evaluation — or undefined when the rule does not apply
 * (another profile, or fewer than two sites), in which case the caller's own `special.sites` stand.
 */
export async function evaluatedSites(ctx: AppContext, app: ApplicationRow, asOf: string): Promise<SpecialCases['sites']> {
  const rule = siteRule(app.profileId, asOf);
  if (!rule) return undefined;
  const sites = await sitesWithResults(ctx.db, app.institutionId, app.id);
  if (sites.length < 2) return undefined;
  const { sites: listed, missing } = sitesFromEvaluation(sites, sites.filter((s) => s.pass !== null).map((s) => ({ siteId: s.id, pass: s.pass! })));
  if (missing.length) {
    const reasons: RuleReason[] = missing.map((name) => ({ ruleId: rule.id, citation: citationLabel(rule), message: `执业地点“${name}”尚未评估` }));
    throw new AppError('RULE_REFUSED', '执业许可证上的各执业地尚未全部评估，不能生成协议文本', { reasons });
  }
  return listed;
}
