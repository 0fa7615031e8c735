/**
 * The screening facts an institution's imported indicators make (decision 0040 ↔ 0037): each fact
 * is known with its source and date once imported, 无数据 otherwise. Settlement totals are kept per
 * agreement year; the as-of kinds read the latest period imported.
 */
import { known, noData, type Fact } from '../renewal-screening/facts';
import type { Grade, IndicatorKind, IndicatorValue } from './kinds';

export interface StoredIndicator {
  kind: IndicatorKind;
  period: string;
  value: IndicatorValue;
  source: string;
  sourceDate: string;
}

export interface IndicatorFacts {
  settlementByYear: Fact<Readonly<Record<number, number>>>;
  traceCodeCompliant: Fact<boolean>;
  ybCodeAccepted: Fact<boolean>;
  absentPractitioners: Fact<boolean>;
  dualChannelServiceCount12m: Fact<number>;
  crossAreaAddressChangeOutsidePlan: Fact<boolean>;
  dualPriceFinding: Fact<boolean>;
  /** 绩效考核结果 per agreement year, oldest first (云医保 第二十九条, 京医保发 第四十一条, 吉医保规 第二十七条) */
  assessment: Fact<{ year: number; result: Grade }[]>;
}

const sourceOf = (i: StoredIndicator) => `${i.source} ${i.sourceDate}`;
const notImported = (what: string) => noData(`${what}未导入`);

export function indicatorFacts(rows: readonly StoredIndicator[]): IndicatorFacts {
  const latest = new Map<IndicatorKind, StoredIndicator>();
  const settlement: StoredIndicator[] = [];
  const grades: StoredIndicator[] = [];
  for (const r of rows) {
    if (r.kind === 'settlement_total') { settlement.push(r); continue; }
    if (r.kind === 'assessment_result') { grades.push(r); continue; }
    const cur = latest.get(r.kind);
    if (!cur || r.period > cur.period) latest.set(r.kind, r);
  }
  const flag = (kind: IndicatorKind, what: string): Fact<boolean> => {
    const r = latest.get(kind);
    return r && 'flag' in r.value ? known(r.value.flag, sourceOf(r)) : notImported(what);
  };
  const count = latest.get('dual_channel_service_count');
  let settlementByYear: Fact<Readonly<Record<number, number>>> = notImported('医保结算数据');
  if (settlement.length) {
    settlement.sort((a, b) => a.period.localeCompare(b.period));
    const byYear: Record<number, number> = {};
    for (const s of settlement) if ('amount' in s.value) byYear[Number(s.period)] = s.value.amount;
    // the source of the latest year, and the years it covers
    const last = settlement[settlement.length - 1]!;
    settlementByYear = known(byYear, `${sourceOf(last)}（${settlement.map((s) => s.period).join('、')}年度）`);
  }
  let assessment: IndicatorFacts['assessment'] = notImported('绩效考核结果');
  if (grades.length) {
    grades.sort((a, b) => a.period.localeCompare(b.period));
    const years = grades.flatMap((g) => ('grade' in g.value ? [{ year: Number(g.period), result: g.value.grade }] : []));
    assessment = known(years, `${sourceOf(grades[grades.length - 1]!)}（${grades.map((g) => g.period).join('、')}年度）`);
  }
  return {
    settlementByYear,
    assessment,
    traceCodeCompliant: flag('trace_code_compliant', '追溯码扫码上传情况'),
    ybCodeAccepted: flag('yb_code_accepted', '医保码使用情况'),
    absentPractitioners: flag('absent_practitioners', '挂证检查结果'),
    dualChannelServiceCount12m: count && 'count' in count.value ? known(count.value.count, `${sourceOf(count)}（截至 ${count.period}）`) : notImported('"双通道"服务数据'),
    crossAreaAddressChangeOutsidePlan: flag('cross_area_address_change', '跨区域变更地址核查结果'),
    dualPriceFinding: flag('dual_price_finding', '"阴阳价格"核查结果'),
  };
}
