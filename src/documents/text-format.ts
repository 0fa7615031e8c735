/** Small formatters for Chinese official text. */
import { isValidDate } from '../domain/calendar/dates';
import { AppError } from '../domain/errors';

/** '2025-03-05' → '2025年3月5日' (GB/T 9704: 成文日期 in Arabic numerals, no leading zeros). */
export function formatChinaDate(date: string): string {
  if (!isValidDate(date)) throw new AppError('INVALID_INPUT', `日期不正确：${date}`, { field: 'date' });
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** An instant as Beijing time: '2025年6月12日 09:00（北京时间）'. */
export function formatChinaDateTime(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new AppError('INVALID_INPUT', `时间不正确：${iso}`, { field: 'time' });
  const bj = new Date(t.getTime() + 8 * 3_600_000).toISOString(); // China has no DST
  return `${formatChinaDate(bj.slice(0, 10))} ${bj.slice(11, 16)}（北京时间）`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → '一', 10 → '十', 14 → '十四', 23 → '二十三', 105 → '一百零五' (up to 999). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`超出范围：${n}`);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (rest === 0) return `${DIGITS[h]}百`;
  if (rest < 10) return `${DIGITS[h]}百零${DIGITS[rest]}`;
  // 110 → 一百一十, not 一百十
  return `${DIGITS[h]}百${rest < 20 ? '一' : ''}${chineseNumeral(rest)}`;
}

/** 3 → '第三条'. */
export function articleLabel(n: number): string {
  return `第${chineseNumeral(n)}条`;
}
