/**
 * 续签 schedule and applications (decisions 0046, 0048): a campaign's milestones with their articles and
 * status today; the institution's renewal application (京医保发〔2021〕30号 第四十一条) — whether and until
 * when it may apply, the application, the agency's 受理 / 退回, the institution's 撤回. Thin: roles here,
 * territory in the queries (404 outside).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { readCampaignSchedule } from '../../renewal-campaigns/schedule-campaign';
import { requireRole } from '../auth/guard';
import { zText } from '../../domain/validators/schemas';
import {
  applyForRenewal, getRenewalApplication, listRenewalApplicationsFor, renewalApplicationTerms, runRenewalApplicationEvent,
} from '../../renewal-applications/renewal-applications';
import { RENEWAL_APPLICATION_STATES } from '../../domain/renewal-application/application-case';

const tags = ['renewal'];
const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const READERS: Role[] = [...AGENCY, 'admin_dept_officer'];
const INST: Role[] = ['institution_staff', 'institution_admin'];
const ALL: Role[] = [...INST, ...READERS];
const version = z.number({ error: '版本号为必填项' }).int({ error: '版本号应为整数' }).min(1, { error: '版本号无效' });

const Application = z.object({
  id: z.string(), version: z.number(), agreementId: z.string(), institutionId: z.string(), regionCode: z.string(),
  institutionName: z.string(), agreementNumber: z.string(), termTo: z.string(),
  state: z.enum(RENEWAL_APPLICATION_STATES), stateLabel: z.string(), submittedOn: z.string(), dueOn: z.string(), late: z.boolean(), lateLabel: z.string().nullable(),
  note: z.string(), reason: z.string().nullable(), decidedOn: z.string().nullable(),
  allowedEvents: z.array(z.object({ event: z.enum(['accept', 'return', 'withdraw']), label: z.string() })),
});
const Terms = z.discriminatedUnion('applies', [
  z.object({ applies: z.literal(true), profileId: z.string(), dueOn: z.string(), months: z.number(), late: z.boolean(), citation: z.string(), termTo: z.string() }),
  z.object({ applies: z.literal(false), profileId: z.string(), message: z.string(), citation: z.string() }),
]);
const ListQuery = z.object({
  state: z.enum(RENEWAL_APPLICATION_STATES, { error: '申请状态无效' }).optional(),
  late: z.enum(['true', 'false'], { error: '是否逾期应为 true 或 false' }).transform((v) => v === 'true').optional(),
  agreementId: z.string().uuid({ error: '协议编号无效' }).optional(),
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, { error: '页码应从1开始' }).max(100_000).default(1),
  pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(100, { error: '每页条数不能超过100' }).default(20),
});
const EventBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), note: z.string().trim().max(500, { error: '受理意见不能超过500个字符' }).optional(), version }),
  z.object({ type: z.literal('return'), reason: zText('退回理由', 500), version }),
  z.object({ type: z.literal('withdraw'), version }),
], { error: '操作类型应为 accept（受理）、return（退回）或 withdraw（撤回）' });
const idParam = z.object({ id: z.string().max(64) });

const milestone = z.object({
  id: z.string(), milestone: z.string(), label: z.string(), party: z.string(), dueOn: z.string(), counted: z.string(), cites: z.array(z.string()),
  example: z.boolean(), provisional: z.boolean(), status: z.enum(['met', 'open', 'due_today', 'overdue', 'closed']), statusLabel: z.string(),
  closedOn: z.string().nullable(), remainingWorkdays: z.number().nullable(),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/renewal-campaigns/:id/schedule', {
    schema: {
      tags, summary: '续签工作节点：按政策口径计算的各节点截止日期、依据条款和当前状态', params: idParam,
      response: { 200: z.object({ items: z.array(milestone) }) },
    },
  }, async (req) => ({ items: await readCampaignSchedule(ctx, requireRole(req, ...READERS), req.params.id) }));

  app.get('/api/agreements/:id/renewal-application-terms', {
    schema: {
      tags, summary: '该协议能否由机构申请续签、申请截止日期（期满前3个月，京医保发〔2021〕30号 第四十一条）及依据', params: idParam,
      response: { 200: Terms },
    },
  }, async (req) => renewalApplicationTerms(ctx, requireRole(req, ...ALL), req.params.id));

  app.post('/api/renewal-applications', {
    schema: {
      tags, summary: '定点医疗机构申请续签（期满前3个月；逾期的标注「逾期申请」，不拒收）',
      body: z.object({ agreementId: z.string({ error: '协议为必填项' }).uuid({ error: '协议编号无效' }), note: z.string().trim().max(500, { error: '申请说明不能超过500个字符' }).default('') }),
      response: { 200: Application },
    },
  }, async (req) => {
    const user = requireRole(req, ...INST);
    return getRenewalApplication(ctx, user, await applyForRenewal(ctx, user, req.body));
  });

  app.get('/api/renewal-applications', {
    schema: { tags, summary: '续签申请（机构：本机构的；经办机构、行政部门：本辖区的），按时间倒序分页', querystring: ListQuery, response: { 200: z.object({ items: z.array(Application), total: z.number() }) } },
  }, async (req) => listRenewalApplicationsFor(ctx, requireRole(req, ...ALL), req.query));

  app.get('/api/renewal-applications/:id', {
    schema: { tags, summary: '一份续签申请', params: idParam, response: { 200: Application } },
  }, async (req) => getRenewalApplication(ctx, requireRole(req, ...ALL), req.params.id));

  app.post('/api/renewal-applications/:id/events', {
    schema: { tags, summary: '受理 / 退回（经办机构）、撤回（机构）续签申请', params: idParam, body: EventBody, response: { 200: Application } },
  }, async (req) => {
    const user = requireRole(req, ...INST, ...AGENCY);
    const { version: v, ...event } = req.body;
    await runRenewalApplicationEvent(ctx, user, req.params.id, event, v);
    return getRenewalApplication(ctx, user, req.params.id);
  });
};

export default routes;
