/**
 * The administrative department's filings inbox (评估结果, 签订情况) and the pipeline statistics.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { zOptText } from '../../domain/validators/schemas';
import { FILING_KINDS } from '../../db/agreement-repo';
import { acknowledgeFiling, acknowledgeFilings, getFiling, listFilingsFor, MAX_BATCH } from '../../agreements/acknowledge-filing';
import { computeStatistics } from '../../agreements/compute-statistics';
import { requireRole } from '../auth/guard';

const only = (...roles: Role[]) => async (req: FastifyRequest) => {
  requireRole(req, ...roles);
};
const tags = ['filings'];

const filingRow = z.object({
  id: z.string(), kind: z.string().describe('evaluation_filing | signing_filing | suspension_notice | termination_notice | ending_notice | settlement_notice'), number: z.string(), title: z.string(), issuedAt: z.date(),
  applicationId: z.string(), applicationState: z.string(), regionCode: z.string(), institutionName: z.string(),
  agreementId: z.string().nullable().optional().describe('协议通知书（中止、解除、终止）所属的协议；其他备案为 null'),
  issuerName: z.string().nullable(), issuerLevel: z.string().nullable(),
  acknowledgedAt: z.date().nullable().describe('本部门确认收到的时间；null = 尚未确认'),
});
const filingPage = z.object({
  items: z.array(filingRow.extend({ overdueMarker: z.string().nullable().describe('如「超过5个工作日未确认」；null = 未超期或已确认') })),
  total: z.number(), page: z.number(), pageSize: z.number(),
  unread: z.number().describe('本部门尚未确认收到的备案数（同一辖区和层级范围）'),
  acknowledgeWithinWorkdays: z.number().describe('确认收到的工作日数（系统设置，默认5）'),
});
/** the filed document's model (src/documents/model.ts), passed on as it was stored when issued */
const filingDetail = filingRow.extend({ model: z.unknown() });
const statistics = z.object({
  asOf: z.string(),
  byState: z.array(z.object({ state: z.string(), label: z.string(), count: z.number() })),
  overdue: z.object({ total: z.number(), byDeadline: z.array(z.object({ deadline: z.string(), count: z.number() })) }),
  onlineSigning: z.object({
    signed: z.number(), online: z.number(), offline: z.number(),
    rate: z.number().nullable().describe('网签率；尚无签订的协议时为 null'),
    target: z.number().nullable().describe('本地区政策规定的网签率目标；未规定时为 null'), citation: z.string().nullable(), meetsTarget: z.boolean().nullable(),
  }),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/filings', {
    preValidation: only('admin_dept_officer'),
    schema: {
      tags, summary: '备案收件箱：评估结果（云医保〔2022〕6号 第十四条(三)）、签订情况（第十九条）',
      querystring: z.object({
        kind: z.enum(FILING_KINDS).optional(),
        acknowledged: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
        levels: z.enum(['same', 'all'], { error: '范围（levels）应为 same（同级）或 all（含下级）' }).default('all').describe('all = 含下级（默认）；same = 同级经办机构报送'),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: filingPage },
    },
  }, async (req) => listFilingsFor(ctx, req.user!, req.query));

  app.get('/api/filings/:id', {
    preValidation: only('admin_dept_officer'),
    schema: { tags, summary: '备案材料详情（只读）', params: z.object({ id: z.string() }), response: { 200: filingDetail } },
  }, async (req) => getFiling(ctx, req.user!, req.params.id));

  app.post('/api/filings/acknowledge', {
    preValidation: only('admin_dept_officer'),
    schema: {
      tags, summary: '批量确认收到备案材料（一次事务，逐件记审计）',
      body: z.object({
        ids: z.array(z.string().max(64), { error: '请选择要确认的备案材料（ids）' }).min(1, { error: '请至少选择一件备案材料（ids）' })
          .max(MAX_BATCH, { error: `一次最多确认${MAX_BATCH}件（ids）` }),
        note: zOptText('备注', 500),
      }),
      response: {
        200: z.object({
          acknowledged: z.array(z.object({ id: z.string(), number: z.string() })),
          already: z.array(z.object({ id: z.string(), number: z.string() })).describe('此前已确认的'),
          acknowledgedAt: z.string(),
        }),
      },
    },
  }, async (req) => acknowledgeFilings(ctx, req.user!, req.body.ids, req.body.note ?? null));

  app.post('/api/filings/:id/acknowledge', {
    preValidation: only('admin_dept_officer'),
    schema: {
      tags, summary: '确认收到备案材料', params: z.object({ id: z.string() }), body: z.object({ note: zOptText('备注', 500) }),
      response: { 200: z.object({ id: z.string(), number: z.string(), acknowledgedAt: z.string() }) },
    },
  }, async (req) => acknowledgeFiling(ctx, req.user!, req.params.id, req.body.note ?? null));

  app.get('/api/statistics/pipeline', {
    preValidation: only('admin_dept_officer', 'agency_officer', 'agency_head'),
    schema: { tags, summary: '辖区统计：各环节数量、逾期时限、协议网签率（2025征求意见稿 一(四)：≥90%）', response: { 200: statistics } },
  }, async (req) => computeStatistics(ctx, req.user!));
};
export default routes;
