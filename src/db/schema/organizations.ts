import { pgTable, text, uuid, timestamp, index } from 'drizzle-orm/pg-core';
import { regions } from './regions';

/**
 * Every user belongs to one organisation. Agencies (经办机构) and administrative
 * departments (医疗保障行政部门) exist at province, prefecture and county level;
 * their `regionCode` is the root of their territory.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['agency', 'admin_dept', 'institution', 'expert_pool', 'system'] }).notNull(),
    name: text('name').notNull(),
    level: text('level', { enum: ['national', 'province', 'prefecture', 'county'] }).notNull(),
    regionCode: text('region_code').references(() => regions.code),
    /** set when kind = 'institution' */
    institutionId: uuid('institution_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organizations_region_idx').on(t.regionCode)],
);
