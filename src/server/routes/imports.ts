/**
 * Registry import and export (issue #9): the template, the upload (the file itself is the body,
 * streamed to a temporary file; answers 202 with the job at once), the job's progress, the
 * rejected rows as Excel, and the export of the registry with the list page's filters.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors';
import * as E from '../../domain/registry/enums';
import { zEnum, zText } from '../../domain/validators/schemas';
import { requireRole } from '../auth/guard';
import { getImportJob, startImport, withLiveProgress } from '../../registry-import/run-import';
import { exportRejects, importTemplate } from '../../registry-import/import-files';
import { exportRegistry } from '../../registry-import/export-registry';
import { changedNothing } from '../../registry-import/job-housekeeping';
import { listJobs, type JobRow } from '../../db/import-repo';
import { contentDisposition } from '../../designation/upload-material';
import { firstBytes, saveBody, type Uploaded } from '../upload-body';

const tags = ['registry'];
const AGENCY = ['agency_officer', 'agency_head'] as const;
/** an upload above this is refused (a national-scale CSV of 1.1 M rows is about 400 MB) */
export const IMPORT_MAX_BYTES = 512 * 1024 * 1024;

const Job = z.object({
  id: z.string(), format: z.enum(['xlsx', 'csv']), mode: z.enum(['all_or_nothing', 'valid_rows']), fileName: z.string(),
  status: z.enum(['queued', 'validating', 'writing', 'done', 'rejected', 'failed', 'interrupted']),
  rowsDone: z.number(), rowsTotal: z.number().nullable(), rejected: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(),
  agreementsCreated: z.number(), agreementsUpdated: z.number(), message: z.string().nullable(), createdAt: z.string(), finishedAt: z.string().nullable(),
  changedNothing: z.boolean().describe('已完成且未产生任何变更：文件内容与登记簿一致（该文件此前已导入）'),
});
const jobView = (j: JobRow): z.infer<typeof Job> => ({
  id: j.id, format: j.format, mode: j.mode, fileName: j.fileName, status: j.status, rowsDone: j.rowsDone, rowsTotal: j.rowsTotal, rejected: j.rejected,
  created: j.created, updated: j.updated, unchanged: j.unchanged, agreementsCreated: j.agreementsCreated, agreementsUpdated: j.agreementsUpdated,
  message: j.message, createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt ? j.finishedAt.toISOString() : null,
  changedNothing: changedNothing(j),
});

