import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors';
import type { DocumentModel } from '../../documents/model';
import { renderDocx } from '../../documents/render-docx';
import { renderPdf } from '../../documents/render-pdf';
import { loadApplicationFor } from '../../designation/run-event';
import { contentDisposition } from '../../designation/upload-material';
import { findDocument } from '../../db/document-repo';
import { agreementOfApplication } from '../../db/agreement-repo';
import { renderAgreement } from '../../agreements/render-agreement';
import { isUuid } from '../../db/designation-repo';
import { requireUser } from '../auth/guard';

const tags = ['designation'];
const TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/applications/:id/documents/:file', {
    schema: {
      tags, summary: '下载文书（:docId.pdf 或 :docId.docx，由存档的文书模型生成）',
      params: z.object({ id: z.string().max(64), file: z.string().max(80) }),
    },
  }, async (req, reply) => {
    const row = await loadApplicationFor(ctx, requireUser(req), req.params.id);
    const m = /^(.+)\.(pdf|docx)$/.exec(req.params.file);
    const doc = m && isUuid(m[1]!) ? await findDocument(ctx.db, row.id, m[1]!) : null;
    if (m && !doc) {
      // the signed agreement is listed among the 文书 under its own id and number: the same file as 服务协议 offers
      const ag = await agreementOfApplication(ctx.db, row.id);
      if (ag && ag.id === m[1] && ag.status === 'signed') {
        const f = await renderAgreement(ctx, requireUser(req), ag.id, m[2] as 'pdf' | 'docx');
        return reply.header('Content-Type', f.mime).header('Content-Disposition', contentDisposition(f.fileName)).send(f.body);
      }
    }
    if (!m || !doc) throw new AppError('NOT_FOUND', '文书不存在');
    const format = m[2] as keyof typeof TYPES;
    const model = doc.model as DocumentModel;
    const body = format === 'pdf' ? await renderPdf(model) : await renderDocx(model);
    const name = `${doc.title}-${doc.number}.${format}`.replace(/[\\/:*?"<>|\s]+/g, '_');
    return reply.header('Content-Type', TYPES[format]).header('Content-Disposition', contentDisposition(name)).send(body);
  });
};
export default routes;
