/**
 * What the work queue says about an application's nearest deadline (decision 0019): overdue only
 * for a deadline by which someone must act; a 公示期 that has run out is 「公示期满，待办理」 — the
 * publicity ended as planned and the next step is due, nothing is late (云医保〔2022〕6号 第十五条、第十六条);
 * a 'not_before' period (整改期, 不得再次申请) that has passed is over, not overdue.
 */
import { addDays, dayOfWeek } from '../calendar/dates';
import { DEADLINES, type DeadlineId } from './deadlines';
import { TERMINAL_STATES, type State } from './states';

/** Files the queue leaves out unless asked (includeFinished). */
export const FINISHED_STATES: readonly State[] = TERMINAL_STATES;

/** Deadlines that make a file late when they pass. */
export const OVERDUE_DEADLINES: readonly DeadlineId[] = (Object.keys(DEADLINES) as DeadlineId[])
  .filter((id) => DEADLINES[id].kind === 'due' && id !== 'publicity_period');

/** Deadlines the 今日到期 / 本周到期 filters look at: every 'due' deadline. */
export const DUE_DEADLINES: readonly DeadlineId[] = (Object.keys(DEADLINES) as DeadlineId[]).filter((id) => DEADLINES[id].kind === 'due');

export type DueStatus = 'open' | 'overdue' | 'publicity_ended' | 'period_over';

export const dueStatusLabel: Record<DueStatus, string> = {
  open: '办理中',
  overdue: '已逾期',
  publicity_ended: '公示期满，待办理',
  period_over: '期限已届满',
};

/** The status of a deadline due on `due` (China date), seen on `today`: a deadline runs to 24:00 of its day. */
export function dueStatus(deadline: string, due: string, today: string): DueStatus {
  if (today <= due) return 'open';
  if (deadline === 'publicity_period') return 'publicity_ended';
  return (OVERDUE_DEADLINES as readonly string[]).includes(deadline) ? 'overdue' : 'period_over';
}

/** The Sunday that ends the week (Monday to Sunday) of `today` — 本周到期 runs from today to it. */
export function endOfWeek(today: string): string {
  const dow = dayOfWeek(today);
  return addDays(today, dow === 0 ? 0 : 7 - dow);
}
