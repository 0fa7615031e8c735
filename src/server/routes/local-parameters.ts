import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zDate, zInt, zText, zUuid } from '../../domain/validators/schemas';
import { getLocalParameters, listUnconfirmedDelegations, poolingRegionsFor } from '../../local-parameters/list-local-parameters';
import { setLocalParameter } from '../../local-parameters/set-local-parameter';
import { getRegionStandards, setRegionStandard, withdrawStandard } from '../../local-parameters/region-standards';
import { requireRole } from '../auth/guard';

/** 统筹地区参数 (decision 0031): what the texts leave to the pooling region, set by the pooling region. */
const VIEW_ROLES = ['agency_officer', 'agency_head', 'sysadmin'] as const;

const Layer = z.enum(['national', 'province', 'local', 'county']);
const RegionOut = z.object({ code: z.string(), name: z.string(), level: z.enum(['prefecture', 'county']), profileId: z.string().nullable() });
const RowOut = z.object({
  id: z.string(), regionCode: z.string(), key: z.string(), value: z.number().nullable(), items: z.array(z.string()).nullable(),
  docNo: z.string(), effectiveFrom: z.string(), citation: z.string(), recordedBy: z.string().nullable(), recordedAt: z.string(), version: z.number(),
});
const EntryOut = z.object({
  key: z.string(), label: z.string(), type: z.enum(['number', 'list']), unit: z.string().nullable(), delegatedBy: z.string(),
  value: z.number().nullable(), items: z.array(z.string()).nullable(), layer: Layer, layerLabel: z.string(), docNo: z.string().nullable(),
  from: z.string().nullable(), citation: z.string(), unconfirmed: z.boolean(), options: z.array(z.object({ id: z.string(), label: z.string() })),
  countyBy: z.string().nullable().describe('允许县（市、区）实施细则细化的条款（云医保〔2022〕6号 第三十三条）'),
  countyNarrows: z.enum(['at_most', 'at_least', 'subset']).nullable().describe('县级只能：不大于 / 不小于上级取值，或从上级清单中选取'),
});
const ChecklistOut = z.object({
  regionCode: z.string(), regionName: z.string(), key: z.string(), label: z.string(), delegatedBy: z.string(), example: z.string(),
});

const RegionParams = z.object({ regionCode: z.string().regex(/^\d{6}$/, { error: '统筹地区代码应为 6 位数字' }) });
const KeyParams = RegionParams.extend({ key: z.string().regex(/^[a-z_.]{1,80}$/, { error: '参数键格式不正确' }) });
const SetBody = z.object({
  value: z.number({ error: '参数值应为数字' }).nullable().default(null),
  items: z.array(z.string().regex(/^[a-z_]{1,60}$/, { error: '材料项目编号格式不正确' }), { error: '材料清单应为数组' }).max(50, { error: '材料清单不能超过 50 项' }).nullable().default(null),
  docNo: zText('文号', 100),
  effectiveFrom: zDate('生效日期'),
  citation: zText('依据', 500),
  expectedVersion: z.number({ error: '版本号应为数字' }).int().positive().optional(),
});

const StandardKind = z.enum(['new_designation', 'renewal'], { error: '评估类别应为新增定点或续签协议' });
const StandardItem = z.object({
  label: zText('评估项目', 200),
  weight: z.number({ error: '权重应为数字' }).min(0, { error: '权重不能为负数' }).max(100, { error: '权重不能超过 100' }).nullable().default(null),
  note: z.string({ error: '说明应为文本' }).max(500, { error: '说明不能超过500个字' }).nullable().default(null),
});
const StandardRowOut = z.object({
  id: z.string(), regionCode: z.string(), kind: StandardKind, title: z.string(), docNo: z.string(), effectiveFrom: z.string(),
  items: z.array(z.object({ label: z.string(), weight: z.number().nullable(), note: z.string().nullable() })), process: z.string(),
  recordedBy: z.string().nullable(), recordedAt: z.string(), version: z.number(),
  withdrawnOn: z.string().nullable().describe('撤回之日（自该日起不再施行）；null：未撤回'), withdrawnReason: z.string().nullable(),
});
const StandardBody = z.object({
  title: zText('标准名称', 200), docNo: zText('文号', 100), effectiveFrom: zDate('生效日期'),
  items: z.array(StandardItem, { error: '评估项目应为数组' }).max(100, { error: '评估项目不能超过 100 项' }),
  process: zText('评估流程', 4000),
  expectedVersion: z.number({ error: '版本号应为数字' }).int().positive().optional(),
});
const stdOut = <T extends { recordedAt: Date }>(r: T) => ({ ...r, recordedAt: r.recordedAt.toISOString() });

const rowOut = (r: { recordedAt: Date } & Omit<z.infer<typeof RowOut>, 'recordedAt'>) => ({ ...r, recordedAt: r.recordedAt.toISOString() });

