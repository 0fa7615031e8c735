import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import { addDays, isWeekend } from '../domain/calendar/dates';
import type { ExceptionDay } from '../domain/calendar/work-calendar';
import { insertMissingCalendarYears } from '../db/calendar-repo';
import type { AppContext } from '../context';

/** The years chinese-days covers; later years are entered by a sysadmin from the State Council notice. */
export const SEED_YEARS = { from: 2004, to: 2026 } as const;

export const CHINESE_DAYS_SOURCE = `chinese-days ${(createRequire(import.meta.url)('chinese-days/package.json') as { version: string }).version}`;

/** 'Spring Festival,春节,4' → '春节' */
function chineseName(detailName: string): string {
  return detailName.split(',')[1] ?? detailName;
}

/**
 * One year's exceptions as chinese-days knows them. Its holiday list includes the weekend
 * days inside a holiday span (kept: they carry the holiday's name); make-up workdays are
 * the weekend days it reports as worked.
 */
export function chineseDaysYear(year: number): ExceptionDay[] {
  const out: ExceptionDay[] = [];
  const holidays = new Set(chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false));
  for (let day = `${year}-01-01`; day <= `${year}-12-31`; day = addDays(day, 1)) {
    if (holidays.has(day)) {
      out.push({ day, kind: 'holiday', name: chineseName(chineseDays.getDayDetail(day).name) });
    } else if (isWeekend(day)) {
      const detail = chineseDays.getDayDetail(day);
      if (detail.work) out.push({ day, kind: 'workday', name: chineseName(detail.name) });
    }
  }
  return out;
}

/** Loads 2004–2026 from chinese-days into calendar_days / calendar_years; idempotent. Returns the years it added. */
export async function seedCalendar(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number[]> {
  const years = [];
  for (let y = SEED_YEARS.from; y <= SEED_YEARS.to; y++) years.push({ year: y, source: CHINESE_DAYS_SOURCE, days: chineseDaysYear(y) });
  return insertMissingCalendarYears(ctx.db, ctx.clock.now(), CHINESE_DAYS_SOURCE, years);
}
