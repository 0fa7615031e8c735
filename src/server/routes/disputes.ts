/**
 * 争议 (京医保发〔2021〕30号 第四十六条, 第三十九条; decision 0035): the institution raises, the agency negotiates and
 * closes, the administrative department records coordination; an overturned suspension / termination is
 * reversed through the agreement's reverse_decision. Thin routes, zod in and out.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { DISPUTE_OUTCOMES, DISPUTE_STATES, DISPUTE_SUBJECTS, type DisputeEvent } from '../../domain/dispute/dispute-case';
import { zOptText, zText } from '../../domain/validators/schemas';
import { getDispute, listDisputesFor, raiseDispute, reverseByDispute, runDisputeEvent } from '../../disputes/disputes';
import { disputeFileFor, disputeSideLabel, listDisputeFiles, uploadDisputeFile } from '../../disputes/dispute-files';
import { contentDisposition } from '../../designation/upload-material';
import { requireRole } from '../auth/guard';
import { readOneFile, registerOneFileUploads } from '../multipart-file';

const tags = ['disputes'];
const INST: Role[] = ['institution_staff', 'institution_admin'];
const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const READERS: Role[] = [...INST, ...AGENCY, 'admin_dept_officer'];
const idParam = z.object({ id: z.string().max(64) });
const version = z.number({ error: '版本号为必填项' }).int().min(1);

const View = z.object({
  id: z.string(), agreementId: z.string(), institutionId: z.string(), regionCode: z.string(), version: z.number(),
  institutionName: z.string(), agreementNumber: z.string(), updatedAt: z.string(),
  state: z.enum(DISPUTE_STATES), stateLabel: z.string(), subject: z.enum(DISPUTE_SUBJECTS), subjectLabel: z.string(), text: z.string(), raisedOn: z.string(),
  notes: z.array(z.object({ stage: z.string(), on: z.string(), text: z.string() })),
  review: z.object({ kind: z.enum(['reconsideration', 'litigation']), reference: z.string() }).nullable(),
  outcome: z.enum(DISPUTE_OUTCOMES).nullable(), outcomeLabel: z.string().nullable(), outcomeReference: z.string().nullable(),
  closedOn: z.string().nullable(), reversedOn: z.string().nullable(), mayReverse: z.boolean(),
  allowedEvents: z.array(z.object({ event: z.string(), label: z.string() })),
});

const DisputeFile = z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), side: z.enum(['institution', 'agency', 'admin_dept']), sideLabel: z.string(), at: z.string() });

const eventBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('negotiate'), note: zText('协商情况', 2000), version }),
  z.object({ type: z.literal('refer'), note: zText('提请协调事项', 2000), version }),
  z.object({ type: z.literal('coordinate'), note: zText('协调情况', 2000), version }),
  z.object({ type: z.literal('seek_review'), kind: z.enum(['reconsideration', 'litigation'], { error: '应为行政复议或行政诉讼' }), reference: zText('复议/诉讼案号', 200), version }),
  z.object({ type: z.literal('close'), outcome: z.enum(DISPUTE_OUTCOMES, { error: '处理结果应为维持、撤销或和解' }), note: zText('处理结果说明', 2000), reference: zOptText('文书或案号', 200), version }),
], { error: '未知的办理事项' });

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  await registerOneFileUploads(app);

  app.post('/api/disputes', {
    schema: {
      tags, summary: '医药机构对协议相关决定提出异议（争议）', body: z.object({
        agreementId: z.string().max(64), subject: z.enum(DISPUTE_SUBJECTS, { error: '争议事项无效' }), text: zText('异议内容', 4000),
      }), response: { 201: z.object({ id: z.string() }) },
    },
  }, async (req, reply) => {
    const user = requireRole(req, ...INST);
    return reply.code(201).send({ id: await raiseDispute(ctx, user, req.body) });
  });

  app.get('/api/disputes', {
    schema: {
      tags, summary: '争议列表（本机构 / 辖区）', querystring: z.object({
        state: z.enum(DISPUTE_STATES, { error: '状态无效' }).optional(),
        search: z.string().max(100, { error: '搜索内容不能超过100字' }).optional(),
        sort: z.enum(['raised_desc', 'raised_asc', 'updated_desc'], { error: '排序方式无效' }).optional(),
        page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100, { error: '每页条数（pageSize）不能大于100' }).default(20),
      }), response: { 200: z.object({ items: z.array(View), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => listDisputesFor(ctx, requireRole(req, ...READERS), req.query));

  app.get('/api/disputes/:id', { schema: { tags, summary: '争议详情', params: idParam, response: { 200: View } } },
    async (req) => getDispute(ctx, requireRole(req, ...READERS), req.params.id));

  app.post('/api/disputes/:id/events', {
    schema: { tags, summary: '争议办理（协商、提请协调、记录协调、复议/诉讼、办结）', params: idParam, body: eventBody, response: { 200: z.object({ state: z.enum(DISPUTE_STATES), version: z.number() }) } },
  }, async (req) => {
    const user = requireRole(req, ...READERS);
    const { version: v, ...event } = req.body;
    const r = await runDisputeEvent(ctx, user, req.params.id, event as DisputeEvent, v);
    return { state: r.state, version: r.version };
  });

  app.post('/api/disputes/:id/reverse', {
    schema: {
      tags, summary: '据争议处理结果（撤销）恢复协议：运行协议事件 reverse_decision', params: idParam,
      body: z.object({ agreementVersion: version }), response: { 200: z.object({ agreementState: z.string(), agreementVersion: z.number() }) },
    },
  }, async (req) => reverseByDispute(ctx, requireRole(req, ...AGENCY), req.params.id, req.body.agreementVersion));

  // evidence (decision 0042): either side and the coordinating department, while the dispute is open
  app.post('/api/disputes/:id/files', {
    schema: {
      tags, summary: '上传争议材料（证据；PDF/JPEG/PNG，不超过10MB，multipart 字段 file）', consumes: ['multipart/form-data'], params: idParam,
      body: z.object({ file: z.string().meta({ format: 'binary' }) }).nullish(),
      response: { 201: DisputeFile },
    },
  }, async (req, reply) => {
    const user = requireRole(req, ...READERS);
    const { file, content } = await readOneFile(req);
    const f = await uploadDisputeFile(ctx, user, req.params.id, file.filename, content);
    return reply.status(201).send({ id: f.id, fileName: f.fileName, mime: f.mime, size: f.size, side: f.side, sideLabel: disputeSideLabel[f.side], at: f.at.toISOString() });
  });

  app.get('/api/disputes/:id/files', {
    schema: { tags, summary: '争议材料列表', params: idParam, response: { 200: z.object({ items: z.array(DisputeFile) }) } },
  }, async (req) => ({ items: await listDisputeFiles(ctx, requireRole(req, ...READERS), req.params.id) }));

  app.get('/api/disputes/:id/files/:fileId', {
    schema: { tags, summary: '下载争议材料', params: z.object({ id: z.string().max(64), fileId: z.string().max(64) }) },
  }, async (req, reply) => {
    const f = await disputeFileFor(ctx, requireRole(req, ...READERS), req.params.id, req.params.fileId);
    return reply.header('Content-Type', f.mime).header('Content-Disposition', contentDisposition(f.fileName)).header('X-Content-Type-Options', 'nosniff').send(f.content);
  });
};
export default routes;
