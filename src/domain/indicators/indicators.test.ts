import { describe, expect, it } from 'vitest';
import { checkIndicatorRow, missingIndicatorColumns, indicatorColumnOfHeader, type IndicatorRaw } from './row';
import { indicatorFacts } from './facts';
import { kindOf } from './kinds';
import { hasData } from '../renewal-screening/facts';
import { withUsccCheck } from '../validators/uscc';

const TODAY = '2026-03-01';
const USCC = withUsccCheck('12530102MB0000001');
const base: IndicatorRaw = { ybCode: 'H53010200001', kind: '医保结算费用', period: '2025', value: '1200.5', source: '结算系统', sourceDate: '2026-01-15' };
const errs = (raw: IndicatorRaw) => {
  const r = checkIndicatorRow(raw, TODAY);
  return r.ok ? [] : r.errors;
};

describe('indicator rows (decision 0040)', () => {
  it('自治区医保局〔2025〕征求意见稿 二(二)3: a settlement total per agreement year, in 元', () => {
    const r = checkIndicatorRow(base, TODAY);
    expect(r).toEqual({ ok: true, record: { ybCode: 'H53010200001', uscc: null, kind: 'settlement_total', period: '2025', value: { amount: 1200.5 }, source: '结算系统', sourceDate: '2026-01-15' } });
    expect(errs({ ...base, value: '-1' })[0]).toContain('不能为负数');
    expect(errs({ ...base, value: '一千' })[0]).toContain('应为金额');
    expect(errs({ ...base, period: '2025-12-31' })[0]).toContain('应为协议年度');
    expect(errs({ ...base, period: '2027' })[0]).toContain('不在 2000 年至今年之间');
  });

  it('identifies the institution by 医保编码 or 统一社会信用代码, checked', () => {
    expect(errs({ ...base, ybCode: '' })[0]).toContain('至少填一项');
    expect(errs({ ...base, ybCode: '', uscc: USCC })).toEqual([]);
    expect(errs({ ...base, ybCode: 'X1' })[0]).toContain('「医保编码」格式有误');
    expect(errs({ ...base, uscc: USCC.slice(0, 17) + (USCC[17] === '0' ? '1' : '0') })[0]).toContain('校验位');
  });

  it('自治区医保局〔2025〕征求意见稿 二(二)8, 9, 10, 12, 13: flags read 是/否 as of a date', () => {
    const r = checkIndicatorRow({ ...base, kind: '追溯码扫码上传', period: '2026/1/31', value: '否' }, TODAY);
    expect(r.ok && r.record).toMatchObject({ kind: 'trace_code_compliant', period: '2026-01-31', value: { flag: false } });
    expect(errs({ ...base, kind: 'absent_practitioners', period: '2026-01-31', value: '也许' })[0]).toContain('应为“是”或“否”');
    expect(errs({ ...base, kind: 'yb_code_accepted', period: '三月一日', value: '是' })[0]).toContain('应为截至日期');
    expect(errs({ ...base, kind: 'yb_code_accepted', period: '2026-05-01', value: '是' })[0]).toContain('晚于今天');
  });

  it('自治区医保局〔2025〕征求意见稿 二(二)11: the 双通道 service count is a whole number', () => {
    expect(errs({ ...base, kind: '"双通道"服务次数（近12个月）', period: '2026-02-28', value: '3' })).toEqual([]);
    expect(errs({ ...base, kind: 'dual_channel_service_count', period: '2026-02-28', value: '2.5' })[0]).toContain('非负整数');
  });

  it('a 智能监控 risk signal has a level and a note', () => {
    const r = checkIndicatorRow({ ...base, kind: '智能监控风险提示', period: '2026-02-01', value: '高', note: '分解住院疑点' }, TODAY);
    expect(r.ok && r.record.value).toEqual({ level: 'high', note: '分解住院疑点' });
    expect(errs({ ...base, kind: 'risk_signal', period: '2026-02-01', value: '严重' })[0]).toContain('风险等级');
  });

  it('names every missing or bad column in Chinese, source and date included', () => {
    const e = errs({ kind: '不存在的指标', value: '', sourceDate: '2026-13-01' });
    expect(e.join('；')).toMatch(/至少填一项.*「指标」「不存在的指标」不是可导入的指标.*「期间」为必填项.*「数值」为必填项.*「数据来源」为必填项.*「来源日期」不是有效日期/);
    expect(errs({ ...base, sourceDate: '2026-04-01' })[0]).toContain('晚于今天');
  });

  it('headers: the template\'s Chinese headers (a trailing * allowed) or the keys; one identifier column required', () => {
    expect(indicatorColumnOfHeader('医保编码*')).toBe('ybCode');
    expect(indicatorColumnOfHeader('sourceDate')).toBe('sourceDate');
    expect(missingIndicatorColumns(['uscc', 'kind', 'period', 'value', 'source', 'sourceDate'])).toEqual([]);
    expect(missingIndicatorColumns(['kind', 'period', 'value'])).toEqual(['医保编码或统一社会信用代码', '数据来源', '来源日期']);
    expect(kindOf('双通道服务次数（近12个月）')).toBe('dual_channel_service_count');
  });
});

