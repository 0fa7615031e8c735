import { WEEKDAY_LABEL, addDays, addMonthsClamped, dayOfWeek } from './dates';
import { STATUTORY_ACT, statutoryVersion } from './statutory';
import type { DueDate, ExceptionDay, Period, WorkCalendar } from './work-calendar';

export const PROVISIONAL_LABEL = '日历未发布';

/** One Chinese sentence (or three) that a clerk can read back to an institution. */
export function explainDue(cal: WorkCalendar, start: string, period: Period, result: DueDate): string {
  const due = `${result.due}（${WEEKDAY_LABEL[dayOfWeek(result.due)]}）`;
  const parts: string[] = [];
  if (period.unit === 'workday') {
    parts.push(`自 ${start} 次日起算 ${period.n} 个工作日，届满日为 ${due}。`);
    const notes = describeExceptions(cal.exceptionsIn(start, result.due));
    const estimated = describeExceptions(cal.estimatedIn(start, result.due));
    const all = [notes, estimated && `${estimated}（法定节假日，按放假办法估算）`].filter(Boolean).join('；');
    if (all) parts.push(`期间：${all}。`);
  } else if (period.unit === 'natural_day') {
    parts.push(`自 ${start} 次日起算 ${period.n} 个自然日，届满日为 ${due}。`);
  } else {
    const m = addMonthsClamped(start, period.n);
    parts.push(`自 ${start} 起算 ${period.n} 个月，届满日为到期月的对应日 ${due}`);
    if (m.clamped) parts[parts.length - 1] += '；到期月无对应日，取该月最后一日（民法典 第二百零二条）';
    parts[parts.length - 1] += '。';
  }
  if (result.provisional) parts.push(provisionalNote(result.missingYears));
  return parts.join('');
}

/**
 * Why a result is provisional, in words: a year whose State Council notice is not out counts the
 * statutory holidays (known in advance) plus weekends; its 调休 is unknown.
 */
export function provisionalNote(missingYears: readonly number[]): string {
  const withAct = missingYears.filter((y) => statutoryVersion(y));
  const bare = missingYears.filter((y) => !statutoryVersion(y));
  const list = (ys: readonly number[]) => `${ys.join('、')} 年`;
  const sentences: string[] = [];
  if (withAct.length) {
    sentences.push(
      `${list(withAct)}国务院节假日安排尚未发布（${PROVISIONAL_LABEL}），已按${STATUTORY_ACT}计入元旦、春节、清明、劳动节、端午、中秋、国庆节的法定假日，` +
        '调休上班日和连休安排尚不可知，届满日为暂定',
    );
  }
  if (bare.length) sentences.push(`${list(bare)}${PROVISIONAL_LABEL}，暂按仅周六、周日休息估算，届满日为暂定`);
  return `注意：${sentences.join('；')}；该年度节假日安排录入后自动更正。`;
}

/** "2025-10-01 至 2025-10-08 国庆节放假；2025-09-28 国庆节调休上班" — runs of same-named days are grouped. */
function describeExceptions(days: ExceptionDay[]): string {
  const runs: { from: string; to: string; kind: ExceptionDay['kind']; name: string }[] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && last.kind === d.kind && last.name === d.name && addDays(last.to, 1) === d.day) last.to = d.day;
    else runs.push({ from: d.day, to: d.day, kind: d.kind, name: d.name });
  }
  return runs
    .map((r) => `${r.from === r.to ? r.from : `${r.from} 至 ${r.to}`} ${r.name}${r.kind === 'holiday' ? '放假' : '调休上班'}`)
    .join('；');
}
