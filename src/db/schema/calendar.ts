import { pgTable, text, date, integer, timestamp } from 'drizzle-orm/pg-core';

/**
 * The statutory calendar is stored as exceptions to the weekend rule:
 * 'holiday' = an off day that would otherwise be a workday (法定节假日),
 * 'workday' = a weekend day that is worked (调休上班).
 * A year is usable only when a row in calendar_years says it was published.
 */
export const calendarDays = pgTable('calendar_days', {
  day: date('day').primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull(),
});

export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  /** e.g. 'chinese-days 1.5.7' or '国办发明电〔2026〕X号' */
  source: text('source').notNull(),
  enteredBy: text('entered_by'),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
});
