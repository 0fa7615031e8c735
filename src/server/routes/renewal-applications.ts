/**
 * 续签 schedule and applications (decision 0046): a campaign's milestones with their articles and
 * status today. Thin: roles here, territory in the query (404 outside).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { readCampaignSchedule } from '../../renewal-campaigns/schedule-campaign';
import { requireRole } from '../auth/guard';

const tags = ['renewal'];
const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const READERS: Role[] = [...AGENCY, 'admin_dept_officer'];
const idParam = z.object({ id: z.string().max(64) });

const milestone = z.object({
  id: z.string(), milestone: z.string(), label: z.string(), party: z.string(), dueOn: z.string(), counted: z.string(), cites: z.array(z.string()),
  example: z.boolean(), provisional: z.boolean(), status: z.enum(['met', 'open', 'due_today', 'overdue']), statusLabel: z.string(),
  closedOn: z.string().nullable(), remainingWorkdays: z.number().nullable(),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/renewal-campaigns/:id/schedule', {
    schema: {
      tags, summary: '续签工作节点：按政策口径计算的各节点截止日期、依据条款和当前状态', params: idParam,
      response: { 200: z.object({ items: z.array(milestone) }) },
    },
  }, async (req) => ({ items: await readCampaignSchedule(ctx, requireRole(req, ...READERS), req.params.id) }));
};

export default routes;
