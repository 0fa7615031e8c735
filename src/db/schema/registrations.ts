import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, timestamp, integer, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { regions } from './regions';
import { organizations } from './organizations';
import { users } from './identity';
import { institutions } from './registry';
import { bytea } from './designation';
import { INSTITUTION_KINDS, INSTITUTION_SUBTYPES, OWNERSHIPS } from '../../domain/registry/enums';
import { REGISTRATION_FILE_KINDS, REGISTRATION_STATUSES } from '../../domain/registration/registration';

/**
 * 医药机构自助注册 (issue #9; decision 0027): what an institution not yet in the registry declared
 * on the public site, its account, and the agency's answer. One open (pending or returned)
 * registration per USCC; a verified one points at the institution it created; a rejected one (不予登记) frees it.
 */
export const registrations = pgTable(
  'registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull().default('pending'),
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: INSTITUTION_KINDS }).notNull(),
    subtype: text('subtype', { enum: INSTITUTION_SUBTYPES }).notNull(),
    ownership: text('ownership', { enum: OWNERSHIPS }).notNull(),
    /** the county (or 医保区划) the institution lies in: the territory filter */
    regionCode: text('region_code').notNull().references(() => regions.code),
    address: text('address').notNull(),
    legalRepName: text('legal_rep_name').notNull(),
    legalRepIdNumber: text('legal_rep_id_number').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    /** the applicant's account (no role until verified) */
    userId: uuid('user_id').notNull().references(() => users.id),
    /** the agency whose queue it is in: the county's, or the nearest above it; null when none is registered */
    agencyOrgId: uuid('agency_org_id').references(() => organizations.id),
    returnReason: text('return_reason'),
    /** set when verified */
    institutionId: uuid('institution_id').references(() => institutions.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('registrations_open_uscc_uq').on(t.uscc).where(sql`status IN ('pending', 'returned')`),
    uniqueIndex('registrations_user_uq').on(t.userId),
    index('registrations_region_status_idx').on(t.regionCode, t.status),
  ],
);

/** The business licence and practice licence uploaded with a registration (bytes in the row, like application materials). */
export const registrationFiles = pgTable(
  'registration_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    registrationId: uuid('registration_id').notNull().references(() => registrations.id),
    kind: text('kind', { enum: REGISTRATION_FILE_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('registration_files_kind_uq').on(t.registrationId, t.kind)],
);

/** Proof-of-work challenges handed out by the public form: single use, expiring (decision 0027). */
export const registrationChallenges = pgTable(
  'registration_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    salt: text('salt').notNull(),
    bits: integer('bits').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('registration_challenges_expires_idx').on(t.expiresAt)],
);
