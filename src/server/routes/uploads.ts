import { z } from 'zod';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors';
import { MAX_UPLOAD_BYTES, contentDisposition, removeMaterial, uploadMaterial } from '../../designation/upload-material';
import { loadApplicationFor } from '../../designation/run-event';
import { findMaterial } from '../../db/upload-repo';
import { requireRole, requireUser } from '../auth/guard';
import { findUnsafeText } from '../../domain/validators/text';
import { unsafeTextError } from '../input-guard';

const tags = ['designation'];
const Material = z.object({ id: z.string(), itemKey: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), at: z.string() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one file of a multipart request. A malformed body (truncated, no or a wrong boundary, a broken
 * part header) makes the parser throw plain errors; they are the sender's fault, so 400, never 500.
 */
async function readOneFile(req: FastifyRequest): Promise<{ file: MultipartFile; content: Buffer }> {
  const malformed = () => new AppError('INVALID_INPUT', '上传内容格式有误：multipart 报文不完整或分隔符（boundary）不符，请重新选择文件上传', { field: 'file' });
  let file: MultipartFile | undefined;
  let content: Buffer;
  try {
    file = await req.file();
    if (!file) throw new AppError('INVALID_INPUT', '未选择文件', { field: 'file' });
    content = await file.toBuffer();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw malformed();
  }
  if (file.file.truncated) throw new AppError('INVALID_INPUT', '文件超过10MB，请压缩后再上传', { field: 'file' });
  return { file, content };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  // one file per request, a little over the limit so that "too large" is ours to answer (400, Chinese)
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 5, fieldSize: 1000 }, throwFileSizeLimit: false });

  app.post('/api/applications/:id/materials', {
    schema: {
      tags, summary: '上传申请材料（PDF/JPEG/PNG，不超过10MB，multipart 字段 file 与 itemKey）', consumes: ['multipart/form-data'],
      params: z.object({ id: z.string().max(64) }),
      querystring: z.object({ itemKey: z.string().max(100).optional() }),
      // documents the multipart form in the OpenAPI document; the parts are read by the handler
      body: z.object({ file: z.string().meta({ format: 'binary' }), itemKey: z.string().max(100).optional() }).nullish(),
      response: { 201: Material },
    },
  }, async (req, reply) => {
    const user = requireRole(req, 'institution_staff');
    if (!req.isMultipart()) throw new AppError('INVALID_INPUT', '请以 multipart/form-data 上传文件', { field: 'file' });
    const { file, content } = await readOneFile(req);
    const field = file.fields.itemKey as { value?: unknown } | undefined;
    const itemKey = String(req.query.itemKey ?? field?.value ?? '').trim();
    if (!itemKey) throw new AppError('INVALID_INPUT', '须指明材料项目 itemKey', { field: 'itemKey' });
    const unsafe = findUnsafeText({ itemKey, fileName: file.filename }, 'multipart');
    if (unsafe) throw unsafeTextError(unsafe);
    const m = await uploadMaterial(ctx, user, req.params.id, { itemKey, fileName: file.filename, content });
    return reply.status(201).send({ ...m, at: m.at.toISOString() });
  });

  app.get('/api/applications/:id/materials/:mid', {
    schema: { tags, summary: '下载申请材料', params: z.object({ id: z.string().max(64), mid: z.string().max(64) }) },
  }, async (req, reply) => {
    const row = await loadApplicationFor(ctx, requireUser(req), req.params.id);
    const m = UUID.test(req.params.mid) ? await findMaterial(ctx.db, row.id, req.params.mid) : null;
    if (!m) throw new AppError('NOT_FOUND', '材料不存在');
    return reply
      .header('Content-Type', m.mime)
      .header('Content-Disposition', contentDisposition(m.fileName))
      .header('X-Content-Type-Options', 'nosniff')
      .send(m.content);
  });

  app.delete('/api/applications/:id/materials/:mid', {
    schema: { tags, summary: '删除申请材料（填报中或待补正时）', params: z.object({ id: z.string().max(64), mid: z.string().max(64) }) },
  }, async (req, reply) => {
    await removeMaterial(ctx, requireRole(req, 'institution_staff'), req.params.id, req.params.mid);
    return reply.status(204).send();
  });
};
export default routes;
