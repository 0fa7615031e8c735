/** 定点医药机构对经办机构履行协议情况的评价建议 (云医保〔2022〕6号 第二十三条; decision 0035). */
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { institutions } from './registry';
import { users } from './identity';

export const agencyRatings = pgTable(
  'agency_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    regionCode: text('region_code').notNull(),
    channel: text('channel', { enum: ['online', 'written', 'phone', 'email'] }).notNull(),
    score: integer('score').notNull(),
    state: text('state').notNull(),
    version: integer('version').notNull().default(1),
    data: jsonb('data').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('agency_ratings_region_state_idx').on(t.regionCode, t.state, t.createdAt), index('agency_ratings_institution_idx').on(t.institutionId)],
);
