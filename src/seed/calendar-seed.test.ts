import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { auditLog, calendarYears } from '../db/schema/index';
import { listCalendarYears, loadWorkCalendar } from '../db/calendar-repo';
import { DAYS_2025, DAYS_2026 } from '../domain/calendar/fixtures';
import { statutoryHolidays } from '../domain/calendar/statutory';
import { isWeekend } from '../domain/calendar/dates';
import { CHINESE_DAYS_SOURCE, chineseDaysYear, seedCalendar } from './calendar-seed';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const byDay = (a: { day: string }, b: { day: string }) => (a.day < b.day ? -1 : 1);

describe('seedCalendar', () => {
  it('chinese-days agrees with the 2025 and 2026 State Council notices typed in for the domain tests', () => {
    expect(chineseDaysYear(2025).sort(byDay)).toEqual([...DAYS_2025].sort(byDay));
    expect(chineseDaysYear(2026).sort(byDay)).toEqual([...DAYS_2026].sort(byDay));
  });

  it('全国年节及纪念日放假办法 第二条: the computed statutory days of 2008–2026 are off in every published year, named alike', () => {
    for (let year = 2008; year <= 2026; year++) {
      const published = new Map(chineseDaysYear(year).map((d) => [d.day, d]));
      for (const s of statutoryHolidays(year)!) {
        const p = published.get(s.day);
        // chinese-days skips one weekend day inside a span (2012-06-23 端午, a Saturday): off all the same
        const off = p ? p.kind === 'holiday' : isWeekend(s.day);
        expect({ day: s.day, off }).toEqual({ day: s.day, off: true });
        // a day that is two holidays (2009-10-03, 2020-10-01) carries one of the two names in the notice
        if (p) expect(s.name.split('、')).toContain(p.name);
      }
    }
  });

  it('loads 2004–2026 once, with one audit row, and is idempotent', async () => {
    const t0 = Date.now();
    expect(await seedCalendar(ctx)).toHaveLength(23);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(await seedCalendar(ctx)).toEqual([]);
    const [years] = await ctx.db.select({ n: count() }).from(calendarYears);
    expect(years!.n).toBe(23);
    const [audits] = await ctx.db.select({ n: count() }).from(auditLog);
    expect(audits!.n).toBe(1);
    const list = await listCalendarYears(ctx.db);
    expect(list.find((y) => y.year === 2026)).toMatchObject({ source: CHINESE_DAYS_SOURCE, holidays: 33, workdays: 6, enteredBy: null });
    expect(CHINESE_DAYS_SOURCE).toMatch(/^chinese-days \d+\.\d+\.\d+$/);
  });

  it('云医保〔2022〕6号 第九条: the seeded calendar gives received Thu 2025-09-25 + 5 工作日 → 2025-10-09', async () => {
    const cal = await loadWorkCalendar(ctx.db);
    expect(cal.addWorkdays('2025-09-25', 5)).toEqual({ due: '2025-10-09', provisional: false });
    expect(cal.addWorkdays('2026-02-12', 5)).toEqual({ due: '2026-02-26', provisional: false });
    expect(cal.addWorkdays('2026-12-28', 5)).toEqual({ due: '2027-01-05', provisional: true, missingYears: [2027] }); // 2027-01-01 元旦 by the act
    expect(await loadWorkCalendar(ctx.db)).toBe(cal); // cached while nothing changed
  });
});
