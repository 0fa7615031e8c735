/**
 * 系统对接（结算订阅） (decision 0033): the system administrator's subscriptions (signed webhooks to
 * the 医保支付系统, the 贯标 platform, a data warehouse), their deliveries, retrying a dead one, a
 * test event, and one deliverer tick by hand (like the deadline sweep). Thin: use cases in src/outbox.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { zEnum, zInt, zOptText, zText, zUuid } from '../../domain/validators/schemas';
import { DELIVERY_STATES } from '../../db/schema/index';
import { KNOWN_TOPICS, TOPIC_LABEL } from '../../outbox/topics';
import {
  changeSubscription, createSubscription, listSubscriptionDeliveries, listSubscriptionViews, retryDeadDelivery, sendTestEvent,
} from '../../outbox/subscriptions';
import { runDeliveryTick } from '../../outbox/deliver';
import { requireRole } from '../auth/guard';

const tags = ['outbox'];
const sysadminOnly = async (req: FastifyRequest) => void requireRole(req, 'sysadmin');
const idParam = z.object({ id: zUuid('订阅编号') });
const version = zInt('版本号', 1, 2_147_483_647).describe('客户端看到的订阅版本（乐观锁）');

const zUrl = z
  .url({ protocol: /^https?$/, error: '接收地址须为 http:// 或 https:// 网址' })
  .max(500, { error: '接收地址不能超过500个字符' });
const zTopics = z
  .array(z.string().regex(/^[a-z_]+\.[a-z_]+$/, { error: '订阅主题格式错误' }).refine((t) => KNOWN_TOPICS.includes(t), { error: '订阅主题不存在' }), { error: '订阅主题应为列表' })
  .max(50, { error: '订阅主题不能超过50个' });
const zPrefix = z.string().regex(/^\d{2,6}$/, { error: '区划前缀应为2–6位数字' }).nullish().transform((v) => v ?? null);

const SubscriptionView = z.object({
  id: z.string(), name: z.string(), url: z.string(), topics: z.array(z.string()), regionPrefix: z.string().nullable(),
  active: z.boolean(), cursor: z.number(), createdAt: z.date(), updatedAt: z.date().nullable(), version: z.number(),
});
const SubscriptionListItem = SubscriptionView.extend({ pending: z.number(), dead: z.number(), delivered: z.number() });
const DeliveryView = z.object({
  subscriptionId: z.string(), eventId: z.number(), caseType: z.string(), caseId: z.string(), topic: z.string(), idempotencyKey: z.string(),
  regionCode: z.string().nullable(), occurredAt: z.date(), state: z.enum(DELIVERY_STATES), attempts: z.number(), nextAttemptAt: z.date(),
  leaseUntil: z.date().nullable(), lastStatus: z.number().nullable(), lastError: z.string().nullable(), lastAttemptAt: z.date().nullable(),
  deliveredAt: z.date().nullable(), createdAt: z.date(),
});
const Report = z.object({ fannedOut: z.number(), claimed: z.number(), delivered: z.number(), retrying: z.number(), dead: z.number() });

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/admin/webhooks/topics', {
    preValidation: sysadminOnly,
    schema: { tags, summary: '可订阅的主题及其含义', response: { 200: z.array(z.object({ topic: z.string(), label: z.string() })) } },
  }, async () => KNOWN_TOPICS.map((topic) => ({ topic, label: TOPIC_LABEL[topic] ?? topic })));

  app.get('/api/admin/webhooks', {
    preValidation: sysadminOnly,
    schema: { tags, summary: '结算订阅列表（含各状态投递数）', response: { 200: z.object({ items: z.array(SubscriptionListItem) }) } },
  }, async () => ({ items: await listSubscriptionViews(ctx) }));

  app.post('/api/admin/webhooks', {
    preValidation: sysadminOnly,
    schema: {
      tags, summary: '新增结算订阅：签名密钥和拉取令牌只在此次应答中显示一次',
      body: z.object({ name: zText('订阅名称', 100), url: zUrl, topics: zTopics.default([]), regionPrefix: zPrefix }),
      response: { 201: z.object({ subscription: SubscriptionView, secret: z.string(), token: z.string() }) },
    },
  }, async (req, reply) => reply.status(201).send(await createSubscription(ctx, req.user!, req.body)));

  app.patch('/api/admin/webhooks/:id', {
    preValidation: sysadminOnly,
    schema: {
      tags, summary: '修改结算订阅（名称、地址、主题、区划前缀；乐观锁）', params: idParam,
      body: z.object({ version, name: zText('订阅名称', 100).optional(), url: zUrl.optional(), topics: zTopics.optional(), regionPrefix: zPrefix.optional() }),
      response: { 200: SubscriptionView },
    },
  }, async (req) => {
    // fields left out stay as they are (drizzle skips undefined); regionPrefix null clears the filter
    const { version: v, ...change } = req.body;
    return changeSubscription(ctx, req.user!, req.params.id, v, change);
  });

  for (const [path, active, summary] of [
    ['deactivate', false, '暂停结算订阅（不再投递；已生成的投递保留，恢复后继续）'],
    ['activate', true, '恢复结算订阅'],
  ] as const) {
    app.post(`/api/admin/webhooks/:id/${path}`, {
      preValidation: sysadminOnly,
      schema: { tags, summary, params: idParam, body: z.object({ version, reason: zOptText('原因', 500) }), response: { 200: SubscriptionView } },
    }, async (req) => changeSubscription(ctx, req.user!, req.params.id, req.body.version, { active }, req.body.reason ?? undefined));
  }

  app.get('/api/admin/webhooks/:id/deliveries', {
    preValidation: sysadminOnly,
    schema: {
      tags, summary: '订阅的投递记录：按状态筛选，新事件在前，分页', params: idParam,
      querystring: z.object({
        state: zEnum(DELIVERY_STATES, '投递状态', { pending: '待投递', delivered: '已投递', dead: '投递失败' }).optional(),
        page: z.coerce.number({ error: '页码应为整数' }).int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number({ error: '每页条数应为整数' }).int().min(1).max(100).default(20),
      }),
      response: { 200: z.object({ items: z.array(DeliveryView), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => listSubscriptionDeliveries(ctx, req.params.id, req.query));

  app.post('/api/admin/webhooks/:id/deliveries/:eventId/retry', {
    preValidation: sysadminOnly,
    schema: {
      tags, summary: '重新投递一条失败（已停止重试）的记录',
      params: z.object({ id: zUuid('订阅编号'), eventId: z.coerce.number({ error: '事件编号应为整数' }).int().min(1).max(Number.MAX_SAFE_INTEGER) }),
      response: { 200: z.object({ subscriptionId: z.string(), eventId: z.number(), state: z.enum(DELIVERY_STATES), attempts: z.number(), nextAttemptAt: z.date() }) },
    },
  }, async (req) => retryDeadDelivery(ctx, req.user!, req.params.id, req.params.eventId));

  app.post('/api/admin/webhooks/:id/test', {
    preValidation: sysadminOnly,
    schema: {
      tags, summary: '发送测试事件（主题 webhook.test，不写入事件流），返回接收方应答', params: idParam,
      response: { 200: z.object({ ok: z.boolean(), status: z.number().nullable(), error: z.string().nullable() }) },
    },
  }, async (req) => sendTestEvent(ctx, req.params.id));

  app.post('/api/admin/outbox/deliver', {
    preValidation: sysadminOnly,
    schema: { tags, summary: '立即执行一次事件投递（按系统时钟；各节点的定时投递照常进行）', response: { 200: Report } },
  }, async () => runDeliveryTick(ctx));
};
export default routes;
