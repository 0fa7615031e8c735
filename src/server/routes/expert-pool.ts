/**
 * 评估专家库 (吉医保规〔2023〕1号 第十五条; 云医保〔2022〕6号 第十一条; decision 0028): the agency that owns
 * a pool maintains its experts — list, add (with a login whose temporary password is answered once),
 * edit, suspend / reactivate / retire — and imports a pool from Excel. A pool outside the agency's
 * territory answers 404.
 */
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SPECIALTIES, specialtyLabel } from '../../domain/designation/panel';
import { EXPERT_STATUSES, expertStatusLabel } from '../../domain/experts/expert';
import { createExpertInput, updateExpertInput } from '../../domain/experts/expert-input';
import { zEnum, zInt, zText } from '../../domain/validators/schemas';
import { AppError, notFound } from '../../domain/errors';
import { EXPERT_SORTS } from '../../db/expert-repo';
import { listExperts, listPools } from '../../experts/list-experts';
import { addExpert } from '../../experts/add-expert';
import { changeExpertStatus, editExpert } from '../../experts/edit-expert';
import { importExperts, rejectedRowsWorkbook } from '../../experts/import-experts';
import { expertFor, poolFor } from '../../experts/pool-access';
import { importTemplate, XLSX_MIME } from '../../experts/pool-workbook';
import { contentDisposition } from '../../designation/upload-material';
import { requireRole } from '../auth/guard';

const tags = ['expert-pool'];
const agencyOnly = async (req: FastifyRequest) => {
  requireRole(req, 'agency_officer', 'agency_head');
};
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const Pool = z.object({ id: z.string(), name: z.string(), level: z.string(), regionCode: z.string().nullable() });
const Expert = z.object({
  id: z.string(), poolOrgId: z.string(), userId: z.string(), username: z.string(), name: z.string(),
  idNumberMasked: z.string().nullable().describe('身份证号（脱敏）；历史迁移的专家为空，待补录'),
  specialties: z.array(z.string()), employer: z.string().nullable(), employerUscc: z.string().nullable(), phone: z.string().nullable(),
  termFrom: z.string(), termTo: z.string().nullable(), status: z.enum(EXPERT_STATUSES), statusReason: z.string().nullable(),
  accountActive: z.boolean(), drawable: z.boolean().describe('今天能否被抽取'), notDrawableReason: z.string().nullable(),
  version: z.number(), updatedAt: z.string(),
});
const poolParams = z.object({ poolId: z.string().max(64) });
const expertParams = z.object({ poolId: z.string().max(64), expertId: z.string().max(64) });

const ImportResult = z.object({
  mode: z.enum(['check', 'all', 'valid']),
  applied: z.boolean().describe('是否已写入（check 模式、或“全部或全不”模式下有错误行时为 false）'),
  total: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number(),
  rejectedRows: z.array(z.object({ row: z.number(), name: z.string(), idNumber: z.string(), message: z.string() })),
  accounts: z.array(z.object({ row: z.number(), name: z.string(), username: z.string(), temporaryPassword: z.string() })).describe('新建专家的登录账号与临时密码（仅此一次显示）'),
});

