/**
 * 系统管理 → 机构（组织）管理 (issue #9): the system administrator creates, edits, deactivates and
 * reactivates agencies, administrative departments, expert pools and third-party assessors. There
 * is no DELETE: an organisation with users or history is deactivated, never deleted.
 * Thin routes: role check before validation, one use case (src/accounts/*), schema out.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ORG_KINDS } from '../../domain/identity/roles';
import { MANAGED_ORG_KINDS, ORG_LEVELS_BOUND, managedOrgKindLabel } from '../../domain/identity/grants';
import { zEnum, zInt, zOptText, zRegionCode, zText } from '../../domain/validators/schemas';
import { ORG_SORTS } from '../../db/org-admin-repo';
import { listOrganizationsForAdmin } from '../../accounts/list-organizations';
import { createOrganization } from '../../accounts/create-organization';
import { updateOrganization } from '../../accounts/update-organization';
import { setOrganizationActive } from '../../accounts/set-organization-active';
import { requireRole } from '../auth/guard';

const tags = ['admin-organizations'];
const sysadminOnly = async (req: FastifyRequest) => {
  requireRole(req, 'sysadmin');
};
const levelLabel = { province: '省级', prefecture: '地市级', county: '县区级' } as const;
const idParam = z.object({ id: z.string() });
const version = zInt('版本号', 1, 2_147_483_647).describe('客户端看到的机构版本（乐观锁）');

export const OrganizationAdminView = z.object({
  id: z.string(), kind: z.enum(ORG_KINDS), name: z.string(), level: z.enum(['national', 'province', 'prefecture', 'county']),
  regionCode: z.string().nullable(), regionName: z.string().nullable(), institutionId: z.string().nullable(),
  active: z.boolean(), version: z.number(), userCount: z.number(), createdAt: z.date(), updatedAt: z.date().nullable(),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/admin/organizations', {
    preValidation: sysadminOnly,
    schema: {
      tags, summary: '机构（组织）管理列表：按类型、层级、区划、状态、名称筛选，服务端排序分页',
      querystring: z.object({
        kind: z.union([zEnum(ORG_KINDS, '机构类型'), z.array(zEnum(ORG_KINDS, '机构类型'))]).optional()
          .transform((v) => (v === undefined ? undefined : [v].flat())),
        level: zEnum(['national', 'province', 'prefecture', 'county'], '机构层级').optional(),
        region: z.string().regex(/^\d{2,6}$/, { error: '区划应为2–6位数字前缀' }).optional(),
        active: z.enum(['true', 'false'], { error: '状态取值无效' }).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
        q: z.string().trim().max(50, { error: '名称关键字不能超过50个字符' }).optional(),
        sort: zEnum(ORG_SORTS, '排序字段').default('regionCode'),
        order: zEnum(['asc', 'desc'], '排序方向').default('asc'),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: z.object({ items: z.array(OrganizationAdminView), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => listOrganizationsForAdmin(ctx, req.user!, { ...req.query, kinds: req.query.kind, regionPrefix: req.query.region, q: req.query.q || undefined }));

  app.post('/api/admin/organizations', {
    preValidation: sysadminOnly,
    schema: {
      tags, summary: '新增机构：经办机构、医疗保障行政部门、评估专家库、第三方评估机构（层级须与所属区划一致）',
      body: z.object({
        kind: zEnum(MANAGED_ORG_KINDS, '机构类型', managedOrgKindLabel),
        name: zText('机构名称', 100),
        level: zEnum(ORG_LEVELS_BOUND, '机构层级', levelLabel),
        regionCode: zRegionCode('所属行政区划'),
      }),
      response: { 201: OrganizationAdminView },
    },
  }, async (req, reply) => reply.status(201).send(await createOrganization(ctx, req.user!, req.body)));

  app.patch('/api/admin/organizations/:id', {
    preValidation: sysadminOnly,
    schema: {
      tags, summary: '修改机构名称、层级或所属区划（乐观锁）', params: idParam,
      body: z.object({
        version,
        name: zText('机构名称', 100).optional(),
        level: zEnum(ORG_LEVELS_BOUND, '机构层级', levelLabel).optional(),
        regionCode: zRegionCode('所属行政区划').optional(),
      }),
      response: { 200: OrganizationAdminView },
    },
  }, async (req) => updateOrganization(ctx, req.user!, req.params.id, req.body));

  for (const [path, active, summary] of [
    ['deactivate', false, '停用机构：本机构账号不能登录，其会话立即结束（机构不删除）'],
    ['reactivate', true, '重新启用机构'],
  ] as const) {
    app.post(`/api/admin/organizations/:id/${path}`, {
      preValidation: sysadminOnly,
      schema: {
        tags, summary, params: idParam,
        body: z.object({ version, reason: zOptText('原因', 500) }),
        response: { 200: OrganizationAdminView },
      },
    }, async (req) => setOrganizationActive(ctx, req.user!, req.params.id, { active, version: req.body.version, reason: req.body.reason }));
  }
};
export default routes;
