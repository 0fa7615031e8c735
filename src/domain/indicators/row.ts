/**
 * One row of an indicator import (decision 0040), from the JSON batch or the Excel upload: the
 * institution by 医保编码 or 统一社会信用代码, the kind, the period, the value, the source and the
 * source's date. Pure: every problem of the row as a Chinese message naming the column; the
 * registry's questions (does the institution exist, in the importer's territory) are the use case's.
 */
import { isValidYbCode } from '../validators/codes';
import { usccProblem, usccMessage } from '../validators/uscc';
import { normalizeDate } from '../registry/import-row';
import { GRADES, KIND_SPEC, RISK_LEVELS, gradeLabel, kindOf, riskLevelLabel, type IndicatorKind, type IndicatorValue, type RiskLevel } from './kinds';

export const INDICATOR_COLUMNS = [
  { key: 'ybCode', header: '医保编码', width: 16, note: '国家医保信息业务编码（如 H53010200001），与统一社会信用代码至少填一项' },
  { key: 'uscc', header: '统一社会信用代码', width: 22, note: '18位；与医保编码至少填一项，两项都填时须为同一机构' },
  { key: 'kind', header: '指标', width: 24, note: '见「指标说明」工作表的指标名称' },
  { key: 'period', header: '期间', width: 12, note: '医保结算费用填协议年度（如 2025），其他指标填截至日期（如 2025-12-31）' },
  { key: 'value', header: '数值', width: 14, note: '金额（元）、次数（整数）、是/否，或风险等级（低/中/高）' },
  { key: 'note', header: '说明', width: 30, note: '智能监控风险提示的疑点说明；其他指标可不填' },
  { key: 'source', header: '数据来源', width: 16, note: '如 结算系统、智能监控系统' },
  { key: 'sourceDate', header: '来源日期', width: 12, note: '数据从来源系统取得的日期（YYYY-MM-DD），不能晚于今天' },
] as const;
export type IndicatorColumnKey = (typeof INDICATOR_COLUMNS)[number]['key'];
export type IndicatorRaw = Partial<Record<IndicatorColumnKey, string>>;

export const indicatorColumnLabel = (k: IndicatorColumnKey): string => INDICATOR_COLUMNS.find((c) => c.key === k)!.header;

/** A header of the file → its column (the template's headers, a trailing * allowed, or the key itself). */
export function indicatorColumnOfHeader(header: string): IndicatorColumnKey | undefined {
  const h = header.replace(/^\uFEFF/, '').trim().replace(/[*＊]$/, '').trim();
  return INDICATOR_COLUMNS.find((c) => c.header === h || c.key === h)?.key;
}

/** The columns a file must have: 指标, 期间, 数值, 数据来源, 来源日期, and one of 医保编码 / 统一社会信用代码. */
export function missingIndicatorColumns(keys: readonly (IndicatorColumnKey | undefined)[]): string[] {
  const missing: string[] = (['kind', 'period', 'value', 'source', 'sourceDate'] as const).filter((k) => !keys.includes(k)).map(indicatorColumnLabel);
  if (!keys.includes('ybCode') && !keys.includes('uscc')) missing.unshift('医保编码或统一社会信用代码');
  return missing;
}

export interface IndicatorRecord {
  ybCode: string | null;
  uscc: string | null;
  kind: IndicatorKind;
  /** 'YYYY' for a year kind, 'YYYY-MM-DD' for an as-of kind */
  period: string;
  value: IndicatorValue;
  source: string;
  sourceDate: string;
}

export type IndicatorRowResult = { ok: true; record: IndicatorRecord } | { ok: false; errors: string[] };

const YES = new Set(['是', 'Y', 'y', 'yes', 'YES', 'true', 'TRUE', '1']);
const NO = new Set(['否', 'N', 'n', 'no', 'NO', 'false', 'FALSE', '0']);
const RISK: Record<string, RiskLevel> = { 低: 'low', 中: 'medium', 高: 'high', low: 'low', medium: 'medium', high: 'high' };
/** the largest amount accepted (元): a typo of a few more digits is refused */
export const MAX_AMOUNT = 1e12;

