/**
 * The basic conditions of an application (decision 0023): the officer re-runs the check on the
 * registry as it is now, and records a finding (核查结论) on a condition the rules could not decide
 * or whose automatic result the evidence contradicts. The check itself is read with the
 * application (GET /api/applications/:id, `conditions`).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recheckConditions, recordConditionFinding } from '../../designation/check-conditions';
import type { StoredConditionCheck } from '../../db/condition-check-repo';
import { requireRole } from '../auth/guard';

const tags = ['designation'];
const IdParams = z.object({ id: z.string().max(64) });
const CheckResult = z.object({
  version: z.number(), asOf: z.string(), rulesetVersion: z.string(),
  rows: z.array(z.object({ ruleId: z.string(), citation: z.string(), result: z.enum(['met', 'not_met', 'unknown']), reason: z.string() })),
  findings: z.array(z.object({ ruleId: z.string(), met: z.boolean(), note: z.string(), by: z.string(), on: z.string() })),
});
const out = (c: StoredConditionCheck) => ({
  version: c.version, asOf: c.asOf, rulesetVersion: c.rulesetVersion,
  rows: c.rows.map((r) => ({ ruleId: r.ruleId, citation: r.citation, result: r.result, reason: r.reason })),
  findings: c.findings,
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post('/api/applications/:id/conditions/check', {
    schema: {
      tags, summary: '重新核查基本条件（按当前机构登记信息和申请声明；已记录的核查结论保留）', params: IdParams,
      body: z.object({ version: z.number({ error: '须提供版本号 version' }).int().min(1).optional() }),
      response: { 200: CheckResult },
    },
  }, async (req) => out(await recheckConditions(ctx, requireRole(req, 'agency_officer', 'agency_head'), req.params.id, req.body.version)));

  app.post('/api/applications/:id/conditions/findings', {
    schema: {
      tags, summary: '记录基本条件核查结论（无法判断的须记录；须写明依据）', params: IdParams,
      body: z.object({
        version: z.number({ error: '须提供版本号 version' }).int().min(1),
        ruleId: z.string({ error: '须指明基本条件（ruleId）' }).min(1, { error: '须指明基本条件（ruleId）' }).max(100),
        met: z.boolean({ error: '核查结论（met）应为是否符合' }),
        note: z.string({ error: '须填写核查依据' }).trim().min(2, { error: '核查依据至少2个字' }).max(500, { error: '核查依据不能超过500个字符' }),
      }),
      response: { 200: CheckResult },
    },
  }, async (req) => out(await recordConditionFinding(ctx, requireRole(req, 'agency_officer', 'agency_head'), req.params.id, req.body)));
};
export default routes;
