/**
 * 医药机构自助注册 (issue #9; decision 0027). Public: a proof-of-work challenge and the registration
 * form (multipart: the JSON `data` part and the licence files; rate-limited per IP). The applicant:
 * its own registration (read, correct + resubmit, replace a file). The agency of the territory: the
 * queue, the detail with the files, verify / return.
 */
import { z } from 'zod';
import multipart, { type Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors';
import { INSTITUTION_KINDS, institutionKindLabel } from '../../domain/registry/enums';
import {
  REGISTRATION_FILE_KINDS, REGISTRATION_STATUSES, registrationDetails, registrationFileLabel, type RegistrationFileKind,
} from '../../domain/registration/registration';
import { zEnum, zInt, zText } from '../../domain/validators/schemas';
import { findUnsafeText } from '../../domain/validators/text';
import { MAX_UPLOAD_BYTES, contentDisposition } from '../../designation/upload-material';
import { issueChallenge } from '../../registration/issue-challenge';
import { submitRegistration } from '../../registration/submit-registration';
import {
  getMyRegistration, getRegistration, listRegistrationQueue, readMyRegistrationFile, readRegistrationFile,
} from '../../registration/read-registrations';
import { correctRegistration, replaceRegistrationFile } from '../../registration/correct-registration';
import { rejectRegistration, returnRegistration, verifyRegistration } from '../../registration/decide-registration';
import type { IncomingFile } from '../../registration/registration-files';
import { requireRole, requireUser } from '../auth/guard';
import { unsafeTextError } from '../input-guard';

const tags = ['registration'];
const FileInfo = z.object({ id: z.string(), kind: z.enum(REGISTRATION_FILE_KINDS), kindLabel: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), at: z.string() });
const Registration = z.object({
  id: z.string(), status: z.enum(REGISTRATION_STATUSES), statusLabel: z.string(),
  uscc: z.string(), name: z.string(), kind: z.enum(INSTITUTION_KINDS), kindLabel: z.string(), subtype: z.string(), subtypeLabel: z.string(),
  ownership: z.string(), ownershipLabel: z.string(), regionCode: z.string(), regionName: z.string().nullable(), address: z.string(),
  legalRepName: z.string(), legalRepIdNumber: z.string(), contactName: z.string(), contactPhone: z.string(),
  agencyOrgId: z.string().nullable(), agencyName: z.string().nullable(), returnReason: z.string().nullable(), institutionId: z.string().nullable(),
  submittedAt: z.string(), decidedAt: z.string().nullable(), version: z.number(), files: z.array(FileInfo),
});
const QueueItem = z.object({
  id: z.string(), status: z.enum(REGISTRATION_STATUSES), statusLabel: z.string(), uscc: z.string(), name: z.string(),
  kind: z.enum(INSTITUTION_KINDS), kindLabel: z.string(), subtype: z.string(), subtypeLabel: z.string(), regionCode: z.string(),
  regionName: z.string().nullable(), agencyOrgId: z.string().nullable(), agencyName: z.string().nullable(), submittedAt: z.string(),
  decidedAt: z.string().nullable(), version: z.number(),
});
const idParam = z.object({ id: z.string().max(64) });
const version = zInt('版本号', 1, 2_000_000_000);
const isFileKind = (s: string): s is RegistrationFileKind => (REGISTRATION_FILE_KINDS as readonly string[]).includes(s);

/**
 * The parts of a registration form: the `data` field (JSON) and up to one file per licence kind.
 * A malformed multipart body is the sender's fault: 400, never 500.
 */
