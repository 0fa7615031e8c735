/**
 * Meta-test: no workflow number without a dated, cited policy parameter behind it. Every number of
 * every workflow profile (time limits, waiting periods) is read from its policy profile's dated
 * parameters (src/domain/policy), the parameter's own citation is one the profile may show (its
 * region's text or the national orders — never another region's), and the workflow shows that
 * citation with the number. Nulls are "the text sets no such limit"; the only numbers without a
 * legal source are the agencies' own management settings, listed here with why.
 */
import { describe, expect, it } from 'vitest';
import { formatCitation } from '../policy/citation';
import { docEffectiveFrom } from '../policy/documents';
import { paramDetail } from '../policy/resolve';
import { citeAllowed } from './cite';
import { PARAM_KEYS } from './deadlines';
import { paramOn, PROFILES, type WorkflowProfile } from './profiles';

/** Numbers that are not legal numbers: an agency's own setting, never a citation. */
const INTERNAL: Record<string, string> = {
  'evaluation.warn.days': '评估期限届满前提前提醒的自然日数：经办内部管理参数，非规范性文件规定',
};

/** What is wrong with the numbers of these workflow profiles (empty = nothing). */
function problemsOf(profiles: readonly WorkflowProfile[]): string[] {
  const problems: string[] = [];
  for (const w of profiles) {
    for (const key of PARAM_KEYS) {
      const p = w.params[key];
      const where = `${w.id}/${key}`;
      if (p.value === null) {
        if (p.policy) problems.push(`${where}: 无数值却指向政策参数`);
        continue;
      }
      if (INTERNAL[key]) {
        if (!p.internal || p.cites.length) problems.push(`${where}: 内部管理参数应标记 internal 且不引用规范性文件`);
        continue;
      }
      if (p.internal) { problems.push(`${where}: 标记为内部参数但不在例外清单中`); continue; }
      if (!p.policy) { problems.push(`${where}: 数值 ${p.value} 没有对应的政策参数`); continue; }
      const d = paramDetail(w.policyProfileId, p.policy.key, '2099-12-31');
      if (!d) { problems.push(`${where}: 政策配置 ${w.policyProfileId} 没有参数 ${p.policy.key}`); continue; }
      if (d.value * (p.policy.scale ?? 1) !== p.value) problems.push(`${where}: 数值 ${p.value} 与政策参数 ${p.policy.key}=${d.value} 不一致`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d.from) || d.from < docEffectiveFrom(d.cite.doc)) problems.push(`${where}: 政策参数 ${p.policy.key} 的生效日 ${d.from} 无效`);
      // one citation model: the national baseline and the draft never cite a province; a province only its own texts
      if (!citeAllowed(w, d.cite)) problems.push(`${where}: 政策参数引用了其他地区的文件 ${formatCitation(d.cite)}`);
      if (!p.cites.map(formatCitation).includes(formatCitation(d.cite))) {
        problems.push(`${where}: 流程引用 ${p.cites.map(formatCitation).join('；')} 未包含政策参数的出处 ${formatCitation(d.cite)}`);
      }
    }
  }
  return problems;
}

describe('workflow numbers come from dated, cited policy parameters', () => {
  it('every non-null workflow number of every profile names a policy parameter that holds the same value, dated and cited', () => {
    expect(problemsOf(PROFILES)).toEqual([]);
  });

  it('the meta-test fails on an undated copy of a legal number, a changed value and a foreign parameter', () => {
    const national = PROFILES.find((w) => w.id === 'national-2020')!;
    const copy: WorkflowProfile = { ...national, id: 'copy', params: { ...national.params, 'reevaluation.wait.months': { value: 3, cites: [] } } };
    const changed: WorkflowProfile = { ...national, id: 'changed', params: { ...national.params, 'evaluation.limit.months': { ...national.params['evaluation.limit.months'], value: 2 } } };
    const foreign: WorkflowProfile = { ...national, id: 'foreign', params: { ...national.params, 'publicity.duration.workdays': { value: 7, cites: [], policy: { key: 'publicity.workdays' } } } };
    const borrowed: WorkflowProfile = { ...foreign, id: 'borrowed', policyProfileId: 'yunnan' };
    // a national profile run on Yunnan's parameters borrows every Yunnan number: each one is named
    expect(problemsOf([copy, changed, foreign, borrowed])).toEqual(expect.arrayContaining([
      'copy/reevaluation.wait.months: 数值 3 没有对应的政策参数',
      'changed/evaluation.limit.months: 数值 2 与政策参数 evaluation.limit.months=3 不一致',
      'foreign/publicity.duration.workdays: 政策配置 national 没有参数 publicity.workdays',
      'borrowed/publicity.duration.workdays: 政策参数引用了其他地区的文件 云医保〔2022〕6号 第十五条',
      'borrowed/publicity.duration.workdays: 流程引用  未包含政策参数的出处 云医保〔2022〕6号 第十五条',
      'borrowed/notice.supplement.workdays: 政策参数引用了其他地区的文件 云医保〔2022〕6号 第九条',
    ]));
  });

  it('a step reads the number in force on its own day: before a regional text is in force, its region has only the national value', () => {
    const yunnan = PROFILES.find((w) => w.id === 'yunnan-2022')!;
    // 云医保〔2022〕6号 第十五条: the 7-工作日 公示期 exists from 2022-03-01; the national order sets none
    expect(paramOn(yunnan, 'publicity.duration.workdays', '2022-03-01')).toBe(7);
    expect(paramOn(yunnan, 'publicity.duration.workdays')).toBe(7);
    // 国家医疗保障局令第2号 第八条 stands behind the 5 工作日 before the regional text
    expect(paramDetail('yunnan', 'notice.supplement.workdays', '2021-06-01')?.cite.doc).toBe('国家医疗保障局令第2号');
    expect(paramDetail('yunnan', 'notice.supplement.workdays', '2022-03-01')?.cite.doc).toBe('云医保〔2022〕6号');
  });
});
