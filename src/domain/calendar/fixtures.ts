import { addDays } from './dates';
import { WorkCalendar, type ExceptionDay, type ExceptionKind } from './work-calendar';

/**
 * Test data: the 2025 and 2026 holiday arrangements as published by the General Office of
 * the State Council (国务院办公厅关于2025年／2026年部分节假日安排的通知), typed in by hand so
 * that domain tests do not depend on a library; the seed test checks chinese-days agrees.
 */
function span(kind: ExceptionKind, from: string, to: string, name: string): ExceptionDay[] {
  const out: ExceptionDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ day: d, kind, name });
  return out;
}
const off = (from: string, to: string, name: string) => span('holiday', from, to, name);
const work = (day: string, name: string) => span('workday', day, day, name);

export const DAYS_2025: ExceptionDay[] = [
  ...off('2025-01-01', '2025-01-01', '元旦'),
  ...work('2025-01-26', '春节'),
  ...off('2025-01-28', '2025-02-04', '春节'),
  ...work('2025-02-08', '春节'),
  ...off('2025-04-04', '2025-04-06', '清明'),
  ...work('2025-04-27', '劳动节'),
  ...off('2025-05-01', '2025-05-05', '劳动节'),
  ...off('2025-05-31', '2025-06-02', '端午'),
  ...work('2025-09-28', '国庆节'),
  ...off('2025-10-01', '2025-10-05', '国庆节'),
  ...off('2025-10-06', '2025-10-06', '中秋'),
  ...off('2025-10-07', '2025-10-08', '国庆节'),
  ...work('2025-10-11', '国庆节'),
];

export const DAYS_2026: ExceptionDay[] = [
  ...off('2026-01-01', '2026-01-03', '元旦'),
  ...work('2026-01-04', '元旦'),
  ...work('2026-02-14', '春节'),
  ...off('2026-02-15', '2026-02-23', '春节'),
  ...work('2026-02-28', '春节'),
  ...off('2026-04-04', '2026-04-06', '清明'),
  ...off('2026-05-01', '2026-05-05', '劳动节'),
  ...work('2026-05-09', '劳动节'),
  ...off('2026-06-19', '2026-06-21', '端午'),
  ...work('2026-09-20', '国庆节'),
  ...off('2026-09-25', '2026-09-27', '中秋'),
  ...off('2026-10-01', '2026-10-07', '国庆节'),
  ...work('2026-10-10', '国庆节'),
];

/** 2025 and 2026 published; 2027 not yet. */
export const calendar2025to2026 = () => new WorkCalendar([2025, 2026], [...DAYS_2025, ...DAYS_2026]);
