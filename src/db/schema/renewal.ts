/**
 * 续签 campaigns (issue #11, decision 0041): an agency's yearly (or ad-hoc, 云医保〔2022〕6号 第二十九条
 * 「也可在医保协议期满前1个月组织」) screening of the agreements of its territory whose term ends in the
 * window, and one item per agreement with the screening's proposal, its reasons and the officer's
 * decision (a case type on the engine: `data` holds the pure case, src/domain/renewal-campaign/).
 */
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { users } from './identity';
import { agreements } from './agreements';
import { institutions } from './registry';

export const renewalCampaigns = pgTable(
  'renewal_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyOrgId: uuid('agency_org_id').notNull().references(() => organizations.id),
    /** the agency's territory root (its organisation's region code): the agreements in scope lie within it */
    regionCode: text('region_code').notNull(),
    /** the territory prefix of that region at the agency's level (GB/T 2260: 53 / 5301 / 530102) */
    prefix: text('prefix').notNull(),
    /** the province's policy profile at opening (the screening's rules and citations) */
    profileId: text('profile_id').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** the agreements whose term ends within [window_from, window_to] */
    windowFrom: date('window_from').notNull(),
    windowTo: date('window_to').notNull(),
    /** the renewal decisions are due by this day (the schedule's last deadline) */
    decideBy: date('decide_by').notNull(),
    state: text('state', { enum: ['open', 'closed'] }).notNull(),
    /** the parameters the screening ran with (the profile's defaults unless the agency changed one) */
    params: jsonb('params').notNull(),
    /** counts by proposal at opening: { renew, defer, not_renew, manual, total } */
    counts: jsonb('counts').notNull(),
    /** the bulk generation of the renewed agreements (decision 0045): a job with its progress, null until started */
    generation: jsonb('generation'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** 报市 (京医保发〔2021〕30号 第四十一条, decision 0057): the district reported its decisions to the city; null until then */
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportedBy: uuid('reported_by').references(() => users.id),
  },
  (t) => [index('renewal_campaigns_prefix_idx').on(t.prefix, t.year)],
);

export const renewalItems = pgTable(
  'renewal_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull().references(() => renewalCampaigns.id),
    agreementId: uuid('agreement_id').notNull().references(() => agreements.id),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    /** the agreement's region code (territory, filters) */
    regionCode: text('region_code').notNull(),
    termTo: date('term_to').notNull(),
    /** negotiated: the city's 协商谈判 outcome (京医保发〔2021〕30号 第四十一条) replaced the district's decision */
    state: text('state', { enum: ['proposed', 'decided', 'negotiated'] }).notNull(),
    proposed: text('proposed', { enum: ['renew', 'defer', 'not_renew', 'manual'] }).notNull(),
    decided: text('decided', { enum: ['renew', 'defer', 'not_renew'] }),
    overridden: boolean('overridden').notNull().default(false),
    /** every rule that fired or had no data, with its article and the facts it used */
    reasons: jsonb('reasons').notNull(),
    data: jsonb('data').notNull(),
    /** the officer marked the renewal 固定协议 + 年度协议 (decision 0045; eligibility by the assessment fact) */
    fixedAnnual: boolean('fixed_annual').notNull().default(false),
    /** the next agreement generated for this item (at most one: decision 0045) */
    renewalAgreementId: uuid('renewal_agreement_id'),
    version: integer('version').notNull().default(1),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedOn: date('decided_on'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('renewal_items_campaign_agreement_uq').on(t.campaignId, t.agreementId),
    index('renewal_items_campaign_idx').on(t.campaignId, t.proposed, t.regionCode),
    // an agreement's items whatever their state: 「already in another open campaign?」 per page of a campaign being opened
    index('renewal_items_agreement_idx').on(t.agreementId),
  ],
);
