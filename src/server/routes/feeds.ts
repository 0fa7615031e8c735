/**
 * The pull feed (decision 0033): `GET /api/feeds/agreement-events?after=<id>&limit=` answers the
 * outbox in id order after a cursor; `next` is the cursor of the following call. Readers: the
 * system administrator (all), agency / administrative-department users (their territory), and an
 * integration client with a subscription's token (`Authorization: Bearer <token>`: that
 * subscription's topics and region prefix). Everyone else: 403; no or an unknown token: 401.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import { scopeOf } from '../../domain/identity/territory';
import { findSubscriptionByTokenHash } from '../../db/webhook-repo';
import { hashToken } from '../../outbox/sign';
import { readFeed, type FeedReader } from '../../outbox/feed';
import { requireRole } from '../auth/guard';

const FeedEvent = z.object({
  id: z.number(), topic: z.string(), idempotencyKey: z.string(), occurredAt: z.string(), caseType: z.string(), caseId: z.string(),
  institutionId: z.string().nullable(), regionCode: z.string().nullable(), payload: z.unknown(),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/api/feeds/agreement-events', {
    schema: {
      tags: ['outbox'],
      summary: '协议事件拉取流：按游标（after）顺序读取，系统管理员、属地经办机构和行政部门，或订阅令牌（Bearer）',
      querystring: z.object({
        after: z.coerce.number({ error: 'after 应为整数' }).int({ error: 'after 应为整数' }).min(0, { error: 'after 不能为负数' }).max(Number.MAX_SAFE_INTEGER).default(0),
        limit: z.coerce.number({ error: 'limit 应为整数' }).int({ error: 'limit 应为整数' }).min(1, { error: 'limit 不能小于1' }).max(1000, { error: 'limit 不能大于1000' }).default(100),
      }),
      response: { 200: z.object({ events: z.array(FeedEvent), next: z.number() }) },
    },
  }, async (req) => {
    const auth = req.headers.authorization;
    let reader: FeedReader;
    if (typeof auth === 'string' && /^bearer\s/i.test(auth)) {
      const token = auth.replace(/^bearer\s+/i, '').trim();
      const sub = token ? await findSubscriptionByTokenHash(ctx.db, hashToken(token)) : undefined;
      // a paused subscription's token reads nothing either
      if (!sub || !sub.active) throw new AppError('UNAUTHENTICATED', '订阅令牌无效或订阅已暂停');
      reader = { kind: 'subscription', topics: sub.topics, regionPrefix: sub.regionPrefix };
    } else {
      const user = requireRole(req, 'sysadmin', 'agency_officer', 'agency_head', 'admin_dept_officer');
      reader = { kind: 'scope', scope: scopeOf(user) };
    }
    return readFeed(ctx, reader, req.query.after, req.query.limit);
  });
};
export default routes;
