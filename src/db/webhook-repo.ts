/**
 * Webhook subscriptions and their deliveries (decision 0033). Fan-out by a per-subscription cursor
 * over outbox_events (the engine writes only the outbox); claims with FOR UPDATE SKIP LOCKED and a
 * lease, so that two nodes never send the same delivery at once.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from './client';
import { outboxEvents, webhookDeliveries, webhookSubscriptions, type DeliveryState } from './schema/index';
import { visiblePrefix } from '../domain/outbox/visible-prefix';

/** How long a gap in outbox ids may be an uncommitted transaction (see visiblePrefix). */
export const OUTBOX_GAP_GRACE_MS = 30_000;

/**
 * For a filtered reader (territory, topics), who cannot see the gaps in its own page: the first id in
 * (after, upTo] that follows a missing id and is younger than the grace — the reader stops before it.
 * Only young rows are looked at (a gap behind an old row is a rolled-back transaction).
 */
export async function firstYoungGap(db: Db, after: number, upTo: number, now: Date): Promise<number | undefined> {
  const since = new Date(now.getTime() - OUTBOX_GAP_GRACE_MS).toISOString();
  const [r] = rowsOf<{ id: string | number | null }>(
    await db.execute(sql`
      SELECT min(o.id) AS id FROM outbox_events o
      WHERE o.id > ${after} AND o.id <= ${upTo} AND o.occurred_at > ${since}::timestamptz
        AND o.id - 1 > ${after} AND NOT EXISTS (SELECT 1 FROM outbox_events p WHERE p.id = o.id - 1)`),
  );
  return r?.id == null ? undefined : Number(r.id);
}

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type OutboxEventRow = typeof outboxEvents.$inferSelect;

export async function insertSubscription(tx: Tx | Db, row: typeof webhookSubscriptions.$inferInsert): Promise<SubscriptionRow> {
  const [r] = await tx.insert(webhookSubscriptions).values(row).returning();
  return r!;
}

export async function outboxHead(tx: Tx | Db): Promise<number> {
  const [r] = await tx.select({ max: sql<number | null>`max(${outboxEvents.id})` }).from(outboxEvents);
  return Number(r?.max ?? 0);
}

export async function findSubscription(db: Tx | Db, id: string): Promise<SubscriptionRow | undefined> {
  const [r] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  return r;
}

export async function findSubscriptionByTokenHash(db: Db, tokenHash: string): Promise<SubscriptionRow | undefined> {
  const [r] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.tokenHash, tokenHash));
  return r;
}

/** Version-checked update; undefined when the version is stale. */
export async function updateSubscription(
  tx: Tx | Db,
  id: string,
  version: number,
  set: Partial<Pick<SubscriptionRow, 'name' | 'url' | 'topics' | 'regionPrefix' | 'active'>> & { updatedAt: Date },
): Promise<SubscriptionRow | undefined> {
  const [r] = await tx
    .update(webhookSubscriptions)
    .set({ ...set, version: sql`${webhookSubscriptions.version} + 1` })
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.version, version)))
    .returning();
  return r;
}

export interface SubscriptionWithCounts extends SubscriptionRow {
  pending: number;
  dead: number;
  delivered: number;
}

export async function listSubscriptions(db: Db): Promise<SubscriptionWithCounts[]> {
  const subs = await db.select().from(webhookSubscriptions).orderBy(asc(webhookSubscriptions.createdAt));
  const counts = await db
    .select({ id: webhookDeliveries.subscriptionId, state: webhookDeliveries.state, n: count() })
    .from(webhookDeliveries)
    .groupBy(webhookDeliveries.subscriptionId, webhookDeliveries.state);
  const by = new Map(counts.map((c) => [`${c.id}:${c.state}`, Number(c.n)]));
  return subs.map((s) => ({ ...s, pending: by.get(`${s.id}:pending`) ?? 0, dead: by.get(`${s.id}:dead`) ?? 0, delivered: by.get(`${s.id}:delivered`) ?? 0 }));
}

export interface DeliveryWithEvent extends DeliveryRow {
  topic: string;
  idempotencyKey: string;
  regionCode: string | null;
  occurredAt: Date;
}

export async function listDeliveries(
  db: Db,
  subscriptionId: string,
  opts: { state?: DeliveryState; page: number; pageSize: number },
): Promise<{ items: DeliveryWithEvent[]; total: number }> {
  const where = and(eq(webhookDeliveries.subscriptionId, subscriptionId), opts.state ? eq(webhookDeliveries.state, opts.state) : undefined);
  const [t] = await db.select({ n: count() }).from(webhookDeliveries).where(where);
  const rows = await db
    .select({ d: webhookDeliveries, topic: outboxEvents.topic, idempotencyKey: outboxEvents.idempotencyKey, regionCode: outboxEvents.regionCode, occurredAt: outboxEvents.occurredAt })
    .from(webhookDeliveries)
    .innerJoin(outboxEvents, eq(outboxEvents.id, webhookDeliveries.eventId))
    .where(where)
    .orderBy(desc(webhookDeliveries.eventId))
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize);
  return { items: rows.map((r) => ({ ...r.d, topic: r.topic, idempotencyKey: r.idempotencyKey, regionCode: r.regionCode, occurredAt: r.occurredAt })), total: Number(t?.n ?? 0) };
}

/** dead → pending, due now, attempts from zero; undefined unless it was dead. */
export async function reviveDelivery(tx: Tx | Db, subscriptionId: string, eventId: number, now: Date): Promise<DeliveryRow | undefined> {
  const [r] = await tx
    .update(webhookDeliveries)
    .set({ state: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null, lockedBy: null })
    .where(and(eq(webhookDeliveries.subscriptionId, subscriptionId), eq(webhookDeliveries.eventId, eventId), eq(webhookDeliveries.state, 'dead')))
    .returning();
  return r;
}

