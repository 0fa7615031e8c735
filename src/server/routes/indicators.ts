/**
 * External data for the renewal screening (issue #11, decision 0040): the JSON batch another system
 * posts (idempotent by its batch id; all or nothing, 400 with every bad row), the Excel upload by an
 * agency's clerk (the file is the body, streamed to disk; all or nothing or the valid rows only), the
 * template, the import history, the rejected rows as Excel, and an institution's current values.
 * Thin: the use cases check the role and the territory.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../domain/identity/roles';
import { AppError } from '../../domain/errors';
import { zText } from '../../domain/validators/schemas';
import { INDICATOR_KINDS } from '../../domain/indicators/kinds';
import { cellsOf, importIndicators, MAX_ROWS, type ImportResult } from '../../indicators/import-indicators';
import { indicatorRejects, indicatorRows, indicatorTemplate } from '../../indicators/indicator-files';
import { findImportFor, institutionIndicators, listImportsFor } from '../../indicators/read-indicators';
import type { IndicatorImportRow } from '../../db/indicators-repo';
import { contentDisposition } from '../../designation/upload-material';
import { requireRole } from '../auth/guard';
import { firstBytes, isZip, saveBody, type Uploaded } from '../upload-body';

const tags = ['renewal'];
const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** an upload above this is refused: 200 000 rows of the template are about 12 MB */
export const INDICATOR_MAX_BYTES = 64 * 1024 * 1024;
/** a JSON batch holds at most this many rows (larger sets are sent in several batches) */
export const BATCH_MAX_ROWS = 50_000;

const Import = z.object({
  id: z.string(), channel: z.enum(['api', 'xlsx']), mode: z.enum(['all_or_nothing', 'valid_rows']), status: z.enum(['done', 'rejected']),
  fileName: z.string().nullable(), clientBatchId: z.string().nullable(), rowsTotal: z.number(), rejected: z.number(),
  created: z.number(), updated: z.number(), unchanged: z.number(), message: z.string().nullable(), createdAt: z.string(),
});
const importView = (i: IndicatorImportRow): z.infer<typeof Import> => ({
  id: i.id, channel: i.channel, mode: i.mode, status: i.status, fileName: i.fileName, clientBatchId: i.clientBatchId, rowsTotal: i.rowsTotal,
  rejected: i.rejected, created: i.created, updated: i.updated, unchanged: i.unchanged, message: i.message, createdAt: i.createdAt.toISOString(),
});
const Result = z.object({
  import: Import,
  replayed: z.boolean().describe('批次编号此前已导入：返回当时的结果，本次未写入'),
  rejects: z.array(z.object({ line: z.number(), message: z.string() })).describe('前50个错误行（完整清单见错误行 Excel）'),
});
const resultView = (r: ImportResult): z.infer<typeof Result> => ({
  import: importView(r.import), replayed: r.replayed, rejects: r.rejects.map((x) => ({ line: x.line, message: x.message })),
});

const cell = (label: string, max: number) => z.union([z.string().max(max, { error: `${label}不能超过${max}个字符` }), z.number(), z.boolean()], { error: `${label}应为文字、数字或是/否` })
  .transform((v) => (typeof v === 'boolean' ? (v ? '是' : '否') : String(v)));
const BatchRow = z.object({
  ybCode: cell('医保编码', 20).optional(),
  uscc: cell('统一社会信用代码', 18).optional(),
  kind: z.string({ error: '指标为必填项' }).max(40, { error: '指标不能超过40个字符' }).describe(`指标：${INDICATOR_KINDS.join('、')} 或其中文名称`),
  period: cell('期间', 10),
  value: cell('数值', 40),
  note: cell('说明', 500).optional(),
  source: cell('数据来源', 50),
  sourceDate: cell('来源日期', 10),
});
const Batch = z.object({
  clientBatchId: z.string({ error: '批次编号为必填项' }).trim().min(1, { error: '批次编号不能为空' }).max(100, { error: '批次编号不能超过100个字符' })
    .describe('调用方的批次编号：同一编号重复提交时返回第一次的结果，不重复写入'),
  rows: z.array(BatchRow, { error: '数据行（rows）应为数组' }).min(1, { error: '批次中没有数据行' }).max(BATCH_MAX_ROWS, { error: `一个批次最多 ${BATCH_MAX_ROWS} 行，请拆分后分批提交` }),
});

const ListQuery = z.object({
  channel: z.enum(['api', 'xlsx'], { error: '导入渠道应为 api 或 xlsx' }).optional(),
  status: z.enum(['done', 'rejected'], { error: '导入结果应为 done 或 rejected' }).optional(),
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, { error: '页码应从1开始' }).max(100_000).default(1),
  pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(100, { error: '每页条数不能超过100' }).default(20),
});
const idParam = z.object({ id: z.string().max(64) });

