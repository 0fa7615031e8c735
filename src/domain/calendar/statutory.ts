import { addDays } from './dates';
import { lunarNewYearsEve, lunarToSolar } from './lunar';
import type { ExceptionDay } from './exception-day';

/**
 * The days off that 《全国年节及纪念日放假办法》 fixes for everyone (第二条), known years before
 * the State Council's yearly notice places the make-up workdays (调休) and bridge days around
 * them. The text changed twice since 清明, 端午 and 中秋 became holidays:
 * - 国务院令第513号, in force 2008-01-01: 春节 3 days = 除夕、正月初一、初二; 劳动节 1 day;
 * - 国务院令第644号, in force 2014-01-01: 春节 3 days = 正月初一、初二、初三;
 * - 国务院令第798号, in force 2025-01-01: 春节 4 days = 除夕、正月初一至初三; 劳动节 2 days (5月1日、2日).
 * Unchanged throughout: 元旦 1 day (1月1日), 清明 1 day (the solar term's day), 端午 1 day
 * (农历五月初五), 中秋 1 day (农历八月十五), 国庆节 3 days (10月1日至3日).
 *
 * Names are those of the published calendar (chinese-days, the seed): 元旦 春节 清明 劳动节 端午 中秋 国庆节.
 */
export interface StatutoryVersion {
  /** 国务院令 number, for explanations */
  decree: string;
  /** first year the version applies to (each took effect on 1 January) */
  from: number;
  /** days of 春节 relative to 正月初一: -1 = 除夕 */
  springFestival: readonly number[];
  labourDays: number;
}

export const STATUTORY_VERSIONS: readonly StatutoryVersion[] = [
  { decree: '国务院令第513号', from: 2008, springFestival: [-1, 0, 1], labourDays: 1 },
  { decree: '国务院令第644号', from: 2014, springFestival: [0, 1, 2], labourDays: 1 },
  { decree: '国务院令第798号', from: 2025, springFestival: [-1, 0, 1, 2], labourDays: 2 },
];

/** Years this module can compute (清明 formula: 21st century; lunar table to 2100). */
export const STATUTORY_RANGE = { from: 2008, to: 2099 } as const;

export const STATUTORY_ACT = '《全国年节及纪念日放假办法》';

/**
 * 清明: the day the sun reaches ecliptic longitude 15°, in China time. For 2000–2099 the usual
 * solar-term formula [Y·0.2422 + C] − [Y/4] with C = 4.81 (Y = year − 2000) agrees with an
 * astronomical computation (Meeus, ch. 25) in every year — checked once when this was written,
 * the closest call being 2071 (5 minutes after midnight, 4月5日).
 */
export function qingming(year: number): string {
  if (year < 2000 || year > 2099) throw new RangeError(`清明日期仅计算 2000–2099 年：${year}`);
  const y = year - 2000;
  const day = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
  return `${year}-04-${String(day).padStart(2, '0')}`;
}

export function statutoryVersion(year: number): StatutoryVersion | null {
  if (year < STATUTORY_RANGE.from || year > STATUTORY_RANGE.to) return null;
  return [...STATUTORY_VERSIONS].reverse().find((v) => year >= v.from) ?? null;
}

/**
 * The statutory holidays of `year`, in date order, as exception days of kind 'holiday'; null
 * outside STATUTORY_RANGE. A day that is two holidays at once (中秋 on 10月1日–3日, as in 2020)
 * is listed once, named after both.
 */
export function statutoryHolidays(year: number): ExceptionDay[] | null {
  const v = statutoryVersion(year);
  if (!v) return null;
  const days: { day: string; name: string }[] = [];
  const add = (day: string, name: string) => days.push({ day, name });
  add(`${year}-01-01`, '元旦');
  const newYear = lunarToSolar(year, 1, 1);
  for (const d of v.springFestival) add(d === -1 ? lunarNewYearsEve(year) : addDays(newYear, d), '春节');
  add(qingming(year), '清明');
  for (let d = 1; d <= v.labourDays; d++) add(`${year}-05-0${d}`, '劳动节');
  add(lunarToSolar(year, 5, 5), '端午');
  add(lunarToSolar(year, 8, 15), '中秋');
  for (let d = 1; d <= 3; d++) add(`${year}-10-0${d}`, '国庆节');

  const byDay = new Map<string, ExceptionDay>();
  for (const { day, name } of days) {
    const seen = byDay.get(day);
    byDay.set(day, { day, kind: 'holiday', name: seen ? `${seen.name}、${name}` : name });
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}
