import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EVENTS, STATES, stateLabel, type EventType, type State } from '../../domain/designation/states';
import { INSURANCE_SCHEMES, PAYMENT_CATEGORIES } from '../../domain/registry/enums';
import { createApplication, declarationRules } from '../../designation/create-application';
import { getApplicationView, requiredMaterials } from '../../designation/get-application';
import { listQueue } from '../../designation/list-queue';
import { exportQueue } from '../../designation/export-queue';
import { contentDisposition } from '../../designation/upload-material';
import { QUEUE_SORTS } from '../../db/application-queue-repo';
import { updateDeclaration } from '../../designation/update-declaration';
import { zOptPhone } from '../../domain/validators/schemas';
import { performStep } from '../../designation/perform-step';
import { sweepDeadlines } from '../../designation/sweep-deadlines';
import { EventParam } from '../../designation/event-schemas';
import { requireRole, requireUser } from '../auth/guard';
import { AppError } from '../../domain/errors';
import { whoMay } from '../../domain/designation/transition';

const tags = ['designation'];
const READERS = ['institution_staff', 'agency_officer', 'agency_head', 'admin_dept_officer', 'expert', 'sysadmin'] as const;
const QUEUE_READERS = ['institution_staff', 'agency_officer', 'agency_head', 'admin_dept_officer', 'sysadmin'] as const;
const ACTORS = ['institution_staff', 'agency_officer', 'agency_head', 'expert'] as const;

