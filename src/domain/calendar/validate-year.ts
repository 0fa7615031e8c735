import { WEEKDAY_LABEL, dayOfWeek, isValidDate, isWeekend, yearOf } from './dates';
import type { ExceptionDay } from './work-calendar';

export interface YearProblem {
  /** path inside the entry, e.g. 'days.3.kind' */
  field: string;
  message: string;
}

/**
 * Checks one year's exception days as published by the State Council.
 * - every day belongs to that year, once;
 * - a 'workday' (调休上班) must be a Saturday or Sunday — on a weekday it would change nothing;
 * - a 'holiday' MAY fall on a weekend: the published holiday spans include the weekend days
 *   inside them (2026 春节 02-15 周日 … 02-23 周一), and chinese-days lists them so.
 * Returns every problem, first one first; empty when the entry is sound.
 */
export function validateYearEntry(year: number, days: readonly ExceptionDay[]): YearProblem[] {
  const problems: YearProblem[] = [];
  const seen = new Map<string, number>();
  days.forEach((d, i) => {
    if (!isValidDate(d.day)) {
      problems.push({ field: `days.${i}.day`, message: `days[${i}].day 不是有效日期：${d.day}` });
      return;
    }
    if (yearOf(d.day) !== year) {
      problems.push({ field: `days.${i}.day`, message: `days[${i}].day ${d.day} 不属于 ${year} 年` });
    }
    const first = seen.get(d.day);
    if (first !== undefined) {
      problems.push({ field: `days.${i}.day`, message: `days[${i}].day ${d.day} 与 days[${first}] 重复` });
    } else {
      seen.set(d.day, i);
    }
    if (d.kind === 'workday' && !isWeekend(d.day)) {
      problems.push({
        field: `days.${i}.kind`,
        message: `days[${i}].kind：${d.day} 是${WEEKDAY_LABEL[dayOfWeek(d.day)]}，调休上班日（workday）须为周六或周日`,
      });
    }
    if (!d.name.trim()) problems.push({ field: `days.${i}.name`, message: `days[${i}].name 不能为空` });
  });
  return problems;
}