describe('indicator facts of the renewal screening (decision 0040 ↔ 0037)', () => {
  it('无数据 until imported; then known with the source and its date', () => {
    const none = indicatorFacts([]);
    expect(hasData(none.settlementByYear)).toBe(false);
    expect(none.traceCodeCompliant).toEqual({ noData: '追溯码扫码上传情况未导入' });
    const f = indicatorFacts([
      { kind: 'settlement_total', period: '2024', value: { amount: 10 }, source: '结算系统', sourceDate: '2025-01-10' },
      { kind: 'settlement_total', period: '2025', value: { amount: 0 }, source: '结算系统', sourceDate: '2026-01-15' },
      { kind: 'trace_code_compliant', period: '2025-06-30', value: { flag: false }, source: '追溯码平台', sourceDate: '2025-07-01' },
      { kind: 'trace_code_compliant', period: '2025-12-31', value: { flag: true }, source: '追溯码平台', sourceDate: '2026-01-05' },
      { kind: 'dual_channel_service_count', period: '2026-02-28', value: { count: 0 }, source: '结算系统', sourceDate: '2026-03-01' },
    ]);
    expect(f.settlementByYear).toEqual({ value: { 2024: 10, 2025: 0 }, source: '结算系统 2026-01-15（2024、2025年度）' });
    expect(f.traceCodeCompliant).toEqual({ value: true, source: '追溯码平台 2026-01-05' });
    expect(f.dualChannelServiceCount12m).toEqual({ value: 0, source: '结算系统 2026-03-01（截至 2026-02-28）' });
    expect(hasData(f.absentPractitioners)).toBe(false);
  });
});

describe('绩效考核结果 imported until the assessment module lands (decision 0056)', () => {
  it('云医保〔2022〕6号 第二十九条: a yearly result reads 好 / 合格 / 不合格 for an agreement year; anything else is refused naming the column', () => {
    const r = checkIndicatorRow({ ...base, kind: '年度绩效考核结果', period: '2025', value: '合格', source: '绩效考核' }, TODAY);
    expect(r.ok && r.record).toMatchObject({ kind: 'assessment_result', period: '2025', value: { grade: 'qualified' } });
    expect(errs({ ...base, kind: 'assessment_result', period: '2025', value: '优秀' })[0]).toContain('应为绩效考核结果：好、合格、不合格');
    expect(errs({ ...base, kind: 'assessment_result', period: '2025-06-30', value: '好' }).length).toBeGreaterThan(0);
  });

  it('京医保发〔2021〕30号 第四十一条: the screening\'s assessment fact lists every imported year, oldest first, with its source; 无数据 before', () => {
    expect(indicatorFacts([]).assessment).toEqual({ noData: '绩效考核结果未导入' });
    const f = indicatorFacts([
      { kind: 'assessment_result', period: '2026', value: { grade: 'good' }, source: '绩效考核', sourceDate: '2027-01-20' },
      { kind: 'assessment_result', period: '2025', value: { grade: 'qualified' }, source: '绩效考核', sourceDate: '2026-01-18' },
    ]);
    expect(f.assessment).toEqual({
      value: [{ year: 2025, result: 'qualified' }, { year: 2026, result: 'good' }], source: '绩效考核 2027-01-20（2025、2026年度）',
    });
  });
});
