/** Calendar arithmetic on YYYY-MM-DD strings (China dates; no time of day). Pure. */

const RE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(s: string): boolean {
  if (!RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Same day n months later; a day missing in the target month clamps to its last day (01-31 + 1 month → 02-28/29). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export const addYears = (date: string, n: number): string => addMonths(date, n * 12);

export function addDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`).getTime() + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** "未满 n 个月": asOf is before the day n months after `since`. */
export const withinMonths = (since: string, months: number, asOf: string): boolean => asOf < addMonths(since, months);
export const withinYears = (since: string, years: number, asOf: string): boolean => withinMonths(since, years * 12, asOf);
