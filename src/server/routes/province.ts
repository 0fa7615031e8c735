/**
 * 云人社发〔2016〕308号: 参保人数 per 统筹地区 and the beds-per-1,000-insured statistic (二(四)); the
 * prefecture's report of newly designated institutions to the provincial agency (一(四)).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { zDate, zInt, zRegionCode, zText } from '../../domain/validators/schemas';
import { bedsPerThousand, enterInsuredCount } from '../../province/bed-ratio';
import { getProvinceReport, listProvinceReports, sendProvinceReport } from '../../province/report-to-province';
import { requireRole } from '../auth/guard';

const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const READERS: Role[] = ['agency_officer', 'agency_head', 'admin_dept_officer'];
const only = (...roles: Role[]) => async (req: FastifyRequest) => {
  requireRole(req, ...roles);
};
const tags = ['province'];

const reportItem = z.object({
  applicationId: z.string(), institutionId: z.string(), institutionName: z.string(), ybCode: z.string().nullable(), regionCode: z.string(),
  kind: z.string(), state: z.string(), filedOn: z.string().nullable(), activatedOn: z.string().nullable(),
});
const reportRow = z.object({
  id: z.string(), regionCode: z.string(), regionName: z.string(), periodFrom: z.string(), periodTo: z.string(), count: z.number(), submittedAt: z.date(),
});

/** 每千参保人占有定点医疗机构住院床位数 per 统筹地区 (also served to the public, routes/public.ts). */
export const BedStatistics = z.object({
  asOf: z.string(), applies: z.boolean().describe('本省政策配置含此统计'), citation: z.string(),
  regions: z.array(z.object({
    regionCode: z.string(), regionName: z.string(), designatedInstitutions: z.number(), beds: z.number(),
    insured: z.object({ persons: z.number(), asOf: z.string(), source: z.string() }).nullable(),
    bedsPerThousand: z.number().nullable().describe('尚未填报参保人数时为 null'),
  })),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post('/api/insured-counts', {
    preValidation: only(...AGENCY),
    schema: {
      tags, summary: '填报统筹地区参保人数（云人社发〔2016〕308号 二(四)）',
      body: z.object({
        regionCode: zRegionCode('统筹地区'), asOf: zDate('统计日期'), persons: zInt('参保人数', 1, 200_000_000), source: zText('数据来源', 200),
      }),
      response: { 201: z.object({ regionCode: z.string(), asOf: z.string(), persons: z.number(), source: z.string() }) },
    },
  }, async (req, reply) => reply.status(201).send(await enterInsuredCount(ctx, req.user!, req.body)));

  app.get('/api/statistics/beds', {
    preValidation: only(...READERS),
    schema: {
      tags, summary: '各统筹地区每千参保人占有定点医疗机构住院床位数（云人社发〔2016〕308号 二(四)）',
      response: { 200: BedStatistics },
    },
  }, async (req) => bedsPerThousand(ctx, req.user!));

  app.post('/api/province-reports', {
    preValidation: only(...AGENCY),
    schema: {
      tags, summary: '新增定点医疗机构信息报省级经办机构（云人社发〔2016〕308号 一(四)）',
      body: z.object({ from: zDate('统计期间起始日期'), to: zDate('统计期间截止日期') }),
      response: { 201: z.object({ id: z.string(), regionCode: z.string(), periodFrom: z.string(), periodTo: z.string(), count: z.number(), citation: z.string() }) },
    },
  }, async (req, reply) => reply.status(201).send(await sendProvinceReport(ctx, req.user!, req.body)));

  app.get('/api/province-reports', {
    preValidation: only(...READERS),
    schema: {
      tags, summary: '报送省级经办机构的新增定点名单（辖区内）',
      querystring: z.object({
        page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: z.object({ items: z.array(reportRow), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => listProvinceReports(ctx, req.user!, req.query));

  app.get('/api/province-reports/:id', {
    preValidation: only(...READERS),
    schema: {
      tags, summary: '报送记录：新增定点医疗机构名单', params: z.object({ id: z.string() }),
      response: { 200: reportRow.extend({ items: z.array(reportItem), citation: z.string() }) },
    },
  }, async (req) => getProvinceReport(ctx, req.user!, req.params.id));
};
export default routes;
