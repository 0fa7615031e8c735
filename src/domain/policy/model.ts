import type { AdminLevel, InstitutionKind, InstitutionSubtype, InsuranceScheme, PaymentCategory } from '../registry/enums';
import type { Citation } from './citation';
import type { ScreeningFacts } from './facts';

/**
 * Rules as code. A rule cannot exist without its citation; numbers live in dated parameters,
 * each value with its own citation (OpenFisca-style); a profile layers overrides and added rules
 * over its parent (Catala-style exceptions). See docs/decisions/0003-policy-profiles.md.
 */

export type RuleKind =
  | 'eligibility' // 申请条件 / 可申请的机构类型
  | 'refusal' // 不予受理
  | 'deadline' // 时限
  | 'material' // 申请材料
  | 'jurisdiction' // 哪一级经办机构受理、评估、签约
  | 'procedure' // 经办程序
  | 'sanction' // 违约处理
  | 'suspension' // 中止
  | 'termination' // 解除 / 不再签订
  | 'renewal'; // 续签 / 缓签

export const ruleKindLabel: Record<RuleKind, string> = {
  eligibility: '申请条件', refusal: '不予受理', deadline: '时限', material: '申请材料', jurisdiction: '管辖',
  procedure: '经办程序', sanction: '违约处理', suspension: '协议中止', termination: '协议解除/不再签订', renewal: '协议续签',
};

/** Which checkable rules `evaluate` runs. */
export type Stage = 'screening' | 'conditions' | 'exit_request';

export type Unit = 'workdays' | 'days' | 'months' | 'years' | 'beds' | 'persons' | 'ratio' | 'times' | 'month_of_year';
export const unitLabel: Record<Unit, string> = {
  workdays: '个工作日', days: '日', months: '个月', years: '年', beds: '张床位', persons: '人', ratio: '比例', times: '次',
  month_of_year: '月份',
};

export interface ParamValue {
  from: string;
  value: number;
  cite: Citation;
}
export interface ParamDef {
  key: string;
  label: string;
  unit: Unit;
  values: ParamValue[];
  /**
   * the article that leaves this value to the 统筹地区 (e.g. 云医保〔2022〕6号 第十八条 「规定时限」):
   * the pooling region's agency may set its own dated value (local_parameters, decision 0031)
   */
  delegated?: Citation;
  /**
   * a county agency may narrow it in its 实施细则 (云医保〔2022〕6号 第三十三条; decision 0043): `at_most` — a value
   * no larger than the one in force above it (e.g. a shorter signing limit), `at_least` — no smaller
   */
  county?: { cite: Citation; narrows: 'at_most' | 'at_least' };
}

/** A list the text leaves to the 统筹地区 (e.g. the simplified material list of 第六条第二款). */
export interface DelegatedList {
  key: string;
  label: string;
  /** the institution kind whose profile material list the items are chosen from */
  kind: InstitutionKind;
  /** the route it replaces the material list for */
  route: 'add_category';
  delegated: Citation;
  /** a county agency may narrow it to a sub-list of the list in force above it (第三十三条; decision 0043) */
  county?: Citation;
}

export type Verdict = { pass: true } | { pass: false; message: string } | { pass: 'unknown'; missing: string };
export const PASS: Verdict = { pass: true };
export const fail = (message: string): Verdict => ({ pass: false, message });
export const unknown = (missing: string): Verdict => ({ pass: 'unknown', missing });

export interface RuleContext {
  asOf: string;
  /** the value in force on `asOf` of a parameter the rule declares in `params` */
  param: (key: string) => number;
}

export interface ListItem {
  n: number;
  label: string;
}
export interface Material {
  id: string;
  label: string;
  cite: Citation;
  /**
   * true: provided only where the administrative department asks for it (「按相关规定要求提供的其他材料」),
   * so its absence does not make the application incomplete (decision 0016)
   */
  optional?: true;
}

