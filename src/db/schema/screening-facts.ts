/**
 * Facts the refusal rules read that arise outside the application form (decision 0024):
 * an officer's findings at 材料审核 with their evidence (京医保发〔2021〕30号 第十二条(二)–(四),
 * 云人社发〔2016〕308号 二(二)), and the dated termination records that 第十二条(七) counts — the
 * latter written by the agreement lifecycle once it exists.
 */
import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { FINDING_KINDS } from '../../domain/policy/findings';
import { TERMINATION_CATEGORIES } from '../../domain/policy/person-history';
import { applications } from './designation';
import { users } from './identity';
import { institutions } from './registry';

export const screeningFindings = pgTable(
  'screening_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    /** the application it was made in; an outliving kind also counts for the institution's later applications */
    applicationId: uuid('application_id').references(() => applications.id),
    kind: text('kind', { enum: FINDING_KINDS }).notNull(),
    /** 发现 / 认定 / 处罚决定 date, per kind */
    foundOn: date('found_on').notNull(),
    /** decision number or source (行政处罚决定书文号, 通报, 检查) */
    source: text('source').notNull(),
    note: text('note'),
    /**
     * an uploaded file of the application as evidence (application_materials.id; no foreign key, so
     * that the material's own delete rules stay as they are — its name and digest are kept below)
     */
    evidenceFileId: uuid('evidence_file_id'),
    evidenceFile: text('evidence_file'),
    /** from this date the finding no longer counts (penalty fulfilled, finding withdrawn) */
    resolvedOn: date('resolved_on'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('screening_findings_inst_idx').on(t.institutionId), index('screening_findings_app_idx').on(t.applicationId)],
);

/** 解除医保协议 records: what 第十二条(七) reads (the lifecycle issue writes them; decision 0024). */
export const institutionTerminations = pgTable(
  'institution_terminations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    terminatedOn: date('terminated_on').notNull(),
    /** serious: 因严重违法违规 (第十二条(七)); other: any other ground */
    category: text('category', { enum: TERMINATION_CATEGORIES }).notNull(),
    decisionNo: text('decision_no'),
    note: text('note'),
    /** the agreement terminated (null for a record converted from the registry or entered by hand) */
    agreementId: uuid('agreement_id'),
    /** the situation code (src/domain/agreement/situations.ts) */
    situation: text('situation'),
    /** 违法违规 / 严重违约 / 依申请 / 随其他统筹区 / 其他 */
    cause: text('cause', { enum: ['violation', 'breach', 'on_request', 'cascade', 'other'] }),
    regionCode: text('region_code'),
    /** penalties and liabilities fulfilled on (违约责任、行政处罚履行完毕) */
    penaltiesFulfilledOn: date('penalties_fulfilled_on'),
    /** who held the 法定代表人 / 主要负责人 / 实际控制人 roles on the day: [{personId, role, name}] */
    persons: jsonb('persons'),
    /** the institution asked for it (not shown on the public list as a breach) */
    source: text('source', { enum: ['lifecycle', 'converted', 'manual'] }).notNull().default('manual'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('institution_terminations_inst_idx').on(t.institutionId), index('institution_terminations_date_idx').on(t.terminatedOn)],
);
