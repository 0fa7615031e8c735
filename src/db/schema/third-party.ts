import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, timestamp, integer, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { institutions } from './registry';
import { regions } from './regions';
import { organizations } from './organizations';
import { users } from './identity';
import { FILING_STATUSES } from '../../domain/registry/third-party-filing';

/**
 * 第三方服务机构备案 (吉医保规〔2023〕1号 第三十三条第二款): service items with the practice licence,
 * the large-equipment list and the staff certificates; the agency's 核验 of each, then accepted
 * (in effect) or returned. One open (submitted) filing per institution; a returned filing stays as
 * it was, and the institution files anew.
 */
export const thirdPartyFilings = pgTable(
  'third_party_filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    /** copied from the institution, for the territory filter */
    regionCode: text('region_code').notNull().references(() => regions.code),
    /** the province's policy profile that provides the filing */
    profileId: text('profile_id').notNull(),
    /** the local agency the filing goes to (当地医保经办机构); null when none is registered */
    agencyOrgId: uuid('agency_org_id').references(() => organizations.id),
    status: text('status', { enum: FILING_STATUSES }).notNull().default('submitted'),
    services: text('services').array().notNull(),
    /** 《医疗机构执业许可证》 { number, issuedBy, validTo } */
    licence: jsonb('licence').notNull(),
    /** 大型仪器设备清单 [{ name, model, quantity }] */
    equipment: jsonb('equipment').notNull(),
    /** 相关专业人员 [{ name, qualification, certificateNumber }] */
    staff: jsonb('staff').notNull(),
    note: text('note'),
    /** 核验: { practice_licence?, equipment_list?, staff_certificates? } each { pass, note, by, on } */
    checks: jsonb('checks').notNull().default({}),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').notNull().references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('tp_filings_region_status_idx').on(t.regionCode, t.status),
    index('tp_filings_inst_idx').on(t.institutionId),
    uniqueIndex('tp_filings_one_open_uq').on(t.institutionId).where(sql`status = 'submitted'`),
  ],
);
