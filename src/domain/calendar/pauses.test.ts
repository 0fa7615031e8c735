import { describe, expect, it } from 'vitest';
import { dueWithPauses } from './pauses';

describe('dueWithPauses', () => {
  it('京医保发〔2021〕30号 第九条: 补正 time is not counted in the 3-month evaluation limit', () => {
    // accepted 2025-03-03; 3 months → 2025-06-03; 10 days of 补正 → 10 days later
    expect(dueWithPauses('2025-03-03', { n: 3, unit: 'month' }, [])).toEqual({ state: 'running', due: '2025-06-03', pausedDays: 0 });
    expect(dueWithPauses('2025-03-03', { n: 3, unit: 'month' }, [{ from: '2025-03-10', to: '2025-03-20' }])).toEqual({
      state: 'running',
      due: '2025-06-13',
      pausedDays: 10,
    });
  });

  it('吉医保规〔2023〕1号 第二十条: several 补正 rounds add up; overlapping spans count once', () => {
    const r = dueWithPauses('2025-03-03', { n: 3, unit: 'month' }, [
      { from: '2025-03-10', to: '2025-03-20' },
      { from: '2025-03-15', to: '2025-03-25' }, // overlaps the first by 5 days
      { from: '2025-05-01', to: '2025-05-04' },
    ]);
    expect(r).toEqual({ state: 'running', due: '2025-06-21', pausedDays: 18 });
  });

  it('a pause after the due date changes nothing; one before the start changes nothing', () => {
    const pauses = [
      { from: '2025-01-01', to: '2025-03-01' },
      { from: '2025-07-01', to: '2025-07-10' },
    ];
    expect(dueWithPauses('2025-03-03', { n: 30, unit: 'natural_day' }, pauses)).toEqual({ state: 'running', due: '2025-04-02', pausedDays: 0 });
  });

  it('a pause reaching past the nominal due date pushes the due date past it', () => {
    // 10 natural days from 03-03 → 03-13; paused [03-10, 03-20): 03-04..03-09 count 6, resume 03-20 → 4 more → 03-23
    expect(dueWithPauses('2025-03-03', { n: 10, unit: 'natural_day' }, [{ from: '2025-03-10', to: '2025-03-20' }])).toEqual({
      state: 'running',
      due: '2025-03-23',
      pausedDays: 10,
    });
  });

  it('an open pause stops the clock and says how many days are left', () => {
    expect(dueWithPauses('2025-03-03', { n: 3, unit: 'month' }, [{ from: '2025-03-10', to: null }])).toEqual({
      state: 'paused',
      since: '2025-03-10',
      pausedDays: 0,
      daysLeft: 92 - 6,
    });
  });

  it('refuses a pause that ends before it starts, naming it', () => {
    expect(() => dueWithPauses('2025-03-03', { n: 1, unit: 'month' }, [{ from: '2025-03-10', to: '2025-03-01' }])).toThrow(/暂停结束日/);
  });
});
