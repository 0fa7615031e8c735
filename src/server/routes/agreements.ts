/**
 * Complaint handling, negotiation records, agreement templates, agreements and online signing.
 * Thin routes: schema in, role check before validation, one use case (src/agreements/*), schema out.
 */
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { scopeOf } from '../../domain/identity/territory';
import { INSTITUTION_KINDS } from '../../domain/registry/enums';
import { zDate, zEnum, zOptText, zText } from '../../domain/validators/schemas';
import { AppError } from '../../domain/errors';
import { listComplaints } from '../../db/complaint-repo';
import { findTemplate, listAgreements, listTemplates, signaturesOf } from '../../db/agreement-repo';
import { resolveComplaint } from '../../agreements/resolve-complaint';
import { concludeNegotiation, getNegotiation, recordNegotiation } from '../../agreements/record-negotiation';
import { createTemplate } from '../../agreements/create-template';
import { generateAgreement } from '../../agreements/generate-agreement';
import { listSiteEvaluations, recordSiteEvaluation } from '../../agreements/evaluate-sites';
import { completeAgreementStudy } from '../../agreements/complete-agreement-study';
import { MANDATE_MAX_BYTES, uploadMandate } from '../../agreements/upload-mandate';
import { signStoredAgreement } from '../../agreements/sign-agreement';
import { grantMandate, revokeMandate } from '../../agreements/grant-mandate';
import { reviewMandate } from '../../agreements/review-mandate';
import { signingContext } from '../../agreements/signing-context';
import { verifyStoredAgreement } from '../../agreements/verify-stored-agreement';
import { renderAgreement } from '../../agreements/render-agreement';
import { loadAgreementFor } from '../../agreements/load-agreement';
import { parseCanonicalAgreementText } from '../../domain/signing/canonical-text';
import { requireRole, requireUser } from '../auth/guard';

const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const READERS: Role[] = ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff'];
const only = (...roles: Role[]) => async (req: FastifyRequest) => {
  requireRole(req, ...roles);
};
const signedIn = async (req: FastifyRequest) => {
  requireUser(req);
};

const idParam = z.object({ id: z.string() });
const version = z.number().int().min(1).optional().describe('客户端看到的申请版本（乐观锁）');
const pageQ = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const names = (label: string) => z.array(zText(label, 50)).min(1, { error: `${label}至少填写1人` }).max(100);

const templateClause = z.object({
  id: zText('条款编号', 40), heading: zText('条款标题', 100), paragraphs: z.array(zText('条款内容', 4000)).min(1).max(50),
  overridable: z.boolean().optional(),
});
const supplementClause = z.discriminatedUnion('relation', [
  z.object({ id: zText('条款编号', 40), relation: z.literal('adds'), heading: zText('条款标题', 100), paragraphs: z.array(zText('条款内容', 4000)).min(1).max(50) }),
  z.object({ id: zText('条款编号', 40), relation: z.literal('refines'), target: zText('所补充的范本条款', 40), paragraphs: z.array(zText('条款内容', 4000)).min(1).max(50) }),
  z.object({ id: zText('条款编号', 40), relation: z.literal('replaces'), target: zText('所替换的范本条款', 40), heading: zText('条款标题', 100).optional(), paragraphs: z.array(zText('条款内容', 4000)).min(1).max(50) }),
]);
const templateBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('template'), code: zText('范本编号', 60), profileId: zText('地区政策配置', 40),
    institutionKind: zEnum(INSTITUTION_KINDS, '机构类别'), year: z.number().int().min(2000).max(2100),
    title: zText('范本名称', 100), issuer: zText('制定机关', 100), clauses: z.array(templateClause).min(1).max(200),
  }),
  z.object({
    kind: z.literal('supplement'), code: zText('补充条款编号', 60), baseTemplateId: z.uuid({ error: '范本编号格式错误' }),
    regionCode: z.string().regex(/^\d{6}$/, { error: '适用地区应为6位区划代码' }),
    title: zText('补充条款名称', 100), issuer: zText('制定机关', 100), clauses: z.array(supplementClause).min(1).max(200),
  }),
]);
const special = z.object({
  branches: z.array(zText('分支机构名称', 100)).max(200).optional(),
  sites: z.array(z.object({ name: zText('执业地点', 100), address: zText('地址', 200), approved: z.boolean() })).max(200).optional(),
  medicalCommunity: z.object({ lead: zText('牵头医疗机构', 100), members: z.array(zText('成员单位', 100)).min(1).max(300) }).optional(),
  villageClinics: z.array(zText('村卫生室名称', 100)).max(500).optional(),
  internetHospital: z.object({ name: zText('互联网医院名称', 100) }).optional(),
}).strict();

