/**
 * The public site's API (no login, no CSRF: /api/public/* in the session plugin). Conditions and
 * materials (云医保〔2022〕6号 第七条), evaluation standards (自治区医保局〔2025〕征求意见稿 一(一)),
 * the current publicity list (第十五条), the complaint form and the complainant's status lookup
 * (rate-limited per IP; decision 0019) and the
 * directory of designated institutions (吉医保规〔2023〕1号 第二十二条; 京医保发〔2021〕30号 第十一条).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chinaDate } from '../../domain/clock/clock';
import { INSTITUTION_KINDS, institutionKindLabel, PAYMENT_CATEGORIES, paymentCategoryLabel } from '../../domain/registry/enums';
import { zEnum, zOptText, zPhone, zText } from '../../domain/validators/schemas';
import { describeConditions, describeStandards } from '../../agreements/describe-public-conditions';
import { listPublicProfiles } from '../../local-parameters/public-profiles';
import { fileComplaint } from '../../agreements/file-complaint';
import { lookupComplaint } from '../../agreements/lookup-complaint';
import { publicBedsPerThousand } from '../../province/bed-ratio';
import { BedStatistics } from './province';
import { countDirectoryByChildRegion, listDirectory, listPublicity } from '../../db/public-repo';
import { regionFilterPrefix } from '../../db/institution-repo';
import { listRegions } from '../../db/region-repo';
import { loadLocalLayer } from '../../db/local-parameters-repo';
import { loadRegionStandards } from '../../db/region-standards-repo';

const tags = ['public'];
const APPLY_KINDS = ['medical', 'pharmacy', 'ltc'] as const;
const profileQ = z.string({ error: '请选择地区政策配置（profile）' }).min(1, { error: '请选择地区政策配置（profile）' });
const kindQ = zEnum(APPLY_KINDS, '机构类别', { medical: institutionKindLabel.medical, pharmacy: institutionKindLabel.pharmacy, ltc: institutionKindLabel.ltc });
const page = z.coerce.number({ error: '页码应为数字' }).int().min(1, { error: '页码不能小于1' }).max(10_000).default(1);
const pageSize = z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(100, { error: '每页最多100条' }).default(20);
const region = z.string().regex(/^\d{2,6}$/, { error: '区划代码应为2至6位数字' }).optional();

const complaintBody = z.object({
  applicationId: z.string().max(64, { error: '申请编号过长' }).nullish(),
  institutionName: zOptText('被举报机构名称', 100),
  content: z
    .string({ error: (i) => (i.input === undefined ? '举报内容为必填项' : '举报内容应为文本') })
    .refine((s) => s.trim().length > 0, { error: '举报内容不能为空' })
    .refine((s) => [...s].length <= 2000, { error: '举报内容不能超过2000个字' }),
  contactName: zText('联系人姓名', 50),
  phone: zPhone('联系电话'),
  email: z.union([z.email({ error: '电子邮箱格式错误' }).max(100, { error: '电子邮箱过长' }), z.literal('')]).nullish()
    .transform((v) => (v ? v : null)),
});

const layered = {
  layer: z.enum(['national', 'province', 'local', 'county']).describe('取值来自哪一层：国家、省、统筹地区、县（市、区）（decisions 0031, 0043）'),
  layerLabel: z.string(), docNo: z.string().nullable().describe('统筹地区或县（市、区）设置的文号'),
};
const param = z.object({ key: z.string(), label: z.string(), value: z.number(), unit: z.string(), citation: z.string(), ...layered });
const conditions = z.object({
  basis: z.string(),
  profile: z.object({ id: z.string(), name: z.string(), version: z.string() }),
  kind: z.enum(INSTITUTION_KINDS), kindLabel: z.string(), asOf: z.string(),
  region: z.string().nullable().describe('所选统筹地区（地市）代码'),
  county: z.string().nullable().describe('所选县（市、区）代码：叠加其实施细则（decision 0043）'),
  conditions: z.array(z.object({
    id: z.string(), title: z.string(), citation: z.string(),
    items: z.array(z.object({ n: z.number(), label: z.string() })), params: z.array(param),
  })),
  materials: z.array(z.object({ id: z.string(), label: z.string(), citation: z.string() })),
  addCategoryMaterials: z.object({
    docNo: z.string(), layerLabel: z.string(), items: z.array(z.object({ id: z.string(), label: z.string(), citation: z.string() })),
  }).nullable().describe('增加结算类别的简化材料清单（云医保〔2022〕6号 第六条第二款，统筹地区明确）'),
  refusals: z.array(z.object({ id: z.string(), title: z.string(), citation: z.string() })),
  acceptance: z.object({
    time: z.object({ text: z.string(), citation: z.string() }),
    departments: z.array(z.object({ accept: z.string(), evaluate: z.string(), sign: z.string(), note: z.string(), citation: z.string() })),
    limits: z.array(param.extend({ value: z.number().nullable().describe('null: 该地区未规定'), note: z.string().nullable() })),
  }),
});
const standards = z.object({
  basis: z.string(),
  profile: z.object({ id: z.string(), name: z.string() }),
  kind: z.enum(INSTITUTION_KINDS), kindLabel: z.string(),
  region: z.string().nullable().describe('所选市、县（区）代码'),
  regionStandardsBasis: z.string().nullable().describe('要求各市、县公开评估标准的条款（自治区医保局〔2025〕征求意见稿 一(一)）；null：本省政策未要求'),
  regionStandards: z.array(z.object({
    kind: z.enum(['new_designation', 'renewal']), kindLabel: z.string(), title: z.string(), docNo: z.string(), effectiveFrom: z.string(),
    items: z.array(z.object({ label: z.string(), weight: z.number().nullable(), note: z.string().nullable() })), process: z.string(),
    regionCode: z.string(), layer: z.enum(['local', 'county']), layerLabel: z.string(),
  })).describe('所选地区经办机构公开的评估标准和流程（县级有则用县级，否则用统筹地区的）'),
  sheet: z.object({
    id: z.string(), version: z.string(), title: z.string(), passThreshold: z.number(), citation: z.string(),
    items: z.array(z.object({ id: z.string(), title: z.string(), maxPoints: z.number(), veto: z.boolean(), citation: z.string(), verified: z.boolean() })),
  }).nullable(),
  panel: z.object({ specialties: z.array(z.string()), citation: z.string(), thirdPartyAllowed: z.boolean() }),
  inspection: z.object({ modes: z.array(z.string()), mandatory: z.boolean(), citation: z.string() }),
  result: z.object({ voting: z.string(), allMembersSign: z.boolean(), citation: z.string(), evaluationMonths: z.number().nullable() }),
  steps: z.array(z.string()),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const today = () => chinaDate(app.ctx.clock.now());

  app.get('/api/public/profiles', {
    schema: { tags, summary: '可选的地区政策配置（未写明省份的配置按部署时指定的省份列出）', response: { 200: z.array(z.object({ id: z.string(), name: z.string(), regionCode: z.string().nullable() })) } },
  }, async () => listPublicProfiles(app.ctx));

  app.get('/api/public/conditions', {
    schema: {
      tags, summary: '定点申请条件、所需材料、受理时间、受理部门、受理时限（云医保〔2022〕6号 第七条）',
      querystring: z.object({
        profile: profileQ, kind: kindQ,
        region: z.string().regex(/^\d{6}$/, { error: '统筹地区代码应为 6 位数字' }).optional().describe('统筹地区或县（市、区）：叠加该地区（及其统筹地区）设置的参数'),
      }),
      response: { 200: conditions },
    },
  }, async (req) => {
    const local = req.query.region ? await loadLocalLayer(app.ctx.db, req.query.region) : [];
    return describeConditions(req.query.profile, req.query.kind, today(), local, req.query.region ?? null);
  });

  app.get('/api/public/standards', {
    schema: {
      tags, summary: '评估标准和流程（自治区医保局〔2025〕征求意见稿 一(一)）',
      querystring: z.object({
        profile: profileQ, kind: kindQ,
        region: z.string().regex(/^\d{6}$/, { error: '地区代码应为 6 位数字' }).optional().describe('市或县（区）：该地区公开的评估标准'),
      }),
      response: { 200: standards },
    },
  }, async (req) => {
    const rows = req.query.region ? await loadRegionStandards(app.ctx.db, req.query.region) : [];
    return describeStandards(req.query.profile, req.query.kind, today(), rows, req.query.region ?? null);
  });

  app.get('/api/public/publicity', {
    schema: {
      tags, summary: '当前公示名单（云医保〔2022〕6号 第十五条）',
      querystring: z.object({ region, page, pageSize }),
      response: {
        200: z.object({
          items: z.array(z.object({
            applicationId: z.string(), name: z.string(), address: z.string(), kind: z.string(), regionCode: z.string(),
            regionName: z.string().nullable(), categories: z.array(z.string()), from: z.string().nullable(), to: z.string().nullable(),
          })),
          total: z.number(), page: z.number(), pageSize: z.number(),
        }),
      },
    },
  }, async (req) => listPublicity(app.ctx.db, req.query));

  app.post('/api/public/complaints', {
    config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '公示期间举报投诉（每个IP每分钟最多5次）',
      body: complaintBody,
      response: { 201: z.object({ id: z.string(), number: z.string(), receivedAt: z.string() }) },
    },
  }, async (req, reply) => {
    const out = await fileComplaint(app.ctx, req.body);
    return reply.status(201).send(out);
  });

  // 云人社发〔2016〕308号 二(四): the beds per 1,000 insured are published (向社会公开), not kept behind a login
  app.get('/api/public/statistics/beds', {
    schema: {
      tags, summary: '每千参保人占有定点医疗机构住院床位数（云人社发〔2016〕308号 二(四)，向社会公开）',
      querystring: z.object({ province: z.string().regex(/^\d{2}0000$/, { error: '省级区划代码应为6位、以0000结尾' }).optional() }),
      response: { 200: BedStatistics },
    },
  }, async (req) => publicBedsPerThousand(app.ctx, req.query.province ?? null));

  app.post('/api/public/complaints/lookup', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '投诉人凭受理编号和联系电话查询办理状态（每个IP每分钟最多10次；编号或电话不符一律答“未查到”）',
      body: z.object({
        number: z.string({ error: '请填写受理编号' }).trim().min(1, { error: '请填写受理编号' }).max(40, { error: '受理编号过长' }),
        phone: z.string({ error: '请填写联系电话' }).trim().min(1, { error: '请填写联系电话' }).max(30, { error: '联系电话过长' }),
      }),
      response: {
        200: z.object({
          number: z.string(), institutionName: z.string(), receivedAt: z.string(), status: z.enum(['open', 'resolved']), statusLabel: z.string(),
          result: z.object({ foundTrue: z.boolean(), conclusion: z.string(), finding: z.string(), resolvedAt: z.string().nullable() }).nullable(),
        }),
      },
    },
  }, async (req) => lookupComplaint(app.ctx, req.body.number, req.body.phone));

  app.get('/api/public/regions', {
    schema: {
      tags, summary: '行政区划下级列表（公开，供名录按地区筛选；不带 parent 时为省级；designated=1 时只列有定点医药机构的地区并附数量）',
      querystring: z.object({
        parent: z.string().regex(/^\d{6}$/, { error: '区划代码应为6位数字' }).optional(),
        designated: z.enum(['0', '1'], { error: '是否定点（designated）应为 0 或 1' }).optional(),
      }),
      response: {
        200: z.array(z.object({
          code: z.string(), name: z.string(), level: z.string(), hasChildren: z.boolean(),
          count: z.number().optional().describe('该地区（含下级）的定点医药机构数（designated=1 时）'),
        })),
      },
    },
  }, async (req) => {
    const list = (await listRegions(app.ctx.db, req.query.parent)).map(({ code, name, level, hasChildren }) => ({ code, name, level, hasChildren }));
    if (req.query.designated !== '1' || list.length === 0) return list;
    // the children's filter prefixes have one length per level: 省 2, 市 4, 县 6 (regionFilterPrefix)
    const len = (level: string): 2 | 4 | 6 => (level === 'province' ? 2 : level === 'prefecture' ? 4 : 6);
    const counts = await countDirectoryByChildRegion(app.ctx.db, req.query.parent, len(list[0]!.level));
    return list
      .map((r) => ({ ...r, count: counts.get(regionFilterPrefix(r.code)) ?? 0 }))
      .filter((r) => r.count > 0)
      .map((r) => (r.level === 'county' ? { ...r, hasChildren: false } : r));
  });

  app.get('/api/public/directory', {
    schema: {
      tags, summary: '定点医药机构名录（吉医保规〔2023〕1号 第二十二条）',
      querystring: z.object({
        q: z.string().max(50, { error: '查询词不能超过50个字符' }).optional(),
        region,
        kind: zEnum(INSTITUTION_KINDS, '机构类别').optional(),
        category: zEnum(PAYMENT_CATEGORIES, '医保支付类别', paymentCategoryLabel).optional(),
        page, pageSize,
      }),
      response: {
        200: z.object({
          items: z.array(z.object({
            id: z.string(), name: z.string(), address: z.string(), servicePhone: z.string().nullable(), kind: z.string(),
            subtype: z.string(), hospitalLevel: z.string(), grade: z.string(), categories: z.array(z.string()),
            regionCode: z.string(), regionName: z.string().nullable(), ybCode: z.string().nullable(),
            suspended: z.boolean().describe('协议中止（京医保发〔2021〕30号 第四十二条）：名录中标注，不再结算直至恢复'),
          })),
          total: z.number(), page: z.number(), pageSize: z.number(),
        }),
      },
    },
  }, async (req) => listDirectory(app.ctx.db, req.query));
};
export default routes;
