import { z } from 'zod';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors';
import { contentDisposition, removeMaterial, uploadMaterial } from '../../designation/upload-material';
import { loadApplicationFor } from '../../designation/run-event';
import { findMaterial } from '../../db/upload-repo';
import { requireRole, requireUser } from '../auth/guard';
import { readOneFile, registerOneFileUploads } from '../multipart-file';

const tags = ['designation'];
const Material = z.object({ id: z.string(), itemKey: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), at: z.string() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  await registerOneFileUploads(app);

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
    const itemKeyOf = (file: MultipartFile) => String(req.query.itemKey ?? (file.fields.itemKey as { value?: unknown } | undefined)?.value ?? '').trim();
    const { file, content } = await readOneFile(req, (f) => ({ itemKey: itemKeyOf(f) }));
    const itemKey = itemKeyOf(file);
    if (!itemKey) throw new AppError('INVALID_INPUT', '须指明材料项目 itemKey', { field: 'itemKey' });
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