const complaintPage = z.object({
  items: z.array(z.object({
    id: z.string(), number: z.string().nullable().describe('受理编号'), applicationId: z.string(), institutionName: z.string(), applicationState: z.string(), regionCode: z.string(),
    content: z.string(), contactName: z.string(), phone: z.string(), email: z.string().nullable(), receivedAt: z.date(),
    status: z.enum(['open', 'resolved']), foundTrue: z.boolean().nullable(), finding: z.string().nullable(), resolvedAt: z.date().nullable(),
  })),
  total: z.number(), page: z.number(), pageSize: z.number(),
});
const negotiationView = z.object({
  applicationId: z.string(), state: z.string(), version: z.number(),
  opensOn: z.string().nullable(), failedReason: z.string().nullable(),
  meetings: z.array(z.object({
    on: z.string(), form: z.enum(['symposium', 'meeting', 'online']), participants: z.array(z.string()),
    points: z.object({ servicePopulation: z.string().optional(), serviceScope: z.string().optional(), priceStandard: z.string().optional(), paymentMethod: z.string().optional(), settlementStandard: z.string().optional(), other: z.string().optional() }),
    outcome: z.string().optional(), recordedBy: z.string().optional(),
  })),
  study: z.object({ heldOn: z.string(), attendees: z.array(z.string()) }).nullable(),
  agreementId: z.string().nullable(),
});

