import { pgTable, text, uuid, timestamp, index, boolean, integer } from 'drizzle-orm/pg-core';
import { ORG_KINDS } from '../../domain/identity/roles';
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
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    name: text('name').notNull(),
    level: text('level', { enum: ['national', 'province', 'prefecture', 'county'] }).notNull(),
    regionCode: text('region_code').references(() => regions.code),
    /** set when kind = 'institution' */
    institutionId: uuid('institution_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** deactivated, never deleted (issue #9): its users cannot sign in, its history stays */
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [index('organizations_region_idx').on(t.regionCode)],
);
