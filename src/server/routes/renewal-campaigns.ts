/**
 * 续签 campaigns (issue #11, decision 0041): open (screens every agreement in scope), list, one
 * campaign's progress, its items (server-side filter / sort / page), the Excel of the filtered items,
 * one item's decision and bulk decisions confirmed by their count, closing. Thin: roles here,
 * territory in the queries (404 outside), rules in the engine (422 with articles, 409 when stale).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { zDate, zEnum, zText } from '../../domain/validators/schemas';
import { DECISIONS, ITEM_STATES, OUTCOMES, outcomeLabel } from '../../domain/renewal-campaign/item-case';
import { contentDisposition } from '../../designation/upload-material';
import { openCampaign } from '../../renewal-campaigns/open-campaign';
import { decideItem, decideItemsInBulk } from '../../renewal-campaigns/decide-items';
import { closeRenewalCampaign, exportRenewalItems, listRenewalCampaigns, myRenewal, renewalCampaign, renewalItems } from '../../renewal-campaigns/read-campaigns';
import { screenAgreements, renewalDefaults } from '../../renewal-campaigns/screen-agreements';
import { runWhatIf } from '../../renewal-campaigns/what-if';
import { whatIfVariant } from './renewal-what-if-schema';
import { requireRole } from '../auth/guard';
import { startRenewalGeneration } from '../../renewal-campaigns/generate-renewals';
import { countersignRenewals, signRenewal } from '../../renewal-campaigns/sign-renewals';
import { renewalSigning } from '../../renewal-campaigns/renewal-signing';
import { markFixedAnnual } from '../../renewal-campaigns/mark-fixed-annual';

const tags = ['renewal'];
const AGENCY: Role[] = ['agency_officer', 'agency_head'];
const READERS: Role[] = [...AGENCY, 'admin_dept_officer'];

const idParam = z.object({ id: z.string().max(64) });
const version = z.number({ error: '版本号为必填项' }).int({ error: '版本号应为整数' }).min(1, { error: '版本号无效' });
const decisionLabels = { renew: outcomeLabel.renew, defer: outcomeLabel.defer, not_renew: outcomeLabel.not_renew };
const filter = z.object({
  proposed: zEnum(OUTCOMES, '筛查建议', outcomeLabel).optional(),
  decided: z.enum([...DECISIONS, 'none'], { error: '核定结果无效' }).optional(),
  state: z.enum(ITEM_STATES, { error: '核定状态无效' }).optional(),
  regionCode: z.string().regex(/^\d{6}$/, { error: '统筹区应为6位区划代码' }).optional(),
  overridden: z.enum(['true', 'false'], { error: '是否调整建议应为 true 或 false' }).transform((v) => v === 'true').optional(),
  q: z.string().trim().max(100).optional(),
});
const listQuery = filter.extend({
  sort: z.enum(['institution', 'termTo', 'region', 'proposed', 'decidedOn'], { error: '排序字段无效' }).default('region'),
  order: z.enum(['asc', 'desc'], { error: '排序方向无效' }).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const campaign = z.object({
  id: z.string(), title: z.string(), year: z.number(), regionCode: z.string(), profileId: z.string(), windowFrom: z.string(), windowTo: z.string(),
  decideBy: z.string(), state: z.enum(['open', 'closed']), params: z.record(z.string(), z.unknown()), counts: z.record(z.string(), z.number()),
  version: z.number(), createdAt: z.string(), closedAt: z.string().nullable(),
  /** 京医保发〔2021〕30号 第四十一条 (decision 0057): the profile's district → city step, and when the district reported */
  cityStep: z.boolean(), reportedAt: z.string().nullable(),
});
const outcomeCounts = z.object({ renew: z.number(), defer: z.number(), not_renew: z.number(), manual: z.number() });
const reason = z.object({ ruleId: z.string(), citation: z.string(), result: z.string(), message: z.string() });
const item = z.object({
  id: z.string(), agreementId: z.string(), agreementNumber: z.string(), institutionId: z.string(), institutionName: z.string(), institutionKind: z.string(),
  regionCode: z.string(), regionName: z.string(), termTo: z.string(), lifeState: z.string().nullable(), state: z.enum(ITEM_STATES), stateLabel: z.string(),
  proposed: z.enum(OUTCOMES), proposedLabel: z.string(), decided: z.enum(DECISIONS).nullable(), decidedLabel: z.string().nullable(), overridden: z.boolean(),
  reason: z.string().nullable(), decidedOn: z.string().nullable(), version: z.number(), reasons: z.array(reason), allowedEvents: z.array(z.string()),
  fixedAnnual: z.boolean(), renewalAgreementId: z.string().nullable(),
  reevaluation: z.object({ on: z.string(), passed: z.boolean(), note: z.string() }).nullable(),
  negotiation: z.object({ on: z.string(), outcome: z.enum(DECISIONS), note: z.string(), districtDecided: z.enum(DECISIONS).nullable() }).nullable(),
});
const decision = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), version }),
  z.object({ type: z.literal('decide'), version, outcome: zEnum(DECISIONS, '核定结果', decisionLabels), reason: zText('核定理由', 1000) }),
  z.object({ type: z.literal('reopen'), version, reason: zText('撤回理由', 1000) }),
], { error: '核定事项应为 accept、decide 或 reopen' });
const bulk = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), filter, expectedCount: z.number().int().min(1, { error: '确认数量无效' }) }),
  z.object({
    type: z.literal('decide'), filter, expectedCount: z.number().int().min(1, { error: '确认数量无效' }),
    outcome: zEnum(DECISIONS, '核定结果', decisionLabels), reason: zText('核定理由', 1000),
  }),
], { error: '批量核定事项应为 accept 或 decide' });

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post('/api/renewal-campaigns', {
    schema: {
      tags, summary: '组织续签：对辖区内协议期满日期在范围内的医保协议逐一筛查（续签、缓签、不再签订、需人工核定）',
      body: z.object({
        year: z.number({ error: '年度为必填项' }).int().min(2000, { error: '年度无效' }).max(2100, { error: '年度无效' }),
        title: z.string().trim().max(100, { error: '名称不能超过100字' }).optional(),
        windowFrom: zDate('协议期满日期（起）'), windowTo: zDate('协议期满日期（止）'), decideBy: zDate('核定截止日期'),
        params: z.record(z.string().max(60), z.union([z.number(), z.boolean(), z.string().max(60)])).optional(),
      }),
      response: { 200: campaign },
    },
  }, async (req) => {
    const user = requireRole(req, ...AGENCY);
    const c = await openCampaign(ctx, user, req.body, screenAgreements, renewalDefaults);
    return (await renewalCampaign(ctx, user, c.id)).campaign;
  });

  app.get('/api/renewal-campaigns', {
    schema: {
      tags, summary: '续签工作列表（reported=true：已报市经办机构的，市经办机构协商谈判的待办）',
      querystring: z.object({
        page: listQuery.shape.page, pageSize: listQuery.shape.pageSize,
        reported: z.enum(['true', 'false'], { error: '是否已报市应为 true 或 false' }).transform((v) => v === 'true').optional(),
      }),
      response: { 200: z.object({ items: z.array(campaign), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => listRenewalCampaigns(ctx, requireRole(req, ...READERS), req.query.page, req.query.pageSize, req.query.reported));

  app.get('/api/renewal-campaigns/:id', {
    schema: {
      tags, summary: '续签工作进度（按筛查建议、核定结果和统筹区）', params: idParam,
      response: {
        200: z.object({
          campaign,
          progress: z.object({ proposed: outcomeCounts, decided: outcomeCounts, undecided: z.number(), total: z.number() }),
          regions: z.array(z.object({
            regionCode: z.string(), regionName: z.string(), proposed: outcomeCounts, decided: outcomeCounts, undecided: z.number(), total: z.number(),
            standard: z.object({ title: z.string(), docNo: z.string(), effectiveFrom: z.string(), layerLabel: z.string() }).nullable(),
          })),
          standardsBasis: z.string().nullable(),
          labels: z.record(z.string(), z.string()),
          rules: z.array(z.object({ id: z.string(), label: z.string(), effect: z.string(), citation: z.string() })),
        }),
      },
    },
  }, async (req) => renewalCampaign(ctx, requireRole(req, ...READERS), req.params.id));

  app.get('/api/renewal-campaigns/:id/items', {
    schema: {
      tags, summary: '续签筛查结果（服务端筛选、排序、分页）', params: idParam, querystring: listQuery,
      response: { 200: z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => {
    const user = requireRole(req, ...READERS);
    const { sort, order, page, pageSize, ...f } = req.query;
    return renewalItems(ctx, user, req.params.id, f, sort, order, page, pageSize);
  });

  app.get('/api/renewal-campaigns/:id/items/export.xlsx', {
    schema: { tags, summary: '导出续签筛查结果（Excel：建议、核定结果、情形及依据，与筛选条件一致）', params: idParam, querystring: filter },
  }, async (req, reply) => {
    const user = requireRole(req, ...READERS);
    const f = await exportRenewalItems(ctx, user, req.params.id, req.query);
    return reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', contentDisposition(f.fileName)).send(f.stream);
  });

  app.post('/api/renewal-items/:id/decision', {
    schema: {
      tags, summary: '核定一项续签（按建议核定、人工核定须说明理由、撤回核定；须带版本号）', params: idParam, body: decision,
      response: { 200: z.object({ id: z.string(), state: z.enum(ITEM_STATES), version: z.number(), decided: z.enum(DECISIONS).nullable(), overridden: z.boolean() }) },
    },
  }, async (req) => {
    const user = requireRole(req, ...AGENCY);
    const { version: v, ...event } = req.body;
    return decideItem(ctx, user, req.params.id, event, v);
  });

  app.post('/api/renewal-campaigns/:id/bulk-decision', {
    schema: {
      tags, summary: '批量核定（按筛选条件；须带确认时看到的数量，数量已变化则 409）', params: idParam, body: bulk,
      response: { 200: z.object({ decided: z.number() }) },
    },
  }, async (req) => {
    const user = requireRole(req, ...AGENCY);
    const { filter: f, expectedCount, ...event } = req.body;
    return decideItemsInBulk(ctx, user, req.params.id, f, event, expectedCount);
  });

  const counts4 = z.object({ renew: z.number(), defer: z.number(), not_renew: z.number(), manual: z.number() });
  const paramsOut = z.object({ settlementAbsentYears: z.number(), settlementYear: z.number().optional(), suspensionMaxDays: z.number(), coachingMonths: z.number(), disabled: z.array(z.string()) });
  const ruleOut = z.object({ id: z.string(), label: z.string(), effect: z.string(), citation: z.string() });
  app.post('/api/renewal-campaigns/:id/what-if', {
    schema: {
      tags, summary: '政策模拟：以另一政策配置或调整后的参数重新筛查本次续签的协议（不写入任何数据），比较结果', params: idParam,
      body: whatIfVariant,
      response: {
        200: z.object({
          profiles: z.object({ baseline: z.string(), variant: z.string() }),
          params: z.object({ baseline: paramsOut, variant: paramsOut }),
          counts: z.object({ baseline: counts4, variant: counts4 }),
          byRegion: z.record(z.string(), z.object({ baseline: counts4, variant: counts4 })),
          changed: z.number(),
          changes: z.array(z.object({
            agreementId: z.string(), institutionName: z.string(), regionCode: z.string(), from: z.enum(OUTCOMES), to: z.enum(OUTCOMES),
            because: z.array(z.object({ ruleId: z.string(), label: z.string(), in: z.enum(['baseline', 'variant']), message: z.string(), citation: z.string() })),
          })),
          rules: z.object({ baseline: z.array(ruleOut), variant: z.array(ruleOut) }),
        }),
      },
    },
  }, async (req) => runWhatIf(ctx, requireRole(req, ...READERS), req.params.id, req.body));

  app.get('/api/my/renewal', {
    schema: {
      tags, summary: '本机构的续签情况（经办机构核定后可见结果、理由及依据）',
      response: {
        200: z.object({
          items: z.array(z.object({
            id: z.string(), agreementId: z.string(), agreementNumber: z.string(), termTo: z.string(), campaignTitle: z.string(), campaignYear: z.number(),
            decideBy: z.string(), status: z.string(), decided: z.enum(DECISIONS).nullable(), decidedOn: z.string().nullable(), reason: z.string().nullable(), reasons: z.array(reason),
            renewal: z.object({
              agreementId: z.string(), number: z.string(), termFrom: z.string(), termTo: z.string(), status: z.string(), form: z.enum(['standard', 'fixed', 'annual']),
              formLabel: z.string(), lifeState: z.string().nullable(), version: z.number(), institutionSigned: z.boolean(), statusLabel: z.string(),
            }).nullable(),
          })),
        }),
      },
    },
  }, async (req) => myRenewal(ctx, requireRole(req, 'institution_staff', 'institution_admin')));

  app.post('/api/renewal-campaigns/:id/close', {
    schema: {
      tags, summary: '结束本次续签工作（此后不能再核定）', params: idParam, body: z.object({ version }),
      response: { 200: z.object({ id: z.string(), state: z.literal('closed'), version: z.number() }) },
    },
  }, async (req) => closeRenewalCampaign(ctx, requireRole(req, ...AGENCY), req.params.id, req.body.version));
  // ---- the renewed agreements (decision 0045): generated in bulk, signed by the institution, counter-signed in bulk by the head ----
  const job = z.object({
    id: z.string(), state: z.enum(['running', 'done', 'failed']), total: z.number(), done: z.number(), generated: z.number(), failed: z.number(),
    failures: z.array(z.object({ itemId: z.string(), institutionName: z.string(), message: z.string() })),
    startedAt: z.string(), updatedAt: z.string(), finishedAt: z.string().nullable(), startedBy: z.string(), error: z.string().nullable(),
  });
  const signCounts = z.object({
    toSign: z.number(), institutionSigned: z.number(), signed: z.number(), online: z.number(), offline: z.number(), awaitingInstitution: z.number(), rate: z.number().nullable(),
  });

  app.post('/api/renewal-campaigns/:id/generate-renewals', {
    schema: {
      tags, summary: '批量生成续签协议（核定为续签的事项；新协议期限自原协议期满次日起；后台执行，进度见签署情况；同时只运行一次）', params: idParam,
      response: { 200: job },
    },
  }, async (req) => {
    const { job: started, run } = await startRenewalGeneration(ctx, requireRole(req, ...AGENCY), req.params.id);
    void run.then((j) => { if (j.state === 'failed') req.log.error({ campaignId: req.params.id, error: j.error }, 'renewal generation failed'); });
    return started;
  });

  app.get('/api/renewal-campaigns/:id/signing', {
    schema: {
      tags, summary: '续签协议生成进度和签署情况：按统筹区及合计的网签率（线上签订 / 应签订），政策设定目标时显示目标', params: idParam,
      querystring: z.object({ regionCode: filter.shape.regionCode }),
      response: {
        200: z.object({
          generation: job.nullable(), toGenerate: z.number(), overall: signCounts,
          regions: z.array(signCounts.extend({ regionCode: z.string(), regionName: z.string() })),
          awaitingCountersign: z.number(),
          target: z.object({ ratio: z.number(), citation: z.string(), meets: z.boolean().nullable() }).nullable(),
        }),
      },
    },
  }, async (req) => renewalSigning(ctx, requireRole(req, ...READERS), req.params.id, req.query.regionCode));

  app.post('/api/renewal-items/:id/fixed-annual', {
    schema: {
      tags, summary: '续签采取固定协议和年度协议相结合的方式（云医保〔2022〕6号 第二十九条、京医保发〔2021〕30号 第四十一条第二款；按绩效考核结果认定）', params: idParam,
      body: z.object({ version, fixedAnnual: z.boolean({ error: '是否固定协议应为 true 或 false' }) }),
      response: { 200: z.object({ id: z.string(), fixedAnnual: z.boolean(), version: z.number(), because: z.string().nullable(), citation: z.string().nullable() }) },
    },
  }, async (req) => markFixedAnnual(ctx, requireRole(req, ...AGENCY), req.params.id, req.body.fixedAnnual, req.body.version));

  app.post('/api/renewal-agreements/:id/sign', {
    schema: {
      tags, summary: '医药机构签署续签协议（法定代表人或授权委托人；线上SM2签名，或登记纸质协议扫描件校验值）', params: idParam,
      body: z.object({
        mode: z.enum(['online', 'paper'], { error: '签署方式应为 online 或 paper' }).default('online'),
        capacity: z.enum(['legal_rep', 'authorised_agent'], { error: '签署身份应为法定代表人或授权委托人' }),
        mandateId: z.string().max(64).optional(),
        password: z.string({ error: '登录密码为必填项' }).min(1, { error: '登录密码为必填项' }).max(200),
        paperSha256: z.string().max(64).optional(),
        version: version.optional(),
      }),
      response: {
        200: z.object({
          signature: z.object({ id: z.string(), party: z.literal('institution'), online: z.boolean(), signedAt: z.string() }), agreementStatus: z.string(), version: z.number(),
        }),
      },
    },
  }, async (req) => signRenewal(ctx, requireRole(req, 'institution_staff'), req.params.id, req.body));

  app.post('/api/renewal-campaigns/:id/countersign', {
    schema: {
      tags, summary: '经办机构负责人批量签署续签协议（医药机构已签署的；须带确认时看到的份数，份数已变化则 409；每份以负责人的SM2密钥签名）', params: idParam,
      body: z.object({
        expectedCount: z.number({ error: '确认份数为必填项' }).int().min(1, { error: '确认份数无效' }),
        regionCode: filter.shape.regionCode,
        password: z.string({ error: '登录密码为必填项' }).min(1, { error: '登录密码为必填项' }).max(200),
      }),
      response: { 200: z.object({ signed: z.number() }) },
    },
  }, async (req) => countersignRenewals(ctx, requireRole(req, 'agency_head'), req.params.id, req.body));
};
export default routes;
