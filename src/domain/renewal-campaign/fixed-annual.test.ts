import { describe, expect, it } from 'vitest';
import { known, noData } from '../renewal-screening/facts';
import { fixedAnnualEligibility, renewalForm, type Assessment } from './fixed-annual';

describe('固定协议 + 年度协议', () => {
  it('云医保〔2022〕6号 第二十九条: 绩效考核结果好, or 近3年连续合格', () => {
    expect(fixedAnnualEligibility('yunnan', known([{ year: 2026, result: 'good' }], 't'), 2026)).toMatchObject({ eligible: true });
    const three = known<Assessment>([{ year: 2024, result: 'qualified' }, { year: 2025, result: 'good' }, { year: 2026, result: 'qualified' }], 't');
    expect(fixedAnnualEligibility('yunnan', three, 2026)).toMatchObject({ eligible: true, because: expect.stringContaining('连续合格') });
    expect(fixedAnnualEligibility('yunnan', known([{ year: 2025, result: 'qualified' }, { year: 2026, result: 'qualified' }], 't'), 2026)).toMatchObject({ eligible: false });
  });

  it('京医保发〔2021〕30号 第四十一条第二款: 绩效考核结果好 only', () => {
    expect(fixedAnnualEligibility('beijing', known([{ year: 2026, result: 'good' }], 't'), 2026)).toMatchObject({ eligible: true, citation: '京医保发〔2021〕30号 第四十一条第二款' });
    expect(fixedAnnualEligibility('beijing', known([{ year: 2024, result: 'qualified' }, { year: 2025, result: 'qualified' }, { year: 2026, result: 'qualified' }], 't'), 2026)).toMatchObject({ eligible: false });
  });

  it('无数据 is never eligible, and says why; 吉医保规〔2023〕1号 第二十七条 has no fixed agreement', () => {
    const r = fixedAnnualEligibility('yunnan', noData('绩效考核结果未导入'), 2026);
    expect(r).toMatchObject({ eligible: false, because: expect.stringContaining('无数据') });
    expect(fixedAnnualEligibility('jilin', known([{ year: 2026, result: 'good' }], 't'), 2026)).toMatchObject({ eligible: false, citation: null });
  });

  it('an institution already on a fixed agreement gets only the annual annex', () => {
    expect(renewalForm('fixed', false)).toBe('annual');
    expect(renewalForm('annual', false)).toBe('annual');
    expect(renewalForm('standard', true)).toBe('fixed');
    expect(renewalForm('standard', false)).toBe('standard');
  });
});
