import { z } from 'zod';
import { practiceScopeLabel } from '../../domain/registry/practice-scope';
import { findingKindLabel } from '../../domain/policy/findings';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../domain/errors';
import { scopeOf } from '../../domain/identity/territory';
import { ORG_KINDS, roleLabel } from '../../domain/identity/roles';
import * as E from '../../domain/registry/enums';
import { actorRoleLabel, eventLabel, stateLabel } from '../../domain/designation/states';
import { documentLabel } from '../../domain/designation/table';
import { specialtyLabel } from '../../domain/designation/panel';
import { DEADLINES } from '../../domain/designation/deadlines';
import { SHEETS } from '../../domain/designation/sheets';
import { ALL_AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABEL } from '../../domain/audit/labels';
import { isRegionCodeShape } from '../../domain/validators/codes';
import { getRegion, listRegions, regionPath } from '../../db/region-repo';
import { listOrganizations } from '../../db/organization-repo';
import { requireUser } from '../auth/guard';
import { DEMO_USERS } from '../../seed/demo-users';
import { users } from '../../db/schema/index';
import { and, eq, inArray } from 'drizzle-orm';

const tags = ['registry'];

const Region = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'prefecture', 'county']),
  parentCode: z.string().nullable(),
  kind: z.enum(['admin', 'yb_pseudo']),
  profileId: z.string().nullable(),
  hasChildren: z.boolean(),
});
const RegionCodeParam = z.string().max(12, { error: '区划代码应为6位数字' });

export const orgKindLabel: Record<(typeof ORG_KINDS)[number], string> = {
  agency: '医保经办机构', admin_dept: '医疗保障行政部门', institution: '定点医药机构', expert_pool: '评估专家库', system: '系统',
  third_party_assessor: '第三方评估机构',
};
const orgLevelLabel = { national: '国家', province: '省级', prefecture: '地市级', county: '县区级' };
const regionKindLabel = { admin: '行政区划', yb_pseudo: '医保区划（省本级/市本级）' };

const Organization = z.object({
  id: z.string(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  level: z.enum(['national', 'province', 'prefecture', 'county']),
  regionCode: z.string().nullable(),
  institutionId: z.string().nullable(),
});

/** 定点 deadline id → its name (the deadline specs carry their labels). */
const deadlineLabel = Object.fromEntries(Object.values(DEADLINES).map((d) => [d.id, d.label])) as Record<keyof typeof DEADLINES, string>;

/**
 * Every Chinese label map the web app needs, from the one source each: the registry
 * (domain/registry/enums.ts), identity, and the designation pipeline (domain/designation/*).
 */
export const ENUM_LABELS = {
  institutionKind: E.institutionKindLabel,
  institutionSubtype: E.institutionSubtypeLabel,
  subtypeKind: E.subtypeKind,
  ownership: E.ownershipLabel,
  hospitalLevel: E.hospitalLevelLabel,
  grade: E.gradeLabel,
  adminLevel: E.adminLevelLabel,
  institutionStatus: E.institutionStatusLabel,
  paymentCategory: E.paymentCategoryLabel,
  insuranceScheme: E.insuranceSchemeLabel,
  parentRelation: E.parentRelationLabel,
  personRole: E.personRoleLabel,
  licenceKind: E.licenceKindLabel,
  practiceScope: practiceScopeLabel,
  findingKind: findingKindLabel,
  role: roleLabel,
  orgKind: orgKindLabel,
  orgLevel: orgLevelLabel,
  regionKind: regionKindLabel,
  // designation pipeline (定点申请 → 评估 → 公示 → 协商 → 签订 → 备案)
  designationState: stateLabel,
  designationEvent: eventLabel,
  designationActor: actorRoleLabel,
  designationDeadline: deadlineLabel,
  documentKind: documentLabel,
  expertSpecialty: specialtyLabel,
  scoringSheet: Object.fromEntries(Object.values(SHEETS).map((sh) => [sh.id, sh.title])),
  /** kind → the payment categories it may apply for, comma-separated (registry vocabulary) */
  paymentCategoriesByKind: Object.fromEntries(Object.entries(E.PAYMENT_CATEGORIES_BY_KIND).map(([k, v]) => [k, v.join(',')])),
  auditAction: ALL_AUDIT_ACTION_LABELS,
  auditEntity: AUDIT_ENTITY_LABEL,
} satisfies Record<string, Record<string, string>>;

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/api/meta/enums',
    {
      schema: {
        tags, summary: '枚举值中文标签（公开）',
        response: { 200: z.object(Object.fromEntries(Object.keys(ENUM_LABELS).map((k) => [k, z.record(z.string(), z.string())])) as Record<keyof typeof ENUM_LABELS, z.ZodRecord<z.ZodString, z.ZodString>>) },
      },
    },
    async () => ENUM_LABELS,
  );

  // The login page lists the demo accounts — only on a non-production deployment that seeds the
  // demo, and only those that still exist and are active (reference data for training; no secrets:
  // the shared demo password is printed in the README). In production the route does not exist.
  if (app.ctx.config.SEED_DEMO && app.ctx.config.NODE_ENV !== 'production') app.get(
    '/api/public/demo-users',
    {
      schema: {
        tags, summary: '演示账号列表（仅演示部署）',
        response: { 200: z.array(z.object({ username: z.string(), displayName: z.string(), roles: z.array(z.string()), orgName: z.string(), note: z.string() })) },
      },
    },
    async () => {
      const present = await db.select({ username: users.username }).from(users)
        .where(and(inArray(users.username, DEMO_USERS.map((u) => u.username)), eq(users.active, true)));
      const names = new Set(present.map((p) => p.username));
      return DEMO_USERS.filter((u) => names.has(u.username)).map(({ username, displayName, roles, orgName, note }) => ({ username, displayName, roles, orgName, note }));
    },
  );

  app.get(
    '/api/regions',
    {
      schema: {
        tags, summary: '行政区划下级列表（不带 parent 时为省级）',
        querystring: z.object({ parent: RegionCodeParam.optional() }),
        response: { 200: z.array(Region) },
      },
    },
    async (req) => {
      requireUser(req);
      const parent = req.query.parent;
      if (parent !== undefined && !isRegionCodeShape(parent)) return [];
      return listRegions(db, parent);
    },
  );

  app.get(
    '/api/regions/:code',
    {
      schema: {
        tags, summary: '行政区划详情（含上级路径）',
        params: z.object({ code: RegionCodeParam }),
        response: { 200: Region.extend({ path: z.array(Region) }) },
      },
    },
    async (req) => {
      requireUser(req);
      const region = isRegionCodeShape(req.params.code) ? await getRegion(db, req.params.code) : null;
      if (!region) throw notFound('行政区划');
      return { ...region, path: await regionPath(db, region.code) };
    },
  );

  app.get(
    '/api/organizations',
    {
      schema: {
        tags, summary: '机构（经办机构、行政部门、专家库等）列表',
        querystring: z.object({
          kind: z.enum(ORG_KINDS, { error: '机构类型取值无效' }).optional(),
          region: z.string().regex(/^\d{2,6}$/, { error: '区划应为2–6位数字前缀' }).optional(),
        }),
        response: { 200: z.array(Organization) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const rows = await listOrganizations(db, { kind: req.query.kind, regionPrefix: req.query.region }, scopeOf(user));
      return rows.map((o) => ({ id: o.id, kind: o.kind, name: o.name, level: o.level, regionCode: o.regionCode, institutionId: o.institutionId }));
    },
  );
};
export default routes;
