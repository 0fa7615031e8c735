import { integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid, date } from 'drizzle-orm/pg-core';
import { users } from './identity';

/**
 * A pooling region's (统筹地区, a prefecture) own dated value of a parameter or list its province
 * profile leaves to it (e.g. 云医保〔2022〕6号 第十八条 签订时限, 第六条第二款 增加支付类别的简化材料),
 * with its own 文号, effective date and citation; layered over the province profile for
 * applications in its counties (decision 0031). One row per (region, key, effective date); a new
 * date is a new row, so the history stays.
 */
export const localParameters = pgTable(
  'local_parameters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the prefecture-level region (GB/T 2260, ends in 00), or a county setting its 实施细则 (decision 0043) */
    regionCode: text('region_code').notNull(),
    key: text('key').notNull(),
    /** a number parameter's value (null for a list) */
    value: numeric('value'),
    /** a list parameter's material item ids (null for a number) */
    items: jsonb('items').$type<string[]>(),
    docNo: text('doc_no').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    citation: text('citation').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('local_parameters_region_key_from_idx').on(t.regionCode, t.key, t.effectiveFrom)],
);

/**
 * A 市/县 agency's published evaluation standard and procedure (自治区医保局〔2025〕征求意见稿 一(一):
 * 「向社会公开发布新增定点医药机构以及续签协议的评估标准和流程」; decision 0043): a dated document per region
 * (prefecture or county) and kind of evaluation, with its 文号, items (label, weight, note) and process.
 * A county's standard takes the place of its prefecture's for applications in the county.
 */
export const regionStandards = pgTable(
  'region_standards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    /** new_designation (新增定点) or renewal (续签协议) */
    kind: text('kind', { enum: ['new_designation', 'renewal'] }).notNull(),
    title: text('title').notNull(),
    docNo: text('doc_no').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    items: jsonb('items').$type<{ label: string; weight: number | null; note: string | null }[]>().notNull(),
    process: text('process').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
    /**
     * 撤回 (decision 0043 addendum): from this day the version no longer applies — the one below it (the
     * prefecture's for a county, an older own version) applies again; what it governed before stays cited.
     */
    withdrawnOn: date('withdrawn_on'),
    withdrawnReason: text('withdrawn_reason'),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
  },
  (t) => [uniqueIndex('region_standards_region_kind_from_idx').on(t.regionCode, t.kind, t.effectiveFrom)],
);
