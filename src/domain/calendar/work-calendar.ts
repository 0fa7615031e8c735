import { chinaDate } from '../clock/clock';
import { invalid } from '../errors';
import { addDays, addMonthsClamped, daysBetween, isWeekend, yearOf } from './dates';
import { statutoryHolidays } from './statutory';
import type { ExceptionDay } from './exception-day';

/**
 * The statutory working-day calendar: weekends are off, except for exception days
 * published by the State Council each year (国务院办公厅关于…部分节假日安排的通知):
 * 'holiday' = 法定节假日 (off), 'workday' = 调休上班 on a weekend.
 *
 * Counting conventions (see docs/decisions/0002-calendar.md):
 * - a period starts the day after its start date (民法典 第二百零一条第一款);
 * - months land on the same day of the target month, clamped to its end (第二百零二条);
 * - a period may be extended past off days at its end when the rule says so (第二百零三条).
 *
 * A year nobody has published is estimated as weekends plus the statutory holidays that
 * 《全国年节及纪念日放假办法》 fixes in advance (statutory.ts; make-up workdays and bridge days
 * are unknown until the notice), and every answer that looked at such a year says so
 * (provisional + missingYears): the caller cannot forget to show it.
 */

export type { ExceptionDay, ExceptionKind } from './exception-day';

export type Reckoned<T> = (T & { provisional: false }) | (T & { provisional: true; missingYears: number[] });
export type DueDate = Reckoned<{ due: string }>;

export type PeriodUnit = 'workday' | 'natural_day' | 'month';
export interface Period {
  n: number;
  unit: PeriodUnit;
}
export interface PeriodOptions {
  /** 民法典 第二百零三条: a last day that is an off day moves to the next workday. Not for 工作日 periods (their last day is a workday already). */
  extendPastOffDays?: boolean;
}

/** Guards the loops: no legal period in this domain is anywhere near this long. */
export const MAX_SPAN_DAYS = 366 * 30;

/** Collects the unpublished years a computation had to look at. */
class Looked {
  private readonly missing = new Set<number>();
  constructor(private readonly published: ReadonlySet<number>) {}
  note(day: string): boolean {
    const year = yearOf(day);
    const known = this.published.has(year);
    if (!known) this.missing.add(year);
    return known;
  }
  result<T extends object>(value: T): Reckoned<T> {
    if (this.missing.size === 0) return { ...value, provisional: false };
    return { ...value, provisional: true, missingYears: [...this.missing].sort((a, b) => a - b) };
  }
}

export class WorkCalendar {
  private readonly published: ReadonlySet<number>;
  private readonly exceptions: ReadonlyMap<string, ExceptionDay>;
  /** statutory holidays of unpublished years, computed when first needed */
  private readonly estimates = new Map<number, ReadonlyMap<string, ExceptionDay>>();

  constructor(publishedYears: Iterable<number>, days: Iterable<ExceptionDay>) {
    this.published = new Set(publishedYears);
    this.exceptions = new Map([...days].map((d) => [d.day, d]));
  }

  /** The statutory holiday on `day` of an unpublished year (the estimate), if any. */
  private estimated(day: string): ExceptionDay | undefined {
    const year = yearOf(day);
    let days = this.estimates.get(year);
    if (!days) {
      days = new Map((statutoryHolidays(year) ?? []).map((d) => [d.day, d]));
      this.estimates.set(year, days);
    }
    return days.get(day);
  }

  get publishedYears(): number[] {
    return [...this.published].sort((a, b) => a - b);
  }

  isPublished(year: number): boolean {
    return this.published.has(year);
  }

  /**
   * Exceptions stored for unpublished years are ignored (a half-entered year must not look
   * final); such a year is weekends plus its statutory holidays.
   */
  private workdayAt(day: string, looked: Looked): boolean {
    if (!looked.note(day)) return !isWeekend(day) && !this.estimated(day);
    const ex = this.exceptions.get(day);
    return ex ? ex.kind === 'workday' : !isWeekend(day);
  }

  private looked(): Looked {
    return new Looked(this.published);
  }