const routes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/api/local-parameters/regions', {
    schema: { tags: ['local-parameters'], summary: '统筹地区参数：本辖区的统筹地区', response: { 200: z.object({ regions: z.array(RegionOut) }) } },
  }, async (req) => {
    const user = requireRole(req, ...VIEW_ROLES);
    return { regions: await poolingRegionsFor(ctx, user) };
  });

  app.get('/api/local-parameters/checklist', {
    schema: {
      tags: ['local-parameters'], summary: '部署检查：仍为示例值的统筹地区参数',
      description: '交由统筹地区确定、但仍沿用省级示例值（未核实）且统筹地区未设置的参数与清单。',
      response: { 200: z.object({ items: z.array(ChecklistOut) }) },
    },
  }, async (req) => {
    const user = requireRole(req, 'agency_head', 'sysadmin');
    return { items: await listUnconfirmedDelegations(ctx, user) };
  });

  app.get('/api/local-parameters/:regionCode', {
    schema: {
      tags: ['local-parameters'], summary: '统筹地区参数：交由统筹地区确定的参数及现行取值（含来源层级）', params: RegionParams,
      response: { 200: z.object({ region: RegionOut, asOf: z.string(), entries: z.array(EntryOut), history: z.array(RowOut) }) },
    },
  }, async (req) => {
    const user = requireRole(req, ...VIEW_ROLES);
    const v = await getLocalParameters(ctx, user, req.params.regionCode);
    return { ...v, history: v.history.map(rowOut) };
  });

  app.put('/api/local-parameters/:regionCode/:key', {
    preValidation: async (req) => void requireRole(req, 'agency_head'),
    schema: {
      tags: ['local-parameters'], summary: '统筹地区参数：设置一项新的有日期的取值（经办机构负责人）',
      params: KeyParams, body: SetBody, response: { 200: RowOut },
    },
  }, async (req) => {
    const user = requireRole(req, 'agency_head');
    const saved = await setLocalParameter(ctx, user, req.params.regionCode, req.params.key, req.body);
    return rowOut(saved);
  });

  // 地区评估标准和流程 (自治区医保局〔2025〕征求意见稿 一(一); decision 0043)
  app.get('/api/region-standards/:regionCode', {
    schema: {
      tags: ['local-parameters'], summary: '地区评估标准和流程：现行（含来源层级）与本地区发布的各版本（分页，生效日期新者在前）', params: RegionParams,
      querystring: z.object({
        page: z.coerce.number({ error: '页码应为数字' }).int().min(1, { error: '页码不能小于1' }).max(10_000, { error: '页码过大' }).default(1),
        pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1, { error: '每页条数不能小于1' }).max(100, { error: '每页最多100条' }).default(20),
      }),
      response: {
        200: z.object({
          region: RegionOut, asOf: z.string(), basis: z.string().nullable().describe('要求各地公开评估标准的条款；null：本省政策未要求'),
          kinds: z.array(StandardKind), inForce: z.array(StandardRowOut.extend({ layer: z.enum(['local', 'county']), layerLabel: z.string() })),
          history: z.array(StandardRowOut).describe('本地区自己发布的各版本（本页）'), total: z.number(), page: z.number(), pageSize: z.number(),
        }),
      },
    },
  }, async (req) => {
    const user = requireRole(req, ...VIEW_ROLES);
    const v = await getRegionStandards(ctx, user, req.params.regionCode, req.query);
    return { ...v, inForce: v.inForce.map(stdOut), history: v.history.map(stdOut) };
  });

  app.put('/api/region-standards/:regionCode/:kind', {
    preValidation: async (req) => void requireRole(req, 'agency_head'),
    schema: {
      tags: ['local-parameters'], summary: '地区评估标准和流程：发布一个有日期的版本（该市、县（区）经办机构负责人）',
      params: RegionParams.extend({ kind: StandardKind }), body: StandardBody, response: { 200: StandardRowOut },
    },
  }, async (req) => {
    const user = requireRole(req, 'agency_head');
    const { kind, regionCode } = req.params;
    return stdOut(await setRegionStandard(ctx, user, regionCode, kind, req.body));
  });

  app.post('/api/region-standards/:regionCode/:kind/:id/withdraw', {
    preValidation: async (req) => void requireRole(req, 'agency_head'),
    schema: {
      tags: ['local-parameters'], summary: '地区评估标准和流程：撤回误发布的版本（自即日起不再施行，上一层级或较早版本重新适用）',
      params: RegionParams.extend({ kind: StandardKind, id: zUuid('版本编号') }),
      body: z.object({ expectedVersion: zInt('版本号', 1, 1_000_000), reason: zText('撤回理由', 500).refine((t) => t.trim().length >= 2, { error: '请填写撤回理由' }) }),
      response: { 200: StandardRowOut },
    },
  }, async (req) => {
    const user = requireRole(req, 'agency_head');
    const { kind, regionCode, id } = req.params;
    return stdOut(await withdrawStandard(ctx, user, regionCode, kind, id, { expectedVersion: req.body.expectedVersion, reason: req.body.reason.trim() }));
  });
};
export default routes;
