import { pgTable, text, uuid, timestamp, integer, date, jsonb, index, primaryKey } from 'drizzle-orm/pg-core';
import { regions } from './regions';
import { organizations } from './organizations';
import { users } from './identity';

/**
 * 参保人数 of a 统筹地区 on a date, entered by the agency with its source (云人社发〔2016〕308号
 * 二(四): 各地统筹规模（参保人数）). The latest count on or before a date is the one used for the
 * beds-per-1,000-insured statistic. Rows are never edited: a correction is a new date.
 */
export const insuredCounts = pgTable(
  'insured_counts',
  {
    regionCode: text('region_code').notNull().references(() => regions.code),
    asOf: date('as_of').notNull(),
    persons: integer('persons').notNull(),
    /** where the number comes from (e.g. 2025年6月参保统计月报) */
    source: text('source').notNull(),
    enteredBy: uuid('entered_by').notNull().references(() => users.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.asOf] })],
);

/**
 * 报省级经办机构 (云人社发〔2016〕308号 一(四)): a 统筹地区's list of the institutions newly designated
 * in a period, generated from its filed / activated applications and kept as it was sent.
 */
export const provinceReports = pgTable(
  'province_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the reporting agency's region (its territory root) */
    regionCode: text('region_code').notNull().references(() => regions.code),
    agencyOrgId: uuid('agency_org_id').notNull().references(() => organizations.id),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    /** [{ applicationId, institutionId, institutionName, ybCode, regionCode, kind, filedOn, activatedOn, state }] */
    items: jsonb('items').notNull(),
    submittedBy: uuid('submitted_by').notNull().references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('province_reports_region_idx').on(t.regionCode, t.periodTo)],
);
