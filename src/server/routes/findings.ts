/**
 * 材料审核 findings that the refusal rules read (decision 0024): an agency officer records one on an
 * application in 材料审核; the screening runs again with it in the same transaction.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FINDING_KINDS, findingKinds } from '../../domain/policy/findings';
import { formatCitation } from '../../domain/policy/citation';
import { citesFor, type CitationLayers } from '../../domain/designation/cite';
import { workflowProfileFor } from '../../designation/build-context';
import { stateLabel, type State } from '../../domain/designation/states';
import { zDate, zEnum, zInt, zOptText, zText, zUuid } from '../../domain/validators/schemas';
import { findingsOfInstitution, type FindingRow } from '../../db/finding-repo';
import { recordFinding } from '../../designation/record-finding';
import { resolveFinding } from '../../designation/resolve-finding';
import { loadApplicationFor } from '../../designation/run-event';
import { requireRole } from '../auth/guard';

const tags = ['designation'];
const AGENCY = ['agency_officer', 'agency_head'] as const;
const kindLabels = Object.fromEntries(FINDING_KINDS.map((k) => [k, findingKinds[k].label])) as Record<(typeof FINDING_KINDS)[number], string>;

const FindingBody = z.object({
  version: zInt('版本号', 1, 2_000_000_000),
  kind: zEnum(FINDING_KINDS, '审核发现类别', kindLabels),
  foundOn: zDate('发现或认定日期'),
  source: zText('来源或文号', 200),
  note: zOptText('情况说明', 2000),
  evidenceFileId: zUuid('证据文件').optional(),
});

const FindingOut = z.object({
  id: z.string(),
  kind: z.enum(FINDING_KINDS),
  kindLabel: z.string(),
  applicationId: z.string().nullable(),
  foundOn: z.string(),
  source: z.string(),
  note: z.string().nullable(),
  evidenceFileId: z.string().nullable(),
  evidenceFile: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  /** counts for the institution's later applications too */
  outlives: z.boolean(),
  cites: z.array(z.string()),
  recordedAt: z.string(),
  version: z.number(),
});

/** `layers`: the application's profile — a finding shows only the articles its region may cite (decision 0015). */
const view = (f: FindingRow, layers: CitationLayers): z.infer<typeof FindingOut> => ({
  id: f.id, kind: f.kind, kindLabel: findingKinds[f.kind].label, applicationId: f.applicationId, foundOn: f.foundOn, source: f.source,
  note: f.note, evidenceFileId: f.evidenceFileId, evidenceFile: f.evidenceFile, resolvedOn: f.resolvedOn, outlives: findingKinds[f.kind].outlives,
  cites: citesFor(layers, findingKinds[f.kind].cites).map(formatCitation), recordedAt: f.recordedAt.toISOString(), version: f.version,
});

const Reason = z.object({ ruleId: z.string(), citation: z.string(), message: z.string() });

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/applications/:id/findings', {
    schema: {
      tags, summary: '材料审核发现（本申请及机构仍有效的跨申请发现）', params: z.object({ id: z.string().max(64) }),
      response: { 200: z.object({ items: z.array(FindingOut) }) },
    },
  }, async (req) => {
    const row = await loadApplicationFor(ctx, requireRole(req, ...AGENCY), req.params.id);
    const all = await findingsOfInstitution(ctx.db, row.institutionId);
    const layers = workflowProfileFor(row.profileId);
    return { items: all.filter((f) => f.applicationId === row.id || findingKinds[f.kind].outlives).map((f) => view(f, layers)) };
  });

  app.post('/api/applications/:id/findings', {
    schema: {
      tags, summary: '记录材料审核发现（须带申请版本号；随即重新筛查不予受理情形）', params: z.object({ id: z.string().max(64) }), body: FindingBody,
      response: {
        201: z.object({
          finding: FindingOut,
          application: z.object({ id: z.string(), state: z.string(), stateLabel: z.string(), version: z.number() }),
          screening: z.object({ reasons: z.array(Reason), undetermined: z.array(z.object({ ruleId: z.string(), citation: z.string(), missing: z.string() })) }),
        }),
      },
    },
  }, async (req, reply) => {
    const user = requireRole(req, ...AGENCY);
    const b = req.body;
    const r = await recordFinding(ctx, user, req.params.id, {
      version: b.version, kind: b.kind, foundOn: b.foundOn, source: b.source, note: b.note ?? undefined, evidenceFileId: b.evidenceFileId,
    });
    const a = r.application;
    return reply.status(201).send({
      finding: view(r.finding, workflowProfileFor(a.profileId)),
      application: { id: a.id, state: a.state, stateLabel: stateLabel[a.state as State] ?? a.state, version: a.version },
      screening: { reasons: r.evaluation.reasons, undetermined: r.evaluation.undetermined },
    });
  });

  app.post('/api/applications/:id/findings/:findingId/resolve', {
    schema: {
      tags, summary: '解除审核发现（如行政处罚已履行完毕；须带发现的版本号）',
      params: z.object({ id: z.string().max(64), findingId: zUuid('审核发现') }),
      body: z.object({ version: zInt('版本号', 1, 2_000_000_000), resolvedOn: zDate('解除日期'), reason: zText('解除理由', 2000) }),
      response: { 200: FindingOut },
    },
  }, async (req) => {
    const r = await resolveFinding(ctx, requireRole(req, ...AGENCY), req.params.id, req.params.findingId, req.body);
    return view(r.finding, workflowProfileFor(r.profileId));
  });
};
export default routes;
