/**
 * 暂停人员/科室医保结算 (decision 0035; 京医保发〔2021〕30号 第四十五条, 云医保〔2022〕6号 第二十五条):
 * the agency of the territory suspends or ends the settlement of one department or one practitioner
 * of an institution holding an agreement in force or suspended, lifts or ends it later; the
 * institution and the administrative department read. Thin routes on the engine, zod in and out.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { AppError } from '../../domain/errors';
import { RESTRICTION_STATES, type RestrictionEvent } from '../../domain/settlement-restriction/restriction-case';
import { zDate, zIdNumber, zOptText, zText } from '../../domain/validators/schemas';
import { scopeOf } from '../../domain/identity/territory';
import { findRestriction, restrictionDocument } from '../../db/restriction-repo';
import { restrictSettlement } from '../../settlement-restrictions/restrict-settlement';
import { runRestrictionEvent } from '../../settlement-restrictions/run-restriction-event';
import { restrictionsOfAgreement } from '../../settlement-restrictions/read-restrictions';
import { requireRole } from '../auth/guard';
import { documentFileOf, sendDocument } from '../document-file';

const tags = ['settlement-restrictions'];
const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const READERS: Role[] = [...AGENCY, 'admin_dept_officer', 'institution_staff', 'institution_admin'];
const idParam = z.object({ id: z.string().max(64) });

const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('department'), department: zText('科室名称', 100) }),
  z.object({
    kind: z.literal('person'), name: zText('人员姓名', 50),
    role: z.enum(['physician', 'pharmacist'], { error: '人员类别应为医保医师或医保药师' }),
    idNumber: zIdNumber('人员身份证号').nullish().transform((v) => v || null),
    certificateNo: zOptText('执业证书编号', 50),
  }),
], { error: '限制对象应为科室或人员' });

const createBody = z.object({
  mode: z.enum(['suspend', 'terminate'], { error: '处理方式应为中止或终止' }),
  target,
  reason: zText('事实与理由', 2000),
  fromOn: zDate('中止起始日期'),
  untilOn: zDate('中止截止日期').nullish(),
});

const View = z.object({
  id: z.string(), agreementId: z.string(), agreementNumber: z.string(), institutionId: z.string(), regionCode: z.string(),
  state: z.enum(RESTRICTION_STATES), stateLabel: z.string(), version: z.number(),
  targetKind: z.enum(['person', 'department']), target: z.string(), reason: z.string(), fromOn: z.string(), untilOn: z.string().nullable(),
  decidedOn: z.string().nullable(), liftedOn: z.string().nullable(), liftReason: z.string().nullable(), endedOn: z.string().nullable(), endReason: z.string().nullable(),
  citation: z.string(),
  allowedEvents: z.array(z.object({ event: z.string(), label: z.string() })),
  documents: z.array(z.object({ id: z.string(), number: z.string(), title: z.string() })),
});

const eventBody = z.object({
  version: z.number({ error: '版本号为必填项' }).int().min(1),
  reason: zText('理由', 1000),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/agreements/:id/settlement-restrictions', {
    schema: { tags, summary: '协议所属机构的人员/科室结算限制', params: idParam, response: { 200: z.object({ items: z.array(View) }) } },
  }, async (req) => {
    const user = requireRole(req, ...READERS);
    return { items: await restrictionsOfAgreement(ctx, user, req.params.id) };
  });

  app.post('/api/agreements/:id/settlement-restrictions', {
    schema: {
      tags, summary: '中止或终止一名人员或一个科室的医保结算（不影响协议）', params: idParam, body: createBody,
      response: { 201: z.object({ id: z.string(), state: z.enum(RESTRICTION_STATES), version: z.number(), documents: z.array(z.object({ id: z.string(), number: z.string() })) }) },
    },
  }, async (req, reply) => {
    const user = requireRole(req, ...AGENCY);
    const r = await restrictSettlement(ctx, user, req.params.id, req.body);
    return reply.code(201).send({ id: r.id, state: r.state, version: r.version, documents: r.documents.map((d) => ({ id: d.id, number: d.number })) });
  });

  app.post('/api/settlement-restrictions/:id/events/:event', {
    schema: {
      tags, summary: '恢复或终止人员/科室医保结算', params: z.object({ id: z.string().max(64), event: z.enum(['lift', 'terminate'], { error: '未知的办理事项' }) }),
      body: eventBody, response: { 200: z.object({ state: z.enum(RESTRICTION_STATES), version: z.number() }) },
    },
  }, async (req) => {
    const user = requireRole(req, ...AGENCY);
    const event: RestrictionEvent = { type: req.params.event, reason: req.body.reason };
    const r = await runRestrictionEvent(ctx, user, req.params.id, event, req.body.version);
    return { state: r.state, version: r.version };
  });

  app.get('/api/settlement-restrictions/:id/documents/:file', {
    schema: { tags, summary: '下载暂停医保结算通知书（:docId.pdf 或 :docId.docx）', params: z.object({ id: z.string().max(64), file: z.string().max(80) }) },
  }, async (req, reply) => {
    const user = requireRole(req, ...READERS);
    const row = await findRestriction(ctx.db, req.params.id, scopeOf(user));
    if (!row) throw new AppError('NOT_FOUND', '人员/科室结算限制不存在');
    const f = documentFileOf(req.params.file);
    const doc = f ? await restrictionDocument(ctx.db, row.id, f.id) : null;
    if (!f || !doc) throw new AppError('NOT_FOUND', '文书不存在');
    return sendDocument(reply, doc, f.format);
  });
};
export default routes;
