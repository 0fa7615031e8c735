/**
 * Delivery of the transactional outbox to the settlement side (issue #10, decision 0033):
 * subscriptions (signed HTTP webhooks, and the bearer token of the pull feed) and one delivery
 * row per (subscription, event). The outbox itself (outbox_events) is never written here.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';

export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** http(s) only, validated at creation */
    url: text('url').notNull(),
    /** the HMAC key: kept as given (the signature needs it), shown once on creation */
    secret: text('secret').notNull(),
    /** sha256 hex of the pull feed's bearer token (the token itself is shown once) */
    tokenHash: text('token_hash').notNull(),
    /** topics followed (outbox_events.topic); empty = every topic */
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    /** optional region-code prefix: only events of this territory */
    regionPrefix: text('region_prefix'),
    active: boolean('active').notNull().default(true),
    /**
     * fan-out cursor: the last outbox id already turned into delivery rows for this subscription.
     * Starts at the outbox head at creation (history is in the pull feed).
     */
    cursor: bigint('cursor', { mode: 'number' }).notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('webhook_subscriptions_token_idx').on(t.tokenHash)],
);

export const DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    subscriptionId: uuid('subscription_id').notNull().references(() => webhookSubscriptions.id),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    /** copied from the event: ordering is per case (an agreement) and subscription */
    caseType: text('case_type').notNull(),
    caseId: uuid('case_id').notNull(),
    state: text('state', { enum: DELIVERY_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** a claimed delivery is leased: no other node sends it until the lease ends */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.eventId] }),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`state = 'pending'`),
    index('webhook_deliveries_case_idx').on(t.subscriptionId, t.caseType, t.caseId, t.eventId),
    index('webhook_deliveries_state_idx').on(t.subscriptionId, t.state, t.eventId),
  ],
);
