/**
 * 争议 (京医保发〔2021〕30号 第四十六条, 第三十九条; decision 0035): the institution's objection to a decision on
 * its agreement, a case type on the engine; `data` holds the pure case.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { institutions } from './registry';
import { users } from './identity';
import { agreements } from './agreements';

export const disputes = pgTable(
  'disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id').notNull().references(() => agreements.id),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    regionCode: text('region_code').notNull(),
    subject: text('subject').notNull(),
    state: text('state').notNull(),
    version: integer('version').notNull().default(1),
    data: jsonb('data').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('disputes_agreement_idx').on(t.agreementId), index('disputes_region_state_idx').on(t.regionCode, t.state)],
);
