/**
 * 争议 (京医保发〔2021〕30号 第四十六条, 第三十九条; decision 0035): the institution's objection to a decision on
 * its agreement, a case type on the engine; `data` holds the pure case.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './designation';
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

/** Evidence of a dispute (decision 0042): either side's files, one copy per dispute (sha256). */
export const disputeFiles = pgTable(
  'dispute_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    disputeId: uuid('dispute_id').notNull().references(() => disputes.id),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    /** who gave it: the institution, the agency or the department */
    side: text('side', { enum: ['institution', 'agency', 'admin_dept'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('dispute_files_sha_uq').on(t.disputeId, t.sha256)],
);
