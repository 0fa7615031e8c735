/**
 * 系统对接（结算订阅）: the system administrator registers the settlement side's receivers. The
 * secret (HMAC key) and the feed token are answered once, at creation; every change is audited.
 */
import type { AppContext } from '../context';
import { AppError, notFound } from '../domain/errors';
import { sessionClock } from '../domain/clock/clock';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import {
  findSubscription, insertSubscription, listDeliveries, listSubscriptions, outboxHead, reviveDelivery, updateSubscription,
  type SubscriptionRow,
} from '../db/webhook-repo';
import type { DeliveryState } from '../db/schema/index';
import { hashToken, newFeedToken, newSecret } from './sign';
import { postSigned, type SendOutcome } from './send';

export interface SubscriptionInput {
  name: string;
  url: string;
  topics: string[];
  regionPrefix: string | null;
}

/** What the administrator sees of a subscription: never the secret, never the token. */
export function subscriptionView(s: SubscriptionRow) {
  const { secret: _s, tokenHash: _t, createdBy: _c, ...rest } = s;
  return rest;
}

const auditOf = (s: SubscriptionRow) => ({ name: s.name, url: s.url, topics: s.topics, regionPrefix: s.regionPrefix, active: s.active });

export async function createSubscription(ctx: AppContext, actor: SessionUser, input: SubscriptionInput) {
  const secret = newSecret();
  const token = newFeedToken();
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    // starts at the outbox head: the history is in the pull feed, a new receiver is not flooded
    const cursor = await outboxHead(tx);
    const s = await insertSubscription(tx, {
      ...input, secret, tokenHash: hashToken(token), cursor, active: true, createdBy: actor.id, createdAt: now,
    });
    await appendAudit(tx, now, { actor, action: 'webhook.create', entityType: 'webhook_subscription', entityId: s.id, after: auditOf(s) });
    return s;
  });
  return { subscription: subscriptionView(row), secret, token };
}

export async function changeSubscription(
  ctx: AppContext, actor: SessionUser, id: string, version: number,
  change: Partial<SubscriptionInput> & { active?: boolean }, reason?: string,
) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await findSubscription(tx, id);
    if (!before) throw notFound('订阅');
    const after = await updateSubscription(tx, id, version, { ...change, updatedAt: now });
    if (!after) throw new AppError('STALE_VERSION', '订阅已被他人修改，请刷新后重试');
    const action = change.active === false ? 'webhook.deactivate' : change.active === true ? 'webhook.activate' : 'webhook.update';
    await appendAudit(tx, now, { actor, action, entityType: 'webhook_subscription', entityId: id, before: auditOf(before), after: auditOf(after), reason: reason ?? null });
    return subscriptionView(after);
  });
}

export async function listSubscriptionViews(ctx: AppContext) {
  return (await listSubscriptions(ctx.db)).map((s) => ({ ...subscriptionView(s), pending: s.pending, dead: s.dead, delivered: s.delivered }));
}

export async function listSubscriptionDeliveries(ctx: AppContext, id: string, q: { state?: DeliveryState; page: number; pageSize: number }) {
  if (!(await findSubscription(ctx.db, id))) throw notFound('订阅');
  const r = await listDeliveries(ctx.db, id, q);
  return { ...r, page: q.page, pageSize: q.pageSize };
}

/** 重新投递: a dead delivery goes back to pending, due now, attempts from zero. */
export async function retryDeadDelivery(ctx: AppContext, actor: SessionUser, id: string, eventId: number) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if (!(await findSubscription(tx, id))) throw notFound('订阅');
    const d = await reviveDelivery(tx, id, eventId, now);
    if (!d) throw new AppError('CONFLICT', '只有“投递失败（已停止重试）”的记录可以重新投递');
    await appendAudit(tx, now, {
      actor, action: 'webhook.delivery.retry', entityType: 'webhook_subscription', entityId: id,
      before: { eventId, state: 'dead' }, after: { eventId, state: 'pending' },
    });
    return { subscriptionId: d.subscriptionId, eventId: d.eventId, state: d.state, attempts: d.attempts, nextAttemptAt: d.nextAttemptAt };
  });
}

/**
 * 发送测试事件: one signed POST now, topic `webhook.test`, not written to the outbox (the settlement
 * side must never take a test for a fact); the answer shows whether the receiver accepted it.
 */
export async function sendTestEvent(ctx: AppContext, id: string): Promise<SendOutcome> {
  const s = await findSubscription(ctx.db, id);
  if (!s) throw notFound('订阅');
  const now = ctx.clock.now();
  const key = `webhook.test:${s.id}:${now.getTime()}`;
  const body = JSON.stringify({
    id: 0, topic: 'webhook.test', idempotencyKey: key, occurredAt: now.toISOString(),
    caseType: 'webhook_test', caseId: s.id, institutionId: null, regionCode: null, payload: { test: true, subscription: s.name },
  });
  return postSigned(s.url, s.secret, { eventId: '0', idempotencyKey: key }, body, sessionClock(ctx.clock).now(), ctx.config.OUTBOX_TIMEOUT_MS);
}
