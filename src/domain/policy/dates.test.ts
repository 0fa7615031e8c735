import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/dates';
import { calendar2025to2026 } from '../calendar/fixtures';
import { computeDue } from '../designation/deadlines';
import { fullMonths, withinMonths, withinYears } from './dates';

/**
 * One date module, one answer (issue #8): the policy rules and the designation workflow agree to
 * the day on when a wait of months has passed. Counting as 民法典 第二百零一条、第二百零二条: the
 * event's day does not count, the last day is the corresponding day (clamped to the month's end),
 * and the period is complete from the next day (decision 0022).
 */
const params = (months: number) => ({
  get: (k: string) => (k === 'reevaluation.wait.months' ? months : k === 'reapplication.ban.months' ? 12 : null),
});

/** The first day the policy rule lets an applicant through, searched day by day. */
function firstFullDay(since: string, months: number): string {
  let d = addDays(since, 1);
  while (!fullMonths(since, months, d)) d = addDays(d, 1);
  return d;
}

describe('民法典 第二百零一条、第二百零二条: months counted the same by rules and workflow', () => {
  const served = ['2025-01-15', '2025-01-31', '2025-03-31', '2025-05-31', '2025-08-29', '2025-08-30', '2025-08-31', '2025-11-30', '2025-12-31'];
  const cal = calendar2025to2026();

  it.each(served)('云医保〔2022〕6号 第十四条(三): 整改3个月后 — served %s, the workflow and the rule open on the same day', (d) => {
    const wait = computeDue('reevaluation_wait', d, cal, params(3) as never)!;
    const workflowOpens = addDays(wait.due, 1); // reducers.ts: reevaluationFrom = due + 1
    expect(firstFullDay(d, 3)).toBe(workflowOpens);
    expect(withinMonths(d, 3, wait.due)).toBe(true); // the last day itself is still inside
  });

  it.each(served)('云医保〔2022〕6号 第十四条(三): 1年内不得再次申请 — decided %s, the ban ends on the same day for both', (d) => {
    const ban = computeDue('reapplication_ban', d, cal, params(3) as never)!;
    expect(withinYears(d, 1, ban.due)).toBe(true);
    expect(withinYears(d, 1, addDays(ban.due, 1))).toBe(false);
  });

  it('the corresponding day is clamped to the month\'s end: 08-31 + 6 months ends on 02-28 (2026) and is full from 03-01', () => {
    expect(withinMonths('2025-08-31', 6, '2026-02-28')).toBe(true);
    expect(fullMonths('2025-08-31', 6, '2026-03-01')).toBe(true);
  });
});