/** Checks one row. `today` (China date) bounds the source date, the as-of date and the year. */
export function checkIndicatorRow(raw: IndicatorRaw, today: string): IndicatorRowResult {
  const errors: string[] = [];
  const col = (k: IndicatorColumnKey) => `「${indicatorColumnLabel(k)}」`;
  const text = (k: IndicatorColumnKey) => (raw[k] ?? '').trim();

  const ybCode = text('ybCode').toUpperCase() || null;
  const uscc = text('uscc').toUpperCase() || null;
  if (!ybCode && !uscc) errors.push(`${col('ybCode')}和${col('uscc')}至少填一项`);
  if (ybCode && !isValidYbCode(ybCode)) errors.push(`${col('ybCode')}格式有误（应为 H 或 P 加11位数字，如 H53010200001）`);
  if (uscc) {
    const p = usccProblem(uscc);
    if (p) errors.push(`${col('uscc')}：${usccMessage[p]}`);
  }

  const kindText = text('kind');
  const kind = kindText ? kindOf(kindText) : undefined;
  if (!kindText) errors.push(`${col('kind')}为必填项`);
  else if (!kind) errors.push(`${col('kind')}「${kindText}」不是可导入的指标（见模板「指标说明」）`);

  let period: string | null = null;
  const periodText = text('period');
  if (!periodText) errors.push(`${col('period')}为必填项`);
  else if (kind) {
    if (KIND_SPEC[kind].period === 'year') {
      const y = /^(\d{4})(?:年(?:度)?)?$/.exec(periodText)?.[1];
      if (!y) errors.push(`${col('period')}应为协议年度（4位年份，如 2025），实为「${periodText}」`);
      else if (Number(y) < 2000 || Number(y) > Number(today.slice(0, 4))) errors.push(`${col('period')}年度 ${y} 不在 2000 年至今年之间`);
      else period = y;
    } else {
      const d = normalizeDate(periodText);
      if (!d) errors.push(`${col('period')}应为截至日期（如 2025-12-31），实为「${periodText}」`);
      else if (d > today) errors.push(`${col('period')} ${d} 晚于今天`);
      else period = d;
    }
  }

  let value: IndicatorValue | null = null;
  const v = text('value');
  if (!v) errors.push(`${col('value')}为必填项`);
  else if (kind) {
    const spec = KIND_SPEC[kind];
    if (spec.value === 'amount') {
      const n = /^-?\d+(?:\.\d+)?$/.test(v.replace(/,/g, '')) ? Number(v.replace(/,/g, '')) : NaN;
      if (!Number.isFinite(n)) errors.push(`${col('value')}应为金额（元，数字），实为「${v}」`);
      else if (n < 0) errors.push(`${col('value')}金额不能为负数`);
      else if (n > MAX_AMOUNT) errors.push(`${col('value')}金额过大，请核对单位（元）`);
      else value = { amount: Math.round(n * 100) / 100 };
    } else if (spec.value === 'count') {
      if (!/^\d+$/.test(v)) errors.push(`${col('value')}应为非负整数（次数），实为「${v}」`);
      else if (Number(v) > 1e9) errors.push(`${col('value')}次数过大`);
      else value = { count: Number(v) };
    } else if (spec.value === 'flag') {
      if (YES.has(v)) value = { flag: true };
      else if (NO.has(v)) value = { flag: false };
      else errors.push(`${col('value')}应为“是”或“否”，实为「${v}」`);
    } else if (spec.value === 'grade') {
      const grade = GRADES.find((g) => gradeLabel[g] === v || g === v);
      if (!grade) errors.push(`${col('value')}应为绩效考核结果：${GRADES.map((g) => gradeLabel[g]).join('、')}，实为「${v}」`);
      else value = { grade };
    } else {
      const level = RISK[v];
      if (!level) errors.push(`${col('value')}应为风险等级：${RISK_LEVELS.map((l) => riskLevelLabel[l]).join('、')}，实为「${v}」`);
      else value = { level, note: text('note').slice(0, 500) };
    }
  }

  const source = text('source');
  if (!source) errors.push(`${col('source')}为必填项（如 ${kind ? KIND_SPEC[kind].source : '结算系统'}）`);
  else if (source.length > 50) errors.push(`${col('source')}不能超过50个字符`);

  let sourceDate: string | null = null;
  const sd = text('sourceDate');
  if (!sd) errors.push(`${col('sourceDate')}为必填项`);
  else {
    sourceDate = normalizeDate(sd);
    if (!sourceDate) errors.push(`${col('sourceDate')}不是有效日期（如 2026-01-15），实为「${sd}」`);
    else if (sourceDate > today) errors.push(`${col('sourceDate')} ${sourceDate} 晚于今天`);
  }

  if (errors.length) return { ok: false, errors };
  return { ok: true, record: { ybCode, uscc, kind: kind!, period: period!, value: value!, source, sourceDate: sourceDate! } };
}

/** The key that makes a re-import idempotent (one value per institution, kind and period). */
export const indicatorKey = (institutionId: string, kind: IndicatorKind, period: string): string => `${institutionId}|${kind}|${period}`;
