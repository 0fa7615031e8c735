import { pgTable, text, uuid, timestamp, boolean, date, primaryKey } from 'drizzle-orm/pg-core';
import { applications } from './designation';
import { users } from './identity';

/**
 * 各执业地的评估结果 (吉医保规〔2023〕1号 第二十三条(二)): when a licence lists several practice sites,
 * the agency evaluates each within the application's evaluation; a site that fails may not provide
 * 医疗保障服务 and is left out of the agreement. One row per application and site; a re-evaluation
 * of the same site replaces its row (the audit log keeps every answer).
 */
export const siteEvaluations = pgTable(
  'site_evaluations',
  {
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    /** a practice_sites id; no foreign key: the registry replaces an institution's sites when they are edited, and a site
     * whose row is gone has no result any more (it is evaluated again) */
    siteId: uuid('site_id').notNull(),
    pass: boolean('pass').notNull(),
    note: text('note'),
    evaluatedOn: date('evaluated_on').notNull(),
    evaluatedBy: uuid('evaluated_by').notNull().references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.siteId] })],
);