const signingContextView = z.object({
  agreementId: z.string(), number: z.string(), termTo: z.string(), legalRepresentatives: z.array(z.string()),
  me: z.object({ displayName: z.string(), personName: z.string().nullable(), isLegalRep: z.boolean() }),
  mandates: z.array(z.object({
    id: z.string(), source: z.enum(['online', 'paper']), status: z.enum(['pending', 'active', 'rejected', 'revoked']), userId: z.string(),
    agentDisplayName: z.string(), principalName: z.string(), agentName: z.string().nullable(),
    validFrom: z.string().nullable(), validTo: z.string().nullable(), fileName: z.string().nullable(), sha256: z.string(), at: z.date(),
    reviewedAt: z.date().nullable(), rejectReason: z.string().nullable(), revokedAt: z.date().nullable(),
    usableByMe: z.boolean(), notUsableBecause: z.array(z.string()),
  })),
  candidates: z.array(z.object({ userId: z.string(), displayName: z.string(), personName: z.string() })),
});
const signResult = z.object({
  signature: z.object({ id: z.string(), party: z.enum(['institution', 'agency']), online: z.boolean(), signedAt: z.string() }),
  agreementStatus: z.string(), applicationState: z.string(),
});
const verification = z.object({
  agreementId: z.string(), number: z.string(), status: z.string(), overall: z.string(), overallLabel: z.string(),
  text: z.object({ sm3Now: z.string(), sm3Fixed: z.string(), unchangedSinceFixed: z.boolean(), matchesModel: z.boolean() }),
  signatures: z.array(z.object({
    party: z.string(), online: z.boolean(), status: z.string(), statusLabel: z.string(), message: z.string(), signedAt: z.string(),
    signerName: z.string().nullable(), roleLabel: z.string().nullable(), org: z.string().nullable(), digest: z.string().nullable(),
  })),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  // ── 投诉举报 (agency) ──
  app.get('/api/complaints', {
    preValidation: only('agency_officer', 'agency_head', 'admin_dept_officer'),
    schema: {
      tags: ['complaints'], summary: '辖区内的公示期举报投诉', querystring: z.object({ status: z.enum(['open', 'resolved']).optional(), ...pageQ }),
      response: { 200: complaintPage },
    },
  }, async (req) => listComplaints(ctx.db, scopeOf(req.user!), req.query));

  app.post('/api/complaints/:id/resolve', {
    preValidation: only(...AGENCY),
    schema: {
      tags: ['complaints'], summary: '登记举报投诉调查核实结果（吉医保规〔2023〕1号 第十九条：属实的取消协商谈判资格）',
      params: idParam, body: z.object({ foundTrue: z.boolean({ error: '请选择是否属实' }), finding: zText('调查核实情况', 2000), version }),
    },
  }, async (req) => resolveComplaint(ctx, req.user!, req.params.id, req.body));

  // ── 协商谈判 ──
  app.get('/api/applications/:id/negotiation', {
    preValidation: only(...READERS),
    schema: { tags: ['negotiation'], summary: '协商谈判记录与协议学习', params: idParam, response: { 200: negotiationView } },
  }, async (req) => getNegotiation(ctx, req.user!, req.params.id));

  app.post('/api/applications/:id/negotiations', {
    preValidation: only(...AGENCY),
    schema: {
      tags: ['negotiation'], summary: '记录一次协商谈判（云医保〔2022〕6号 第十六条；2025征求意见稿 一(二)）', params: idParam,
      body: z.object({
        on: zDate('谈判日期'), form: zEnum(['symposium', 'meeting', 'online'], '谈判形式', { symposium: '座谈会', meeting: '见面会', online: '线上会议' }),
        participants: names('参加人员'),
        points: z.object({
          servicePopulation: zText('服务人群', 2000).optional(), serviceScope: zText('服务范围（服务内容）', 2000).optional(),
          priceStandard: zText('价格标准', 2000).optional(), paymentMethod: zText('支付方式', 2000).optional(),
          settlementStandard: zText('结算标准', 2000).optional(), other: zText('其他事项', 2000).optional(),
        }).refine((p) => Object.values(p).some(Boolean), { error: '请至少记录一项协商内容（服务人群、服务范围、价格标准、支付方式、结算标准或其他）' }),
        outcome: zText('本次协商结论', 2000), version,
      }),
    },
  }, async (req, reply) => reply.status(201).send(await recordNegotiation(ctx, req.user!, req.params.id, req.body)));

  app.post('/api/applications/:id/negotiation/conclude', {
    preValidation: only(...AGENCY),
    schema: {
      tags: ['negotiation'], summary: '协商谈判结论：达成一致进入协议学习，未达成一致不予签约（吉医保规〔2023〕1号 第二十一条）', params: idParam,
      body: z.object({ agreed: z.boolean({ error: '请选择是否达成一致' }), reason: zText('未达成一致的原因', 2000).optional(), version })
        .refine((b) => b.agreed || !!b.reason, { error: '未达成一致须说明原因', path: ['reason'] }),
    },
  }, async (req) => concludeNegotiation(ctx, req.user!, req.params.id, req.body));

  // ── 协议范本与补充条款 ──
  app.get('/api/agreement-templates', {
    preValidation: signedIn,
    schema: {
      tags: ['agreements'], summary: '协议范本及地方补充条款（按地区、机构类别、年度，含历次版本）',
      querystring: z.object({
        kind: z.enum(['template', 'supplement']).optional(), profile: z.string().max(40).optional(), institutionKind: z.enum(INSTITUTION_KINDS).optional(),
        year: z.coerce.number().int().min(2000).max(2100).optional(), baseTemplateId: z.uuid().optional(),
      }),
    },
  }, async (req) => {
    const q = req.query;
    return listTemplates(ctx.db, { kind: q.kind, profileId: q.profile, institutionKind: q.institutionKind, year: q.year, baseTemplateId: q.baseTemplateId });
  });

  app.get('/api/agreement-templates/:id', {
    preValidation: signedIn,
    schema: { tags: ['agreements'], summary: '协议范本或补充条款的一个版本', params: idParam },
  }, async (req) => {
    const t = await findTemplate(ctx.db, req.params.id);
    if (!t) throw new AppError('NOT_FOUND', '协议范本不存在');
    return t;
  });

  app.post('/api/agreement-templates', {
    preValidation: only('agency_officer', 'agency_head', 'admin_dept_officer'),
    schema: { tags: ['agreements'], summary: '登记协议范本或地方补充条款的新版本（与范本冲突的补充条款不予登记，2025征求意见稿 一(三)）', body: templateBody },
  }, async (req, reply) => reply.status(201).send(await createTemplate(ctx, req.user!, req.body)));

  // ── 协议 ──
  const siteRow = z.object({
    id: z.string(), name: z.string(), address: z.string(), regionCode: z.string(),
    pass: z.boolean().nullable().describe('null = 尚未评估'), note: z.string().nullable(), evaluatedOn: z.string().nullable(),
  });
  app.get('/api/applications/:id/sites', {
    preValidation: only(...READERS),
    schema: {
      tags: ['agreements'], summary: '各执业地的评估结果（吉医保规〔2023〕1号 第二十三条(二)）', params: idParam,
      response: { 200: z.object({
        applicationId: z.string(), state: z.string(), citation: z.string().nullable(), sites: z.array(siteRow),
        required: z.boolean().describe('本地区政策要求且执业地不少于2个：各执业地均须评估，协议只列通过评估的执业地'),
      }) },
    },
  }, async (req) => listSiteEvaluations(ctx, req.user!, req.params.id));

  app.post('/api/applications/:id/sites/:siteId/evaluation', {
    preValidation: only(...AGENCY),
    schema: {
      tags: ['agreements'], summary: '记录一个执业地的评估结果（评估阶段）', params: z.object({ id: z.string(), siteId: z.string() }),
      body: z.object({ pass: z.boolean({ error: '评估结论为必填项' }), note: zOptText('评估意见', 500) }),
      response: { 200: z.object({ siteId: z.string(), name: z.string(), pass: z.boolean(), note: z.string().nullable(), evaluatedOn: z.string() }) },
    },
  }, async (req) => recordSiteEvaluation(ctx, req.user!, req.params.id, { siteId: req.params.siteId, ...req.body }));

  app.post('/api/applications/:id/agreement', {
    preValidation: only(...AGENCY),
    schema: {
      tags: ['agreements'], summary: '生成协议文本（范本 + 地方补充条款 + 特殊情形；协议期限一般为1年）', params: idParam,
      body: z.object({ templateId: z.uuid().optional(), supplementId: z.uuid().nullable().optional(), termFrom: zDate('协议起始日期').optional(), special: special.optional() }),
    },
  }, async (req, reply) => reply.status(201).send(await generateAgreement(ctx, req.user!, req.params.id, req.body)));

  app.get('/api/agreements', {
    preValidation: only(...READERS),
    schema: {
      tags: ['agreements'], summary: '辖区内的医保协议（可按机构筛选；含导入的存量协议，source = import）',
      querystring: z.object({ status: z.enum(['draft', 'fixed', 'signed', 'void']).optional(), institutionId: z.uuid({ error: '机构编号格式错误' }).optional(), ...pageQ }),
    },
  }, async (req) => listAgreements(ctx.db, scopeOf(req.user!), req.query));

  app.get('/api/agreements/:id', {
    preValidation: only(...READERS),
    schema: { tags: ['agreements'], summary: '协议详情：文本（及由该文本读出的条款结构，供页面按文书呈现）、SM3摘要、签署情况', params: idParam },
  }, async (req) => {
    const ag = await loadAgreementFor(ctx, req.user!, req.params.id);
    const sigs = await signaturesOf(ctx.db, ag.id);
    return {
      ...ag,
      // read back from the canonical text itself: the page shows exactly what is hashed and signed
      document: parseCanonicalAgreementText(ag.canonicalText),
      signatures: sigs.map((s) => ({ id: s.id, party: s.party, online: s.online, signedAt: s.signedAt, record: s.record, paperSha256: s.paperSha256 })),
    };
  });

  app.post('/api/agreements/:id/study', {
    preValidation: only(...AGENCY),
    schema: {
      tags: ['agreements'], summary: '记录协议学习并确定协议文本（云医保〔2022〕6号 第十七条）', params: idParam,
      body: z.object({ heldOn: zDate('协议学习日期'), attendees: names('参加学习人员'), version }),
    },
  }, async (req) => completeAgreementStudy(ctx, req.user!, req.params.id, req.body));

  // 授权委托书: the file itself is the body (PDF / PNG / JPEG), names in the query
  app.register(async (plain) => {
    const upload = plain.withTypeProvider<ZodTypeProvider>();
    upload.addContentTypeParser(['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MANDATE_MAX_BYTES }, (_req, body, done) => done(null, body));
    upload.post('/api/agreements/:id/mandates', {
      preValidation: only('institution_staff'),
      bodyLimit: MANDATE_MAX_BYTES,
      schema: {
        tags: ['agreements'], summary: '上传纸质授权委托书（PDF/PNG/JPEG，≤10MB，请求体为文件本身；经办机构核验后方可用于签署，云医保〔2022〕6号 第十八条）', params: idParam,
        querystring: z.object({
          fileName: zText('文件名', 200),
          principalPersonId: z.uuid({ error: '委托人（法定代表人）编号格式错误' }).optional().describe('登记的法定代表人；只登记一人时可省略'),
          validFrom: zDate('授权起始日期').optional(), validTo: zDate('授权截止日期').optional(),
        }),
      },
    }, async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('INVALID_INPUT', '请求体应为授权委托书文件（PDF、PNG或JPEG）', { field: 'file' });
      const out = await uploadMandate(ctx, req.user!, req.params.id, { ...req.query, content: req.body });
      return reply.status(201).send(out);
    });
  });

  const mandateParams = z.object({ id: z.string(), mandateId: z.string() });
  app.get('/api/agreements/:id/mandates', {
    preValidation: only(...READERS),
    schema: {
      tags: ['agreements'], summary: '授权委托与签署身份：登记的法定代表人、本人身份、各授权委托及能否用于本人签署', params: idParam,
      response: { 200: signingContextView },
    },
  }, async (req) => signingContext(ctx, req.user!, req.params.id));

  app.post('/api/agreements/:id/mandates/grant', {
    preValidation: only('institution_staff'),
    schema: {
      tags: ['agreements'], summary: '法定代表人线上授权本机构工作人员签订本协议（云医保〔2022〕6号 第十八条）', params: idParam,
      body: z.object({
        agentUserId: z.uuid({ error: '请选择受托人' }), validFrom: zDate('授权起始日期').optional(), validTo: zDate('授权截止日期').optional(),
      }),
    },
  }, async (req, reply) => reply.status(201).send(await grantMandate(ctx, req.user!, req.params.id, req.body)));

  app.post('/api/agreements/:id/mandates/:mandateId/revoke', {
    preValidation: only('institution_staff'),
    schema: { tags: ['agreements'], summary: '法定代表人撤销授权委托', params: mandateParams, body: z.object({}).optional() },
  }, async (req) => revokeMandate(ctx, req.user!, req.params.id, req.params.mandateId));

  app.post('/api/agreements/:id/mandates/:mandateId/review', {
    preValidation: only(...AGENCY),
    schema: {
      tags: ['agreements'], summary: '经办机构核验纸质授权委托书（通过后方可用于签署；不通过须说明理由）', params: mandateParams,
      body: z.object({ approve: z.boolean({ error: '请选择核验结论' }), reason: zText('核验不通过的理由', 500).optional() })
        .refine((b) => b.approve || !!b.reason, { error: '核验不通过须说明理由', path: ['reason'] }),
    },
  }, async (req) => reviewMandate(ctx, req.user!, req.params.id, req.params.mandateId, req.body));

  app.post('/api/agreements/:id/sign', {
    preValidation: only('institution_staff', 'agency_head'),
    schema: {
      tags: ['agreements'], summary: '签署协议（在线SM2签名或登记线下纸质签署；须重新输入登录密码）', params: idParam,
      body: z.object({
        mode: z.enum(['online', 'paper']).default('online'),
        capacity: zEnum(['legal_rep', 'authorised_agent'], '签署身份', { legal_rep: '法定代表人（负责人）', authorised_agent: '授权委托人' }).default('legal_rep'),
        mandateId: z.uuid({ error: '授权委托书编号格式错误' }).optional(),
        password: z.string({ error: '请输入登录密码' }).min(1, { error: '请输入登录密码' }).max(200),
        paperSha256: z.string().regex(/^[0-9a-f]{64}$/, { error: '扫描件校验值应为64位十六进制SHA-256' }).optional(),
        version,
      }),
      response: { 200: signResult },
    },
  }, async (req) => signStoredAgreement(ctx, req.user!, req.params.id, req.body));

  app.get('/api/agreements/:id/verify', {
    preValidation: only(...READERS),
    schema: { tags: ['agreements'], summary: '验证协议签名：谁签署了什么，签署后文本是否被改动', params: idParam, response: { 200: verification } },
  }, async (req) => verifyStoredAgreement(ctx, req.user!, req.params.id));

  app.get('/api/agreements/:id/document', {
    preValidation: only(...READERS),
    schema: { tags: ['agreements'], summary: '下载协议（DOCX 或 PDF）', params: idParam, querystring: z.object({ format: z.enum(['pdf', 'docx']).default('pdf') }) },
  }, async (req, reply) => {
    const f = await renderAgreement(ctx, req.user!, req.params.id, req.query.format);
    return reply
      .header('content-type', f.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .send(f.body);
  });
};
export default routes;
