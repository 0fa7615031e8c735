/**
 * External indicators of an institution (issue #11, decision 0040): the data other systems hold and
 * the renewal screening reads (自治区医保局〔2025〕征求意见稿 二(二)3, 8–13). One vocabulary for the JSON
 * batch and the Excel upload: each kind with its Chinese label, its period (an agreement year or an
 * as-of date), its value type, and the screening fact it feeds.
 */
export const INDICATOR_KINDS = [
  'settlement_total', 'trace_code_compliant', 'yb_code_accepted', 'risk_signal', 'absent_practitioners',
  'dual_channel_service_count', 'dual_price_finding', 'cross_area_address_change', 'assessment_result',
] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const riskLevelLabel: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' };

/** 绩效考核结果 of an agreement year: 好 / 合格 / 不合格 (the words of 云医保 第二十九条 and 京医保发 第四十一条). */
export const GRADES = ['good', 'qualified', 'unqualified'] as const;
export type Grade = (typeof GRADES)[number];
export const gradeLabel: Record<Grade, string> = { good: '好', qualified: '合格', unqualified: '不合格' };

/** The value of one indicator, as stored (jsonb). */
export type IndicatorValue =
  | { amount: number } // 元
  | { flag: boolean }
  | { count: number }
  | { level: RiskLevel; note: string }
  | { grade: Grade };

export interface KindSpec {
  label: string;
  /** 'year': an agreement year (YYYY); 'date': as of a date (YYYY-MM-DD) */
  period: 'year' | 'date';
  value: 'amount' | 'flag' | 'count' | 'risk' | 'grade';
  /** what 是 means, for a flag (the template's note and the error messages) */
  note: string;
  /** the article(s) whose screening rule reads it, as cited (none: kept for the officer) */
  article: string | null;
  /** the usual source, shown in the template */
  source: string;
}

export const KIND_SPEC: Record<IndicatorKind, KindSpec> = {
  settlement_total: { label: '医保结算费用', period: 'year', value: 'amount', note: '协议年度内医保结算费用合计（元，可为0）', article: '自治区医保局〔2025〕征求意见稿 二(二)3', source: '结算系统' },
  trace_code_compliant: { label: '追溯码扫码上传', period: 'date', value: 'flag', note: '是：已落实药品耗材追溯码扫码和上传，实现"依码结算、依码支付"', article: '自治区医保局〔2025〕征求意见稿 二(二)8', source: '追溯码平台' },
  yb_code_accepted: { label: '医保码识别使用', period: 'date', value: 'flag', note: '是：支持医保码识别使用', article: '自治区医保局〔2025〕征求意见稿 二(二)9', source: '医保信息平台' },
  risk_signal: { label: '智能监控风险提示', period: 'date', value: 'risk', note: '风险等级：低、中、高；说明列写明疑点', article: null, source: '智能监控系统' },
  absent_practitioners: { label: '挂证检查', period: 'date', value: 'flag', note: '是：检查发现医务、技术人员或药师挂证，由他人代为执业；否：未发现', article: '自治区医保局〔2025〕征求意见稿 二(二)10', source: '挂证专项检查' },
  dual_channel_service_count: { label: '"双通道"服务次数（近12个月）', period: 'date', value: 'count', note: '截至期间所填日期的近12个月"双通道"药品保障服务次数（整数）', article: '自治区医保局〔2025〕征求意见稿 二(二)11', source: '结算系统' },
  dual_price_finding: { label: '"阴阳价格"核查', period: 'date', value: 'flag', note: '是：核查发现"阴阳价格"', article: '自治区医保局〔2025〕征求意见稿 二(二)13', source: '价格核查' },
  cross_area_address_change: { label: '跨区域变更地址核查', period: 'date', value: 'flag', note: '是：未按规划跨区域变更地址', article: '自治区医保局〔2025〕征求意见稿 二(二)12', source: '现场核查' },
  // until the assessment module lands (a later issue) the yearly results come from the agency's own assessment, imported
  assessment_result: {
    label: '年度绩效考核结果', period: 'year', value: 'grade', note: '协议年度的绩效考核结果：好、合格、不合格',
    article: '云医保〔2022〕6号 第二十九条；京医保发〔2021〕30号 第四十一条；吉医保规〔2023〕1号 第二十七条', source: '绩效考核',
  },
};

export const indicatorKindLabel: Record<IndicatorKind, string> = Object.fromEntries(
  INDICATOR_KINDS.map((k) => [k, KIND_SPEC[k].label]),
) as Record<IndicatorKind, string>;

/** A kind from its key or its Chinese label (the template's 指标 column). */
export function kindOf(s: string): IndicatorKind | undefined {
  const t = s.trim();
  if ((INDICATOR_KINDS as readonly string[]).includes(t)) return t as IndicatorKind;
  const bare = (x: string) => x.replace(/["“”（）()\s]/g, '');
  return INDICATOR_KINDS.find((k) => bare(KIND_SPEC[k].label) === bare(t));
}

/** The value as a person reads it (lists, the audit). */
export function valueText(kind: IndicatorKind, v: IndicatorValue): string {
  if ('amount' in v) return `${v.amount.toFixed(2)} 元`;
  if ('flag' in v) return v.flag ? '是' : '否';
  if ('count' in v) return `${v.count} 次`;
  if ('grade' in v) return gradeLabel[v.grade];
  return `${riskLevelLabel[v.level]}${v.note ? `：${v.note}` : ''}`;
}

/** Equal values (key order aside: jsonb stores its keys in its own order). */
export const sameValue = (a: IndicatorValue, b: IndicatorValue): boolean => canonical(a) === canonical(b);
const canonical = (v: object): string => JSON.stringify(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)));