  isWorkday(day: string): Reckoned<{ workday: boolean; name: string | null }> {
    const looked = this.looked();
    const workday = this.workdayAt(day, looked);
    const name = (this.published.has(yearOf(day)) ? this.exceptions.get(day) : this.estimated(day))?.name ?? null;
    return looked.result({ workday, name });
  }

  /** The n-th workday after start (start itself not counted); negative n counts back. */
  addWorkdays(start: string, n: number): DueDate {
    guardSpan('n', n);
    const looked = this.looked();
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let day = start;
    let scanned = 0;
    while (left > 0) {
      day = addDays(day, step);
      if (this.workdayAt(day, looked)) left--;
      if (++scanned > MAX_SPAN_DAYS) throw invalid('n', `工作日数过大：${n}`);
    }
    return looked.result({ due: day });
  }

  addNaturalDays(start: string, n: number, opts: PeriodOptions = {}): DueDate {
    guardSpan('n', n);
    return this.finish(addDays(start, n), opts);
  }

  addMonths(start: string, n: number, opts: PeriodOptions = {}): DueDate {
    guardSpan('n', n * 31);
    return this.finish(addMonthsClamped(start, n).date, opts);
  }

  add(start: string, period: Period, opts: PeriodOptions = {}): DueDate {
    switch (period.unit) {
      case 'workday':
        return this.addWorkdays(start, period.n);
      case 'natural_day':
        return this.addNaturalDays(start, period.n, opts);
      case 'month':
        return this.addMonths(start, period.n, opts);
    }
  }

  private finish(due: string, opts: PeriodOptions): DueDate {
    const looked = this.looked();
    if (opts.extendPastOffDays) {
      let scanned = 0;
      while (!this.workdayAt(due, looked)) {
        due = addDays(due, 1);
        if (++scanned > 366) throw new Error('日历数据异常：连续一年无工作日');
      }
    }
    return looked.result({ due });
  }

  /** Workdays in (a, b] — so addWorkdays(a, n) = b ⇔ workdaysBetween(a, b) = n; negative when b < a. */
  workdaysBetween(a: string, b: string): Reckoned<{ workdays: number }> {
    const span = daysBetween(a, b);
    guardSpan('b', span);
    const looked = this.looked();
    const [from, sign] = span >= 0 ? [a, 1] : [b, -1];
    let count = 0;
    for (let i = 1; i <= Math.abs(span); i++) if (this.workdayAt(addDays(from, i), looked)) count++;
    return looked.result({ workdays: sign * count });
  }

  /**
   * Time left until the end of `due` (a deadline runs to 24:00 of its last day, 民法典 第二百零三条第二款).
   * Due today: 0 days left, not overdue.
   */
  remaining(now: Date, due: string): Reckoned<{ today: string; naturalDays: number; workdays: number; overdue: boolean }> {
    const today = chinaDate(now);
    const naturalDays = daysBetween(today, due);
    const w = this.workdaysBetween(today, due);
    const value = { today, naturalDays, workdays: w.workdays, overdue: naturalDays < 0 };
    return w.provisional ? { ...value, provisional: true, missingYears: w.missingYears } : { ...value, provisional: false };
  }

  /** Exception days of published years in (from, to], for explanations. */
  exceptionsIn(from: string, to: string): ExceptionDay[] {
    return [...this.exceptions.values()]
      .filter((d) => d.day > from && d.day <= to && this.published.has(yearOf(d.day)))
      .sort((x, y) => (x.day < y.day ? -1 : 1));
  }

  /** Statutory holidays of unpublished years in (from, to] — the estimate, for explanations. */
  estimatedIn(from: string, to: string): ExceptionDay[] {
    const out: ExceptionDay[] = [];
    for (let year = yearOf(from); year <= yearOf(to); year++) {
      if (this.published.has(year)) continue;
      for (const d of statutoryHolidays(year) ?? []) if (d.day > from && d.day <= to) out.push(d);
    }
    return out;
  }
}

function guardSpan(field: string, days: number): void {
  if (!Number.isInteger(days) || Math.abs(days) > MAX_SPAN_DAYS) throw invalid(field, `${field} 超出可计算范围（须为整数，跨度不超过 30 年）`);
}
