import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from './client';
import { calendarDays, calendarYears } from './schema/index';
import { appendAudit } from './audit-repo';
import { WorkCalendar, type ExceptionDay } from '../domain/calendar/work-calendar';
import type { SessionUser } from '../domain/identity/roles';

export interface CalendarYearSummary {
  year: number;
  source: string;
  enteredBy: string | null;
  enteredAt: Date;
  holidays: number;
  workdays: number;
}

export interface CalendarYear extends Omit<CalendarYearSummary, 'holidays' | 'workdays'> {
  days: ExceptionDay[];
}

/**
 * The calendar is read on every deadline computation but changes once a year, so each
 * process caches it. Another node may have entered a year, so a cached copy is checked
 * against a one-row fingerprint of calendar_years (+ the day count) — but at most once every
 * CALENDAR_RECHECK_MS per process, not on every pipeline step (that query was one of the ~12
 * statements of each step; docs/decisions/0011-pipeline-throughput.md). Entering a year in
 * this process drops the copy at once; a year entered on another node is seen here within
 * CALENDAR_RECHECK_MS. The interval is measured on the process's monotonic clock, not the
 * app's (sandbox) clock.
 */
export const CALENDAR_RECHECK_MS = 5_000;

interface CacheEntry {
  fingerprint: string;
  calendar: WorkCalendar;
  /** performance.now() of the last fingerprint check that confirmed this copy */
  checkedAt: number;
}
const cache = new WeakMap<Db, CacheEntry>();
/** bumped by every invalidation, so that a load that raced with it does not store what it read */
const generation = new WeakMap<Db, number>();

export function invalidateCalendarCache(db: Db): void {
  cache.delete(db);
  generation.set(db, (generation.get(db) ?? 0) + 1);
}

async function fingerprint(db: Db): Promise<string> {
  const res = await db.execute(sql`
    SELECT concat_ws('|',
      (SELECT string_agg(year || ':' || source || ':' || extract(epoch FROM entered_at), ',' ORDER BY year) FROM calendar_years),
      (SELECT count(*) FROM calendar_days)) AS f`);
  return rowsOf<{ f: string | null }>(res)[0]?.f ?? '';
}

export async function loadWorkCalendar(db: Db | Tx): Promise<WorkCalendar> {
  const hit = cache.get(db);
  const t = performance.now();
  const g = generation.get(db) ?? 0;
  if (hit && t - hit.checkedAt < CALENDAR_RECHECK_MS) return hit.calendar;
  const f = await fingerprint(db);
  const now = cache.get(db); // may have been invalidated or refreshed meanwhile
  if (now && now === hit && now.fingerprint === f) {
    now.checkedAt = t;
    return now.calendar;
  }
  const years = await db.select({ year: calendarYears.year }).from(calendarYears);
  const days = await db.select().from(calendarDays);
  const calendar = new WorkCalendar(
    years.map((y) => y.year),
    days.map((d) => ({ day: d.day, kind: d.kind, name: d.name })),
  );
  if ((generation.get(db) ?? 0) === g) cache.set(db, { fingerprint: f, calendar, checkedAt: t });
  return calendar;
}

export async function listCalendarYears(db: Db): Promise<CalendarYearSummary[]> {
  const rows = await db
    .select({
      year: calendarYears.year,
      source: calendarYears.source,
      enteredBy: calendarYears.enteredBy,
      enteredAt: calendarYears.enteredAt,
      holidays: sql<number>`count(${calendarDays.day}) FILTER (WHERE ${calendarDays.kind} = 'holiday')`.mapWith(Number),
      workdays: sql<number>`count(${calendarDays.day}) FILTER (WHERE ${calendarDays.kind} = 'workday')`.mapWith(Number),
    })
    .from(calendarYears)
    .leftJoin(calendarDays, sql`extract(year FROM ${calendarDays.day})::int = ${calendarYears.year}`)
    .groupBy(calendarYears.year)
    .orderBy(asc(calendarYears.year));
  return rows;
}

const inYear = (year: number) => and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`));

async function readYear(db: Db, year: number): Promise<CalendarYear | null> {
  const [row] = await db.select().from(calendarYears).where(eq(calendarYears.year, year));
  if (!row) return null;
  const days = await db.select().from(calendarDays).where(inYear(year)).orderBy(asc(calendarDays.day));
  return { ...row, days: days.map((d) => ({ day: d.day, kind: d.kind, name: d.name })) };
}

export const getCalendarYear = readYear;

export interface YearEntry {
  year: number;
  source: string;
  days: ExceptionDay[];
}

/**
 * Enters (or replaces) one year's exception days: one transaction, one audit row with the
 * previous and the new arrangement. Validation is the caller's (domain/calendar/validate-year).
 */
export async function enterCalendarYear(db: Db, at: Date, actor: Pick<SessionUser, 'id' | 'orgId' | 'username'> | null, entry: YearEntry): Promise<CalendarYear> {
  const result = await db.transaction(async (tx) => {
    const before = await readYear(tx, entry.year);
    await tx.delete(calendarDays).where(inYear(entry.year));
    if (entry.days.length > 0) await tx.insert(calendarDays).values(entry.days);
    const row = { year: entry.year, source: entry.source, enteredBy: actor?.username ?? null, enteredAt: at };
    await tx.insert(calendarYears).values(row).onConflictDoUpdate({ target: calendarYears.year, set: row });
    const after: CalendarYear = { ...row, days: [...entry.days].sort((a, b) => (a.day < b.day ? -1 : 1)) };
    await appendAudit(tx, at, {
      actor,
      action: 'calendar.year.enter',
      entityType: 'calendar_year',
      entityId: String(entry.year),
      before,
      after,
    });
    return after;
  });
  invalidateCalendarCache(db);
  return result;
}

/**
 * Bulk-loads whole years that are not in the database yet (the seed); years already present,
 * perhaps corrected by hand, are left alone. One transaction and one audit row for the lot.
 */
export async function insertMissingCalendarYears(db: Db, at: Date, source: string, years: YearEntry[]): Promise<number[]> {
  const inserted = await db.transaction(async (tx) => {
    const present = new Set((await tx.select({ year: calendarYears.year }).from(calendarYears)).map((r) => r.year));
    const fresh = years.filter((y) => !present.has(y.year));
    if (fresh.length === 0) return [];
    const days = fresh.flatMap((y) => y.days);
    if (days.length > 0) await tx.insert(calendarDays).values(days).onConflictDoNothing();
    await tx.insert(calendarYears).values(fresh.map((y) => ({ year: y.year, source, enteredBy: null, enteredAt: at })));
    const list = fresh.map((y) => y.year);
    await appendAudit(tx, at, {
      actor: null,
      action: 'calendar.seed',
      entityType: 'calendar_year',
      entityId: list.length === 1 ? String(list[0]) : `${list[0]}-${list[list.length - 1]}`,
      after: { source, years: list, days: days.length },
    });
    return list;
  });
  invalidateCalendarCache(db);
  return inserted;
}
