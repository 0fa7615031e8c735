import { describe, expect, it } from 'vitest';
import { calendar2025to2026 } from '../calendar/fixtures';
import { computeDue, pausedDays, sweep, type DeadlineCalendar, type OpenDeadline } from './deadlines';
import { fakeCalendar } from './fixtures';
import { BEIJING, JILIN, YUNNAN, profileParams } from './profiles';

// 2025 National Day holiday as published: 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) worked
const holidays = ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'];
const cal = fakeCalendar(holidays, ['2025-09-28', '2025-10-11']);
const yn = profileParams(YUNNAN);
const row = (over: Partial<OpenDeadline>): OpenDeadline => ({
  applicationId: 'a', deadline: 'evaluation_limit', startedOn: '2025-03-03', due: '2025-06-03', warnOn: '2025-05-24',
  pausedSince: null, warnedOn: null, flaggedOn: null, ...over,
});

describe('deadline specs', () => {
  it('云医保〔2022〕6号 第十五条: publicity lasts 7 工作日, skipping the National Day holiday and counting the 调休 Saturday', () => {
    const d = computeDue('publicity_period', '2025-09-29', cal, yn)!;
    // 09-30, 10-09, 10-10, 10-11 (调休), 10-13, 10-14, 10-15
    expect(d.due).toBe('2025-10-15');
    expect(d.cites).toContainEqual({ doc: '云医保〔2022〕6号', article: 15 });
  });

  it('云医保〔2022〕6号 第九条: the one-time notice is due within 5 工作日 of receipt', () => {
    expect(computeDue('supplement_notice', '2025-03-07', cal, yn)!.due).toBe('2025-03-14');
  });

  it('京医保发〔2021〕30号 第九条: the evaluation limit is 3 months from receipt, 补正 time excluded, warned N days before', () => {
    const plain = computeDue('evaluation_limit', '2025-03-03', cal, profileParams(BEIJING))!;
    expect(plain.due).toBe('2025-06-03');
    expect(plain.warnOn).toBe('2025-05-24');
    const paused = computeDue('evaluation_limit', '2025-03-03', cal, profileParams(BEIJING), [{ from: '2025-03-06', to: '2025-03-13' }, { from: '2025-04-01', to: null }])!;
    expect(pausedDays([{ from: '2025-03-06', to: '2025-03-13' }])).toBe(7);
    expect(paused.due).toBe('2025-06-10');
    expect(computeDue('evaluation_limit', '2025-11-30', cal, yn)!.due).toBe('2026-02-28');
  });

  it('云医保〔2022〕6号 第十四条(三): re-evaluation 3 months after the notice is served; a second failure bars applications for 1 year', () => {
    expect(computeDue('reevaluation_wait', '2025-03-10', cal, yn)!.due).toBe('2025-06-10');
    expect(computeDue('reapplication_ban', '2025-06-23', cal, yn)!.due).toBe('2026-06-23');
  });

  it('京医保发〔2021〕30号 第九条: a profile that sets no publicity length has no such deadline', () => {
    expect(computeDue('publicity_period', '2025-03-03', cal, profileParams(BEIJING))).toBeNull();
  });

  it('the calendar module\'s WorkCalendar is a DeadlineCalendar as it is (no adapter) and agrees with the fake', () => {
    const real: DeadlineCalendar = calendar2025to2026();
    expect(computeDue('publicity_period', '2025-09-29', real, yn)!.due).toBe('2025-10-15');
  });

  it('a due date in a year whose holidays are not yet published is provisional', () => {
    expect(computeDue('activation', '2026-12-28', cal, yn)!.provisional).toBe(true);
    expect(computeDue('activation', '2025-12-01', cal, yn)!.provisional).toBe(false);
  });
});

describe('sweep', () => {
  it('京医保发〔2021〕30号 第九条: evaluation due soon → warn; overdue → flag once; paused → nothing', () => {
    expect(sweep('2025-05-23', [row({})])).toEqual([]);
    expect(sweep('2025-05-24', [row({})])).toEqual([expect.objectContaining({ kind: 'warn', daysLeft: 10 })]);
    expect(sweep('2025-05-25', [row({ warnedOn: '2025-05-24' })])).toEqual([]);
    expect(sweep('2025-06-03', [row({ warnedOn: '2025-05-24' })])).toEqual([]);
    expect(sweep('2025-06-05', [row({ warnedOn: '2025-05-24' })])).toEqual([expect.objectContaining({ kind: 'overdue', daysOver: 2 })]);
    expect(sweep('2025-06-06', [row({ flaggedOn: '2025-06-05' })])).toEqual([]);
    expect(sweep('2025-07-01', [row({ pausedSince: '2025-05-01' })])).toEqual([]);
  });

  it('云医保〔2022〕6号 第十八条: signing deadline passed → the event that makes the application abandoned; 第十五条: publicity over → end_publicity', () => {
    const out = sweep('2025-05-19', [
      row({ applicationId: 'b', deadline: 'signing_limit', due: '2025-05-16', warnOn: null }),
      row({ applicationId: 'a', deadline: 'publicity_period', due: '2025-05-12', warnOn: null }),
      row({ applicationId: 'c', deadline: 'filing', due: '2025-05-19', warnOn: null }),
    ]);
    expect(out.map((o) => [o.applicationId, o.kind, o.kind === 'event' ? o.event : null])).toEqual([
      ['a', 'event', 'end_publicity'], ['b', 'event', 'signing_deadline_passed'],
    ]);
  });

  it('吉医保规〔2023〕1号 第二十条: the end of the 整改 period is announced once', () => {
    const r = row({ deadline: 'reevaluation_wait', due: '2025-06-10', warnOn: null });
    expect(sweep('2025-06-11', [r])).toEqual([expect.objectContaining({ kind: 'elapsed' })]);
    expect(sweep('2025-06-12', [{ ...r, flaggedOn: '2025-06-11' }])).toEqual([]);
  });
});

describe('the basis of the 一次性告知 deadline in Jilin', () => {
  it('吉医保规〔2023〕1号 第三十六条: the 5 工作日 come from 国家医疗保障局令第2号 through the catch-all article, not 第十条 (materials)', () => {
    const d = computeDue('supplement_notice', '2025-03-07', calendar2025to2026(), profileParams(JILIN))!;
    const cites = d.cites.map((c) => `${c.doc} ${c.article}`);
    expect(cites).toContain('吉医保规〔2023〕1号 36');
    expect(cites).not.toContain('吉医保规〔2023〕1号 10');
  });
});
