import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, timestamp, integer, date, boolean, index, uniqueIndex, primaryKey, check } from 'drizzle-orm/pg-core';

import { regions } from './regions';
import {
  INSTITUTION_KINDS, INSTITUTION_SUBTYPES, OWNERSHIPS, HOSPITAL_LEVELS, GRADES, ADMIN_LEVELS,
  INSTITUTION_STATUSES, PARENT_RELATIONS, PERSON_ROLES, LICENCE_KINDS,
} from '../../domain/registry/enums';

export const institutions = pgTable(
  'institutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** 统一社会信用代码, GB 32100 check character validated at the boundary */
    uscc: text('uscc').notNull(),
    /** national 医保 code: H/P + 6-digit 医保区划 + 5-digit serial; set once designated */
    ybCode: text('yb_code'),
    kind: text('kind', { enum: INSTITUTION_KINDS }).notNull(),
    subtype: text('subtype', { enum: INSTITUTION_SUBTYPES }).notNull(),
    ownership: text('ownership', { enum: OWNERSHIPS }).notNull(),
    hospitalLevel: text('hospital_level', { enum: HOSPITAL_LEVELS }).notNull().default('unrated'),
    grade: text('grade', { enum: GRADES }).notNull().default('none'),
    adminLevel: text('admin_level', { enum: ADMIN_LEVELS }).notNull().default('county'),
    beds: integer('beds').notNull().default(0),
    /** county-level code (or 医保区划 pseudo code) of the institution's location */
    regionCode: text('region_code').notNull().references(() => regions.code),
    address: text('address').notNull(),
    phone: text('phone'),
    /** public service phone for the directory (吉医保规〔2023〕1号 第二十二条) */
    servicePhone: text('service_phone'),
    status: text('status', { enum: INSTITUTION_STATUSES }).notNull().default('applicant'),
    parentId: uuid('parent_id'),
    parentRelation: text('parent_relation', { enum: PARENT_RELATIONS }),
    dualChannel: boolean('dual_channel').notNull().default(false),
    paymentCategories: text('payment_categories').array().notNull().default([]),
    insuranceSchemes: text('insurance_schemes').array().notNull().default([]),
    /** 正式运营 start (京医保发〔2021〕30号 第六条(一)) */
    openedOn: date('opened_on'),
    /** 主要执业范围 / 经营范围, codes of src/domain/registry/practice-scope.ts; null = not recorded (京医保发〔2021〕30号 第十二条(一)) */
    mainScope: text('main_scope').array(),
    designatedOn: date('designated_on'),
    /** bigrams of the name (+ region tokens), for 2–4 character substring search; maintained by the repository */
    searchTokens: text('search_tokens').array().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('institutions_uscc_uq').on(t.uscc),
    uniqueIndex('institutions_yb_code_uq').on(t.ybCode),
    index('institutions_region_idx').on(t.regionCode),
    index('institutions_parent_idx').on(t.parentId),
    index('institutions_search_gin').using('gin', t.searchTokens),
  ],
);

/** Natural persons. Bans follow the person (京医保发〔2021〕30号 第十二条(七)). */
export const persons = pgTable('persons', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** 身份证号, 18 chars, GB 11643 check digit validated at the boundary; masked in the UI */
  idNumber: text('id_number').notNull().unique(),
  name: text('name').notNull(),
  phone: text('phone'),
  /** 列入失信人名单 (京医保发〔2021〕30号 第十二条(八)) */
  dishonest: boolean('dishonest').notNull().default(false),
  dishonestNote: text('dishonest_note'),
});

export const institutionPersons = pgTable(
  'institution_persons',
  {
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    personId: uuid('person_id').notNull().references(() => persons.id),
    role: text('role', { enum: PERSON_ROLES }).notNull(),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.personId, t.role, t.fromDate] }), index('inst_persons_person_idx').on(t.personId),
    // a span [from, to], both days inclusive (decision 0024): it cannot end before it starts
    check('inst_persons_span_ck', sql`${t.toDate} IS NULL OR ${t.toDate} >= ${t.fromDate}`),
  ],
);

export const licences = pgTable(
  'licences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    kind: text('kind', { enum: LICENCE_KINDS }).notNull(),
    number: text('number').notNull(),
    issuedBy: text('issued_by'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [index('licences_inst_idx').on(t.institutionId)],
);

/** 执业地点 / practice sites (吉医保规〔2023〕1号 第二十三条(二): each site is evaluated). */
export const practiceSites = pgTable(
  'practice_sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    regionCode: text('region_code').notNull().references(() => regions.code),
    approved: boolean('approved'),
  },
  (t) => [index('sites_inst_idx').on(t.institutionId)],
);

