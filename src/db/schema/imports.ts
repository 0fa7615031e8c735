import { pgTable, text, uuid, timestamp, integer, jsonb, index, primaryKey } from 'drizzle-orm/pg-core';
import { users } from './identity';
import { organizations } from './organizations';

/**
 * Registry imports (issue #9, decision 0029): one job per uploaded file. The upload answers at once
 * with the job id; the job runs in the server process and the page polls this row.
 * status: queued → validating → writing → done | rejected (all-or-nothing with bad rows) | failed,
 * or interrupted: the server stopped while the job ran (marked at the next start; nothing was written).
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    format: text('format', { enum: ['xlsx', 'csv'] }).notNull(),
    mode: text('mode', { enum: ['all_or_nothing', 'valid_rows'] }).notNull(),
    fileName: text('file_name').notNull(),
    status: text('status', { enum: ['queued', 'validating', 'writing', 'done', 'rejected', 'failed', 'interrupted'] }).notNull().default('queued'),
    /** rows read so far (both passes count: validation then writing) */
    rowsDone: integer('rows_done').notNull().default(0),
    rowsTotal: integer('rows_total'),
    rejected: integer('rejected').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    agreementsCreated: integer('agreements_created').notNull().default(0),
    agreementsUpdated: integer('agreements_updated').notNull().default(0),
    /** a job-level failure in Chinese (unreadable file, unknown headers …) */
    message: text('message'),
    /** the importing agency's territory prefix ('' = national) */
    scopePrefix: text('scope_prefix').notNull(),
    orgId: uuid('org_id').references(() => organizations.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_org_idx').on(t.orgId, t.createdAt)],
);

/** The rejected rows of a job: the row as read (by column header) and the 错误说明. */
export const importRejects = pgTable(
  'import_rejects',
  {
    jobId: uuid('job_id').notNull().references(() => importJobs.id),
    line: integer('line').notNull(),
    raw: jsonb('raw').notNull(),
    message: text('message').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.line] })],
);

/**
 * The identifying keys of a job's valid rows while it runs (deleted when it ends): duplicates inside
 * the file are found by the database (a window over each key), so memory stays flat for 1.1 M rows.
 */
export const importKeys = pgTable(
  'import_keys',
  {
    jobId: uuid('job_id').notNull(),
    line: integer('line').notNull(),
    uscc: text('uscc').notNull(),
    ybCode: text('yb_code'),
    agreementNumber: text('agreement_number'),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.line] })],
);
