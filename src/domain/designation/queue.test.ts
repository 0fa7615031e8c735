import { describe, expect, it } from 'vitest';
import { dueStatus, endOfWeek, FINISHED_STATES, OVERDUE_DEADLINES } from './queue';

describe('work-queue due status (decision 0019)', () => {
  it('云医保〔2022〕6号 第十五条: a 公示期 that has run out is 「公示期满，待办理」, not overdue', () => {
    expect(dueStatus('publicity_period', '2026-03-10', '2026-03-11')).toBe('publicity_ended');
    expect(OVERDUE_DEADLINES).not.toContain('publicity_period');
  });
  it('云医保〔2022〕6号 第十九条: a 备案 deadline that has passed is overdue; due today is not', () => {
    expect(dueStatus('filing', '2026-03-10', '2026-03-11')).toBe('overdue');
    expect(dueStatus('filing', '2026-03-10', '2026-03-10')).toBe('open');
  });
  it('a passed 整改期 (not_before) is over, not overdue', () => {
    expect(dueStatus('reevaluation_wait', '2026-03-10', '2026-04-01')).toBe('period_over');
  });
  it('本周 runs to Sunday', () => {
    expect(endOfWeek('2026-03-11')).toBe('2026-03-15'); // Wednesday
    expect(endOfWeek('2026-03-15')).toBe('2026-03-15'); // Sunday
    expect(endOfWeek('2026-03-09')).toBe('2026-03-15'); // Monday
  });
  it('finished files: refused, withdrawn, abandoned, activated, banned, not_signed', () => {
    for (const s of ['refused', 'withdrawn', 'abandoned', 'activated', 'banned', 'not_signed'] as const) expect(FINISHED_STATES).toContain(s);
    expect(FINISHED_STATES).not.toContain('filed');
  });
});
