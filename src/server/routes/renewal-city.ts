/**
 * 报市 and 市级协商谈判 (京医保发〔2021〕30号 第四十一条, decision 0057): the district agency reports its decided
 * renewal to the city; the city negotiates each item (or many, confirmed by count). Roles here, territory in the
 * queries (404 outside), who and when in the rule and the engine (403 / 422 with the article, 409 when stale).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { zEnum, zText } from '../../domain/validators/schemas';
import { DECISIONS, ITEM_STATES, outcomeLabel } from '../../domain/renewal-campaign/item-case';
import { negotiateItem, negotiateItemsInBulk, reportCampaign, reportCheck } from '../../renewal-campaigns/report-to-city';
import { requireRole } from '../auth/guard';

const tags = ['renewal'];
const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const READERS: Role[] = [...AGENCY, 'admin_dept_officer'];
const idParam = z.object({ id: z.string().max(64) });
const version = z.number({ error: '版本号为必填项' }).int({ error: '版本号应为整数' }).min(1, { error: '版本号无效' });
const outcome = zEnum(DECISIONS, '协商谈判结果', { renew: outcomeLabel.renew, defer: outcomeLabel.defer, not_renew: outcomeLabel.not_renew });
const note = zText('协商谈判情况', 1000);
const reason = z.object({ ruleId: z.string(), citation: z.string(), message: z.string() });
const negotiation = z.object({ on: z.string(), outcome: z.enum(DECISIONS), note: z.string(), districtDecided: z.enum(DECISIONS).nullable() });

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/renewal-campaigns/:id/report', {
    schema: {
      tags, summary: '报市经办机构：本次续签能否报市，不能时的全部原因及依据（京医保发〔2021〕30号 第四十一条）', params: idParam,
      response: { 200: z.object({ cityStep: z.boolean(), reportedAt: z.string().nullable(), canReport: z.boolean(), reasons: z.array(reason), version: z.number() }) },
    },
  }, async (req) => reportCheck(ctx, requireRole(req, ...READERS), req.params.id));

  app.post('/api/renewal-campaigns/:id/report', {
    schema: {
      tags, summary: '区经办机构将核定完毕的续签报市经办机构（京医保发〔2021〕30号 第四十一条；须带版本号，已变化则 409）', params: idParam,
      body: z.object({ version }),
      response: { 200: z.object({ id: z.string(), reportedAt: z.string(), version: z.number() }) },
    },
  }, async (req) => reportCampaign(ctx, requireRole(req, ...AGENCY), req.params.id, req.body.version));

  app.post('/api/renewal-items/:id/negotiation', {
    schema: {
      tags, summary: '市级协商谈判：市经办机构与定点医疗机构协商后确定续签、缓签或不再签订（京医保发〔2021〕30号 第四十一条；须带版本号）',
      params: idParam, body: z.object({ version, outcome, note }),
      response: { 200: z.object({ id: z.string(), state: z.enum(ITEM_STATES), version: z.number(), decided: z.enum(DECISIONS).nullable(), negotiation: negotiation.nullable() }) },
    },
  }, async (req) => negotiateItem(ctx, requireRole(req, ...AGENCY), req.params.id, { outcome: req.body.outcome, note: req.body.note }, req.body.version));

  app.post('/api/renewal-campaigns/:id/bulk-negotiation', {
    schema: {
      tags, summary: '批量市级协商谈判（按区经办机构核定结果和统筹区筛选；须带确认时看到的数量，数量已变化则 409）', params: idParam,
      body: z.object({
        filter: z.object({
          decided: zEnum(DECISIONS, '区经办机构核定结果', { renew: outcomeLabel.renew, defer: outcomeLabel.defer, not_renew: outcomeLabel.not_renew }).optional(),
          regionCode: z.string().regex(/^\d{6}$/, { error: '统筹区应为6位区划代码' }).optional(),
        }),
        expectedCount: z.number({ error: '确认数量为必填项' }).int().min(1, { error: '确认数量无效' }),
        outcome, note,
      }),
      response: { 200: z.object({ negotiated: z.number() }) },
    },
  }, async (req) => {
    const { filter, expectedCount, outcome: o, note: n } = req.body;
    return negotiateItemsInBulk(ctx, requireRole(req, ...AGENCY), req.params.id, filter, { outcome: o, note: n }, expectedCount);
  });
};
export default routes;
