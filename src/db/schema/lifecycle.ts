/**
 * The agreement's life after signing (issue #10): suspension records and the transactional outbox
 * that the settlement side follows (decisions 0032, 0033).
 */
import { sql } from 'drizzle-orm';
import { bigint, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agreements } from './agreements';
import { users } from './identity';

/** 中止 records: requested, imposed or by cascade; from, the latest day it may last, and how it ended. */
export const agreementSuspensions = pgTable(
  'agreement_suspensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id').notNull().references(() => agreements.id),
    institutionId: uuid('institution_id').notNull(),
    regionCode: text('region_code').notNull(),
    mode: text('mode', { enum: ['requested', 'imposed', 'cascade'] }).notNull(),
    situation: text('situation'),
    facts: text('facts'),
    rectification: text('rectification'),
    fromOn: date('from_on').notNull(),
    maxUntil: date('max_until').notNull(),
    /** resumed (恢复履行) on, or ended with the agreement on */
    resumedOn: date('resumed_on'),
    endedOn: date('ended_on'),
    decidedBy: uuid('decided_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('agreement_suspensions_agreement_idx').on(t.agreementId), index('agreement_suspensions_from_idx').on(t.fromOn)],
);

/**
 * The transactional outbox (decision 0033): every fact the settlement side must follow, written in
 * the same transaction as the change. `id` orders the feed; `idempotency_key` lets a subscriber
 * drop a redelivery. Delivery state lives with the subscriptions, never here.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topic: text('topic').notNull(),
    caseType: text('case_type').notNull(),
    caseId: uuid('case_id').notNull(),
    institutionId: uuid('institution_id'),
    regionCode: text('region_code'),
    payload: jsonb('payload').notNull(),
    /** '<caseType>:<caseId>:<version>:<topic>' — the same fact has the same key however often it is delivered */
    idempotencyKey: text('idempotency_key').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('outbox_events_key_uq').on(t.idempotencyKey),
    index('outbox_events_case_idx').on(t.caseType, t.caseId, t.id),
    index('outbox_events_region_idx').on(t.regionCode, t.id).where(sql`region_code is not null`),
  ],
);
