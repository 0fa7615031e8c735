/**
 * 暂停人员/科室医保结算 (issue #10; 京医保发〔2021〕30号 第四十五条, 云医保〔2022〕6号 第二十五条): the
 * agency suspends or ends the settlement of one department or one named practitioner of a designated
 * institution without touching its agreement. A case type on the engine (decision 0035); `data`
 * holds the pure case, the columns beside it are what lists filter on.
 */
import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { institutions } from './registry';
import { users } from './identity';
import { agreements } from './agreements';

export const settlementRestrictions = pgTable(
  'settlement_restrictions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id').notNull().references(() => agreements.id),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    /** the agreement's region code (territory) */
    regionCode: text('region_code').notNull(),
    targetKind: text('target_kind', { enum: ['person', 'department'] }).notNull(),
    /** the department's name or the practitioner's name */
    targetName: text('target_name').notNull(),
    state: text('state').notNull(),
    fromOn: date('from_on').notNull(),
    untilOn: date('until_on'),
    version: integer('version').notNull().default(1),
    data: jsonb('data').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('settlement_restrictions_agreement_idx').on(t.agreementId),
    index('settlement_restrictions_region_state_idx').on(t.regionCode, t.state),
  ],
);
