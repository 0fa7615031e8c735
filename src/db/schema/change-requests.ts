/**
 * 变更申请 (issue #10): the institution's change requests (a case type on the engine, decision 0032)
 * and the evidence uploaded with them. `data` holds the pure case (src/domain/change-request/); the
 * columns the queue filters and sorts on are kept beside it, written in the same statement.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './designation';
import { institutions } from './registry';
import { users } from './identity';

export const changeRequests = pgTable(
  'change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    /** the institution's region code when the request was made (territory) */
    regionCode: text('region_code').notNull(),
    kind: text('kind', { enum: ['major', 'general'] }).notNull(),
    state: text('state').notNull(),
    /** [{ field, from, to, person? }] */
    fields: jsonb('fields').notNull(),
    approvalDocNo: text('approval_doc_no'),
    approvalDate: date('approval_date'),
    /** filed after the 30 工作日 (accepted, flagged; shown on the institution's record) */
    late: boolean('late').notNull().default(false),
    submittedOn: date('submitted_on'),
    decidedOn: date('decided_on'),
    version: integer('version').notNull().default(1),
    data: jsonb('data').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('change_requests_institution_idx').on(t.institutionId),
    index('change_requests_region_state_idx').on(t.regionCode, t.state),
    index('change_requests_late_idx').on(t.institutionId).where(sql`late`),
  ],
);

/** Evidence (批准文件等): PDF/JPEG/PNG by their first bytes, ≤ 10 MB, one copy per file (sha256). */
export const changeRequestFiles = pgTable(
  'change_request_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    changeRequestId: uuid('change_request_id').notNull().references(() => changeRequests.id),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('change_request_files_request_idx').on(t.changeRequestId)],
);
