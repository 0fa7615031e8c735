import { sql } from 'drizzle-orm';
import {
  pgTable, text, uuid, timestamp, integer, date, boolean, jsonb, index, uniqueIndex, customType, primaryKey,
} from 'drizzle-orm/pg-core';
import { institutions } from './registry';
import { organizations } from './organizations';
import { users } from './identity';

/** bytea as a Node Buffer on both drivers (docs/decisions/0009-designation-persistence.md). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * One designation application. `data` is the domain `Application` object (a discriminated
 * union on state, src/domain/designation/application.ts); `state` and `version` are copied out
 * of it for indexes and optimistic locking. `declaration` holds what the institution declared
 * (payment categories, schemes, free text) — not part of the workflow's state.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    kind: text('kind').notNull(),
    /** the institution's region (county code or 医保区划 pseudo code), for territory filters */
    regionCode: text('region_code').notNull(),
    /** policy profile id of the province (regions.profile_id) when the application was made */
    profileId: text('profile_id').notNull(),
    /** the agency the application goes to (属地 + level), issuer of its documents by default */
    agencyOrgId: uuid('agency_org_id').references(() => organizations.id),
    state: text('state').notNull(),
    version: integer('version').notNull().default(1),
    data: jsonb('data').notNull(),
    declaration: jsonb('declaration').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /**
     * 申请编号, e.g. '五华医保定申〔2026〕12号': assigned at submission from the receiving agency's
     * counter (document_counters, type code '定申') in the submit step's statement; null in draft
     * (decision 0019).
     */
    applicationNo: text('application_no'),
  },
  (t) => [
    index('applications_region_state_idx').on(t.regionCode, t.state),
    index('applications_institution_idx').on(t.institutionId),
    uniqueIndex('applications_no_uq').on(t.agencyOrgId, t.applicationNo),
  ],
);

/** Uploaded application materials, bytes kept in the row (one transaction, no orphan files). */
export const applicationMaterials = pgTable(
  'application_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    /** material id from materialsFor(profile, kind), e.g. 'practice_licence' */
    itemKey: text('item_key').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('application_materials_sha_uq').on(t.applicationId, t.sha256),
    index('application_materials_app_idx').on(t.applicationId),
  ],
);

/** Open and closed deadlines: long timers are rows, turned into events by the sweep. */
export const deadlines = pgTable(
  'deadlines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the case the deadline belongs to (decision 0032): 'application', 'agreement', 'change_request', … */
    caseType: text('case_type').notNull().default('application'),
    caseId: uuid('case_id').notNull(),
    /** set for designation applications (caseType 'application'); kept for their queries */
    applicationId: uuid('application_id').references(() => applications.id),
    /** DeadlineId of src/domain/designation/deadlines.ts, or the case type's own deadline id */
    deadline: text('deadline').notNull(),
    basis: text('basis').notNull(),
    n: integer('n').notNull(),
    startsOn: date('starts_on').notNull(),
    dueOn: date('due_on').notNull(),
    warnOn: date('warn_on'),
    provisional: boolean('provisional').notNull().default(false),
    pausedSince: date('paused_since'),
    state: text('state', { enum: ['open', 'stopped', 'expired'] }).notNull().default('open'),
    warnedOn: date('warned_on'),
    flaggedOn: date('flagged_on'),
    closedOn: date('closed_on'),
    cites: jsonb('cites').notNull(),
  },
  (t) => [
    index('deadlines_state_due_idx').on(t.state, t.dueOn),
    index('deadlines_app_idx').on(t.applicationId),
    index('deadlines_case_idx').on(t.caseType, t.caseId),
    // one open row per (application, deadline)
    uniqueIndex('deadlines_open_uq').on(t.applicationId, t.deadline).where(sql`state = 'open'`),
    // one open row per (case, deadline)
    uniqueIndex('deadlines_case_open_uq').on(t.caseType, t.caseId, t.deadline).where(sql`state = 'open'`),
  ],
);

/** Notices the procedure issued; the model is stored, PDF/DOCX are rendered from it on demand. */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the case that issued it (decision 0032) */
    caseType: text('case_type').notNull().default('application'),
    caseId: uuid('case_id').notNull(),
    /** set for documents of a designation application */
    applicationId: uuid('application_id').references(() => applications.id),
    /** DocumentKind of the case type's table */
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    model: jsonb('model').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    issuedBy: uuid('issued_by'),
    issuerOrgId: uuid('issuer_org_id'),
  },
  (t) => [
    index('documents_app_idx').on(t.applicationId), index('documents_case_idx').on(t.caseType, t.caseId),
    uniqueIndex('documents_number_uq').on(t.issuerOrgId, t.number),
  ],
);

/** 发文字号 serials per (agency, type code, year), taken in the issuing transaction. */
export const documentCounters = pgTable(
  'document_counters',
  {
    agencyOrgId: uuid('agency_org_id').notNull(),
    typeCode: text('type_code').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyOrgId, t.typeCode, t.year] })],
);
