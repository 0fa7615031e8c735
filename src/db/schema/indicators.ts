/**
 * External indicators (issue #11, decision 0040): the values other systems hold of an institution
 * (settlement totals per agreement year, 追溯码 / 医保码 compliance, 智能监控 risk signals, 挂证
 * findings, 双通道 service counts …), each with its source and the source's date, and the imports
 * that brought them (JSON batch or Excel upload). One value per institution, kind and period: a
 * re-import of the same value writes nothing, a changed value is updated and audited.
 */
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { users } from './identity';
import { institutions } from './registry';

export const indicatorImports = pgTable(
  'indicator_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel', { enum: ['api', 'xlsx'] }).notNull(),
    /** the client's batch id (api): a batch sent twice is answered from this row */
    clientBatchId: text('client_batch_id'),
    fileName: text('file_name'),
    mode: text('mode', { enum: ['all_or_nothing', 'valid_rows'] }).notNull(),
    /** done: written (possibly nothing changed); rejected: bad rows under all-or-nothing, nothing written */
    status: text('status', { enum: ['done', 'rejected'] }).notNull(),
    rowsTotal: integer('rows_total').notNull(),
    rejected: integer('rejected').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    message: text('message'),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('indicator_imports_org_idx').on(t.orgId, t.createdAt),
    uniqueIndex('indicator_imports_batch_uq').on(t.orgId, t.clientBatchId).where(sql`${t.clientBatchId} IS NOT NULL`),
  ],
);

/** The rows an import did not take, as read, with the 错误说明 (the rejected-rows workbook). */
export const indicatorImportRejects = pgTable(
  'indicator_import_rejects',
  {
    importId: uuid('import_id').notNull().references(() => indicatorImports.id),
    line: integer('line').notNull(),
    raw: jsonb('raw').notNull(),
    message: text('message').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] })],
);

export const institutionIndicators = pgTable(
  'institution_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    /** src/domain/indicators/kinds.ts */
    kind: text('kind').notNull(),
    /** 'YYYY' (an agreement year) or 'YYYY-MM-DD' (as of) */
    period: text('period').notNull(),
    value: jsonb('value').notNull(),
    source: text('source').notNull(),
    sourceDate: date('source_date').notNull(),
    importId: uuid('import_id').notNull().references(() => indicatorImports.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('institution_indicators_key_uq').on(t.institutionId, t.kind, t.period)],
);
