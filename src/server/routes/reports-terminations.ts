/**
 * The quarterly report of agreement terminations and suspensions (吉医保规〔2023〕1号 第三十一条;
 * 京医保发〔2021〕30号 第四十九条; decision 0034), for the administrative department and the agency,
 * in their territory; JSON for the page, xlsx to download.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { requireRole } from '../auth/guard';
import { contentDisposition } from '../../designation/upload-material';
import { terminationReport, terminationReportWorkbook } from '../../public-lists/termination-report';

const tags = ['reports'];
const READERS: Role[] = ['admin_dept_officer', 'agency_officer', 'agency_head'];
const only = async (req: FastifyRequest) => {
  requireRole(req, ...READERS);
};
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Query = z.object({
  year: z.coerce.number({ error: '年份（year）为必填数字' }).int({ error: '年份（year）应为整数' })
    .min(2000, { error: '年份（year）不能早于2000年' }).max(2100, { error: '年份（year）不能晚于2100年' }),
  quarter: z.coerce.number({ error: '季度（quarter）为必填数字' }).int({ error: '季度（quarter）应为1至4' })
    .min(1, { error: '季度（quarter）应为1至4' }).max(4, { error: '季度（quarter）应为1至4' }).transform((q) => q as 1 | 2 | 3 | 4),
  region: z.string().regex(/^\d{2,6}$/, { error: '区划代码（region）应为2至6位数字' }).optional(),
});
const Row = z.object({
  kind: z.enum(['termination', 'suspension']), kindLabel: z.string(), institutionName: z.string(), ybCode: z.string().nullable(),
  regionCode: z.string(), regionName: z.string().nullable(), on: z.string(), situationLabel: z.string(),
  citation: z.string().describe('该地区政策配置下的条款；机构主动申请的中止无'), decisionNo: z.string().nullable(), note: z.string(),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/reports/terminations', {
    preValidation: only,
    schema: {
      tags, summary: '协议解除（及中止）情况季度报告（吉医保规〔2023〕1号 第三十一条；限本辖区）', querystring: Query,
      response: {
        200: z.object({
          year: z.number(), quarter: z.number(), from: z.string(), to: z.string(),
          terminations: z.number(), suspensions: z.number(), items: z.array(Row),
        }),
      },
    },
  }, async (req) => terminationReport(app.ctx, requireRole(req, ...READERS), req.query));

  app.get('/api/reports/terminations.xlsx', {
    preValidation: only,
    schema: { tags, summary: '协议解除（及中止）情况季度报告（Excel，限本辖区）', querystring: Query },
  }, async (req, reply) => {
    const { stream, fileName } = await terminationReportWorkbook(app.ctx, requireRole(req, ...READERS), req.query);
    return reply.header('Content-Type', XLSX_MIME).header('Content-Disposition', contentDisposition(fileName)).send(stream);
  });
};
export default routes;
