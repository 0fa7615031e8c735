/**
 * Date arithmetic of the policy rules: the calendar module's (src/domain/calendar/dates.ts) —
 * one date module for rules, deadlines and the workflow — plus the two questions the regulations
 * ask of a period, "满 n 个月" and "未满 n 个月 / n 个月内". Pure.
 */
import { addDays as calendarAddDays, addMonthsClamped, isValidDate } from '../calendar/dates';

export const isDate = (s: string): boolean => isValidDate(s);

/** Same day n months later; a day missing in the target month clamps to its last day (01-31 + 1 month → 02-28/29). */
export const addMonths = (date: string, n: number): string => addMonthsClamped(date, n).date;
export const addYears = (date: string, n: number): string => addMonths(date, n * 12);
export const addDays = (date: string, n: number): string => calendarAddDays(date, n);

/**
 * Periods of months and years are counted as 民法典 第二百零一条、第二百零二条 count them (the
 * regulations do not say otherwise): the day of the event does not count, the period begins the
 * next day, and its last day is the corresponding day of the last month (`addMonths(since, n)`,
 * clamped to the month's end). So a period is "满" (complete) only from the day AFTER that
 * corresponding day, and "未满" up to and including it. Conditions (运营满3个月), waits (整改3个月后)
 * and bans (1年内不得) all use this one pair, and the designation workflow's `not_before` deadlines
 * open on the same day (decision 0022).
 */
export const periodLastDay = (since: string, months: number): string => addMonths(since, months);

/** "满 n 个月": the n months counted from the day after `since` are complete on `asOf`. */
export const fullMonths = (since: string, months: number, asOf: string): boolean => asOf > periodLastDay(since, months);
/** "未满 n 个月" / "n 个月内": the period has not ended yet (its last day included). */
export const withinMonths = (since: string, months: number, asOf: string): boolean => !fullMonths(since, months, asOf);
export const withinYears = (since: string, years: number, asOf: string): boolean => withinMonths(since, years * 12, asOf);
