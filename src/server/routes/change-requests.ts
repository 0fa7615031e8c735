/**
 * 变更申请 (issue #10): the institution creates, uploads its evidence, submits and lists its own;
 * the agency of its territory lists (filters, sort, paging), forwards (北京: 区 → 市), approves,
 * returns, rejects, applies general changes and ticks off the 贯标动态平台 to-do. Every step runs on
 * the engine (src/workflow/run-case-event.ts); thin routes, zod in and out.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import type { Role } from '../../domain/identity/roles';
import { CHANGE_FIELDS, changeFieldLabel } from '../../domain/change-request/fields';
import { CHANGE_STATES, changeStateLabel, type ChangeEvent } from '../../domain/change-request/change-case';
import { zDate, zEnum, zIdNumber, zOptText, zText } from '../../domain/validators/schemas';
import { createChangeRequest } from '../../change-requests/create-change-request';
import { runChangeEvent } from '../../change-requests/run-change-event';
import { uploadChangeFile } from '../../change-requests/upload-change-file';
import { changeRulesFor, getChangeRequestFor, listChangeRequestsFor } from '../../change-requests/read-change-requests';
import { changeDocumentFor, changeFileFor } from '../../change-requests/change-files';
import { contentDisposition } from '../../designation/upload-material';
import { readOneFile, registerOneFileUploads } from '../multipart-file';
import { requireRole } from '../auth/guard';

const INST: Role[] = ['institution_staff', 'institution_admin'];
const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const READERS: Role[] = [...INST, ...AGENCY, 'admin_dept_officer'];
const only = (...roles: Role[]) => async (req: FastifyRequest) => {
  requireRole(req, ...roles);
};
const tags = ['change-requests'];
const idParam = z.object({ id: z.string().max(64) });
const version = z.number({ error: '版本号为必填项' }).int().min(1).describe('客户端看到的变更申请版本（乐观锁）');

const createBody = z.object({
  changes: z.array(z.object({
    field: zEnum(CHANGE_FIELDS, '变更事项', changeFieldLabel),
    to: zText('变更后内容', 500),
    person: z.object({ name: zText('新任人员姓名', 50), idNumber: zIdNumber('新任人员身份证号') }).optional(),
  })).min(1, { error: '请至少填写一项变更内容' }).max(CHANGE_FIELDS.length),
  approvalDocNo: zOptText('有关部门批准文件文号', 100),
  approvalDate: zDate('批准日期').nullish(),
  note: zOptText('说明', 1000),
});

const Detail = z.object({
  id: z.string(), institutionId: z.string(), regionCode: z.string(), kind: z.enum(['major', 'general']), kindLabel: z.string(),
  state: z.enum(CHANGE_STATES), stateLabel: z.string(), version: z.number(),
  changes: z.array(z.object({ field: z.enum(CHANGE_FIELDS), label: z.string(), from: z.string().nullable(), to: z.string(), fromLabel: z.string(), toLabel: z.string(), major: z.boolean() })),
  approvalDocNo: z.string().nullable(), approvalDate: z.string().nullable(), note: z.string().nullable(),
  filingDue: z.string().nullable().describe('自批准之日起30个工作日的最后一日'), late: z.boolean(), lateCitation: z.string().nullable(),
  submittedOn: z.string().nullable(), forwardedOn: z.string().nullable(), decidedOn: z.string().nullable(), decisionNote: z.string().nullable(), returnReason: z.string().nullable(),
  recognition: z.object({ by: z.string(), of: z.string(), citation: z.string() }).nullable(),
  todo: z.object({ label: z.string(), citation: z.string(), doneOn: z.string().nullable() }).nullable(),
  allowedEvents: z.array(z.object({ event: z.string(), label: z.string() })),
  deadlines: z.array(z.object({ deadline: z.string(), startsOn: z.string(), dueOn: z.string(), state: z.string(), basis: z.string(), n: z.number(), citation: z.string() })),
  citations: z.string(),
  files: z.array(z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), at: z.string() })),
  documents: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), issuedAt: z.string() })),
});
const ListItem = z.object({
  id: z.string(), institutionId: z.string(), institutionName: z.string(), regionCode: z.string(), kind: z.enum(['major', 'general']), kindLabel: z.string(),
  state: z.string(), stateLabel: z.string(), fieldLabels: z.array(z.string()), approvalDocNo: z.string().nullable(), approvalDate: z.string().nullable(),
  late: z.boolean(), submittedOn: z.string().nullable(), decidedOn: z.string().nullable(), version: z.number(), createdAt: z.string(),
  handlingDue: z.string().nullable().describe('办理时限（工作日）的最后一日'),
});
const Rules = z.object({
  institutionName: z.string(), institutionKind: z.string(),
  fields: z.array(z.object({ field: z.enum(CHANGE_FIELDS), label: z.string(), major: z.boolean(), current: z.string().nullable(), currentLabel: z.string() })),
  majorCitation: z.string(), filingWorkdays: z.number(), filingCitation: z.string(), filingDue: z.string().nullable(), lateIfSubmittedToday: z.boolean(),
  handlingWorkdays: z.number().nullable(), handlingCitation: z.string().nullable(), forwardToCity: z.boolean(),
});
const EVENTS = ['submit', 'forward', 'approve', 'return', 'reject', 'apply', 'complete_todo'] as const;
const eventLabels: Record<(typeof EVENTS)[number], string> = {
  submit: '提交', forward: '报市经办机构', approve: '同意变更', return: '退回', reject: '不予变更', apply: '办理一般信息变更', complete_todo: '完成贯标动态平台维护',
};

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  await registerOneFileUploads(app);

  app.get('/api/change-requests/rules', {
    preValidation: only(...INST),
    schema: {
      tags, summary: '变更申请须知：各事项现值、是否重大信息变更、30个工作日的截止日（按工作日历）',
      querystring: z.object({ approvalDate: zDate('批准日期').optional() }), response: { 200: Rules },
    },
  }, async (req) => changeRulesFor(ctx, req.user!, req.query.approvalDate));

  app.post('/api/change-requests', {
    preValidation: only(...INST),
    schema: { tags, summary: '新建变更申请（草稿；原值取自登记信息）', body: createBody, response: { 201: Detail } },
  }, async (req, reply) => {
    const id = await createChangeRequest(ctx, req.user!, req.body);
    return reply.status(201).send(await getChangeRequestFor(ctx, req.user!, id));
  });

  app.get('/api/change-requests', {
    preValidation: only(...READERS),
    schema: {
      tags, summary: '变更申请列表（属地；机构只见本机构）',
      querystring: z.object({
        state: zEnum(CHANGE_STATES, '状态', changeStateLabel).optional(),
        kind: zEnum(['major', 'general'] as const, '变更类型').optional(),
        late: z.enum(['true', 'false'], { error: '逾期标记取值无效' }).optional(),
        institutionId: z.string().max(64).optional(),
        q: z.string().max(50).optional(),
        sort: zEnum(['submittedOn', 'handlingDue', 'createdAt'] as const, '排序字段').optional(),
        order: zEnum(['asc', 'desc'] as const, '排序方向').optional(),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: z.object({ items: z.array(ListItem), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => {
    const { late, ...q } = req.query;
    return listChangeRequestsFor(ctx, req.user!, { ...q, ...(late ? { late: late === 'true' } : {}) });
  });

  app.get('/api/change-requests/:id', {
    preValidation: only(...READERS),
    schema: { tags, summary: '变更申请详情：可办理的操作、办理时限、依据', params: idParam, response: { 200: Detail } },
  }, async (req) => getChangeRequestFor(ctx, req.user!, req.params.id));

  app.post('/api/change-requests/:id/events/:event', {
    preValidation: only(...INST, ...AGENCY),
    schema: {
      tags, summary: '办理变更申请：提交、报市经办机构、同意、退回、不予变更、办理一般信息变更、完成贯标动态平台维护',
      params: z.object({ id: z.string().max(64), event: zEnum(EVENTS, '操作', eventLabels) }),
      body: z.object({ version, reason: zOptText('理由', 1000), note: zOptText('办理意见', 1000) }),
      response: { 200: Detail },
    },
  }, async (req) => {
    const { event: type } = req.params;
    const { reason, note } = req.body;
    let event: ChangeEvent;
    if (type === 'return' || type === 'reject') {
      if (!reason) throw new AppError('INVALID_INPUT', type === 'return' ? '退回须说明理由' : '不予变更须说明理由', { field: 'reason' });
      event = { type, reason };
    } else if (type === 'submit') event = { type };
    else event = { type, ...(note ? { note } : {}) };
    await runChangeEvent(ctx, req.user!, req.params.id, event, req.body.version);
    return getChangeRequestFor(ctx, req.user!, req.params.id);
  });

  app.post('/api/change-requests/:id/files', {
    preValidation: only(...INST),
    schema: {
      tags, summary: '上传变更材料（批准文件等；PDF/JPEG/PNG，不超过10MB，multipart 字段 file）', consumes: ['multipart/form-data'], params: idParam,
      body: z.object({ file: z.string().meta({ format: 'binary' }) }).nullish(),
      response: { 201: z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), at: z.string() }) },
    },
  }, async (req, reply) => {
    const { file, content } = await readOneFile(req);
    const f = await uploadChangeFile(ctx, req.user!, req.params.id, file.filename, content);
    return reply.status(201).send({ id: f.id, fileName: f.fileName, mime: f.mime, size: f.size, at: f.at.toISOString() });
  });

  app.get('/api/change-requests/:id/files/:fileId', {
    preValidation: only(...READERS),
    schema: { tags, summary: '下载变更材料', params: z.object({ id: z.string().max(64), fileId: z.string().max(64) }) },
  }, async (req, reply) => {
    const f = await changeFileFor(ctx, req.user!, req.params.id, req.params.fileId);
    return reply.header('Content-Type', f.mime).header('Content-Disposition', contentDisposition(f.fileName)).header('X-Content-Type-Options', 'nosniff').send(f.content);
  });

  app.get('/api/change-requests/:id/documents/:file', {
    preValidation: only(...READERS),
    schema: { tags, summary: '下载变更确认通知书（:docId.pdf 或 :docId.docx）', params: z.object({ id: z.string().max(64), file: z.string().max(80) }) },
  }, async (req, reply) => {
    const f = await changeDocumentFor(ctx, req.user!, req.params.id, req.params.file);
    return reply.header('Content-Type', f.mime).header('Content-Disposition', contentDisposition(f.fileName)).send(f.body);
  });
};
export default routes;
