/**
 * The agreement's life after signing (issue #10; docs: /work/shared api-contract): the register and
 * its Excel export, the institution's own agreements, one agreement's life, its events (中止, 恢复,
 * 解除, 终止, requests) and its notices. Thin: roles here, territory in the use cases' queries
 * (404 outside), rules in the engine (422 with articles, 409 on a stale version).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { AppError } from '../../domain/errors';
import { scopeOf } from '../../domain/identity/territory';
import { zDate, zEnum, zOptText, zText } from '../../domain/validators/schemas';
import { INSTITUTION_KINDS } from '../../domain/registry/enums';
import { AGREEMENT_TABLE, LIFE_STATES, agreementEventLabel, lifeStateLabel, type AgreementEvent, type AgreementEventType } from '../../domain/agreement/lifecycle';
import { contentDisposition } from '../../designation/upload-material';
import { agreementScopeWhere } from '../../db/agreement-repo';
import { caseDocument, findAgreementLife } from '../../db/agreement-life-repo';
import { exportAgreementRegister, listAgreementRegister, myAgreements } from '../../agreement-lifecycle/register';
import { agreementLife } from '../../agreement-lifecycle/life-view';
import { runAgreementEvent } from '../../agreement-lifecycle/run-agreement-event';
import { requireRole } from '../auth/guard';
import { documentFileOf, sendDocument } from '../document-file';

const tags = ['agreement-life'];
const AGENCY_READERS: Role[] = ['agency_officer', 'agency_head', 'admin_dept_officer'];
const INSTITUTION: Role[] = ['institution_staff', 'institution_admin'];
const ACTORS: Role[] = ['agency_officer', 'agency_head', ...INSTITUTION];
const READERS: Role[] = [...AGENCY_READERS, ...INSTITUTION];

const idParam = z.object({ id: z.string().max(64) });
const registerQuery = z.object({
  q: z.string().trim().max(100).optional(),
  region: z.string().regex(/^\d{2,6}$/, { error: '统筹区应为区划代码' }).optional(),
  kind: zEnum(INSTITUTION_KINDS, '机构类别').optional(),
  lifeState: zEnum(LIFE_STATES, '协议状态', lifeStateLabel).optional(),
  termToFrom: zDate('协议终止日（起）').optional(),
  termToTo: zDate('协议终止日（止）').optional(),
  sort: z.enum(['termTo', '-termTo', 'number', 'institutionName', 'lifeSince'], { error: '排序字段无效' }).optional(),
});
const page = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

const item = z.object({
  id: z.string(), number: z.string(), institutionId: z.string(), institutionName: z.string(), uscc: z.string(), ybCode: z.string().nullable(),
  kind: z.string(), regionCode: z.string(), regionName: z.string().nullable(), termFrom: z.string(), termTo: z.string(),
  lifeState: z.enum(LIFE_STATES), lifeStateLabel: z.string(), lifeSince: z.string().nullable(), dualChannel: z.boolean(),
  proposal: z.object({ situation: z.string(), label: z.string(), since: z.string(), citation: z.string() }).nullable(),
  pendingRequest: z.object({ kind: z.enum(['suspend', 'terminate']), receivedOn: z.string(), effectiveOn: z.string() }).nullable(),
});
const cited = <T extends z.ZodType>(value: T) => z.object({ value, citation: z.string() });
const suspensionMode = z.enum(['requested', 'imposed', 'cascade']);
/** The case's moving parts (`AgreementCase` of src/domain/agreement/lifecycle.ts, as stored; decision 0044). */
const lifeJson = z.object({
  suspension: z.object({
    mode: suspensionMode, from: z.string(), maxUntil: z.string(), situation: z.string().nullable(), rectification: z.string().nullable(),
    resumptionRequestedOn: z.string().nullable(), documentsDueOn: z.string().nullable(),
  }).nullable(),
  request: z.object({
    kind: z.enum(['suspend', 'terminate']), receivedOn: z.string(), effectiveOn: z.string(), days: z.number().nullable(), reason: z.string(),
    shortNotice: z.boolean(), publicWarned: z.boolean(), approvedOn: z.string().nullable(),
  }).nullable(),
  /** cites: the structured citations (the register's `proposal` carries them formatted) */
  proposal: z.object({ situation: z.string(), since: z.string(), cites: z.array(z.unknown()) }).nullable(),
  /** cites: formatted by the server */
  noRenewalGrounds: z.array(z.object({ code: z.string(), since: z.string(), cites: z.string() })),
  terminated: z.object({ on: z.string(), situation: z.string(), seriousness: z.enum(['serious', 'other']), onRequest: z.boolean() }).nullable(),
  ended: z.object({ on: z.string(), cause: z.enum(['expiry', 'suspension_max', 'closure', 'licence_revoked']) }).nullable(),
  suspensionsInTerm: z.number(),
});
const EVENT_TYPES = Object.keys(agreementEventLabel) as [AgreementEventType, ...AgreementEventType[]];
const lifeView = z.object({
  agreement: item.extend({ source: z.enum(['generated', 'import']), paymentCategories: z.array(z.string()) }),
  version: z.number(),
  life: lifeJson,
  allowedEvents: z.array(z.object({ event: z.enum(EVENT_TYPES), label: z.string(), roles: z.array(z.string()), cites: z.string() })),
  situations: z.object({
    suspension: z.array(z.object({ code: z.string(), label: z.string(), citation: z.string(), documentsWithinDays: z.number().optional() })),
    termination: z.array(z.object({ code: z.string(), label: z.string(), citation: z.string(), dualChannelOnly: z.boolean().optional() })),
  }),
  rules: z.object({
    requestEffect: z.object({ mode: z.enum(['on_receipt', 'notice']), months: z.number().optional(), shortNotice: z.enum(['refuse', 'flag']).optional(), citation: z.string() }),
    publicRequest: cited(z.enum(['refuse', 'warn', 'allow'])), suspensionMaxDays: cited(z.number()),
    afterMaxSuspension: cited(z.enum(['ends', 'no_renewal_ground'])), cascade: cited(z.boolean()),
  }),
  timeline: z.array(z.object({
    at: z.string(), action: z.string(), actionLabel: z.string(), actorName: z.string(), fromState: z.string().nullable(), toState: z.string().nullable(),
    reason: z.string().nullable(), documents: z.array(z.string()),
  })),
  documents: z.array(z.object({ id: z.string(), kind: z.string(), number: z.string(), title: z.string(), issuedAt: z.string() })),
  deadlines: z.array(z.object({ deadline: z.string(), label: z.string(), dueOn: z.string(), state: z.string(), cites: z.string() })),
  suspensions: z.array(z.object({
    mode: suspensionMode, situation: z.string().nullable(), fromOn: z.string(), maxUntil: z.string(), resumedOn: z.string().nullable(), endedOn: z.string().nullable(),
  })),
  restrictions: z.array(z.object({
    id: z.string(), state: z.string(), stateLabel: z.string(), targetKind: z.enum(['person', 'department']), target: z.string(), fromOn: z.string(), untilOn: z.string().nullable(),
  })).describe('机构的人员/科室结算限制（京医保发〔2021〕30号 第四十五条）'),
});

