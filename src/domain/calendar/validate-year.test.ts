import { describe, expect, it } from 'vitest';
import { validateYearEntry } from './validate-year';
import { DAYS_2026 } from './fixtures';

describe('validateYearEntry', () => {
  it('accepts the published 2026 arrangement, weekend days inside holiday spans included', () => {
    expect(validateYearEntry(2026, DAYS_2026)).toEqual([]);
  });

  it('names the field of each problem', () => {
    const problems = validateYearEntry(2027, [
      { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { day: '2027-02-03', kind: 'workday', name: '春节' }, // a Wednesday
      { day: '2027-02-06', kind: 'workday', name: '春节' },
      { day: '2027-02-06', kind: 'workday', name: '春节' },
      { day: '2027-02-07', kind: 'holiday', name: ' ' },
    ]);
    expect(problems.map((p) => p.field)).toEqual(['days.0.day', 'days.1.kind', 'days.3.day', 'days.4.name']);
    expect(problems[0]!.message).toContain('不属于 2027 年');
    expect(problems[1]!.message).toContain('周三');
  });
});
