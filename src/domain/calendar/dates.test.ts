import { describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped, dayOfWeek, daysBetween, isValidDate, isWeekend } from './dates';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('2025-02-30')).toBe(false);
    expect(isValidDate('2025-13-01')).toBe(false);
    expect(isValidDate('2025-1-01')).toBe(false);
    expect(isValidDate('2025-01-01T00:00')).toBe(false);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2025-03-03', '2025-06-03')).toBe(92);
    expect(daysBetween('2025-06-03', '2025-03-03')).toBe(-92);
  });

  it('knows the weekday', () => {
    expect(dayOfWeek('2025-09-25')).toBe(4); // Thursday
    expect(isWeekend('2025-09-28')).toBe(true);
    expect(isWeekend('2025-09-29')).toBe(false);
  });

  it('民法典 第二百零二条: a month period ends on the corresponding day, or the month end when there is none', () => {
    expect(addMonthsClamped('2025-01-31', 1)).toEqual({ date: '2025-02-28', clamped: true });
    expect(addMonthsClamped('2024-01-31', 1)).toEqual({ date: '2024-02-29', clamped: true });
    expect(addMonthsClamped('2025-03-03', 3)).toEqual({ date: '2025-06-03', clamped: false });
    expect(addMonthsClamped('2025-08-31', 6)).toEqual({ date: '2026-02-28', clamped: true });
    expect(addMonthsClamped('2025-11-15', 2)).toEqual({ date: '2026-01-15', clamped: false });
    expect(addMonthsClamped('2025-03-31', -1)).toEqual({ date: '2025-02-28', clamped: true });
  });
});