/** Events a person may post; the system's own (day 181, 7 days, cascade, expiry) are the sweep's. */
const USER_EVENTS = [...new Set(AGREEMENT_TABLE.filter((r) => r.roles.some((x) => x !== 'system')).map((r) => r.event))] as [AgreementEventType, ...AgreementEventType[]];
const SYSTEM_EVENTS = Object.keys(agreementEventLabel).filter((e) => !(USER_EVENTS as string[]).includes(e));

/** Each event's payload, validated at the boundary (400 naming the field). */
const PAYLOADS: Partial<Record<AgreementEventType, z.ZodType>> = {
  request_suspension: z.object({ effectiveOn: zDate('生效日期'), days: z.number({ error: '中止天数应为整数' }).int({ error: '中止天数应为整数' }).min(1, { error: '中止天数至少1日' }).max(3650), reason: zText('申请理由', 2000), confirmPublic: z.boolean().optional() }),
  request_termination: z.object({ effectiveOn: zDate('生效日期'), reason: zText('申请理由', 2000), confirmPublic: z.boolean().optional() }),
  approve_request: z.object({ note: zOptText('意见', 2000).optional() }),
  reject_request: z.object({ reason: zText('不同意的理由', 2000) }),
  impose_suspension: z.object({ situation: zText('中止情形', 60), facts: zText('事实', 4000), rectification: zText('整改要求', 4000), days: z.number().int({ error: '中止天数应为整数' }).min(1, { error: '中止天数至少1日' }).max(3650).optional() }),
  request_resumption: z.object({ note: zText('整改情况说明', 4000) }),
  resume: z.object({ rectificationVerified: z.boolean({ error: '请确认是否已核实整改到位' }), note: zText('意见', 2000) }),
  terminate: z.object({ situation: zText('解除情形', 60), facts: zText('事实', 4000) }),
  close: z.object({ cause: zEnum(['closure', 'licence_revoked'] as const, '终止原因', { closure: '停业、歇业或关闭', licence_revoked: '执业许可证被吊销、注销' }), facts: zText('事实', 4000) }),
  record_unreported_change: z.object({ facts: zText('事实', 4000) }),
  reverse_decision: z.object({ outcome: zText('争议处理结果', 2000), reference: zText('文书或案号', 200), disputeId: z.string().max(64).optional() }),
};

