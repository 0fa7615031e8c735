import { invalid } from '../errors';
import { addDays, addMonthsClamped, daysBetween, isValidDate } from './dates';
import { MAX_SPAN_DAYS } from './work-calendar';

/**
 * A time limit that stops while something else runs: e.g. the 3-month evaluation limit
 * does not count the time an institution spends on 补正 (京医保发〔2021〕30号 第九条;
 * 吉医保规〔2023〕1号 第二十条).
 *
 * The limit is first turned into a number of natural days N (a month limit is measured
 * from the start: 2025-03-03 + 3 months = 92 days). The due date is then the N-th day
 * after start that lies in no pause. A pause is the half-open span [from, to): `from` is
 * the first day not counted, `to` the first day counted again. For 补正 requested on R and
 * answered on A the caller passes [R+1, A+1): R was already a counted day, and counting
 * resumes the day after the answer, as it starts the day after receipt.
 */

export interface Pause {
  from: string;
  /** null: still paused (e.g. 补正 not yet answered) */
  to: string | null;
}

export interface PausableLimit {
  n: number;
  unit: 'natural_day' | 'month';
}

export type PausedDue =
  | { state: 'running'; due: string; pausedDays: number }
  /** the clock is stopped now: `daysLeft` natural days remain once it restarts */
  | { state: 'paused'; since: string; pausedDays: number; daysLeft: number };

export function dueWithPauses(start: string, limit: PausableLimit, pauses: readonly Pause[]): PausedDue {
  const total = limit.unit === 'month' ? daysBetween(start, addMonthsClamped(start, limit.n).date) : limit.n;
  if (!Number.isInteger(total) || total < 0 || total > MAX_SPAN_DAYS) throw invalid('limit.n', `期限超出可计算范围：${limit.n}`);
  pauses.forEach((p, i) => {
    if (!isValidDate(p.from)) throw invalid(`pauses.${i}.from`, `暂停起始日无效：${p.from}`);
    if (p.to !== null && (!isValidDate(p.to) || p.to < p.from)) throw invalid(`pauses.${i}.to`, `暂停结束日须不早于起始日：${p.to}`);
  });

  let counted = 0;
  let pausedDays = 0;
  let day = start;
  while (counted < total) {
    day = addDays(day, 1);
    const open = pauses.find((p) => p.to === null && p.from <= day);
    if (open) return { state: 'paused', since: open.from, pausedDays, daysLeft: total - counted };
    if (pauses.some((p) => p.to !== null && p.from <= day && day < p.to)) pausedDays++;
    else counted++;
    if (pausedDays > MAX_SPAN_DAYS) throw invalid('pauses', '暂停时间超出可计算范围');
  }
  return { state: 'running', due: day, pausedDays };
}
