/**
 * The deliverer against a real HTTP receiver on loopback (decision 0033): 云医保〔2022〕6号 第二十条
 * (医保支付系统开通 after signing) and 京医保发〔2021〕30号 第四十二条 (中止期间发生的医保费用不予结算)
 * only work if the settlement system learns every opening, pause, resumption and shutdown — once per
 * fact, in order, signed, even across failures and restarts. Time moves with the injected clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildSessionUser } from '../testing/factories';
import { startReceiver, type Receiver } from '../testing/webhook-receiver';
import { insertOutbox } from '../db/outbox-repo';
import { webhookDeliveries, webhookSubscriptions } from '../db/schema/index';
import { claimDue } from '../db/webhook-repo';
import { openDatabase } from '../db/client';
import { FixedClock } from '../domain/clock/clock';
import { loadConfig } from '../config';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { buildApp } from '../server/app';
import { createSubscription } from './subscriptions';
import { runDeliveryTick } from './deliver';

let ctx: TestContext;
let admin: SessionUser;
let rx: Receiver;
let baseConfig: TestContext['config'];
const SECOND = 1000;

beforeAll(async () => {
  ctx = await createTestContext('2026-03-02T09:00:00+08:00');
  baseConfig = ctx.config;
  admin = await buildSessionUser(ctx, { kind: 'system', level: 'national' }, ['sysadmin']);
});
afterAll(async () => {
  await ctx.close();
});
beforeEach(async () => {
  ctx.config = { ...baseConfig, OUTBOX_BACKOFF_BASE_SECONDS: 30, OUTBOX_BACKOFF_MAX_SECONDS: 3600, OUTBOX_MAX_ATTEMPTS: 5, OUTBOX_TIMEOUT_MS: 5000 };
  rx = await startReceiver();
  // one receiver per test: earlier tests' subscriptions are paused so their deliveries stay out of the way
  await ctx.db.update(webhookSubscriptions).set({ active: false });
});
afterEach(async () => {
  await rx.close();
});

async function subscribe(c: AppContext = ctx, receiver = rx, topics: string[] = []) {
  const r = await createSubscription(c, admin, { name: '医保支付系统', url: receiver.url, topics, regionPrefix: null });
  receiver.secret = r.secret;
  return r.subscription;
}

let seq = 0;
async function emit(c: AppContext, caseId: string, topic: string, regionCode = '530102'): Promise<number> {
  const n = ++seq;
  const [id] = await c.db.transaction((tx) =>
    insertOutbox(tx, [{
      topic, caseType: 'agreement', caseId, institutionId: null, regionCode,
      payload: { agreementId: caseId, n }, idempotencyKey: `agreement:${caseId}:${n}:${topic}`, occurredAt: c.clock.now(),
    }]),
  );
  return id!;
}

const tick = (c: AppContext = ctx, random = () => 0) => runDeliveryTick(c, { random });

describe('outbox delivery to a real HTTP receiver', () => {
  it('云医保〔2022〕6号 第二十条 开通医保结算：the event is posted once with a valid HMAC signature, its id and idempotency key; 2xx = delivered', async () => {
    const sub = await subscribe();
    const caseId = randomUUID();
    const id = await emit(ctx, caseId, 'agreement.payment_opened');
    const r = await tick();
    expect(r).toMatchObject({ claimed: 1, delivered: 1 });
    expect(rx.received).toHaveLength(1);
    const got = rx.received[0]!;
    expect(got.signatureValid).toBe(true);
    expect(got.eventId).toBe(String(id));
    expect(got.idempotencyKey).toBe(`agreement:${caseId}:${seq}:agreement.payment_opened`);
    expect(got.body).toMatchObject({ id, topic: 'agreement.payment_opened', caseType: 'agreement', caseId, regionCode: '530102', idempotencyKey: got.idempotencyKey });
    expect(Number(got.timestamp)).toBe(Math.floor(ctx.clock.now().getTime() / 1000));
    const [d] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, sub.id));
    expect(d).toMatchObject({ state: 'delivered', attempts: 1, lastStatus: 200, leaseUntil: null });
    // nothing left: a second tick sends nothing again
    expect(await tick()).toMatchObject({ claimed: 0 });
    expect(rx.received).toHaveLength(1);
  });

  it('a wrong secret fails the receiver\'s check (the signature covers timestamp and body)', async () => {
    await subscribe();
    rx.secret = 'whsec_not_the_one';
    await emit(ctx, randomUUID(), 'agreement.payment_opened');
    await tick();
    expect(rx.received[0]!.signatureValid).toBe(false);
  });

  it('京医保发〔2021〕30号 第四十二条 中止：after 500s the pause is retried with backoff by the injected clock, then delivered', async () => {
    const sub = await subscribe();
    rx.respond = (_b, nth) => (nth < 2 ? 500 : 204);
    await emit(ctx, randomUUID(), 'agreement.payment_paused');
    expect(await tick()).toMatchObject({ claimed: 1, retrying: 1 });
    const [d1] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, sub.id));
    // first retry: base 30 s, equal jitter with random 0 → 15 s after the attempt
    expect(d1!.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBe(15 * SECOND);
    expect(d1).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500' });
    ctx.clock.advance(14 * SECOND);
    expect(await tick()).toMatchObject({ claimed: 0 });
    ctx.clock.advance(1 * SECOND);
    expect(await tick()).toMatchObject({ claimed: 1, retrying: 1 });
    const [d2] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, sub.id));
    expect(d2!.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBe(30 * SECOND); // doubled
    ctx.clock.advance(30 * SECOND);
    expect(await tick()).toMatchObject({ delivered: 1 });
    expect(rx.received.map((x) => x.status)).toEqual([500, 500, 204]);
    // the same fact each time: one idempotency key for the receiver to drop repeats by
    expect(new Set(rx.received.map((x) => x.idempotencyKey)).size).toBe(1);
  });

  it('after OUTBOX_MAX_ATTEMPTS failures the delivery is dead (visible to the administrator) and no longer sent', async () => {
    ctx.config = { ...ctx.config, OUTBOX_MAX_ATTEMPTS: 3 };
    const sub = await subscribe();
    rx.respond = () => 503;
    await emit(ctx, randomUUID(), 'agreement.payment_shut');
    const reports = [];
    for (let i = 0; i < 4; i++) {
      reports.push(await tick());
      ctx.clock.advance(3600 * SECOND);
    }
    expect(reports.map((r) => [r.retrying, r.dead])).toEqual([[1, 0], [1, 0], [0, 1], [0, 0]]);
    expect(rx.received).toHaveLength(3);
    const [d] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, sub.id));
    expect(d).toMatchObject({ state: 'dead', attempts: 3, lastStatus: 503 });
  });

  it('京医保发〔2021〕30号 第四十二条 order per agreement: while the pause fails, the resumption of the same agreement is not sent; other agreements go on', async () => {
    await subscribe();
    const a = randomUUID();
    const b = randomUUID();
    const paused = await emit(ctx, a, 'agreement.payment_paused');
    const resumed = await emit(ctx, a, 'agreement.payment_resumed');
    const other = await emit(ctx, b, 'agreement.payment_opened');
    rx.respond = (body, nth) => (body.id === paused && nth === 0 ? 500 : 200);
    expect(await tick()).toMatchObject({ claimed: 2, delivered: 1, retrying: 1 });
    expect(await tick()).toMatchObject({ claimed: 0 }); // resumption held back, pause not yet due
    ctx.clock.advance(3600 * SECOND);
    expect(await tick()).toMatchObject({ claimed: 1, delivered: 1 }); // the pause
    expect(await tick()).toMatchObject({ claimed: 1, delivered: 1 }); // then the resumption
    expect(rx.received.map((x) => [x.body.id, x.status])).toEqual([[paused, 500], [other, 200], [paused, 200], [resumed, 200]]);
  });

  it('a dead earlier event holds the later events of its agreement until it is retried', async () => {
    ctx.config = { ...ctx.config, OUTBOX_MAX_ATTEMPTS: 1 };
    const sub = await subscribe();
    const a = randomUUID();
    const first = await emit(ctx, a, 'agreement.payment_paused');
    const second = await emit(ctx, a, 'agreement.payment_shut');
    rx.respond = (body) => (body.id === first ? 500 : 200);
    expect(await tick()).toMatchObject({ dead: 1 });
    ctx.clock.advance(3600 * SECOND);
    expect(await tick()).toMatchObject({ claimed: 0 });
    const rows = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, sub.id));
    expect(rows.find((r) => r.eventId === second)!.state).toBe('pending');
  });

  it('two ticks at once (two nodes) never send the same event twice', async () => {
    await subscribe();
    rx.delayMs = 20; // a slow receiver: the second tick runs while the first is still sending
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await emit(ctx, randomUUID(), 'agreement.payment_opened'));
    const [r1, r2] = await Promise.all([tick(), tick()]);
    expect(r1.delivered + r2.delivered).toBe(6);
    expect(rx.received.map((x) => x.body.id).sort((x, y) => x - y)).toEqual(ids);
  });

  it('a claimed delivery is leased: another node does not send it until the lease has ended', async () => {
    const sub = await subscribe();
    const id = await emit(ctx, randomUUID(), 'agreement.payment_opened');
    await tick(); // fan-out, delivered
    expect(rx.received).toHaveLength(1);
    const id2 = await emit(ctx, randomUUID(), 'agreement.payment_opened');
    await runDeliveryTick(ctx, { batch: 0 }); // fan-out only
    const now = ctx.clock.now();
    const held = await claimDue(ctx.db, now, new Date(now.getTime() + 60 * SECOND), 'node-that-died', 10);
    expect(held.map((h) => h.eventId)).toEqual([id2]);
    expect(await tick()).toMatchObject({ claimed: 0 });
    ctx.clock.advance(61 * SECOND);
    expect(await tick()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(rx.received.map((x) => x.body.id)).toEqual([id, id2]);
    const rows = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, sub.id));
    expect(rows.every((r) => r.state === 'delivered')).toBe(true);
  });

  it('follows only its topics; a paused subscription sends nothing until it is resumed', async () => {
    const sub = await subscribe(ctx, rx, ['agreement.payment_shut']);
    await emit(ctx, randomUUID(), 'agreement.payment_opened');
    const shut = await emit(ctx, randomUUID(), 'agreement.payment_shut');
    await ctx.db.update(webhookSubscriptions).set({ active: false }).where(eq(webhookSubscriptions.id, sub.id));
    expect(await tick()).toMatchObject({ claimed: 0 });
    await ctx.db.update(webhookSubscriptions).set({ active: true }).where(eq(webhookSubscriptions.id, sub.id));
    await tick();
    expect(rx.received.map((x) => x.body.id)).toEqual([shut]);
  });

  it('follows only its region prefix (an integration for one prefecture)', async () => {
    const created = await createSubscription(ctx, admin, { name: '昆明市结算', url: rx.url, topics: [], regionPrefix: '5301' });
    rx.secret = created.secret;
    const kunming = await emit(ctx, randomUUID(), 'agreement.payment_opened', '530102');
    await emit(ctx, randomUUID(), 'agreement.payment_opened', '530302');
    await tick();
    expect(rx.received.map((x) => x.body.id)).toEqual([kunming]);
  });

  it('a receiver that does not answer is cut off at the timeout and retried', async () => {
    ctx.config = { ...ctx.config, OUTBOX_TIMEOUT_MS: 200 };
    const sub = await subscribe();
    rx.delayMs = 2000;
    await emit(ctx, randomUUID(), 'agreement.payment_opened');
    expect(await tick()).toMatchObject({ retrying: 1 });
    const [d] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, sub.id));
    expect(d!.lastError).toContain('超时');
  });
});

describe('no loss across a server restart', () => {
  it('events written and even claimed before the app stops are delivered by the next app on the same database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-outbox-'));
    const clock = new FixedClock('2026-03-02T09:00:00+08:00');
    const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: '0' });
    const receiver = await startReceiver();
    try {
      const db1 = await openDatabase({ dataDir: dir });
      const c1: AppContext = { database: db1, db: db1.db, clock, config };
      const app1 = await buildApp(c1);
      const sysadmin = await buildSessionUser(c1, { kind: 'system', level: 'national' }, ['sysadmin']);
      const created = await createSubscription(c1, sysadmin, { name: '数据仓库', url: receiver.url, topics: [], regionPrefix: null });
      receiver.secret = created.secret;
      const a = randomUUID();
      const first = await emit(c1, a, 'agreement.payment_paused');
      const second = await emit(c1, a, 'agreement.payment_resumed');
      // node 1 fans out and claims the first, then stops before sending anything
      await runDeliveryTick(c1, { batch: 0 });
      await claimDue(c1.db, clock.now(), new Date(clock.now().getTime() + 120 * SECOND), 'node-1', 10);
      await app1.close();
      await db1.close();
      expect(receiver.received).toHaveLength(0);

      const db2 = await openDatabase({ dataDir: dir });
      const c2: AppContext = { database: db2, db: db2.db, clock, config };
      const app2 = await buildApp(c2);
      try {
        const h = await (await import('../testing/factories')).sessionHeaders(c2, sysadmin.id);
        const deliver = () => app2.inject({ method: 'POST', url: '/api/admin/outbox/deliver', headers: h });
        expect((await deliver()).json()).toMatchObject({ claimed: 0 }); // node 1's lease still runs
        clock.advance(121 * SECOND);
        expect((await deliver()).json()).toMatchObject({ claimed: 1, delivered: 1 });
        expect((await deliver()).json()).toMatchObject({ claimed: 1, delivered: 1 });
        expect(receiver.received.map((x) => [x.body.id, x.signatureValid])).toEqual([[first, true], [second, true]]);
      } finally {
        await app2.close();
        await db2.close();
      }
    } finally {
      await receiver.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('fan-out and uncommitted ids', () => {
  it('a subscription\'s cursor does not pass a young gap in the outbox ids (a transaction still committing)', async () => {
    const rx2 = await startReceiver();
    try {
      await ctx.db.update(webhookSubscriptions).set({ active: false });
      const created = await createSubscription(ctx, admin, { name: '医保支付系统', url: rx2.url, topics: [], regionPrefix: null });
      rx2.secret = created.secret;
      await ctx.db.transaction(async (tx) => {
        await insertOutbox(tx, [{ topic: 'agreement.payment_opened', caseType: 'agreement', caseId: randomUUID(), institutionId: null, regionCode: '530102', payload: {}, idempotencyKey: `gap:${randomUUID()}`, occurredAt: ctx.clock.now() }]);
        tx.rollback();
      }).catch(() => undefined);
      const id = await emit(ctx, randomUUID(), 'agreement.payment_opened');
      expect(await tick()).toMatchObject({ fannedOut: 0, claimed: 0 });
      ctx.clock.advance(31 * SECOND);
      expect(await tick()).toMatchObject({ fannedOut: 1, delivered: 1 });
      expect(rx2.received.map((x) => x.body.id)).toEqual([id]);
    } finally {
      await rx2.close();
    }
  });
});
