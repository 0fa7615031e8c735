/**
 * The deliverer (decision 0033): one tick = fan new outbox events out to the active subscriptions,
 * claim the due deliveries (SKIP LOCKED + a lease, so several app nodes never send one delivery at
 * once), POST each signed, record the outcome. At least once: a node that dies mid-send leaves a
 * lease that ends, and the delivery is sent again (the receiver drops it by its idempotency key).
 * Time is ctx.clock's: tests move the clock to reach a retry.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { claimDue, fanOut, finishDelivery, type ClaimedDelivery } from '../db/webhook-repo';
import { retryDelayMs } from './backoff';
import { eventView } from './event-view';
import { postSigned } from './send';
import { sessionClock } from '../domain/clock/clock';

export interface DeliveryReport {
  fannedOut: number;
  claimed: number;
  delivered: number;
  retrying: number;
  dead: number;
}

export interface TickOptions {
  /** deliveries claimed per tick */
  batch?: number;
  /** random in [0,1) for the jitter (tests pin it) */
  random?: () => number;
}

const NODE = `${hostname()}:${process.pid}`;

export async function runDeliveryTick(ctx: AppContext, opts: TickOptions = {}): Promise<DeliveryReport> {
  const cfg = ctx.config;
  const batch = opts.batch ?? 50;
  const random = opts.random ?? Math.random;
  const report: DeliveryReport = { fannedOut: 0, claimed: 0, delivered: 0, retrying: 0, dead: 0 };
  const now = ctx.clock.now();
  report.fannedOut = await fanOut(ctx.db, now, 500);
  // the lease outlives every request of the tick (each is cut off at the timeout)
  const leaseUntil = new Date(now.getTime() + cfg.OUTBOX_TIMEOUT_MS * 2 + 60_000);
  const lockedBy = `${NODE}:${randomUUID()}`;
  const claimed = await claimDue(ctx.db, now, leaseUntil, lockedBy, batch);
  report.claimed = claimed.length;
  // one subscriber's requests in event order; different subscribers in parallel
  const bySub = new Map<string, ClaimedDelivery[]>();
  for (const c of claimed) bySub.set(c.subscriptionId, [...(bySub.get(c.subscriptionId) ?? []), c]);
  await Promise.all(
    [...bySub.values()].map(async (list) => {
      for (const c of list) {
        const body = JSON.stringify(eventView(c.event));
        const out = await postSigned(c.url, c.secret, { eventId: String(c.eventId), idempotencyKey: c.event.idempotencyKey }, body, sessionClock(ctx.clock).now(), cfg.OUTBOX_TIMEOUT_MS);
        const at = ctx.clock.now();
        if (out.ok) {
          await finishDelivery(ctx.db, { ...c, lockedBy }, { state: 'delivered', status: out.status, error: null, at });
          report.delivered++;
        } else if (c.attempts >= cfg.OUTBOX_MAX_ATTEMPTS) {
          await finishDelivery(ctx.db, { ...c, lockedBy }, { state: 'dead', status: out.status, error: out.error, at });
          report.dead++;
        } else {
          const delay = retryDelayMs(c.attempts, cfg.OUTBOX_BACKOFF_BASE_SECONDS * 1000, cfg.OUTBOX_BACKOFF_MAX_SECONDS * 1000, random());
          await finishDelivery(ctx.db, { ...c, lockedBy }, { state: 'pending', nextAttemptAt: new Date(at.getTime() + delay), status: out.status, error: out.error, at });
          report.retrying++;
        }
      }
    }),
  );
  return report;
}

/**
 * Starts the deliverer's timer (src/main.ts, after buildApp), like the deadline sweeper: one tick
 * at once, never two at a time in this process (other nodes are kept apart by the leases).
 */
export function startDeliverer(app: FastifyInstance): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runDeliveryTick(app.ctx);
      if (r.claimed || r.dead) app.log.info({ outbox: r }, 'outbox delivery');
    } catch (e) {
      app.log.error(e, 'outbox delivery failed');
    } finally {
      running = false;
    }
  };
  void tick();
  const t = setInterval(() => void tick(), app.ctx.config.OUTBOX_INTERVAL_SECONDS * 1000);
  t.unref();
  return () => clearInterval(t);
}
