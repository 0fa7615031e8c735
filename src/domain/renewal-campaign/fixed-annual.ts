/**
 * 固定协议 + 年度协议 (decision 0045), pure. Only two texts allow it, each with its own condition:
 * - 云医保〔2022〕6号 第二十九条: 「对于绩效考核结果好或近 3 年内绩效考核结果连续合格的定点医药机构，可以采取固定协议和
 *   年度医保协议相结合的方式」 — the latest assessment is 好, or each of the last 3 years is at least 合格;
 * - 京医保发〔2021〕30号 第四十一条第二款: 「对于绩效考核结果好的定点医疗机构可以采取固定医保协议和年度医保协议相结合的方式」
 *   — 好 only.
 * 吉医保规〔2023〕1号 第二十七条, the national orders and the 2025 draft say nothing of it: not available there.
 * The assessment is a screening fact (src/domain/renewal-screening/facts.ts): 无数据 is never eligible — the
 * officer is told why, no default lets it pass.
 */
import { hasData, type Fact } from '../renewal-screening/facts';

export type Assessment = { year: number; result: 'good' | 'qualified' | 'unqualified' }[];

export const FIXED_ANNUAL_CITE: Record<string, string> = {
  yunnan: '云医保〔2022〕6号 第二十九条',
  beijing: '京医保发〔2021〕30号 第四十一条第二款',
};

/** The article of renewal (no gap between terms) each profile names in the renewed agreement's preamble. */
export const RENEWAL_CITE: Record<string, string> = {
  yunnan: '云医保〔2022〕6号 第二十九条',
  beijing: '京医保发〔2021〕30号 第四十一条',
  jilin: '吉医保规〔2023〕1号 第二十七条',
  'zizhiqu-2025-draft': '自治区医保局〔2025〕征求意见稿 二',
};
export const renewalCite = (profileId: string): string => RENEWAL_CITE[profileId] ?? '国家医疗保障局令第2号 第十三条';

export type Eligibility = { eligible: true; citation: string; because: string } | { eligible: false; citation: string | null; because: string };

export function fixedAnnualEligibility(profileId: string, assessment: Fact<Assessment>, lastTermYear: number): Eligibility {
  const citation = FIXED_ANNUAL_CITE[profileId] ?? null;
  if (!citation) return { eligible: false, citation: null, because: '本地区政策未规定固定协议和年度协议相结合的方式' };
  if (!hasData(assessment)) return { eligible: false, citation, because: `绩效考核结果无数据（${assessment.noData}），不能认定为绩效考核结果好或连续合格` };
  const byYear = new Map(assessment.value.map((a) => [a.year, a.result]));
  const latest = [...byYear.keys()].sort((a, b) => b - a)[0];
  if (latest !== undefined && byYear.get(latest) === 'good') return { eligible: true, citation, because: `${latest}年度绩效考核结果为好` };
  if (profileId === 'yunnan') {
    const last3 = [lastTermYear - 2, lastTermYear - 1, lastTermYear];
    if (last3.every((y) => byYear.get(y) === 'good' || byYear.get(y) === 'qualified')) {
      return { eligible: true, citation, because: `近3年（${last3.join('、')}年度）绩效考核结果连续合格` };
    }
    return { eligible: false, citation, because: `最近一年绩效考核结果不是好，近3年（${last3.join('、')}年度）也未连续合格` };
  }
  return { eligible: false, citation, because: '最近一年绩效考核结果不是好' };
}

/**
 * What the renewal generates for one item: a standard agreement; for an item marked 固定+年度 whose
 * agreement is standard, the fixed agreement (its first year); for an institution already on a fixed
 * agreement (the old one is fixed or an annual annex), only the annual annex.
 */
export function renewalForm(oldForm: 'standard' | 'fixed' | 'annual', markedFixedAnnual: boolean): 'standard' | 'fixed' | 'annual' {
  if (oldForm === 'fixed' || oldForm === 'annual') return 'annual';
  return markedFixedAnnual ? 'fixed' : 'standard';
}