const IndicatorValue = z.object({
  kind: z.enum(INDICATOR_KINDS), label: z.string(), period: z.string(), valueText: z.string(), article: z.string().nullable(),
  source: z.string(), sourceDate: z.string(), importId: z.string(), updatedAt: z.string(),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const agencyOnly = async (req: FastifyRequest) => { requireRole(req, ...AGENCY); };

  app.get('/api/indicators/template.xlsx', {
    preValidation: agencyOnly,
    schema: { tags, summary: '外部数据导入模板（Excel，含「列说明」「指标说明」工作表）' },
  }, async (_req, reply) => reply.header('Content-Type', XLSX_MIME).header('Content-Disposition', contentDisposition('外部数据导入模板.xlsx')).send(await indicatorTemplate()));

  app.post('/api/indicators/batch', {
    bodyLimit: 32 * 1024 * 1024,
    config: { rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => req.user?.id ?? req.ip } },
    schema: {
      tags, summary: '外部系统批量提交指标数据（JSON；全部或不导入；同一批次编号幂等）', body: Batch,
      response: { 200: Result },
    },
  }, async (req) => {
    const user = requireRole(req, ...AGENCY);
    const rows = req.body.rows.map((raw, i) => ({ line: i + 1, raw, cells: cellsOf(raw) }));
    return resultView(await importIndicators(ctx, user, rows, { channel: 'api', mode: 'all_or_nothing', clientBatchId: req.body.clientBatchId }));
  });

  app.get('/api/indicator-imports', {
    preValidation: agencyOnly,
    schema: { tags, summary: '本经办机构的外部数据导入记录（按时间倒序，分页）', querystring: ListQuery, response: { 200: z.object({ items: z.array(Import), total: z.number() }) } },
  }, async (req) => {
    const r = await listImportsFor(ctx, requireRole(req, ...AGENCY), req.query);
    return { items: r.items.map(importView), total: r.total };
  });

  app.get('/api/indicator-imports/:id', {
    preValidation: agencyOnly,
    schema: { tags, summary: '一次外部数据导入的结果', params: idParam, response: { 200: Import } },
  }, async (req) => importView(await findImportFor(ctx, requireRole(req, ...AGENCY), req.params.id)));

  app.get('/api/indicator-imports/:id/rejected.xlsx', {
    preValidation: agencyOnly,
    schema: { tags, summary: '未导入的行（Excel，含“错误说明”列）', params: idParam },
  }, async (req, reply) => {
    const { stream, fileName } = await indicatorRejects(ctx, requireRole(req, ...AGENCY), req.params.id);
    return reply.header('Content-Type', XLSX_MIME).header('Content-Disposition', contentDisposition(fileName)).send(stream);
  });

  app.get('/api/institutions/:id/indicators', {
    schema: { tags, summary: '机构的外部数据指标（现值，含来源和日期；限本辖区）', params: idParam, response: { 200: z.object({ items: z.array(IndicatorValue) }) } },
  }, async (req) => ({ items: await institutionIndicators(ctx, requireRole(req, ...AGENCY, 'admin_dept_officer'), req.params.id) }));

  // the upload: the file itself is the body, streamed to disk (never held in memory)
  app.register(async (plain) => {
    const upload = plain.withTypeProvider<ZodTypeProvider>();
    upload.addContentTypeParser(['application/octet-stream', XLSX_MIME, 'application/vnd.ms-excel', 'text/csv'], (_req, payload, done) => {
      saveBody(payload, INDICATOR_MAX_BYTES, 'dingdian-indicators').then((u) => done(null, u), (e: Error) => done(e, undefined));
    });
    upload.post('/api/indicators/upload', {
      preParsing: async (req) => { requireRole(req, ...AGENCY); },
      config: { rateLimit: { max: 20, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => req.user?.id ?? req.ip } },
      schema: {
        tags, summary: `上传外部数据 Excel 并导入（请求体为文件本身；最多 ${MAX_ROWS} 行）`, consumes: ['application/octet-stream'],
        querystring: z.object({
          fileName: zText('文件名', 200),
          mode: z.enum(['all_or_nothing', 'valid_rows'], { error: '导入方式应为“全部或不导入”（all_or_nothing）或“只导入正确的行”（valid_rows）' }).default('all_or_nothing'),
        }),
        response: { 200: Result },
      },
    }, async (req) => {
      const user = requireRole(req, ...AGENCY);
      const body = req.body as Uploaded | undefined;
      if (!body || typeof body !== 'object' || !('path' in body)) throw new AppError('INVALID_INPUT', '请求体应为 Excel 文件（.xlsx）', { field: 'file' });
      try {
        if (path.extname(req.query.fileName).toLowerCase() !== '.xlsx') throw new AppError('INVALID_INPUT', '只支持 .xlsx 文件（可下载导入模板）', { field: 'file' });
        if (body.size === 0) throw new AppError('INVALID_INPUT', '文件为空', { field: 'file' });
        if (!isZip(await firstBytes(body.path, 4))) throw new AppError('INVALID_INPUT', '文件不是有效的 Excel（.xlsx）文件', { field: 'file' });
        return resultView(await importIndicators(ctx, user, indicatorRows(body.path), { channel: 'xlsx', mode: req.query.mode, fileName: req.query.fileName }));
      } finally {
        await rm(body.path, { force: true });
      }
    });
  });
};

export default routes;
