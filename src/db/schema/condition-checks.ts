import { date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { applications } from './designation';

/**
 * The check of an application's basic conditions (基本条件, decision 0023): every condition rule of
 * its policy profile with result, article and reason (`rows`), the facts it ran on, and the
 * officer's findings (核查结论) on undetermined or contested rows. One row per application, version-checked;
 * audited on its own chain ('application_conditions:<application id>').
 */
export const applicationConditionChecks = pgTable('application_condition_checks', {
  applicationId: uuid('application_id').primaryKey().references(() => applications.id),
  /** the date the facts are judged on (the submission day) */
  asOf: date('as_of').notNull(),
  rulesetVersion: text('ruleset_version').notNull(),
  /** ConditionRow[] (src/domain/designation/conditions.ts) */
  rows: jsonb('rows').notNull(),
  /** the ScreeningFacts the rules ran on */
  facts: jsonb('facts').notNull(),
  /** ConditionFinding[] */
  findings: jsonb('findings').notNull().default([]),
  version: integer('version').notNull().default(1),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
});
