/**
 * 第三方服务机构备案 (吉医保规〔2023〕1号 第三十三条第二款): the third party files, the agency of its
 * territory verifies licence, equipment and staff and accepts or returns the filing.
 * Thin routes: role check before validation, one use case (src/third-party/*), schema out.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { FILING_CHECK_ITEMS, FILING_STATUSES, filingCheckLabel, filingStatusLabel } from '../../domain/registry/third-party-filing';
import { zDate, zEnum, zInt, zOptText, zText } from '../../domain/validators/schemas';
import { submitFiling } from '../../third-party/submit-filing';
import { decideFiling, recordFilingCheck } from '../../third-party/verify-filing';
import { getFilingFor, listFilingsFor } from '../../third-party/read-filings';
import { requireRole } from '../auth/guard';

const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const READERS: Role[] = ['institution_staff', 'agency_officer', 'agency_head', 'admin_dept_officer'];
const only = (...roles: Role[]) => async (req: FastifyRequest) => {
  requireRole(req, ...roles);
};
const tags = ['third-party-filings'];
const idParam = z.object({ id: z.string() });
const version = z.number().int().min(1).optional().describe('客户端看到的备案版本（乐观锁）');

const filingBody = z.object({
  services: z.array(zText('备案服务项目', 100)).min(1, { error: '备案服务项目至少填写1项' }).max(200),
  licence: z.object({
    number: zText('执业许可证登记号', 60), issuedBy: zText('执业许可证发证机关', 100), validTo: zDate('执业许可证有效期至'),
  }, { error: '医疗机构执业许可证为必填项' }),
  equipment: z.array(z.object({
    name: zText('设备名称', 100), model: zText('设备型号', 100), quantity: zInt('设备数量', 1, 10_000),
  })).min(1, { error: '大型仪器设备清单至少填写1台（套）' }).max(500),
  staff: z.array(z.object({
    name: zText('专业人员姓名', 50), qualification: zText('专业人员资格', 100), certificateNumber: zText('资格及注册证书编号', 60),
  })).min(1, { error: '相关专业人员至少填写1人' }).max(1000),
  note: zOptText('备注', 500),
});

const filingRow = z.object({
  id: z.string(), institutionId: z.string(), institutionName: z.string(), subtype: z.string(), regionCode: z.string(),
  status: z.enum(FILING_STATUSES), services: z.array(z.string()), agencyName: z.string().nullable(),
  submittedAt: z.date(), decidedAt: z.date().nullable(),
});
const filingDetail = z.object({
  id: z.string(), institutionId: z.string(), institutionName: z.string(), subtype: z.string(), regionCode: z.string(), profileId: z.string(),
  agencyName: z.string().nullable().describe('受理备案的经办机构'), status: z.enum(FILING_STATUSES), statusLabel: z.string(), version: z.number(),
  services: z.array(z.string()),
  licence: z.object({ number: z.string(), issuedBy: z.string(), validTo: z.string() }),
  equipment: z.array(z.object({ name: z.string(), model: z.string(), quantity: z.number() })),
  staff: z.array(z.object({ name: z.string(), qualification: z.string(), certificateNumber: z.string() })),
  note: z.string().nullable(), submittedAt: z.date(),
  checks: z.array(z.object({
    item: z.enum(FILING_CHECK_ITEMS), label: z.string(),
    pass: z.boolean().nullable().describe('null = 尚未核验'), note: z.string().nullable(), by: z.string().nullable(), on: z.string().nullable(),
  })),
  decisionNote: z.string().nullable(), decidedAt: z.date().nullable(), citation: z.string(),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post('/api/third-party-filings', {
    preValidation: only('institution_staff'),
    schema: { tags, summary: '第三方服务机构备案服务项目（吉医保规〔2023〕1号 第三十三条第二款）', body: filingBody, response: { 201: filingDetail } },
  }, async (req, reply) => {
    const row = await submitFiling(ctx, req.user!, req.body);
    return reply.status(201).send(await getFilingFor(ctx, req.user!, row.id));
  });

  app.get('/api/third-party-filings', {
    preValidation: only(...READERS),
    schema: {
      tags, summary: '第三方服务机构备案列表（属地）',
      querystring: z.object({
        status: zEnum(FILING_STATUSES, '备案状态', filingStatusLabel).optional(),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: z.object({ items: z.array(filingRow), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => listFilingsFor(ctx, req.user!, req.query));

  app.get('/api/third-party-filings/:id', {
    preValidation: only(...READERS),
    schema: { tags, summary: '备案详情：服务项目、材料、核验结果', params: idParam, response: { 200: filingDetail } },
  }, async (req) => getFilingFor(ctx, req.user!, req.params.id));

  app.post('/api/third-party-filings/:id/checks', {
    preValidation: only(...AGENCY),
    schema: {
      tags, summary: '核验一项备案材料（执业许可证、大型仪器设备、专业人员）', params: idParam,
      body: z.object({
        item: zEnum(FILING_CHECK_ITEMS, '核验项目', filingCheckLabel), pass: z.boolean({ error: '核验结论为必填项' }),
        note: zOptText('核验意见', 500), version,
      }),
      response: { 200: filingDetail },
    },
  }, async (req) => recordFilingCheck(ctx, req.user!, req.params.id, req.body));

  app.post('/api/third-party-filings/:id/decision', {
    preValidation: only(...AGENCY),
    schema: {
      tags, summary: '予以备案（三项核验均通过）或退回（说明理由）', params: idParam,
      body: z.object({ accept: z.boolean({ error: '备案结论为必填项' }), note: zOptText('备案意见', 500), version }),
      response: { 200: filingDetail },
    },
  }, async (req) => decideFiling(ctx, req.user!, req.params.id, req.body));
};
export default routes;