function eventOf(type: AgreementEventType, body: Record<string, unknown>): AgreementEvent {
  const schema = PAYLOADS[type];
  if (!schema) return { type } as AgreementEvent;
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new AppError('INVALID_INPUT', issue.message, { field: issue.path.join('.') || 'body' });
  }
  // zOptText gives null for an empty note: leave it out
  const payload = Object.fromEntries(Object.entries(r.data as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined));
  return { type, ...payload } as AgreementEvent;
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/agreement-register', {
    schema: { tags, summary: '医保协议台账（按协议状态、终止日期等筛选）', querystring: registerQuery.extend(page), response: { 200: z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (req) => {
    const user = requireRole(req, ...AGENCY_READERS);
    const { page: p, pageSize, ...f } = req.query;
    return listAgreementRegister(ctx, user, f, p, pageSize);
  });

  app.get('/api/agreement-register/export.xlsx', {
    schema: { tags, summary: '导出医保协议台账（Excel，与筛选条件一致）', querystring: registerQuery },
  }, async (req, reply) => {
    const user = requireRole(req, ...AGENCY_READERS);
    const f = await exportAgreementRegister(ctx, user, req.query);
    return reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', contentDisposition(f.fileName)).send(f.stream);
  });

  app.get('/api/my/agreements', {
    schema: { tags, summary: '本机构的医保协议', response: { 200: z.object({ items: z.array(item) }) } },
  }, async (req) => myAgreements(ctx, requireRole(req, ...INSTITUTION)));

  app.get('/api/agreements/:id/life', {
    schema: { tags, summary: '医保协议的履行情况（状态、可办事项、时间线、通知书、时限）', params: idParam, response: { 200: lifeView } },
  }, async (req) => agreementLife(ctx, requireRole(req, ...READERS), req.params.id));

  app.post('/api/agreements/:id/life-events/:event', {
    schema: {
      tags, summary: '办理医保协议的一个事项（中止、恢复、解除、终止、申请；须带版本号）',
      params: z.object({ id: z.string().max(64), event: z.string().max(40) }),
      body: z.looseObject({ version: z.number({ error: '版本号为必填项' }).int({ error: '版本号应为整数' }).min(1, { error: '版本号无效' }) }),
      response: {
        200: z.object({
          lifeState: z.enum(LIFE_STATES), version: z.number(), documents: z.array(z.object({ id: z.string(), number: z.string(), title: z.string() })),
          cascaded: z.array(z.object({ agreementId: z.string(), number: z.string(), regionCode: z.string() })).optional(),
        }),
      },
    },
  }, async (req) => {
    const user = requireRole(req, ...ACTORS);
    const type = req.params.event;
    if (SYSTEM_EVENTS.includes(type)) throw new AppError('FORBIDDEN', `无权${agreementEventLabel[type as AgreementEventType]}（仅系统可办理）`);
    if (!(USER_EVENTS as string[]).includes(type)) throw new AppError('INVALID_INPUT', `事项「${type}」不存在`, { field: 'event' });
    const { version, ...body } = req.body;
    return runAgreementEvent(ctx, user, req.params.id, eventOf(type as AgreementEventType, body), version);
  });

  app.get('/api/agreements/:id/life-documents/:file', {
    schema: { tags, summary: '下载医保协议通知书（:docId.pdf 或 :docId.docx）', params: z.object({ id: z.string().max(64), file: z.string().max(80) }) },
  }, async (req, reply) => {
    const user = requireRole(req, ...READERS);
    const row = await findAgreementLife(ctx.db, req.params.id, agreementScopeWhere(scopeOf(user)));
    if (!row) throw new AppError('NOT_FOUND', '协议不存在');
    const f = documentFileOf(req.params.file);
    const doc = f ? await caseDocument(ctx.db, row.id, f.id) : null;
    if (!f || !doc) throw new AppError('NOT_FOUND', '文书不存在');
    return sendDocument(reply, doc, f.format);
  });
};
export default routes;
