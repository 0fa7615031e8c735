/**
 * The expert's view: my panels (applications whose evaluation panel I was drawn onto), and the
 * steps an expert takes there — inspection findings, scores per checklist item, vote, signature
 * (云医保〔2022〕6号 第十四条; 吉医保规〔2023〕1号 第十六条、第十八条). Each step is a pipeline event.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { zText } from '../../domain/validators/schemas';
import { listMyPanels, recordExpertStep } from '../../agreements/record-expert-step';
import { requireRole } from '../auth/guard';
import { EVENT_PAYLOADS } from '../../designation/event-schemas';
import { performStep } from '../../designation/perform-step';
import { INSPECTION_ITEMS } from '../../domain/designation/application';

const expertOnly = async (req: FastifyRequest) => {
  requireRole(req, 'expert');
};
const tags = ['experts'];
const params = z.object({ id: z.string() });

/** 现场核查: whether required, the 第十三条 situations, the mode, and the record once made (domain `Inspection`). */
const inspectionView = z.object({
  required: z.boolean(),
  situations: z.array(z.number()),
  mode: z.enum(['written', 'on_site', 'video']),
  /** by: the inspecting panel members' expert ids where the profile draws inspectors from the panel (第十三条), else names */
  record: z.object({
    on: z.string(), by: z.array(z.string()), findings: z.string(),
    checklist: z.array(z.object({ item: z.enum(INSPECTION_ITEMS), conforming: z.boolean(), finding: z.string() })).optional(),
  }).optional(),
});
/** One panel as the expert sees it (listMyPanels, src/agreements/record-expert-step.ts; decision 0044). */
const panelView = z.object({
  applicationId: z.string(), institutionName: z.string(), kind: z.string(), regionCode: z.string(), state: z.string(), stateLabel: z.string(),
  /** the application's version: every step sends it back; a stale one answers 409 */
  version: z.number(),
  /** set once the result is concluded: the panel's signed record, read-only */
  concluded: z.object({ on: z.string(), pass: z.boolean(), total: z.number().nullable(), reasons: z.array(z.string()), attempt: z.number() }).nullable(),
  members: z.array(z.object({ expertId: z.string(), name: z.string(), specialty: z.string(), scored: z.boolean(), voted: z.boolean(), signed: z.boolean() })),
  inspection: inspectionView,
  /** who signs the result under this profile, with its article; closed once the minutes are issued */
  signing: z.object({ allMustSign: z.boolean(), citation: z.string(), rule: z.string(), closed: z.boolean() }),
  sheet: z.object({
    id: z.string(), title: z.string(), passThreshold: z.number(),
    /** veto: 否决项, scoring below its floor fails the evaluation whatever the total */
    items: z.array(z.object({ id: z.string(), title: z.string(), maxPoints: z.number(), veto: z.boolean(), citation: z.string() })),
  }).nullable(),
  mine: z.object({ scores: z.record(z.string(), z.number()).nullable(), vote: z.enum(['pass', 'fail']).nullable(), signed: z.boolean() }),
});
const stepResult = { 200: z.object({ applicationId: z.string(), state: z.string(), version: z.number() }) };
const version = z.number().int().min(1).optional();

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/experts/panels', {
    preValidation: expertOnly,
    schema: { tags, summary: '我参加的评估小组', response: { 200: z.array(panelView) } },
  }, async (req) => listMyPanels(ctx, req.user!));

  app.post('/api/experts/panels/:id/inspection', {
    preValidation: expertOnly,
    schema: {
      tags, summary: '记录现场核查情况（云医保〔2022〕6号 第十三条：从评估小组中抽取人员承担，逐项记录核查内容）', params,
      body: z.object({
        findings: zText('核查情况', 4000),
        /** the inspecting panel members' expert ids; default: the expert recording */
        by: z.array(zText('核查人员', 100)).max(20).optional(),
        checklist: EVENT_PAYLOADS.record_inspection.shape.checklist,
        version,
      }),
      response: stepResult,
    },
  }, async (req) => recordExpertStep(ctx, req.user!, req.params.id, {
    type: 'record_inspection', by: req.body.by ?? [req.user!.id], findings: req.body.findings,
    ...(req.body.checklist ? { checklist: req.body.checklist } : {}),
  }, req.body.version));

  app.post('/api/experts/panels/:id/scores', {
    preValidation: expertOnly,
    schema: { tags, summary: '按评分表逐项评分（吉医保规〔2023〕1号 第十六条）', params, body: z.object({ scores: z.record(z.string().max(60), z.number().min(0).max(1000)), version }), response: stepResult },
  }, async (req) => recordExpertStep(ctx, req.user!, req.params.id, { type: 'record_scores', memberId: req.user!.id, scores: req.body.scores }, req.body.version));

  app.post('/api/experts/panels/:id/vote', {
    preValidation: expertOnly,
    schema: { tags, summary: '表决（云医保〔2022〕6号 第十四条(一)3）', params, body: z.object({ vote: z.enum(['pass', 'fail'], { error: '表决意见应为 pass（合格）或 fail（不合格）' }), version }), response: stepResult },
  }, async (req) => recordExpertStep(ctx, req.user!, req.params.id, { type: 'cast_vote', memberId: req.user!.id, vote: req.body.vote }, req.body.version));

  app.post('/api/experts/panels/:id/sign', {
    preValidation: expertOnly,
    schema: { tags, summary: '签字确认评估结果（吉医保规〔2023〕1号 第十八条：全体成员签字后结果方可确定；云医保〔2022〕6号 第十四条(一)3：签字可选，会议纪要出具前可签）', params, body: z.object({ version }), response: stepResult },
  }, async (req) => recordExpertStep(ctx, req.user!, req.params.id, { type: 'sign_result', memberId: req.user!.id }, req.body.version));

  app.post('/api/experts/panels/:id/recuse', {
    preValidation: expertOnly,
    schema: {
      tags, summary: '本人申请回避（与申请机构存在利益冲突；云医保〔2022〕6号 第十一条、吉医保规〔2023〕1号 第十五条）：系统从同一专家库按原种子补抽同专业人员并记录',
      params, body: z.object({ reason: zText('回避理由', 500), version: z.number().int().min(1) }),
      response: stepResult,
    },
  }, async (req) => {
    const r = await performStep(ctx, req.user!, req.params.id, 'recuse_member', { memberId: req.user!.id, reason: req.body.reason, version: req.body.version });
    return { applicationId: req.params.id, state: r.application.state, version: r.application.version };
  });
};
export default routes;