export type AgencyLevel = 'national' | 'province' | 'prefecture' | 'county';
export interface JurisdictionEntry {
  /** institutions of these 隶属级别 … */
  adminLevels: AdminLevel[];
  /** … or of these subtypes, whatever their level (checked first) */
  subtypes?: InstitutionSubtype[];
  accept: AgencyLevel;
  evaluate: AgencyLevel;
  sign: AgencyLevel;
  manage: AgencyLevel;
  note?: string;
}
export interface JurisdictionSpec {
  entries: JurisdictionEntry[];
  /** agency level that may delegate to county agencies (吉医保规〔2023〕1号 第六条) */
  delegableTo?: AgencyLevel[];
  /** pairs of agencies that recognise each other's results (吉医保规〔2023〕1号 第七条) */
  mutualRecognition?: { a: string; b: string; categories: PaymentCategory[] }[];
}

export interface ScoringSheet {
  sections: { key: string; label: string; weight: number | null }[];
  note: string;
}

export interface Rule {
  id: string;
  title: string;
  kind: RuleKind;
  cites: Citation[];
  effective: { from: string; to?: string };
  appliesTo: InstitutionKind[];
  params: string[];
  verified: boolean;
  note?: string;
  stage?: Stage;
  check?: (facts: ScreeningFacts, ctx: RuleContext) => Verdict;
  /** enumerated situations (e.g. 14 解除 situations), numbered as in the text */
  items?: ListItem[];
  materials?: Material[];
  jurisdiction?: JurisdictionSpec;
  scoring?: ScoringSheet;
  schemes?: InsuranceScheme[];
}

export type RuleInput = Omit<Rule, 'params' | 'verified'> & { params?: string[]; verified?: boolean };

/** A rule; `verified` defaults to whether every citation is verified. */
export function defineRule(r: RuleInput): Rule {
  if (r.cites.length === 0) throw new Error(`规则 ${r.id} 缺少出处`);
  return { ...r, params: r.params ?? [], verified: r.verified ?? r.cites.every((c) => c.verified !== false) };
}

export function defineParam(p: ParamDef): ParamDef {
  return p;
}

/** A regional rule that takes the place of a parent rule from its own effective date. */
export interface Override {
  replaces: string;
  rule: Rule;
}

export interface Profile {
  id: string;
  name: string;
  /** GB/T 2260 province code; null for the baseline and for a profile whose region is chosen at deployment */
  regionCode: string | null;
  extends: string | null;
  draft: boolean;
  effectiveFrom: string;
  params: ParamDef[];
  overrides: Override[];
  added: Rule[];
  /** material lists the profile's text leaves to the pooling region (decision 0031) */
  delegatedLists?: DelegatedList[];
  /**
   * each 市/县 agency publishes its own evaluation standards and procedure (自治区医保局〔2025〕征求意见稿 一(一);
   * decision 0043): the article, and which evaluations they cover
   */
  regionStandards?: { cite: Citation; kinds: ('new_designation' | 'renewal')[] };
}

/** Restate a parent rule under a region's own article: same logic, own id, citation and date. */
export function restate(parent: Rule, patch: Pick<Rule, 'id' | 'cites' | 'effective'> & Partial<RuleInput>): Override {
  const { verified: _v, ...rest } = parent;
  return { replaces: parent.id, rule: defineRule({ ...rest, ...patch }) };
}

/**
 * A regional dated value for a parameter already defined upstream: the same key, its own citation
 * and date, and the value the regional text gives (defaults to the upstream value it repeats).
 */
export function reciteParam(base: ParamDef[], key: string, from: string, cite: Citation, value?: number): ParamDef {
  const def = base.find((p) => p.key === key);
  if (!def) throw new Error(`未定义的参数：${key}`);
  const v = value ?? def.values[def.values.length - 1]!.value;
  return { key, label: def.label, unit: def.unit, values: [{ from, value: v, cite }] };
}