/** The expert must belong to the pool of the path (else 404, as for a foreign one). */
async function checkExpertOfPool(app: { ctx: Parameters<typeof expertFor>[0] }, req: FastifyRequest, poolId: string, expertId: string) {
  const e = await expertFor(app.ctx, req.user!, expertId);
  if (e.poolOrgId !== poolId) throw notFound('专家');
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/expert-pools', {
    preValidation: agencyOnly,
    schema: { tags, summary: '本经办机构维护的评估专家库（辖区内的专家库）', response: { 200: z.array(Pool) } },
  }, async (req) => listPools(ctx, req.user!));

  app.get('/api/expert-pools/:poolId/experts', {
    preValidation: agencyOnly,
    schema: {
      tags, summary: '专家库的专家名单（筛选、排序、分页）', params: poolParams,
      querystring: z.object({
        q: z.string().trim().max(50, { error: '搜索词不能超过50个字符' }).optional().describe('姓名、工作单位、用户名，或工作单位统一社会信用代码'),
        status: zEnum(EXPERT_STATUSES, '专家状态', expertStatusLabel).optional(),
        specialty: zEnum(SPECIALTIES, '专业', specialtyLabel).optional(),
        sort: zEnum(EXPERT_SORTS, '排序字段').default('name'),
        order: zEnum(['asc', 'desc'] as const, '排序方向').default('asc'),
        page: z.coerce.number({ error: '页码应为整数' }).int({ error: '页码应为整数' }).min(1, { error: '页码不能小于1' }).max(100_000, { error: '页码过大' }).default(1),
        pageSize: z.coerce.number({ error: '每页条数应为整数' }).int({ error: '每页条数应为整数' }).min(1, { error: '每页条数不能小于1' }).max(200, { error: '每页条数不能大于200' }).default(20),
      }),
      response: { 200: z.object({ pool: Pool, items: z.array(Expert), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => listExperts(ctx, req.user!, req.params.poolId, req.query));

  app.post('/api/expert-pools/:poolId/experts', {
    preValidation: agencyOnly,
    schema: {
      tags, summary: '新增评估专家并开立登录账号（临时密码仅在本次应答中显示一次）', params: poolParams, body: createExpertInput,
      response: { 201: z.object({ expert: Expert, temporaryPassword: z.string() }) },
    },
  }, async (req, reply) => reply.status(201).send(await addExpert(ctx, req.user!, req.params.poolId, req.body)));

  app.patch('/api/expert-pools/:poolId/experts/:expertId', {
    preValidation: agencyOnly,
    schema: { tags, summary: '修改专家信息（版本号校验）', params: expertParams, body: updateExpertInput, response: { 200: Expert } },
  }, async (req) => {
    await checkExpertOfPool(app, req, req.params.poolId, req.params.expertId);
    return editExpert(ctx, req.user!, req.params.expertId, req.body);
  });

  app.post('/api/expert-pools/:poolId/experts/:expertId/status', {
    preValidation: agencyOnly,
    schema: {
      tags, summary: '暂停、恢复或解聘专家（暂停、解聘后不再被抽取；解聘同时停用账号）', params: expertParams,
      body: z.object({ status: zEnum(EXPERT_STATUSES, '专家状态', expertStatusLabel), reason: zText('原因', 500), version: zInt('版本号', 1, 2_147_483_647) }),
      response: { 200: Expert },
    },
  }, async (req) => {
    await checkExpertOfPool(app, req, req.params.poolId, req.params.expertId);
    return changeExpertStatus(ctx, req.user!, req.params.expertId, req.body);
  });

  app.get('/api/expert-pools/:poolId/import-template', {
    preValidation: agencyOnly,
    schema: { tags, summary: '下载专家库导入模板（Excel，中文表头）', params: poolParams },
  }, async (req, reply) => {
    const pool = await poolFor(ctx, req.user!, req.params.poolId);
    return reply.header('Content-Type', XLSX_MIME).header('Content-Disposition', contentDisposition('专家库导入模板.xlsx'))
      .send(await importTemplate(pool.name));
  });

  // the Excel file itself is the request body
  app.register(async (plain) => {
    const upload = plain.withTypeProvider<ZodTypeProvider>();
    upload.addContentTypeParser([XLSX_MIME, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));
    const file = (body: unknown): Buffer => {
      if (!Buffer.isBuffer(body)) throw new AppError('INVALID_INPUT', '请求体应为 Excel 文件（.xlsx，不超过5MB）', { field: 'file' });
      return body;
    };

    upload.post('/api/expert-pools/:poolId/import', {
      preValidation: agencyOnly,
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags, summary: '从 Excel 导入专家库（请求体为文件本身；mode=check 只校验，all 全部或全不，valid 仅导入无误的行）', params: poolParams,
        querystring: z.object({ mode: zEnum(['check', 'all', 'valid'] as const, '导入方式').default('check') }),
        response: { 200: ImportResult },
      },
    }, async (req) => importExperts(ctx, req.user!, req.params.poolId, file(req.body), req.query.mode));

    upload.post('/api/expert-pools/:poolId/import/rejected-rows', {
      preValidation: agencyOnly,
      bodyLimit: IMPORT_MAX_BYTES,
      schema: { tags, summary: '下载导入文件中未通过校验的行（Excel，含错误说明列；请求体为同一文件）', params: poolParams },
    }, async (req, reply) => {
      const book = await rejectedRowsWorkbook(ctx, req.user!, req.params.poolId, file(req.body));
      return reply.header('Content-Type', XLSX_MIME).header('Content-Disposition', contentDisposition('未导入的专家.xlsx')).send(book);
    });
  });
};
export default routes;
