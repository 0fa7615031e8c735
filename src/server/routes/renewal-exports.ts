/**
 * A campaign's Excel files besides its item list (issue #11): the what-if comparison (POST: the variant
 * is a body, as on the page) and the renewed agreements' signing figures per region. Readers as the
 * campaign's own pages: the agencies and the administrative department, territory in the queries (404
 * outside).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { contentDisposition } from '../../designation/upload-material';
import { exportSigning, exportWhatIf } from '../../renewal-campaigns/renewal-exports';
import { requireRole } from '../auth/guard';
import { whatIfVariant } from './renewal-what-if-schema';

const tags = ['renewal'];
const READERS: Role[] = ['agency_officer', 'agency_head', 'admin_dept_officer'];
const idParam = z.object({ id: z.string().max(64) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post('/api/renewal-campaigns/:id/what-if/export.xlsx', {
    schema: {
      tags, params: idParam, body: whatIfVariant,
      summary: '导出政策模拟结果（Excel：按结果和统筹区对比、结果改变的机构及造成差异的规则和依据、参数、规则）',
    },
  }, async (req, reply) => {
    const f = await exportWhatIf(ctx, requireRole(req, ...READERS), req.params.id, req.body);
    return reply.header('Content-Type', XLSX).header('Content-Disposition', contentDisposition(f.fileName)).send(f.stream);
  });

  app.get('/api/renewal-campaigns/:id/signing/export.xlsx', {
    schema: { tags, params: idParam, summary: '导出续签协议签订情况（Excel：各统筹区应签、已签、未签、线上签订及网签率）' },
  }, async (req, reply) => {
    const f = await exportSigning(ctx, requireRole(req, ...READERS), req.params.id);
    return reply.header('Content-Type', XLSX).header('Content-Disposition', contentDisposition(f.fileName)).send(f.stream);
  });
};

export default routes;
