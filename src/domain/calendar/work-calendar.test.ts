import { describe, expect, it } from 'vitest';
import { calendar2025to2026 } from './fixtures';
import { WorkCalendar } from './work-calendar';
import { explainDue } from './explain';

const cal = calendar2025to2026();

describe('WorkCalendar.addWorkdays', () => {
  it('云医保〔2022〕6号 第九条: 5 工作日 一次性告知 from receipt — received Thu 2025-09-25 → 2025-10-09', () => {
    // 09-26 Fri (1), 09-28 Sun 调休上班 (2), 09-29 (3), 09-30 (4), 10-01..10-08 off, 10-09 Thu (5)
    expect(cal.addWorkdays('2025-09-25', 5)).toEqual({ due: '2025-10-09', provisional: false });
  });

  it('does not count the start day itself (民法典 第二百零一条)', () => {
    expect(cal.addWorkdays('2025-09-29', 1).due).toBe('2025-09-30');
    expect(cal.addWorkdays('2025-09-27', 1).due).toBe('2025-09-28'); // Sunday, but a make-up workday
    expect(cal.addWorkdays('2025-09-25', 0).due).toBe('2025-09-25');
  });

  it('counts across the 2026 春节 (02-15 … 02-23 off, 02-14 and 02-28 Saturdays worked)', () => {
    // 02-13 Fri (1), 02-14 Sat worked (2), 02-24 (3), 02-25 (4), 02-26 (5)
    expect(cal.addWorkdays('2026-02-12', 5)).toEqual({ due: '2026-02-26', provisional: false });
    // … 02-27 (6), 02-28 Sat worked (7), 03-02 (8), 03-03 (9), 03-04 (10)
    expect(cal.addWorkdays('2026-02-12', 10).due).toBe('2026-03-04');
    expect(cal.isWorkday('2026-02-18')).toEqual({ workday: false, name: '春节', provisional: false });
    expect(cal.isWorkday('2026-02-28')).toEqual({ workday: true, name: '春节', provisional: false });
  });

  it('counts backwards for negative n: the n-th workday before', () => {
    expect(cal.addWorkdays('2025-10-09', -5).due).toBe('2025-09-25'); // 09-30, 09-29, 09-28 (worked Sunday), 09-26, 09-25
  });

  it('flags a 2027 deadline provisional (日历未发布) and estimates it with weekends only', () => {
    // 12-29 (1), 12-30 (2), 12-31 (3), 2027-01-01 Fri — unknown, assumed worked (4), 01-04 Mon (5)
    const r = cal.addWorkdays('2026-12-28', 5);
    expect(r).toEqual({ due: '2027-01-04', provisional: true, missingYears: [2027] });
    if (r.provisional) expect(explainDue(cal, '2026-12-28', { n: 5, unit: 'workday' }, r)).toContain('2027 年日历未发布');
  });

  it('becomes final once 2027 is published', () => {
    const with2027 = new WorkCalendar([2025, 2026, 2027], [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    expect(with2027.addWorkdays('2026-12-28', 5)).toEqual({ due: '2027-01-05', provisional: false });
  });

  it('ignores exception days of a year that is not published', () => {
    const half = new WorkCalendar([], [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    expect(half.isWorkday('2027-01-01')).toEqual({ workday: true, name: null, provisional: true, missingYears: [2027] });
  });
});

describe('WorkCalendar natural days and months', () => {
  it('adds natural days without looking at the calendar', () => {
    expect(cal.addNaturalDays('2025-09-25', 15)).toEqual({ due: '2025-10-10', provisional: false });
    expect(cal.addNaturalDays('2026-12-25', 15)).toEqual({ due: '2027-01-09', provisional: false });
  });

  it('民法典 第二百零三条: when asked, a last day that is an off day moves to the next workday', () => {
    expect(cal.addNaturalDays('2025-09-25', 7, { extendPastOffDays: true }).due).toBe('2025-10-09');
    expect(cal.addNaturalDays('2025-09-25', 3, { extendPastOffDays: true }).due).toBe('2025-09-28'); // Sunday worked
    expect(cal.addNaturalDays('2026-12-25', 8, { extendPastOffDays: true })).toEqual({ due: '2027-01-04', provisional: true, missingYears: [2027] });
  });

  it('民法典 第二百零二条: months clamp to the month end', () => {
    expect(cal.addMonths('2025-01-31', 1).due).toBe('2025-02-28');
    expect(cal.addMonths('2025-03-03', 3).due).toBe('2025-06-03');
    expect(cal.add('2025-11-30', { n: 3, unit: 'month' }).due).toBe('2026-02-28');
    expect(explainDue(cal, '2025-01-31', { n: 1, unit: 'month' }, cal.addMonths('2025-01-31', 1))).toContain('取该月最后一日');
  });

  it('refuses absurd spans', () => {
    expect(() => cal.addWorkdays('2025-01-01', 1e9)).toThrow(/超出可计算范围/);
    expect(() => cal.addNaturalDays('2025-01-01', 1.5)).toThrow(/超出可计算范围/);
  });
});

describe('WorkCalendar statistics', () => {
  it('workdaysBetween is the inverse of addWorkdays', () => {
    expect(cal.workdaysBetween('2025-09-25', '2025-10-09')).toEqual({ workdays: 5, provisional: false });
    expect(cal.workdaysBetween('2025-10-09', '2025-09-25').workdays).toBe(-5);
    expect(cal.workdaysBetween('2025-10-01', '2025-10-01').workdays).toBe(0);
    expect(cal.workdaysBetween('2026-12-30', '2027-01-04')).toEqual({ workdays: 3, provisional: true, missingYears: [2027] });
  });

  it('remaining: a deadline runs to 24:00 China time of its last day', () => {
    // 2025-10-08T20:00Z is already 10-09 04:00 in China
    expect(cal.remaining(new Date('2025-10-08T20:00:00Z'), '2025-10-09')).toEqual({
      today: '2025-10-09',
      naturalDays: 0,
      workdays: 0,
      overdue: false,
      provisional: false,
    });
    const r = cal.remaining(new Date('2025-09-25T01:00:00Z'), '2025-10-09');
    expect([r.naturalDays, r.workdays, r.overdue]).toEqual([14, 5, false]);
    expect(cal.remaining(new Date('2025-10-10T01:00:00Z'), '2025-10-09')).toMatchObject({ naturalDays: -1, workdays: -1, overdue: true });
  });

  it('explains the exception days met on the way', () => {
    const r = cal.addWorkdays('2025-09-25', 5);
    const text = explainDue(cal, '2025-09-25', { n: 5, unit: 'workday' }, r);
    expect(text).toContain('自 2025-09-25 次日起算 5 个工作日，届满日为 2025-10-09（周四）');
    expect(text).toContain('2025-09-28 国庆节调休上班');
    expect(text).toContain('2025-10-01 至 2025-10-05 国庆节放假；2025-10-06 中秋放假；2025-10-07 至 2025-10-08 国庆节放假');
    expect(text).not.toContain('暂定');
  });
});
