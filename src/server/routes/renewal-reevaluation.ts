/**
 * The re-evaluation of a 缓签 renewal (自治区医保局〔2025〕征求意见稿 二(一): 「暂缓签订服务协议，待评估通过后签订协议」):
 * the agency records whether it passed, with what it found. Roles here, territory in the item's query (404
 * outside), the rules in the engine (422 with articles, 409 when stale).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { zText } from '../../domain/validators/schemas';
import { DECISIONS } from '../../domain/renewal-campaign/item-case';
import { reevaluateItem } from '../../renewal-campaigns/decide-items';
import { requireRole } from '../auth/guard';

const AGENCY: Role[] = ['agency_officer', 'agency_head'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.post('/api/renewal-items/:id/reevaluation', {
    schema: {
      tags: ['renewal'], summary: '记录缓签事项的评估结果（通过：生成续签协议；未通过：不再签订；自治区医保局〔2025〕征求意见稿 二(一)）',
      params: z.object({ id: z.string().max(64) }),
      body: z.object({
        version: z.number({ error: '版本号为必填项' }).int({ error: '版本号应为整数' }).min(1, { error: '版本号无效' }),
        passed: z.boolean({ error: '评估结果应为 true（通过）或 false（未通过）' }),
        note: zText('评估情况', 1000),
      }),
      response: {
        200: z.object({
          id: z.string(), version: z.number(), decided: z.enum(DECISIONS).nullable(),
          reevaluation: z.object({ on: z.string(), passed: z.boolean(), note: z.string() }).nullable(),
        }),
      },
    },
  }, async (req) => reevaluateItem(ctx, requireRole(req, ...AGENCY), req.params.id, { passed: req.body.passed, note: req.body.note }, req.body.version));
};

export default routes;