const ExportQuery = z.object({
  format: z.enum(['xlsx', 'csv'], { error: '导出格式应为 xlsx 或 csv' }).default('xlsx'),
  q: z.string().trim().max(50, { error: '搜索词不能超过50个字符' }).optional(),
  region: z.string().regex(/^[1-9]\d(?:\d{2}){0,2}$/, { error: '区划应为6位区划代码（或2、4位前缀）' }).optional(),
  kind: zEnum(E.INSTITUTION_KINDS, '机构类别', E.institutionKindLabel).optional(),
  subtype: zEnum(E.INSTITUTION_SUBTYPES, '机构类型').optional(),
  hospitalLevel: zEnum(E.HOSPITAL_LEVELS, '医院等级', E.hospitalLevelLabel).optional(),
  status: zEnum(E.INSTITUTION_STATUSES, '机构状态', E.institutionStatusLabel).optional(),
  ownership: zEnum(E.OWNERSHIPS, '所有制形式', E.ownershipLabel).optional(),
  dualChannel: z.enum(['true', 'false'], { error: '双通道应为 true 或 false' }).transform((v) => v === 'true').optional(),
});

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const agencyOnly = async (req: FastifyRequest) => {
    requireRole(req, ...AGENCY);
  };

  app.get('/api/imports/template.xlsx', {
    preValidation: agencyOnly,
    schema: { tags, summary: '登记簿导入模板（Excel，含「字段说明」工作表）' },
  }, async (_req, reply) => reply
    .header('Content-Type', XLSX_MIME)
    .header('Content-Disposition', contentDisposition('定点医药机构登记簿导入模板.xlsx'))
    .send(await importTemplate()));

  app.get('/api/imports', {
    preValidation: agencyOnly,
    schema: { tags, summary: '本经办机构最近的导入任务', response: { 200: z.object({ items: z.array(Job) }) } },
  }, async (req) => {
    const user = requireRole(req, ...AGENCY);
    return { items: (await listJobs(ctx.db, user.orgId, 20)).map((j) => jobView(withLiveProgress(j))) };
  });

  app.get('/api/imports/:id', {
    preValidation: agencyOnly,
    schema: { tags, summary: '导入任务的进度与结果（页面轮询）', params: z.object({ id: z.string().max(64) }), response: { 200: Job } },
  }, async (req) => jobView(await getImportJob(ctx, requireRole(req, ...AGENCY), req.params.id)));

  app.get('/api/imports/:id/rejected.xlsx', {
    preValidation: agencyOnly,
    schema: { tags, summary: '未导入的行（Excel，含“错误说明”列）', params: z.object({ id: z.string().max(64) }) },
  }, async (req, reply) => {
    const { stream, fileName } = await exportRejects(ctx, requireRole(req, ...AGENCY), req.params.id);
    return reply.header('Content-Type', XLSX_MIME).header('Content-Disposition', contentDisposition(fileName)).send(stream);
  });

  app.get('/api/institutions/export', {
    preValidation: agencyOnly,
    schema: { tags, summary: '导出登记簿（与机构列表相同的筛选条件，限本辖区；Excel 或国家平台字段名的 CSV）', querystring: ExportQuery },
  }, async (req, reply) => {
    const { format, ...filter } = req.query;
    const { stream, fileName, mime } = await exportRegistry(ctx, requireRole(req, ...AGENCY), filter, format);
    return reply.header('Content-Type', mime).header('Content-Disposition', contentDisposition(fileName)).send(stream);
  });

  // the upload: the file itself is the body, streamed to disk (never held in memory)
  app.register(async (plain) => {
    const upload = plain.withTypeProvider<ZodTypeProvider>();
    upload.addContentTypeParser(['application/octet-stream', 'text/csv', XLSX_MIME, 'application/vnd.ms-excel'], (_req, payload, done) => {
      saveBody(payload, IMPORT_MAX_BYTES, 'dingdian-import').then((u) => done(null, u), (e: Error) => done(e, undefined));
    });
    upload.post('/api/imports', {
      // refuse before the body is read: only an agency's staff may upload
      preParsing: async (req) => { requireRole(req, ...AGENCY); },
      // per user (an agency's staff share one proxy address)
      config: { rateLimit: { max: 20, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => req.user?.id ?? req.ip } },
      schema: {
        tags, summary: '上传登记簿文件并开始导入（请求体为文件本身；立即返回任务编号，页面轮询进度）', consumes: ['application/octet-stream'],
        querystring: z.object({
          fileName: zText('文件名', 200),
          format: z.enum(['xlsx', 'csv'], { error: '文件格式应为 xlsx 或 csv' }).optional(),
          mode: z.enum(['all_or_nothing', 'valid_rows'], { error: '导入方式应为“全部或不导入”（all_or_nothing）或“只导入正确的行”（valid_rows）' }).default('all_or_nothing'),
        }),
        response: { 202: Job },
      },
    }, async (req, reply) => {
      const user = requireRole(req, ...AGENCY);
      const body = req.body as Uploaded | undefined;
      if (!body || typeof body !== 'object' || !('path' in body)) throw new AppError('INVALID_INPUT', '请求体应为导入文件（xlsx 或 csv）', { field: 'file' });
      try {
        const ext = path.extname(req.query.fileName).toLowerCase();
        const format = req.query.format ?? (ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null);
        if (!format) throw new AppError('INVALID_INPUT', '只支持 .xlsx 或 .csv 文件', { field: 'file' });
        if (body.size === 0) throw new AppError('INVALID_INPUT', '文件为空', { field: 'file' });
        const zip = (await firstBytes(body.path, 4)).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
        if (format === 'xlsx' && !zip) throw new AppError('INVALID_INPUT', '文件不是有效的 Excel（.xlsx）文件', { field: 'file' });
        if (format === 'csv' && zip) throw new AppError('INVALID_INPUT', '文件是 Excel 文件，请选择 xlsx 格式或另存为 CSV', { field: 'file' });
        const job = await startImport(ctx, user, { format, mode: req.query.mode, fileName: req.query.fileName, path: body.path });
        return reply.status(202).send(jobView(job));
      } catch (e) {
        await rm(body.path, { force: true });
        throw e;
      }
    });
  });
};
export default routes;
