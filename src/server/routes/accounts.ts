/**
 * 账号管理 (issue #9): staff accounts, managed by the system administrator (every organisation),
 * an agency head (its own agency) or an institution's administrator (its own institution); and
 * every user's own password. Thin routes: role check before validation, one use case
 * (src/accounts/*), schema out. Temporary passwords appear once, in the answer that made them.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ORG_KINDS, ROLES, roleLabel, type Role } from '../../domain/identity/roles';
import { MAX_PASSWORD_LENGTH } from '../../domain/identity/password-policy';
import { zEnum, zIdNumber, zInt, zOptText, zText, zUuid } from '../../domain/validators/schemas';
import { ACCOUNT_SORTS } from '../../db/account-repo';
import { SESSION_COOKIE } from '../../db/session-repo';
import { getManagedAccount, listManagedAccounts } from '../../accounts/list-accounts';
import { createAccount } from '../../accounts/create-account';
import { updateAccountDetails } from '../../accounts/update-account';
import { setAccountActive } from '../../accounts/set-account-active';
import { resetPassword } from '../../accounts/reset-password';
import { changeOwnPassword } from '../../accounts/change-own-password';
import { linkLegalRepresentative } from '../../accounts/link-legal-representative';
import { requireRole, requireUser } from '../auth/guard';

const tags = ['accounts'];
/** Who manages accounts at all; the use cases narrow it (own organisation, grantable roles). */
export const ACCOUNT_MANAGERS: Role[] = ['sysadmin', 'agency_head', 'institution_admin'];
const managers = async (req: FastifyRequest) => {
  requireRole(req, ...ACCOUNT_MANAGERS);
};
const idParam = z.object({ id: z.string() });
const version = zInt('版本号', 1, 2_147_483_647).describe('客户端看到的账号版本（乐观锁）');
const roles = z
  .array(zEnum(ROLES, '角色', roleLabel), { error: '角色为必填项' })
  .min(1, { error: '至少授予一个角色' })
  .max(ROLES.length)
  .transform((r) => [...new Set(r)]);
const username = z
  .string({ error: '用户名为必填项' })
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, { error: '用户名须以字母开头，由3–32位字母、数字、下划线、点或短横线组成' });

export const AccountView = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(z.enum(ROLES)), active: z.boolean(),
  mustChangePassword: z.boolean().describe('临时密码尚未修改'), orgId: z.string(), orgName: z.string(), orgKind: z.enum(ORG_KINDS),
  orgActive: z.boolean(), orgRegionCode: z.string().nullable(),
  personId: z.string().nullable().describe('关联的登记自然人（法定代表人）'), personName: z.string().nullable(),
  version: z.number(), createdAt: z.date(), passwordChangedAt: z.date().nullable(),
});
const WithTemporaryPassword = z.object({
  account: AccountView,
  temporaryPassword: z.string().describe('临时密码：仅此一次显示，首次登录须修改'),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/api/accounts', {
    preValidation: managers,
    schema: {
      tags, summary: '账号列表（系统管理员：全部；经办机构负责人、医药机构管理员：本机构），服务端筛选排序分页',
      querystring: z.object({
        orgId: zUuid('所属机构').optional(),
        role: zEnum(ROLES, '角色', roleLabel).optional(),
        active: z.enum(['true', 'false'], { error: '状态取值无效' }).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
        q: z.string().trim().max(50, { error: '关键字不能超过50个字符' }).optional(),
        sort: zEnum(ACCOUNT_SORTS, '排序字段').default('username'),
        order: zEnum(['asc', 'desc'], '排序方向').default('asc'),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: z.object({ items: z.array(AccountView), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => listManagedAccounts(ctx, req.user!, { ...req.query, q: req.query.q || undefined }));

  app.post('/api/accounts', {
    preValidation: managers,
    schema: {
      tags, summary: '新建账号（角色须适合机构类型且不高于创建者本人；临时密码仅显示一次）',
      body: z.object({ orgId: zUuid('所属机构').optional(), username, displayName: zText('姓名', 50), roles }),
      response: { 201: WithTemporaryPassword },
    },
  }, async (req, reply) => reply.status(201).send(await createAccount(ctx, req.user!, req.body)));

  app.get('/api/accounts/:id', {
    preValidation: managers,
    schema: { tags, summary: '账号详情', params: idParam, response: { 200: AccountView } },
  }, async (req) => getManagedAccount(ctx, req.user!, req.params.id));

  app.patch('/api/accounts/:id', {
    preValidation: managers,
    schema: {
      tags, summary: '修改账号姓名、角色（不能修改自己的角色；乐观锁）', params: idParam,
      body: z.object({ version, displayName: zText('姓名', 50).optional(), roles: roles.optional() }),
      response: { 200: AccountView },
    },
  }, async (req) => updateAccountDetails(ctx, req.user!, req.params.id, req.body));

  for (const [path, active, summary] of [
    ['deactivate', false, '停用账号：其会话立即结束'],
    ['reactivate', true, '重新启用账号'],
  ] as const) {
    app.post(`/api/accounts/:id/${path}`, {
      preValidation: managers,
      schema: { tags, summary, params: idParam, body: z.object({ version, reason: zOptText('原因', 500) }), response: { 200: AccountView } },
    }, async (req) => setAccountActive(ctx, req.user!, req.params.id, { active, version: req.body.version, reason: req.body.reason }));
  }

  app.post('/api/accounts/:id/reset-password', {
    preValidation: managers,
    schema: {
      tags, summary: '强制重置密码：生成临时密码（仅显示一次），下次登录须修改；该账号的会话立即结束', params: idParam,
      body: z.object({ version }), response: { 200: WithTemporaryPassword },
    },
  }, async (req) => resetPassword(ctx, req.user!, req.params.id, req.body));

  app.post('/api/accounts/:id/legal-representative', {
    preValidation: async (req) => {
      requireRole(req, 'sysadmin', 'institution_admin');
    },
    schema: {
      tags, summary: '关联法定代表人：按身份证号与机构名录中登记的现任法定代表人核对（云医保〔2022〕6号 第十八条）；身份证号为空则解除关联',
      params: idParam,
      body: z.object({ version, idNumber: zIdNumber('法定代表人身份证号').nullable() }),
      response: { 200: AccountView },
    },
  }, async (req) => linkLegalRepresentative(ctx, req.user!, req.params.id, req.body));

  app.post('/api/account/password', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '修改本人密码（须输入当前密码；本人的其他会话立即结束）',
      body: z.object({
        currentPassword: z.string({ error: '当前密码为必填项' }).min(1, { error: '当前密码为必填项' }).max(256, { error: '当前密码过长' }),
        newPassword: z.string({ error: '新密码为必填项' }).min(1, { error: '新密码为必填项' }).max(MAX_PASSWORD_LENGTH * 4, { error: '新密码过长' }),
      }),
      response: { 200: z.object({ mustChangePassword: z.literal(false) }) },
    },
  }, async (req) => {
    const user = requireUser(req);
    return changeOwnPassword(ctx, user, { ...req.body, sessionToken: req.cookies[SESSION_COOKIE] ?? '' });
  });
};
export default routes;
