/** 续签申请 (京医保发〔2021〕30号 第四十一条, decision 0048): the case type's rows. */
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agreements } from './agreements';
import { institutions } from './registry';
import { users } from './identity';

export const renewalApplications = pgTable(
  'renewal_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id').notNull().references(() => agreements.id),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    regionCode: text('region_code').notNull(),
    state: text('state').notNull(),
    dueOn: date('due_on').notNull(),
    late: boolean('late').notNull(),
    version: integer('version').notNull().default(1),
    data: jsonb('data').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // one application waiting per agreement: a second submission meets the index (→ 409)
    uniqueIndex('renewal_applications_open_uq').on(t.agreementId).where(sql`${t.state} = 'submitted'`),
    index('renewal_applications_region_state_idx').on(t.regionCode, t.state),
  ],
);
