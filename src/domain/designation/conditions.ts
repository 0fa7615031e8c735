/**
 * The basic conditions (基本条件) in the procedure (decision 0023): every rule of stage
 * 'conditions' of the application's policy profile, run on the facts from the registry and the
 * application's declaration, each with its article and a reason. A missing fact gives 无法判断,
 * never a pass; the officer settles it (or corrects an automatic result) with a recorded finding;
 * the evaluation cannot conclude 合格 while a condition is unmet or undetermined.
 * Pure: the use cases load and store (src/designation/check-conditions.ts).
 */
import type { RuleReason } from '../errors';
import { formatCitation, type Citation } from '../policy/citation';
import type { ScreeningFacts } from '../policy/facts';
import { param, resolveProfile } from '../policy/resolve';
import type { IsoDate } from './application';

/** What the institution declares with its application for the conditions the registry does not hold. */
export interface DeclaredConditions {
  /** 国家医疗保障局令第2号 第六条(二): physicians, their first registration place and date */
  physicians?: { name: string; firstRegisteredHere: boolean; registeredSince: IsoDate }[];
  /** 第六条(三): 专（兼）职医保管理人员 */
  hasInsuranceStaff?: boolean;
  /** 第六条(三): 内部医保管理部门 (required from 100 beds) */
  hasInternalInsuranceDept?: boolean;
  /** 国家医疗保障局令第3号 第五条(二) */
  licensedPharmacistsWithContract?: number;
  /** 国家医疗保障局令第3号 第五条(三) */
  insuranceStaffWithContract?: number;
  /** 吉医保规〔2023〕1号 第九条(一)(三) */
  ltc?: { hasLicence: boolean; medicalOrNursingStaff: number; socialWorkerOrCaregiver: number };
}

/** The screening facts with the declared condition facts added (the registry's own facts stay). */
export function withDeclared(facts: ScreeningFacts, d: DeclaredConditions | undefined): ScreeningFacts {
  if (!d) return facts;
  const out: ScreeningFacts = { ...facts };
  if (d.physicians) out.physicians = d.physicians.map((p) => ({ firstRegisteredHere: p.firstRegisteredHere, registeredSince: p.registeredSince }));
  if (d.hasInsuranceStaff !== undefined) out.hasInsuranceStaff = d.hasInsuranceStaff;
  if (d.hasInternalInsuranceDept !== undefined) out.hasInternalInsuranceDept = d.hasInternalInsuranceDept;
  if (d.licensedPharmacistsWithContract !== undefined) out.licensedPharmacistsWithContract = d.licensedPharmacistsWithContract;
  if (d.insuranceStaffWithContract !== undefined) out.insuranceStaffWithContract = d.insuranceStaffWithContract;
  if (d.ltc) out.ltc = d.ltc;
  return out;
}

/** Where each missing fact is recorded, for the officer's message. */
export const missingFactLabel: Record<string, string> = {
  operatingSince: '正式运营日期（机构信息“开业日期”）',
  physicians: '医师及其第一注册地、注册时间（申请声明）',
  hasInsuranceStaff: '是否配备专（兼）职医保管理人员（申请声明）',
  beds: '床位数（机构信息）',
  licensedPharmacistsWithContract: '签订劳动合同的执业药师人数（申请声明）',
  insuranceStaffWithContract: '签订劳动合同的医保管理人员人数（申请声明）',
  ltc: '长期护理机构许可证及人员配备（申请声明）',
};
export const describeMissing = (missing: string): string =>
  missing.split(/,\s*/).map((k) => missingFactLabel[k] ?? k).join('、');

export type ConditionResult = 'met' | 'not_met' | 'unknown';
export const conditionResultLabel: Record<ConditionResult, string> = { met: '符合', not_met: '不符合', unknown: '无法判断' };

export interface ConditionRow {
  ruleId: string;
  title: string;
  citation: string;
  cites: Citation[];
  result: ConditionResult;
  /** why: the rule's message, 无法判断's missing facts, or what was checked */
  reason: string;
}

/** The officer's recorded finding on one condition (核查结论), with the evidence in `note`. */
export interface ConditionFinding {
  ruleId: string;
  met: boolean;
  note: string;
  by: string;
  on: IsoDate;
}

export interface ConditionCheck {
  /** the facts are judged on this date (the submission day: 申请定点的医疗机构应当同时具备) */
  asOf: IsoDate;
  rulesetVersion: string;
  rows: ConditionRow[];
  findings: ConditionFinding[];
}

/**
 * Every condition rule of the profile that applies to the institution's kind, run on `facts` as
 * of `asOf`: met, not met (with the rule's message) or undetermined (naming the missing fact).
 */
export function evaluateConditions(profileId: string, facts: ScreeningFacts, asOf: IsoDate): { rows: ConditionRow[]; rulesetVersion: string } {
  const r = resolveProfile(profileId, asOf);
  const rows: ConditionRow[] = [];
  for (const { rule } of r.rules) {
    if (rule.stage !== 'conditions' || !rule.check || !rule.appliesTo.includes(facts.institutionKind)) continue;
    const v = rule.check(facts, {
      asOf,
      param: (key: string) => {
        if (!rule.params.includes(key)) throw new Error(`规则 ${rule.id} 未声明参数 ${key}`);
        return param(r, key);
      },
    });
    const citation = rule.cites.map(formatCitation).join('；');
    const base = { ruleId: rule.id, title: rule.title, citation, cites: rule.cites };
    if (v.pass === true) rows.push({ ...base, result: 'met', reason: `按登记及申报信息核对符合（${asOf}）` });
    else if (v.pass === false) rows.push({ ...base, result: 'not_met', reason: v.message });
    else rows.push({ ...base, result: 'unknown', reason: `缺少${describeMissing(v.missing)}，无法判断` });
  }
  return { rows, rulesetVersion: r.version };
}

/** A row's result after the officer's latest finding on it. */
export function effectiveResult(check: ConditionCheck, row: ConditionRow): { result: ConditionResult; finding: ConditionFinding | null } {
  const finding = [...check.findings].reverse().find((f) => f.ruleId === row.ruleId) ?? null;
  return { result: finding ? (finding.met ? 'met' : 'not_met') : row.result, finding };
}

/**
 * What stands between the application and an evaluation result of 合格: each condition not met,
 * and each one undetermined without a finding — every one with its article.
 */
export function outstandingRows(check: ConditionCheck): ConditionRow[] {
  return check.rows.filter((row) => effectiveResult(check, row).result !== 'met');
}

export function outstandingConditions(check: ConditionCheck | null): RuleReason[] {
  if (!check) return [{ ruleId: 'conditions.checked', citation: '', message: '基本条件尚未核查' }];
  const out: RuleReason[] = [];
  for (const row of check.rows) {
    const { result, finding } = effectiveResult(check, row);
    if (result === 'met') continue;
    out.push({
      ruleId: row.ruleId, citation: row.citation,
      message: result === 'unknown'
        ? `「${row.title}」无法判断（${row.reason}），须由经办人记录核查结论`
        : `不符合「${row.title}」：${finding ? finding.note : row.reason}`,
    });
  }
  return out;
}
