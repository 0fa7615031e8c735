/** Which 云人社发〔2016〕308号 duties a province's profile carries (selected by the profile, not by the region code). */
import { AppError } from '../domain/errors';
import { citationLabel, resolveProfile } from '../domain/policy/resolve';
import type { Rule } from '../domain/policy/model';

export const BEDS_RULE_ID = 'yunnan.procedure.resource-allocation'; // 二(四)
export const REPORT_RULE_ID = 'yunnan.procedure.report-to-province'; // 一(四)

export function ruleOf(profileId: string | null, ruleId: string, asOf: string): Rule | null {
  if (!profileId) return null;
  return resolveProfile(profileId, asOf).rules.find((r) => r.rule.id === ruleId)?.rule ?? null;
}

export function requireRule(profileId: string | null, ruleId: string, asOf: string, what: string, cite: string): Rule {
  const r = ruleOf(profileId, ruleId, asOf);
  if (!r) {
    throw new AppError('RULE_REFUSED', `本地区的定点管理政策未规定${what}`, {
      reasons: [{ ruleId, citation: cite, message: `所在省份的政策配置（${profileId ?? '未设置'}）不含${what}` }],
    });
  }
  return r;
}

export { citationLabel };
