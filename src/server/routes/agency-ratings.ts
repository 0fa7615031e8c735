/**
 * 评价建议 (云医保〔2022〕6号 第二十三条; decision 0035): the institution submits (online), the agency records one
 * received 书面/电话/邮件 on the institution's behalf and answers (反馈); lists filtered and paged server-side.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { RATING_CHANNELS, RATING_STATES } from '../../domain/agency-rating/rating-case';
import { zText } from '../../domain/validators/schemas';
import { answerRating, listRatingsFor, submitRating } from '../../agency-ratings/ratings';
import { requireRole } from '../auth/guard';

const tags = ['agency-ratings'];
const INST: Role[] = ['institution_staff', 'institution_admin'];
const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const View = z.object({
  id: z.string(), institutionId: z.string(), institutionName: z.string(), regionCode: z.string(), version: z.number(), state: z.enum(RATING_STATES), stateLabel: z.string(),
  channel: z.enum(RATING_CHANNELS), channelLabel: z.string(), score: z.number(), text: z.string(), recordedByAgency: z.boolean(),
  submittedOn: z.string(), answer: z.string().nullable(), answeredOn: z.string().nullable(), citation: z.string(), allowedEvents: z.array(z.string()),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.post('/api/agency-ratings', {
    schema: {
      tags, summary: '提交（或经办机构代为登记）对经办机构履行协议情况的评价建议', body: z.object({
        institutionId: z.string().max(64).nullish(), channel: z.enum(RATING_CHANNELS, { error: '渠道应为网上、书面、电话或邮件' }),
        score: z.number({ error: '评分应为1至5的整数' }).int({ error: '评分应为1至5的整数' }).min(1, { error: '评分应为1至5的整数' }).max(5, { error: '评分应为1至5的整数' }),
        text: zText('评价建议内容', 2000),
      }), response: { 201: z.object({ id: z.string() }) },
    },
  }, async (req, reply) => reply.code(201).send({ id: await submitRating(ctx, requireRole(req, ...INST, ...AGENCY), req.body) }));

  app.get('/api/agency-ratings', {
    schema: {
      tags, summary: '评价建议列表', querystring: z.object({
        state: z.enum(RATING_STATES, { error: '状态无效' }).optional(), channel: z.enum(RATING_CHANNELS, { error: '渠道无效' }).optional(),
        page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100, { error: '每页条数（pageSize）不能大于100' }).default(20),
      }), response: { 200: z.object({ items: z.array(View), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => listRatingsFor(ctx, requireRole(req, ...INST, ...AGENCY, 'admin_dept_officer'), req.query));

  app.post('/api/agency-ratings/:id/answer', {
    schema: {
      tags, summary: '经办机构反馈评价建议', params: z.object({ id: z.string().max(64) }),
      body: z.object({ answer: zText('反馈内容', 2000), version: z.number({ error: '版本号为必填项' }).int().min(1) }),
      response: { 200: z.object({ state: z.enum(RATING_STATES), version: z.number() }) },
    },
  }, async (req) => {
    const r = await answerRating(ctx, requireRole(req, ...AGENCY), req.params.id, req.body.answer, req.body.version);
    return { state: r.state, version: r.version };
  });
};
export default routes;
