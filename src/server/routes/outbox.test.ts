/**
 * 系统对接（结算订阅） through HTTP (decision 0033): the administrator's subscriptions (secret and token
 * shown once, http(s) only), deliveries with their state, retrying a dead one, the test event; the
 * pull feed by cursor with its readers — sysadmin, agencies and departments inside their territory,
 * a subscription's bearer token — and its 401 / 403 answers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs } from '../../testing/factories';
import { startReceiver, type Receiver } from '../../testing/webhook-receiver';
import { insertOutbox } from '../../db/outbox-repo';
import { auditLog, webhookSubscriptions } from '../../db/schema/index';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let rx: Receiver;
let sys: Record<string, string>;
let county: Record<string, string>; // 县经办 530102
let prefecture: Record<string, string>; // 市经办 530100
let otherCity: Record<string, string>; // 县经办 530302
let dept: Record<string, string>; // 省行政部门 530000
let inst: Record<string, string>;
let expert: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext('2026-03-02T09:00:00+08:00');
  app = await buildApp(ctx);
  rx = await startReceiver();
  sys = (await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin'])).headers;
  county = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer'])).headers;
  prefecture = (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100' }, ['agency_head'])).headers;
  otherCity = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530302' }, ['agency_officer'])).headers;
  dept = (await actAs(ctx, { kind: 'admin_dept', level: 'province', regionCode: '530000' }, ['admin_dept_officer'])).headers;
  inst = (await actAs(ctx, { kind: 'institution', level: 'county', regionCode: '530102' }, ['institution_staff'])).headers;
  expert = (await actAs(ctx, { kind: 'expert_pool', level: 'province', regionCode: '530000' }, ['expert'])).headers;
});
afterAll(async () => {
  await rx.close();
  await app.close();
  await ctx.close();
});

let seq = 0;
async function emit(topic: string, regionCode: string | null, caseId = randomUUID()): Promise<number> {
  const n = ++seq;
  const [id] = await ctx.db.transaction((tx) =>
    insertOutbox(tx, [{ topic, caseType: 'agreement', caseId, institutionId: null, regionCode, payload: { n }, idempotencyKey: `agreement:${caseId}:${n}:${topic}`, occurredAt: ctx.clock.now() }]),
  );
  return id!;
}
const post = (url: string, headers: Record<string, string>, payload: object = {}) => app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('subscriptions (system administrator)', () => {
  it('creates a subscription: the secret and the feed token are answered once, never listed; only http(s) URLs', async () => {
    const bad = await post('/api/admin/webhooks', sys, { name: '医保支付系统', url: 'ftp://10.0.0.1/x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('接收地址');
    const badTopic = await post('/api/admin/webhooks', sys, { name: '医保支付系统', url: rx.url, topics: ['nothing.here'] });
    expect(badTopic.statusCode).toBe(400);
    expect(badTopic.json().error.message).toContain('订阅主题');

    const res = await post('/api/admin/webhooks', sys, { name: '医保支付系统', url: rx.url, topics: ['agreement.payment_shut'] });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(body.token).toMatch(/^ddfeed_[0-9a-f]{64}$/);
    expect(body.subscription).not.toHaveProperty('secret');
    const list = await get('/api/admin/webhooks', sys);
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toContain(body.secret);
    expect(JSON.stringify(list.json())).not.toContain(body.token);
    const [row] = await ctx.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, body.subscription.id));
    expect(row!.tokenHash).not.toBe(body.token); // stored hashed
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, body.subscription.id));
    expect(audit.map((a) => a.action)).toEqual(['webhook.create']);
    expect(JSON.stringify(audit)).not.toContain(body.secret);
  });

  it('other roles are refused (403), anonymous callers 401', async () => {
    expect((await get('/api/admin/webhooks', county)).statusCode).toBe(403);
    expect((await get('/api/admin/webhooks')).statusCode).toBe(401);
    expect((await post('/api/admin/outbox/deliver', dept)).statusCode).toBe(403);
  });

  it('京医保发〔2021〕30号 第四十二条 a pause that could not be delivered is shown dead, retried by the administrator, then delivered; the list counts by state', async () => {
    ctx.config = { ...ctx.config, OUTBOX_MAX_ATTEMPTS: 1 };
    const created = (await post('/api/admin/webhooks', sys, { name: '贯标平台', url: rx.url })).json();
    rx.secret = created.secret;
    const id = created.subscription.id as string;
    const eventId = await emit('agreement.payment_paused', '530102');
    rx.respond = () => 500;
    expect((await post('/api/admin/outbox/deliver', sys)).json()).toMatchObject({ dead: 1 });
    const dead = await get(`/api/admin/webhooks/${id}/deliveries?state=dead`, sys);
    expect(dead.json()).toMatchObject({ total: 1, items: [{ eventId, state: 'dead', attempts: 1, lastStatus: 500, topic: 'agreement.payment_paused' }] });
    expect((await get(`/api/admin/webhooks/${id}/deliveries?state=delivered`, sys)).json().total).toBe(0);
    expect((await get(`/api/admin/webhooks/${id}/deliveries?state=lost`, sys)).statusCode).toBe(400);

    // only a dead delivery can be retried
    expect((await post(`/api/admin/webhooks/${id}/deliveries/999999/retry`, sys)).statusCode).toBe(409);
    const retried = await post(`/api/admin/webhooks/${id}/deliveries/${eventId}/retry`, sys);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ state: 'pending', attempts: 0 });
    rx.respond = () => 200;
    expect((await post('/api/admin/outbox/deliver', sys)).json()).toMatchObject({ delivered: 1 });
    const item = (await get('/api/admin/webhooks', sys)).json().items.find((s: { id: string }) => s.id === id);
    expect(item).toMatchObject({ pending: 0, dead: 0, delivered: 1 });
    expect(rx.received.at(-1)!.signatureValid).toBe(true);
    const actions = (await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id))).map((a) => a.action);
    expect(actions).toContain('webhook.delivery.retry');
    ctx.config = { ...ctx.config, OUTBOX_MAX_ATTEMPTS: 10 };
  });

  it('pauses and resumes with the version (stale → 409); edits are checked like creation', async () => {
    const created = (await post('/api/admin/webhooks', sys, { name: '数据仓库', url: rx.url })).json();
    const id = created.subscription.id as string;
    const paused = await post(`/api/admin/webhooks/${id}/deactivate`, sys, { version: 1, reason: '接收方系统升级' });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ active: false, version: 2 });
    expect((await post(`/api/admin/webhooks/${id}/activate`, sys, { version: 1 })).statusCode).toBe(409);
    expect((await post(`/api/admin/webhooks/${id}/activate`, sys, { version: 2 })).json()).toMatchObject({ active: true, version: 3 });
    const patched = await app.inject({ method: 'PATCH', url: `/api/admin/webhooks/${id}`, headers: sys, payload: { version: 3, url: 'javascript:alert(1)' } });
    expect(patched.statusCode).toBe(400);
    const ok = await app.inject({ method: 'PATCH', url: `/api/admin/webhooks/${id}`, headers: sys, payload: { version: 3, regionPrefix: '5301', name: '数据仓库（昆明）' } });
    expect(ok.json()).toMatchObject({ regionPrefix: '5301', name: '数据仓库（昆明）', url: rx.url, version: 4 });
    const cleared = await app.inject({ method: 'PATCH', url: `/api/admin/webhooks/${id}`, headers: sys, payload: { version: 4, regionPrefix: null } });
    expect(cleared.json()).toMatchObject({ regionPrefix: null, name: '数据仓库（昆明）', version: 5 });
    expect((await post(`/api/admin/webhooks/${randomUUID()}/deactivate`, sys, { version: 1 })).statusCode).toBe(404);
    expect((await post('/api/admin/webhooks/not-a-uuid/deactivate', sys, { version: 1 })).statusCode).toBe(400);
  });

  it('the test event reaches the receiver signed, topic webhook.test, and is not written to the feed', async () => {
    const created = (await post('/api/admin/webhooks', sys, { name: '测试接收方', url: rx.url })).json();
    rx.secret = created.secret;
    rx.respond = () => 200;
    const before = (await get('/api/feeds/agreement-events?limit=1000', sys)).json().events.length;
    const res = await post(`/api/admin/webhooks/${created.subscription.id}/test`, sys);
    expect(res.json()).toEqual({ ok: true, status: 200, error: null });
    expect(rx.received.at(-1)!.body.topic).toBe('webhook.test');
    expect(rx.received.at(-1)!.signatureValid).toBe(true);
    expect((await get('/api/feeds/agreement-events?limit=1000', sys)).json().events.length).toBe(before);
  });
});

describe('pull feed GET /api/feeds/agreement-events', () => {
  let ids: Record<string, number>;
  let base: number;
  beforeAll(async () => {
    base = (await get('/api/feeds/agreement-events?limit=1000', sys)).json().next;
    ids = {
      county: await emit('agreement.payment_opened', '530102'),
      city: await emit('agreement.payment_paused', '530199'),
      otherCity: await emit('agreement.payment_shut', '530302'),
      beijing: await emit('agreement.payment_opened', '110105'),
      national: await emit('agreement.payment_opened', null),
    };
  });
  const feed = (headers: Record<string, string>, q = '') => get(`/api/feeds/agreement-events?after=${base}${q}`, headers);

  it('云医保〔2022〕6号 第二十条 pages by cursor in id order: next is the last id answered, an empty page keeps it', async () => {
    const p1 = (await feed(sys, '&limit=2')).json();
    expect(p1.events.map((e: { id: number }) => e.id)).toEqual([ids.county, ids.city]);
    expect(p1.next).toBe(ids.city);
    expect(p1.events[0]).toMatchObject({ topic: 'agreement.payment_opened', caseType: 'agreement', regionCode: '530102', idempotencyKey: expect.stringMatching(/^agreement:/) });
    const p2 = (await get(`/api/feeds/agreement-events?after=${p1.next}&limit=10`, sys)).json();
    expect(p2.events.map((e: { id: number }) => e.id)).toEqual([ids.otherCity, ids.beijing, ids.national]);
    const p3 = (await get(`/api/feeds/agreement-events?after=${p2.next}`, sys)).json();
    expect(p3).toEqual({ events: [], next: p2.next });
  });

  it('agencies and departments read their territory only (属地管理); events without a region are national', async () => {
    const seen = async (h: Record<string, string>) => (await feed(h)).json().events.map((e: { id: number }) => e.id);
    expect(await seen(county)).toEqual([ids.county]);
    expect(await seen(prefecture)).toEqual([ids.county, ids.city]);
    expect(await seen(otherCity)).toEqual([ids.otherCity]);
    expect(await seen(dept)).toEqual([ids.county, ids.city, ids.otherCity]);
    expect(await seen(sys)).toEqual([ids.county, ids.city, ids.otherCity, ids.beijing, ids.national]);
  });

  it('institutions and experts are refused (403); no session and no token, or an unknown token: 401; bad cursor: 400', async () => {
    expect((await feed(inst)).statusCode).toBe(403);
    expect((await feed(expert)).statusCode).toBe(403);
    expect((await feed({})).statusCode).toBe(401);
    expect((await feed({ authorization: 'Bearer ddfeed_nope' })).statusCode).toBe(401);
    expect((await feed({ authorization: 'Bearer ' })).statusCode).toBe(401);
    const bad = await get('/api/feeds/agreement-events?after=-1', sys);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('after');
  });

  it('an integration client reads with its subscription\'s bearer token: its topics and region prefix; a paused subscription\'s token is refused', async () => {
    const created = (await post('/api/admin/webhooks', sys, { name: '昆明数据仓库', url: rx.url, topics: ['agreement.payment_opened', 'agreement.payment_paused'], regionPrefix: '5301' })).json();
    const bearer = { authorization: `Bearer ${created.token}` };
    const res = await feed(bearer);
    expect(res.statusCode).toBe(200);
    expect(res.json().events.map((e: { id: number }) => e.id)).toEqual([ids.county, ids.city]);
    await post(`/api/admin/webhooks/${created.subscription.id}/deactivate`, sys, { version: 1 });
    expect((await feed(bearer)).statusCode).toBe(401);
  });
});

describe('the feed never skips an event still being committed', () => {
  it('a young gap in the ids holds the cursor before it; once older than the grace the cursor passes it', async () => {
    const from = (await get('/api/feeds/agreement-events?limit=1000', sys)).json().next as number;
    // an id taken by a transaction that has not committed yet (here: one that rolled back)
    await ctx.db.transaction(async (tx) => {
      await insertOutbox(tx, [{ topic: 'agreement.payment_opened', caseType: 'agreement', caseId: randomUUID(), institutionId: null, regionCode: '530102', payload: {}, idempotencyKey: `gap:${randomUUID()}`, occurredAt: ctx.clock.now() }]);
      tx.rollback();
    }).catch(() => undefined);
    const after = await emit('agreement.payment_paused', '530102');
    const url = `/api/feeds/agreement-events?after=${from}`;
    expect((await get(url, sys)).json()).toEqual({ events: [], next: from });
    expect((await get(url, county)).json()).toEqual({ events: [], next: from });
    ctx.clock.advance(31_000);
    expect((await get(url, sys)).json().events.map((e: { id: number }) => e.id)).toEqual([after]);
    expect((await get(url, county)).json().events.map((e: { id: number }) => e.id)).toEqual([after]);
  });
});
