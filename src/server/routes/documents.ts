import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors';
import { loadApplicationFor } from '../../designation/run-event';
import { contentDisposition } from '../../designation/upload-material';
import { findDocument } from '../../db/document-repo';
import { agreementOfApplication } from '../../db/agreement-repo';
import { renderAgreement } from '../../agreements/render-agreement';
import { isUuid } from '../../db/designation-repo';
import { requireUser } from '../auth/guard';
import { documentFileOf, sendDocument } from '../document-file';

const tags = ['designation'];
const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/applications/:id/documents/:file', {
    schema: {
      tags, summary: '下载文书（:docId.pdf 或 :docId.docx，由存档的文书模型生成）',
      params: z.object({ id: z.string().max(64), file: z.string().max(80) }),
    },
  }, async (req, reply) => {
    const row = await loadApplicationFor(ctx, requireUser(req), req.params.id);
    const f = documentFileOf(req.params.file);
    const doc = f && isUuid(f.id) ? await findDocument(ctx.db, row.id, f.id) : null;
    if (f && !doc) {
      // the signed agreement is listed among the 文书 under its own id and number: the same file as 服务协议 offers
      const ag = await agreementOfApplication(ctx.db, row.id);
      if (ag && ag.id === f.id && ag.status === 'signed') {
        const a = await renderAgreement(ctx, requireUser(req), ag.id, f.format);
        return reply.header('Content-Type', a.mime).header('Content-Disposition', contentDisposition(a.fileName)).send(a.body);
      }
    }
    if (!f || !doc) throw new AppError('NOT_FOUND', '文书不存在');
    return sendDocument(reply, doc, f.format);
  });
};
export default routes;
