import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { scopeOf } from '../../domain/identity/territory';
import * as E from '../../domain/registry/enums';
import { createInstitutionInput, futureBirthProblem, updateInstitutionInput } from '../../domain/registry/institution-input';
import { chinaDate } from '../../domain/clock/clock';
import { zEnum } from '../../domain/validators/schemas';
import { createInstitution, getInstitutionDetail, listInstitutions, updateInstitution } from '../../db/institution-repo';
import { requireRole, requireUser } from '../auth/guard';
import { AppError } from '../../domain/errors';

const tags = ['registry'];

const ListItem = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  ybCode: z.string().nullable(),
  kind: z.enum(E.INSTITUTION_KINDS),
  subtype: z.enum(E.INSTITUTION_SUBTYPES),
  ownership: z.enum(E.OWNERSHIPS),
  hospitalLevel: z.enum(E.HOSPITAL_LEVELS),
  grade: z.enum(E.GRADES),
  adminLevel: z.enum(E.ADMIN_LEVELS),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  address: z.string(),
  status: z.enum(E.INSTITUTION_STATUSES),
  dualChannel: z.boolean(),
  parentId: z.string().nullable(),
  parentRelation: z.enum(E.PARENT_RELATIONS).nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
const Related = z.object({
  id: z.string(),
  name: z.string(),
  subtype: z.enum(E.INSTITUTION_SUBTYPES),
  status: z.enum(E.INSTITUTION_STATUSES),
  regionCode: z.string(),
  parentRelation: z.enum(E.PARENT_RELATIONS).nullable(),
});
const Detail = ListItem.extend({
  beds: z.number(),
  phone: z.string().nullable(),
  servicePhone: z.string().nullable(),
  paymentCategories: z.array(z.string()),
  insuranceSchemes: z.array(z.string()),
  openedOn: z.string().nullable(),
  mainScope: z.array(z.string()).nullable().describe('主要执业范围（代码，见 /api/meta/enums practiceScope）；null 为未登记'),
  designatedOn: z.string().nullable(),
  createdAt: z.string(),
  persons: z.array(z.object({
    personId: z.string(), name: z.string(), idNumberMasked: z.string(), phone: z.string().nullable(),
    role: z.enum(E.PERSON_ROLES), fromDate: z.string(), toDate: z.string().nullable(), dishonest: z.boolean(),
  })),
  licences: z.array(z.object({
    id: z.string(), kind: z.enum(E.LICENCE_KINDS), number: z.string(), issuedBy: z.string().nullable(), validFrom: z.string(), validTo: z.string().nullable(),
  })),
  sites: z.array(z.object({ id: z.string(), name: z.string(), address: z.string(), regionCode: z.string(), approved: z.boolean().nullable() })),
  parent: Related.nullable(),
  children: z.array(Related),
});

/** Decision 0001: the total is exact up to 1 000 matches (page sorted by name), else an estimate (page in registry order). */
const ListPage = z.object({
  items: z.array(ListItem),
  total: z.number().describe('命中数：totalExact 为 true 时为精确值，否则为估算值（超过 1000）'),
  totalExact: z.boolean(),
  order: z.enum(['name', 'id']).describe('name：按名称排序；id：结果超过 1000 条时按登记顺序'),
  page: z.number(),
  pageSize: z.number(),
});

const ListQuery = z.object({
  q: z.string().trim().max(50, { error: '搜索词不能超过50个字符' }).optional(),
  region: z.string().regex(/^[1-9]\d(?:\d{2}){0,2}$/, { error: '区划应为6位区划代码（或2、4位前缀）' }).optional(),
  kind: zEnum(E.INSTITUTION_KINDS, '机构类别', E.institutionKindLabel).optional(),
  subtype: zEnum(E.INSTITUTION_SUBTYPES, '机构类型').optional(),
  hospitalLevel: zEnum(E.HOSPITAL_LEVELS, '医院等级', E.hospitalLevelLabel).optional(),
  status: zEnum(E.INSTITUTION_STATUSES, '机构状态', E.institutionStatusLabel).optional(),
  ownership: zEnum(E.OWNERSHIPS, '所有制形式', E.ownershipLabel).optional(),
  dualChannel: z.enum(['true', 'false'], { error: '双通道应为 true 或 false' }).transform((v) => v === 'true').optional(),
  page: z.coerce.number({ error: '页码应为数字' }).int({ error: '页码应为整数' }).min(1, { error: '页码从1开始' }).max(100_000, { error: '页码过大' }).default(1),
  pageSize: z.coerce.number({ error: '每页条数应为数字' }).int({ error: '每页条数应为整数' }).min(1, { error: '每页至少1条' }).max(100, { error: '每页最多100条' }).default(20),
});
const IdParams = z.object({ id: z.string().max(64) });
const AGENCY = ['agency_officer', 'agency_head'] as const;

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const refuseFutureBirth = (persons: readonly { idNumber: string }[] | undefined) => {
    const p = futureBirthProblem(persons, chinaDate(ctx.clock.now()));
    if (p) throw new AppError('INVALID_INPUT', p.message, { field: p.field });
  };

  app.get(
    '/api/institutions',
    {
      schema: {
        tags, summary: '定点医药机构登记簿查询（限本辖区）', querystring: ListQuery,
        response: { 200: ListPage },
      },
    },
    async (req) => listInstitutions(ctx.db, scopeOf(requireUser(req)), req.query),
  );

  app.get(
    '/api/institutions/:id',
    { schema: { tags, summary: '机构详情（人员、证照、执业地点、上下级机构）', params: IdParams, response: { 200: Detail } } },
    async (req) => getInstitutionDetail(ctx.db, scopeOf(requireUser(req)), req.params.id),
  );

  app.post(
    '/api/institutions',
    { schema: { tags, summary: '登记机构（经办机构，限本辖区）', body: createInstitutionInput, response: { 201: Detail } } },
    async (req, reply) => {
      const user = requireRole(req, ...AGENCY);
      refuseFutureBirth(req.body.persons);
      return reply.status(201).send(await createInstitution(ctx, user, req.body));
    },
  );

  app.patch(
    '/api/institutions/:id',
    { schema: { tags, summary: '修改机构登记信息（须带版本号）', params: IdParams, body: updateInstitutionInput, response: { 200: Detail } } },
    async (req) => {
      const user = requireRole(req, ...AGENCY);
      refuseFutureBirth(req.body.persons);
      return updateInstitution(ctx, user, req.params.id, req.body);
    },
  );
};
export default routes;
