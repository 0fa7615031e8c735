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

  it('flags a 2027 deadline provisional (日历未发布) and estimates it with weekends and the statutory 元旦', () => {
    // 12-29 (1), 12-30 (2), 12-31 (3), 2027-01-01 Fri 元旦 (statutory, off), 01-04 Mon (4), 01-05 (5)
    const r = cal.addWorkdays('2026-12-28', 5);
    expect(r).toEqual({ due: '2027-01-05', provisional: true, missingYears: [2027] });
    const text = explainDue(cal, '2026-12-28', { n: 5, unit: 'workday' }, r);
    expect(text).toContain('2027 年国务院节假日安排尚未发布（日历未发布）');
    expect(text).toContain('2027-01-01 元旦放假（法定节假日，按放假办法估算）');
  });

  it('全国年节及纪念日放假办法 第二条 (国务院令第798号): a 2027 deadline across 春节 skips 除夕 to 初三 and stays provisional', () => {
    // 02-04 Thu (1); 02-05 Fri 除夕, 02-06/07 weekend (初一, 初二), 02-08 Mon 初三 off; 02-09 (2) … 02-12 Fri (5)
    const r = cal.addWorkdays('2027-02-03', 5);
    expect(r).toEqual({ due: '2027-02-12', provisional: true, missingYears: [2027] });
    expect(cal.isWorkday('2027-02-05')).toEqual({ workday: false, name: '春节', provisional: true, missingYears: [2027] });
    expect(cal.isWorkday('2027-02-09').workday).toBe(true);
    expect(cal.workdaysBetween('2027-02-03', '2027-02-12')).toEqual({ workdays: 5, provisional: true, missingYears: [2027] });
    const text = explainDue(cal, '2027-02-03', { n: 5, unit: 'workday' }, r);
    expect(text).toContain('2027-02-05 至 2027-02-08 春节放假（法定节假日，按放假办法估算）');
    expect(text).toContain('已按《全国年节及纪念日放假办法》计入元旦、春节、清明、劳动节、端午、中秋、国庆节的法定假日');
    expect(text).toContain('调休上班日和连休安排尚不可知，届满日为暂定');
    expect(text).not.toMatch(/[A-Za-z]/);
  });

  it('the official 2027 arrangement, once entered, replaces the statutory estimate', () => {
    // an invented notice: 02-05 … 02-11 off, Sat 02-13 worked
    const days = ['05', '06', '07', '08', '09', '10', '11'].map((d) => ({ day: `2027-02-${d}`, kind: 'holiday' as const, name: '春节' }));
    const with2027 = new WorkCalendar([2025, 2026, 2027], [...days, { day: '2027-02-13', kind: 'workday', name: '春节' }]);
    // 02-04 (1), 02-12 (2), 02-13 Sat worked (3), 02-15 (4), 02-16 (5)
    expect(with2027.addWorkdays('2027-02-03', 5)).toEqual({ due: '2027-02-16', provisional: false });
    // 04-05 is 清明 by the act, but this notice did not list it: the notice wins
    expect(with2027.isWorkday('2027-04-05')).toEqual({ workday: true, name: null, provisional: false });
    expect(explainDue(with2027, '2027-02-03', { n: 5, unit: 'workday' }, with2027.addWorkdays('2027-02-03', 5))).not.toContain('估算');
  });

  it('a year outside the statutory tables (2100) is still estimated with weekends only', () => {
    const r = cal.addWorkdays('2099-12-30', 2); // 12-31 Thu (1), 2100-01-01 Fri (2): no 元旦 known
    expect(r).toEqual({ due: '2100-01-01', provisional: true, missingYears: [2099, 2100] });
    const text = explainDue(cal, '2099-12-30', { n: 2, unit: 'workday' }, r);
    expect(text).toContain('2099 年国务院节假日安排尚未发布');
    expect(text).toContain('2100 年日历未发布，暂按仅周六、周日休息估算');
  });

  it('becomes final once 2027 is published', () => {
    const with2027 = new WorkCalendar([2025, 2026, 2027], [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    expect(with2027.addWorkdays('2026-12-28', 5)).toEqual({ due: '2027-01-05', provisional: false });
  });

  it('ignores exception days of a year that is not published', () => {
    const half = new WorkCalendar([], [{ day: '2027-01-04', kind: 'holiday', name: '元旦' }]);
    expect(half.isWorkday('2027-01-04')).toEqual({ workday: true, name: null, provisional: true, missingYears: [2027] });
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
    // 12-31 (1), 2027-01-01 元旦 (statutory, off), 01-04 (2)
    expect(cal.workdaysBetween('2026-12-30', '2027-01-04')).toEqual({ workdays: 2, provisional: true, missingYears: [2027] });
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