async function readForm(req: FastifyRequest): Promise<{ data: unknown; files: IncomingFile[] }> {
  if (!req.isMultipart()) throw new AppError('INVALID_INPUT', '请以 multipart/form-data 提交注册表单', { field: 'data' });
  let data: unknown;
  const files: IncomingFile[] = [];
  try {
    for await (const part of req.parts() as AsyncIterableIterator<Multipart>) {
      if (part.type === 'file') {
        if (!isFileKind(part.fieldname)) {
          await part.toBuffer();
          throw new AppError('INVALID_INPUT', `不认识的上传项「${part.fieldname.slice(0, 40)}」`, { field: 'files' });
        }
        const content = await part.toBuffer();
        if (part.file.truncated) throw new AppError('INVALID_INPUT', `${registrationFileLabel[part.fieldname]}：文件超过10MB，请压缩后再上传`, { field: `files.${part.fieldname}` });
        files.push({ kind: part.fieldname, fileName: part.filename, content });
      } else if (part.fieldname === 'data') {
        try {
          data = JSON.parse(String(part.value));
        } catch {
          throw new AppError('INVALID_INPUT', '注册表单数据不是有效的 JSON', { field: 'data' });
        }
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('INVALID_INPUT', '上传文件个数超出上限（营业执照、执业许可证各一个）', { field: 'files' });
    throw new AppError('INVALID_INPUT', '上传内容格式有误：multipart 报文不完整或分隔符（boundary）不符，请重新提交', { field: 'data' });
  }
  if (data === undefined) throw new AppError('INVALID_INPUT', '缺少注册表单数据（data）', { field: 'data' });
  // the input guard sees only JSON bodies: the form's text goes through the same check here
  const unsafe = findUnsafeText({ data, files: files.map((f) => f.fileName) }, 'body');
  if (unsafe) throw unsafeTextError(unsafe);
  return { data, files };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: REGISTRATION_FILE_KINDS.length, fields: 5, fieldSize: 64 * 1024 },
    throwFileSizeLimit: false,
  });

  app.post('/api/public/registrations/challenge', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '领取注册人机验证（工作量证明：找出 nonce，使 SHA-256("id:salt:nonce") 前 bits 位为 0；一次有效，10分钟内）',
      response: { 201: z.object({ id: z.string(), salt: z.string(), bits: z.number(), expiresAt: z.string() }) },
    },
  }, async (_req, reply) => reply.status(201).send(await issueChallenge(ctx)));

  app.post('/api/public/registrations', {
    config: { rateLimit: { max: 5, timeWindow: '10 minutes' } },
    schema: {
      tags, summary: '医药机构注册（multipart：data 为 JSON {details, account, challenge}，文件 business_licence 必传、practice_licence 选传；每个IP每10分钟最多5次）',
      consumes: ['multipart/form-data'],
      body: z.object({
        data: z.string().describe('JSON: { details, account: { username, password }, challenge: { id, nonce } }'),
        business_licence: z.string().meta({ format: 'binary' }),
        practice_licence: z.string().meta({ format: 'binary' }).optional(),
      }).nullish(),
      response: { 201: z.object({ id: z.string(), status: z.enum(REGISTRATION_STATUSES), username: z.string(), submittedAt: z.string() }) },
    },
  }, async (req, reply) => {
    const { data, files } = await readForm(req);
    return reply.status(201).send(await submitRegistration(ctx, data, files, req.ip));
  });

  // ── the applicant (any signed-in account; only its own registration is ever found) ──
  app.get('/api/registrations/mine', {
    schema: { tags, summary: '我的注册（状态、退回理由、已上传证照）', response: { 200: Registration } },
  }, async (req) => getMyRegistration(ctx, requireUser(req)));

  app.put('/api/registrations/mine', {
    schema: {
      tags, summary: '修改注册信息并重新提交（待审核或已退回时）',
      body: z.object({ version, details: registrationDetails }),
      response: { 200: Registration },
    },
  }, async (req) => correctRegistration(ctx, requireUser(req), req.body));

  app.post('/api/registrations/mine/files', {
    schema: {
      tags, summary: '更换注册证照（multipart：kind 与 file；PDF/JPEG/PNG，不超过10MB）', consumes: ['multipart/form-data'],
      querystring: z.object({ kind: zEnum(REGISTRATION_FILE_KINDS, '证照种类').optional() }),
      body: z.object({ file: z.string().meta({ format: 'binary' }), kind: z.string().optional() }).nullish(),
      response: { 201: FileInfo.omit({ kindLabel: true }) },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    if (!req.isMultipart()) throw new AppError('INVALID_INPUT', '请以 multipart/form-data 上传文件', { field: 'file' });
    let file;
    try {
      file = await req.file();
    } catch {
      throw new AppError('INVALID_INPUT', '上传内容格式有误：multipart 报文不完整或分隔符（boundary）不符，请重新选择文件上传', { field: 'file' });
    }
    if (!file) throw new AppError('INVALID_INPUT', '未选择文件', { field: 'file' });
    const content = await file.toBuffer().catch(() => {
      throw new AppError('INVALID_INPUT', '上传内容格式有误，请重新选择文件上传', { field: 'file' });
    });
    if (file.file.truncated) throw new AppError('INVALID_INPUT', '文件超过10MB，请压缩后再上传', { field: 'file' });
    const field = file.fields.kind as { value?: unknown } | undefined;
    const kind = String(req.query.kind ?? field?.value ?? '');
    if (!isFileKind(kind)) throw new AppError('INVALID_INPUT', '证照种类取值无效：营业执照或执业许可证', { field: 'kind' });
    const unsafe = findUnsafeText({ fileName: file.filename }, 'multipart');
    if (unsafe) throw unsafeTextError(unsafe);
    return reply.status(201).send(await replaceRegistrationFile(ctx, user, { kind, fileName: file.filename, content }));
  });

  app.get('/api/registrations/mine/files/:fileId', {
    schema: { tags, summary: '下载我的注册证照', params: z.object({ fileId: z.string().max(64) }) },
  }, async (req, reply) => {
    const f = await readMyRegistrationFile(ctx, requireUser(req), req.params.fileId);
    return reply.header('Content-Type', f.mime).header('Content-Disposition', contentDisposition(f.fileName, 'inline'))
      .header('X-Content-Type-Options', 'nosniff').send(f.content);
  });

  // ── the agency of the territory ──
  app.get('/api/registrations', {
    schema: {
      tags, summary: '注册审核队列（本辖区；按状态、地区、类别筛选，排序，分页）',
      querystring: z.object({
        status: zEnum(REGISTRATION_STATUSES, '注册状态').optional(),
        region: z.string().regex(/^\d{2,6}$/, { error: '区划代码应为2至6位数字' }).optional(),
        kind: zEnum(INSTITUTION_KINDS, '机构类别', institutionKindLabel).optional(),
        mine: z.enum(['0', '1', 'true', 'false'], { error: '“只看本机构受理”应为 0 或 1' }).optional().transform((v) => v === '1' || v === 'true'),
        q: z.string().trim().max(50, { error: '查询词不能超过50个字符' }).optional(),
        sort: zEnum(['submittedAt', 'name', 'status'] as const, '排序字段').default('submittedAt'),
        order: zEnum(['asc', 'desc'] as const, '排序方向').default('desc'),
        page: z.coerce.number({ error: '页码应为数字' }).int().min(1, { error: '页码不能小于1' }).max(10_000).default(1),
        pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(100, { error: '每页最多100条' }).default(20),
      }),
      response: { 200: z.object({ items: z.array(QueueItem), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => {
    const user = requireRole(req, 'agency_officer', 'agency_head');
    const { region, q, ...rest } = req.query;
    return listRegistrationQueue(ctx, user, { ...rest, ...(region ? { region: regionPrefix(region) } : {}), ...(q ? { q } : {}) });
  });

  app.get('/api/registrations/:id', {
    schema: { tags, summary: '注册详情（含证照）', params: idParam, response: { 200: Registration } },
  }, async (req) => getRegistration(ctx, requireRole(req, 'agency_officer', 'agency_head'), req.params.id));

  app.get('/api/registrations/:id/files/:fileId', {
    schema: { tags, summary: '查看注册证照', params: idParam.extend({ fileId: z.string().max(64) }) },
  }, async (req, reply) => {
    const f = await readRegistrationFile(ctx, requireRole(req, 'agency_officer', 'agency_head'), req.params.id, req.params.fileId);
    return reply.header('Content-Type', f.mime).header('Content-Disposition', contentDisposition(f.fileName, 'inline'))
      .header('X-Content-Type-Options', 'nosniff').send(f.content);
  });

  app.post('/api/registrations/:id/verify', {
    schema: { tags, summary: '核实注册：机构登记入库，账号开通（医药机构经办人、医药机构管理员）', params: idParam, body: z.object({ version }), response: { 200: Registration } },
  }, async (req) => verifyRegistration(ctx, requireRole(req, 'agency_officer', 'agency_head'), req.params.id, req.body));

  app.post('/api/registrations/:id/return', {
    schema: {
      tags, summary: '退回注册（须说明理由；申请人修改后重新提交）', params: idParam,
      body: z.object({ version, reason: zText('退回理由', 500) }), response: { 200: Registration },
    },
  }, async (req) => returnRegistration(ctx, requireRole(req, 'agency_officer', 'agency_head'), req.params.id, req.body));

  app.post('/api/registrations/:id/reject', {
    schema: {
      tags, summary: '不予登记（虚假或冒用的统一社会信用代码等；须说明理由；释放该代码，停用注册账号）', params: idParam,
      body: z.object({ version, reason: zText('不予登记理由', 500) }), response: { 200: Registration },
    },
  }, async (req) => rejectRegistration(ctx, requireRole(req, 'agency_officer', 'agency_head'), req.params.id, req.body));
};

/** 53 for a province code, 5301 for a prefecture, else the code itself. */
function regionPrefix(code: string): string {
  if (code.length < 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export default routes;