/**
 * Fan-out: for every active subscription (each row locked, SKIP LOCKED: another node doing the same
 * skips it), new outbox events after its cursor become pending deliveries and the cursor moves.
 * Returns how many delivery rows were made.
 */
export async function fanOut(db: Db, now: Date, batch: number): Promise<number> {
  return db.transaction(async (tx) => {
    const subs = rowsOf<{ id: string; cursor: string | number; topics: string[]; region_prefix: string | null }>(
      await tx.execute(sql`SELECT id, cursor, topics, region_prefix FROM webhook_subscriptions WHERE active FOR UPDATE SKIP LOCKED`),
    );
    let made = 0;
    for (const s of subs) {
      const cursor = Number(s.cursor);
      const topics = s.topics ?? [];
      const fetched = await tx
        .select({ id: outboxEvents.id, caseType: outboxEvents.caseType, caseId: outboxEvents.caseId, topic: outboxEvents.topic, regionCode: outboxEvents.regionCode, occurredAt: outboxEvents.occurredAt })
        .from(outboxEvents)
        .where(sql`${outboxEvents.id} > ${cursor}`)
        .orderBy(asc(outboxEvents.id))
        .limit(batch);
      const events = visiblePrefix(fetched, cursor, now, OUTBOX_GAP_GRACE_MS);
      if (events.length === 0) continue;
      const wanted = events.filter(
        (e) => (topics.length === 0 || topics.includes(e.topic)) && (!s.region_prefix || (e.regionCode ?? '').startsWith(s.region_prefix)),
      );
      if (wanted.length) {
        const res = await tx
          .insert(webhookDeliveries)
          .values(wanted.map((e) => ({ subscriptionId: s.id, eventId: e.id, caseType: e.caseType, caseId: e.caseId, nextAttemptAt: now, createdAt: now })))
          .onConflictDoNothing()
          .returning({ id: webhookDeliveries.eventId });
        made += res.length;
      }
      await tx.update(webhookSubscriptions).set({ cursor: events[events.length - 1]!.id }).where(eq(webhookSubscriptions.id, s.id));
    }
    return made;
  });
}

export interface ClaimedDelivery {
  subscriptionId: string;
  eventId: number;
  attempts: number;
  url: string;
  secret: string;
  event: OutboxEventRow;
}

/**
 * Claims up to `limit` due deliveries for `lockedBy` until `leaseUntil`. Due = pending, next attempt
 * reached, no live lease, the subscription active, and no earlier event of the same case still
 * undelivered for that subscription (ordering per agreement; a dead earlier event holds the later
 * ones until an administrator retries it). Rows are locked SKIP LOCKED, then leased, in one transaction.
 */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, lockedBy: string, limit: number): Promise<ClaimedDelivery[]> {
  const nowIso = now.toISOString();
  const claimed = await db.transaction(async (tx) =>
    rowsOf<{ subscription_id: string; event_id: string | number; attempts: number }>(
      await tx.execute(sql`
        WITH due AS (
          SELECT d.subscription_id, d.event_id
          FROM webhook_deliveries d
          JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active
          WHERE d.state = 'pending'
            AND d.next_attempt_at <= ${nowIso}::timestamptz
            AND (d.lease_until IS NULL OR d.lease_until <= ${nowIso}::timestamptz)
            AND NOT EXISTS (
              SELECT 1 FROM webhook_deliveries e
              WHERE e.subscription_id = d.subscription_id AND e.case_type = d.case_type AND e.case_id = d.case_id
                AND e.event_id < d.event_id AND e.state <> 'delivered')
          ORDER BY d.event_id
          LIMIT ${limit}
          FOR UPDATE OF d SKIP LOCKED
        )
        UPDATE webhook_deliveries w
        SET lease_until = ${leaseUntil.toISOString()}::timestamptz, locked_by = ${lockedBy}, attempts = w.attempts + 1, last_attempt_at = ${nowIso}::timestamptz
        FROM due
        WHERE w.subscription_id = due.subscription_id AND w.event_id = due.event_id
        RETURNING w.subscription_id, w.event_id, w.attempts`),
    ),
  );
  if (claimed.length === 0) return [];
  const out: ClaimedDelivery[] = [];
  for (const c of claimed) {
    const eventId = Number(c.event_id);
    const [row] = await db
      .select({ e: outboxEvents, url: webhookSubscriptions.url, secret: webhookSubscriptions.secret })
      .from(outboxEvents)
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, c.subscription_id))
      .where(eq(outboxEvents.id, eventId));
    if (row) out.push({ subscriptionId: c.subscription_id, eventId, attempts: c.attempts, url: row.url, secret: row.secret, event: row.e });
  }
  return out.sort((a, b) => a.eventId - b.eventId);
}

/** Records an attempt's outcome, only while this claimer still holds the lease (else another node took over). */
export async function finishDelivery(
  db: Db,
  d: { subscriptionId: string; eventId: number; lockedBy: string },
  outcome: { state: DeliveryState; nextAttemptAt?: Date; status: number | null; error: string | null; at: Date },
): Promise<boolean> {
  const res = await db
    .update(webhookDeliveries)
    .set({
      state: outcome.state,
      lastStatus: outcome.status,
      lastError: outcome.error,
      leaseUntil: null,
      lockedBy: null,
      ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
      ...(outcome.state === 'delivered' ? { deliveredAt: outcome.at } : {}),
    })
    .where(and(eq(webhookDeliveries.subscriptionId, d.subscriptionId), eq(webhookDeliveries.eventId, d.eventId), eq(webhookDeliveries.lockedBy, d.lockedBy)))
    .returning({ id: webhookDeliveries.eventId });
  return res.length > 0;
}