const IdParams = z.object({ id: z.string().max(64) });
const Deadline = z.object({
  id: z.string(), deadline: z.string(), label: z.string(), basis: z.string(), n: z.number(), startsOn: z.string(), dueOn: z.string(),
  warnOn: z.string().nullable(), provisional: z.boolean(), pausedSince: z.string().nullable(), state: z.string(), cites: z.array(z.string()),
  remainingWorkdays: z.number().nullable(), overdue: z.boolean(), flaggedOn: z.string().nullable(),
});
const Summary = z.object({
  id: z.string(), applicationNo: z.string().nullable().describe('申请编号；草稿为 null'), institutionId: z.string(), institutionName: z.string(), kind: z.string(), regionCode: z.string(), profileId: z.string(),
  state: z.string(), stateLabel: z.string(), version: z.number(), createdAt: z.string(), updatedAt: z.string(), submittedAt: z.string().nullable(),
});
const QueueItem = Summary.extend({
  uscc: z.string(), ybCode: z.string().nullable(),
  next: z.object({
    deadline: z.string(), label: z.string(), due: z.string(), overdue: z.boolean(),
    status: z.enum(['open', 'overdue', 'publicity_ended', 'period_over']), statusLabel: z.string().describe('如「公示期满，待办理」'),
    remainingWorkdays: z.number().describe('到期日前剩余工作日；负数为已超过'), cites: z.array(z.string()),
  }).nullable(),
});
/** What the applicant declares for the basic conditions the registry does not hold (decision 0023). */
const count = (label: string) => z.number({ error: `${label}应为人数` }).int({ error: `${label}应为整数` }).min(0, { error: `${label}不能为负数` }).max(100_000, { error: `${label}过大` });
const DeclaredConditionsBody = z.object({
  physicians: z.array(z.object({
    name: z.string().trim().min(1, { error: '医师姓名不能为空' }).max(50, { error: '医师姓名不能超过50个字符' }),
    firstRegisteredHere: z.boolean({ error: '须说明第一注册地是否在本机构' }),
    registeredSince: z.iso.date({ error: '医师注册日期应为 YYYY-MM-DD' }),
  })).max(500, { error: '医师最多500名' }).optional(),
  hasInsuranceStaff: z.boolean({ error: '是否配备医保管理人员应为是或否' }).optional(),
  hasInternalInsuranceDept: z.boolean({ error: '是否设内部医保管理部门应为是或否' }).optional(),
  licensedPharmacistsWithContract: count('执业药师人数').optional(),
  insuranceStaffWithContract: count('医保管理人员人数').optional(),
  ltc: z.object({
    hasLicence: z.boolean({ error: '是否取得养老或护理机构许可证应为是或否' }),
    medicalOrNursingStaff: count('医学或护理学背景人员人数'),
    socialWorkerOrCaregiver: count('社会工作者或二级及以上养老护理员人数'),
  }).optional(),
});
const Detail = Summary.extend({
  workflowProfile: z.string(),
  data: z.record(z.string(), z.unknown()),
  declaration: z.object({
    paymentCategories: z.array(z.string()), insuranceSchemes: z.array(z.string()), note: z.string().optional(),
    contactName: z.string().optional(), contactPhone: z.string().optional(),
    conditions: DeclaredConditionsBody.optional().describe('基本条件申报（decision 0023）'),
  }),
  deadlines: z.array(Deadline),
  documents: z.array(z.object({ id: z.string(), kind: z.string(), number: z.string(), title: z.string(), issuedAt: z.string() })),
  materials: z.array(z.object({ id: z.string(), itemKey: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), at: z.string() })),
  history: z.array(z.object({
    seq: z.number(), at: z.string(), action: z.string(), actorName: z.string(), fromState: z.string().nullable(), toState: z.string().nullable(), reason: z.string().nullable(),
  })),
  allowedEvents: z.array(z.object({ event: z.string(), label: z.string(), basis: z.string().describe('该环节在本地区政策下的依据') })),
  /** at 待签署: each party's signature or who signs where (云医保〔2022〕6号 第十八条); null in other states */
  signing: z.object({
    signBy: z.string().nullable(),
    institution: z.object({ signed: z.boolean(), signer: z.string().nullable(), on: z.string().nullable(), who: z.string(), where: z.string() }),
    agency: z.object({ signed: z.boolean(), signer: z.string().nullable(), on: z.string().nullable(), who: z.string(), where: z.string() }),
  }).nullable(),
  /** the evaluation standard the application's 市/县 published, in force on its creation date (2025 draft 一(一); decision 0043); null where none */
  evaluationStandard: z.object({
    title: z.string(), docNo: z.string(), effectiveFrom: z.string(), layer: z.enum(['local', 'county']), layerLabel: z.string(), citation: z.string(),
    items: z.array(z.object({ label: z.string(), weight: z.number().nullable(), note: z.string().nullable() })), process: z.string(),
  }).nullable(),
  /** what an inspection record must cover item by item (云医保〔2022〕6号 第十三条); null = free text */
  inspectionChecklist: z.object({ items: z.array(z.object({ id: z.string(), label: z.string() })), citation: z.string() }).nullable(),
  /** the basic conditions: every rule, article, automatic result, reason and the officer's finding (decision 0023); null before submission */
  conditions: z.object({
    version: z.number(), asOf: z.string(), rulesetVersion: z.string(), checkedAt: z.string(),
    rows: z.array(z.object({
      ruleId: z.string(), title: z.string(), citation: z.string(), result: z.enum(['met', 'not_met', 'unknown']), resultLabel: z.string(), reason: z.string(),
      finding: z.object({ met: z.boolean(), note: z.string(), by: z.string(), on: z.string() }).nullable(),
      effective: z.enum(['met', 'not_met', 'unknown']), effectiveLabel: z.string().describe('记录核查结论后的结果'),
    })),
  }).nullable(),
});
const CreateBody = z.object({
  route: z.enum(['new', 'add_category'], { error: '申请途径应为 new（新申请）或 add_category（增加支付类别）' }).default('new'),
  paymentCategories: z.array(z.enum(PAYMENT_CATEGORIES, { error: '未知的医保支付类别' })).min(1, { error: '至少申请一个医保支付类别' }).max(10),
  insuranceSchemes: z.array(z.enum(INSURANCE_SCHEMES, { error: '未知的险种' })).min(1, { error: '至少申请一个险种' }).max(10),
  note: z.string().trim().max(2000, { error: '说明不能超过2000个字符' }).optional(),
  contactName: z.string().trim().max(50, { error: '联系人不能超过50个字符' }).optional(),
  contactPhone: zOptPhone('联系电话').transform((v) => v ?? undefined),
  conditions: DeclaredConditionsBody.optional(),
});
const DeclarationBody = z.object({
  version: z.number({ error: '须提供版本号 version' }).int().min(1),
  paymentCategories: CreateBody.shape.paymentCategories.optional(),
  insuranceSchemes: CreateBody.shape.insuranceSchemes.optional(),
  note: CreateBody.shape.note,
  contactName: CreateBody.shape.contactName,
  contactPhone: CreateBody.shape.contactPhone,
  conditions: CreateBody.shape.conditions,
});
const FilterQuery = z.object({
  q: z.string().trim().max(50, { error: '查询词（q）不能超过50个字符' }).optional(),
  state: z.union([z.enum(STATES, { error: '未知的状态' }), z.array(z.enum(STATES, { error: '未知的状态' }))]).optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  due: z.enum(['today', 'week', 'overdue'], { error: '到期筛选（due）应为 today、week 或 overdue' }).optional(),
  mine: z.enum(['todo', 'sign'], { error: '待办筛选（mine）应为 todo（待我办理）或 sign（待我签署）' }).optional(),
  includeFinished: z.enum(['0', '1'], { error: '是否含已办结（includeFinished）应为 0 或 1' }).default('0').transform((v) => v === '1'),
  sort: z.enum(QUEUE_SORTS, { error: `排序列（sort）应为 ${QUEUE_SORTS.join('、')} 之一` }).default('nextDue'),
  order: z.enum(['asc', 'desc'], { error: '排序方向（order）应为 asc 或 desc' }).default('asc'),
});
const ListQuery = FilterQuery.extend({
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, { error: '页码从1开始' }).max(100_000).default(1),
  pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(100, { error: '每页最多100条' }).default(20),
});
const EventBody = z.looseObject({ version: z.number({ error: '须提供版本号 version' }).int().min(1) });
const MaterialRef = z.object({ id: z.string(), label: z.string() });
const StepResult = z.object({
  application: Summary.pick({ id: true, state: true, version: true }).extend({ stateLabel: z.string() }),
  documents: z.array(z.object({ id: z.string(), kind: z.string(), number: z.string(), title: z.string() })),
  /** submit only: required materials still without a file (即时受理 — the agency decides, decision 0016) */
  missingMaterials: z.array(MaterialRef).optional(),
});
const RequiredMaterials = z.object({
  profileId: z.string(),
  items: z.array(z.object({
    id: z.string(), label: z.string(), citation: z.string(), ruleId: z.string(), required: z.boolean(),
    uploaded: z.array(z.object({ id: z.string(), fileName: z.string() })),
  })),
  /** required items without any file: 受理 waits for them (materials.complete) */
  missing: z.array(MaterialRef),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post('/api/applications', {
    schema: { tags, summary: '医药机构提出定点申请（草稿）', body: CreateBody, response: { 201: z.object({ id: z.string(), state: z.string(), version: z.number() }) } },
  }, async (req, reply) => {
    const user = requireRole(req, 'institution_staff');
    const row = await createApplication(ctx, user, req.body);
    return reply.status(201).send({ id: row.id, state: row.state, version: row.version });
  });

  app.get('/api/applications/declaration-rules', {
    schema: {
      tags, summary: '本机构申请定点须遵循的险种规则（按所在省的政策配置）',
      response: { 200: z.object({ profileId: z.string(), schemes: z.array(z.object({ ruleId: z.string(), title: z.string(), citation: z.string(), schemes: z.array(z.string()) })) }) },
    },
  }, async (req) => declarationRules(ctx, requireRole(req, 'institution_staff')));

  app.patch('/api/applications/:id/declaration', {
    schema: {
      tags, summary: '修改草稿的申请声明（联系人、联系电话、支付类别、险种、说明；提交后不可修改）', params: IdParams, body: DeclarationBody,
      response: { 200: z.object({ id: z.string(), state: z.string(), version: z.number() }) },
    },
  }, async (req) => {
    const row = await updateDeclaration(ctx, requireRole(req, 'institution_staff'), req.params.id, req.body);
    return { id: row.id, state: row.state, version: row.version };
  });

  app.get('/api/applications', {
    schema: { tags, summary: '定点工作台（本辖区；按名称、申请编号、统一社会信用代码、医保编码查询；到期、待我办理、待我签署筛选；排序；默认不含已办结）', querystring: ListQuery, response: { 200: z.object({ items: z.array(QueueItem), total: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (req) => listQueue(ctx, requireRole(req, ...QUEUE_READERS), req.query));

  app.get('/api/applications/export', {
    schema: {
      tags, summary: '导出定点工作台筛选结果（Excel，与列表相同的筛选和辖区，最多50000条）', querystring: FilterQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
  }, async (req, reply) => {
    const { stream, fileName } = await exportQueue(ctx, requireRole(req, ...QUEUE_READERS), req.query);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(fileName))
      .send(stream);
  });

  app.get('/api/applications/:id', {
    schema: { tags, summary: '定点申请详情（时限、文书、材料、办理记录、可办理事项）', params: IdParams, response: { 200: Detail } },
  }, async (req) => getApplicationView(ctx, requireRole(req, ...READERS), req.params.id));

  app.get('/api/applications/:id/materials-required', {
    schema: {
      tags, summary: '申请材料清单（按政策配置和机构类别）', params: IdParams,
      response: { 200: RequiredMaterials },
    },
  }, async (req) => requiredMaterials(ctx, requireRole(req, ...READERS), req.params.id));

  app.post('/api/applications/:id/events/:event', {
    schema: {
      tags, summary: `办理定点申请的一个环节（${EVENTS.length}种事件，须带版本号）`,
      params: z.object({ id: z.string().max(64), event: EventParam }), body: EventBody, response: { 200: StepResult },
    },
  }, async (req) => {
    const user = requireUser(req);
    if (!ACTORS.some((r) => user.roles.includes(r))) throw new AppError('FORBIDDEN', whoMay(req.params.event as EventType));
    const r = await performStep(ctx, user, req.params.id, req.params.event, req.body);
    const a = r.application;
    const missing = req.params.event === 'submit' ? (await requiredMaterials(ctx, user, a.id)).missing : undefined;
    return {
      application: { id: a.id, state: a.state, version: a.version, stateLabel: stateLabel[a.state as State] ?? a.state },
      documents: r.documents.map((d) => ({ id: d.id, kind: d.kind, number: d.number, title: d.title })),
      ...(missing ? { missingMaterials: missing } : {}),
    };
  });

  app.post('/api/admin/deadlines/sweep', {
    schema: {
      tags, summary: '执行时限扫描（按系统时钟，将到期时限转为事件或预警）',
      response: { 200: z.object({ today: z.string(), events: z.number(), warnings: z.number(), overdue: z.number(), elapsed: z.number(), failed: z.number(), agreements: z.object({ events: z.number(), failed: z.number() }), restrictions: z.object({ events: z.number(), failed: z.number() }) }) },
    },
  }, async (req) => {
    requireRole(req, 'sysadmin');
    const r = await sweepDeadlines(ctx);
    return { today: r.today, events: r.events, warnings: r.warnings, overdue: r.overdue, elapsed: r.elapsed, failed: r.failed, agreements: r.agreements, restrictions: r.restrictions };
  });
};
export default routes;
