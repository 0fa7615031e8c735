import { addDays } from './dates';

/**
 * Chinese lunisolar calendar (农历) 2000–2100, enough to place 除夕, 春节, 端午 and 中秋 in a
 * Gregorian year. One number per lunar year, the table every lunar library carries (here as in
 * chinese-days' `LUNAR_INFO`, checked against the published holiday years in statutory.test.ts):
 * - bits 0–3: the leap month (闰月) after which it is inserted, 0 = none;
 * - bits 4–15: months 1…12, bit (0x10000 >> m) set = month m has 30 days (大月), else 29;
 * - bit 16: the leap month has 30 days.
 */
const LUNAR_YEARS: readonly number[] = [
  0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5, // 2000–2009
  0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930, // 2010–2019
  0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530, // 2020–2029
  0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45, // 2030–2039
  0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0, // 2040–2049
  0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06b20, 0x1a6c4, 0x0aae0, // 2050–2059
  0x0a2e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4, // 2060–2069
  0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0, // 2070–2079
  0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160, // 2080–2089
  0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a2d0, 0x0d150, 0x0f252, // 2090–2099
  0x0d520, // 2100
];
/** 正月初一 of lunar year 2000 (庚辰年) */
const FIRST_NEW_YEAR = '2000-02-05';
export const LUNAR_RANGE = { from: 2000, to: 2000 + LUNAR_YEARS.length - 1 } as const;

function info(year: number): number {
  const v = LUNAR_YEARS[year - LUNAR_RANGE.from];
  if (v === undefined) throw new RangeError(`农历数据仅覆盖 ${LUNAR_RANGE.from}–${LUNAR_RANGE.to} 年：${year}`);
  return v;
}
const leapMonth = (year: number) => info(year) & 0xf;
const leapDays = (year: number) => (leapMonth(year) ? (info(year) & 0x10000 ? 30 : 29) : 0);
const monthDays = (year: number, month: number) => (info(year) & (0x10000 >> month) ? 30 : 29);

function yearDays(year: number): number {
  let days = leapDays(year);
  for (let m = 1; m <= 12; m++) days += monthDays(year, m);
  return days;
}

/**
 * The Gregorian date of a day of a regular (not leap) lunar month: lunarToSolar(2027, 1, 1)
 * = '2027-02-06' (春节). Day 30 of a 29-day month is refused.
 */
export function lunarToSolar(year: number, month: number, day: number): string {
  info(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`农历月份应为 1–12：${month}`);
  if (!Number.isInteger(day) || day < 1 || day > monthDays(year, month)) throw new RangeError(`农历 ${year} 年 ${month} 月无第 ${day} 日`);
  let offset = 0;
  for (let y = LUNAR_RANGE.from; y < year; y++) offset += yearDays(y);
  const leap = leapMonth(year);
  for (let m = 1; m < month; m++) {
    offset += monthDays(year, m);
    if (m === leap) offset += leapDays(year);
  }
  return addDays(FIRST_NEW_YEAR, offset + day - 1);
}

/** 除夕: the last day of the twelfth month, i.e. the day before 正月初一 of `year`. */
export function lunarNewYearsEve(year: number): string {
  return addDays(lunarToSolar(year, 1, 1), -1);
}
