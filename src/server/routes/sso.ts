/**
 * Single sign-on with the province's unified identity platform (统一身份认证, OpenID Connect;
 * decision 0026). Public: the login page's button (config), the start (→ provider) and the callback
 * (→ web app, or → /login?sso_error=<code> on any failure: never a 5xx, never an error page of the
 * API). System administrator: the identities linked to accounts (list / link / unlink, audited).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SSO_ERRORS, SSO_ERROR_PARAM, SSO_FLOW_TTL_MS, type SsoError } from '../../domain/identity/sso';
import { zOptText, zText, zUuid } from '../../domain/validators/schemas';
import { SESSION_COOKIE, deleteSession } from '../../db/session-repo';
import { ssoSettings } from '../../identity/sso/oidc-client';
import { startSsoLogin } from '../../identity/sso/start-sso-login';
import { completeSsoLogin } from '../../identity/sso/complete-sso-login';
import { linkIdentity } from '../../identity/sso/link-identity';
import { unlinkIdentity } from '../../identity/sso/unlink-identity';
import { listIdentities } from '../../identity/sso/list-identities';
import { requireRole } from '../auth/guard';
import { setSessionCookie } from '../auth/session-cookie';

/** The cookie that ties the callback to the browser that started the sign-in (SameSite=Lax: it must come back from the provider). */
export const SSO_FLOW_COOKIE = 'dd_sso_flow';
const FLOW_PATH = '/api/auth/oidc';

const tags = ['auth'];
const ssoErrorCodes = Object.keys(SSO_ERRORS) as [SsoError, ...SsoError[]];

const identityRow = z.object({
  id: z.string(),
  issuer: z.string().describe('统一身份认证平台（签发方）'),
  subject: z.string().describe('统一身份认证标识（按 OIDC_SUBJECT_CLAIM 取值）'),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean().describe('账号是否启用'),
  orgName: z.string(),
  linkedBy: z.string(),
  linkedAt: z.date(),
});

const sysadmin = async (req: FastifyRequest) => void requireRole(req, 'sysadmin');

const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const { config } = ctx;
  const flowCookie = { httpOnly: true, sameSite: 'lax' as const, path: FLOW_PATH, secure: config.COOKIE_SECURE };
  const toLogin = (reply: FastifyReply, error: SsoError) => reply.redirect(`/login?${SSO_ERROR_PARAM}=${error}`, 302);
  // the redirects of a sign-in carry one-time values: never from a cache
  const noStore = async (_req: FastifyRequest, reply: FastifyReply) => void reply.header('cache-control', 'no-store');

  app.get(
    '/api/auth/oidc/config',
    {
      schema: {
        tags,
        summary: '统一身份认证登录是否启用（登录页按钮）及登录失败提示',
        response: {
          200: z.object({
            enabled: z.boolean(),
            label: z.string().describe('登录按钮文字'),
            errors: z.record(z.enum(ssoErrorCodes), z.string()).describe(`登录页 ?${SSO_ERROR_PARAM}=<代码> 对应的提示`),
          }),
        },
      },
    },
    async () => {
      const s = ssoSettings(config);
      return { enabled: !!s, label: s?.label ?? config.OIDC_LABEL, errors: SSO_ERRORS };
    },
  );

  app.get(
    '/api/auth/oidc/start',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      onRequest: noStore,
      schema: {
        tags,
        summary: '统一身份认证登录：转到统一身份认证平台（授权码 + PKCE）',
        querystring: z.object({ returnTo: zOptText('登录后返回的页面', 500) }),
      },
    },
    async (req, reply) => {
      const r = await startSsoLogin(ctx, { returnTo: req.query.returnTo });
      if (!r.ok) return toLogin(reply, r.error);
      reply.setCookie(SSO_FLOW_COOKIE, r.flowToken, { ...flowCookie, maxAge: Math.floor(SSO_FLOW_TTL_MS / 1000) });
      return reply.redirect(r.authorizationUrl, 302);
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      onRequest: noStore,
      schema: { tags, summary: '统一身份认证平台回调：核验后建立会话，转到系统首页（失败转到登录页并提示）' },
    },
    async (req, reply) => {
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      const r = await completeSsoLogin(ctx, { flowToken: req.cookies[SSO_FLOW_COOKIE], query, ip: req.ip });
      reply.clearCookie(SSO_FLOW_COOKIE, flowCookie);
      if (!r.ok) {
        req.log.warn({ ssoError: r.error, detail: r.detail }, 'sso sign-in refused');
        return toLogin(reply, r.error);
      }
      const previous = req.cookies[SESSION_COOKIE];
      if (previous) await deleteSession(ctx.db, previous);
      setSessionCookie(reply, config, r.sessionToken);
      return reply.redirect(r.returnTo, 302);
    },
  );

  app.get(
    '/api/admin/identities',
    {
      preValidation: sysadmin,
      schema: {
        tags,
        summary: '统一身份认证账号关联列表（某账号的，或按用户名、姓名、标识检索）',
        querystring: z.object({
          userId: zUuid('账号').optional(),
          q: zOptText('检索词', 100),
          page: z.coerce.number({ error: '页码应为数字' }).int({ error: '页码应为整数' }).min(1, { error: '页码从1开始' }).max(100_000, { error: '页码过大' }).default(1),
          pageSize: z.coerce.number({ error: '每页条数应为数字' }).int({ error: '每页条数应为整数' }).min(1, { error: '每页至少1条' }).max(100, { error: '每页最多100条' }).default(20),
        }),
        response: { 200: z.object({ items: z.array(identityRow), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => listIdentities(ctx, req.user!, { ...req.query, userId: req.query.userId, q: req.query.q ?? undefined }),
  );

  app.post(
    '/api/admin/identities',
    {
      preValidation: sysadmin,
      schema: {
        tags,
        summary: '将统一身份认证账号关联到本系统已有账号（不新建账号、不授予角色）',
        body: z
          .object({
            userId: zUuid('本系统账号').optional(),
            username: zText('本系统用户名', 64).optional(),
            subject: zText('统一身份认证标识', 255),
          })
          .refine((b) => !!b.userId !== !!b.username, { error: '须指定本系统账号（账号编号或用户名，二选一）', path: ['username'] }),
        response: {
          201: identityRow.omit({ orgName: true, active: true }),
        },
      },
    },
    async (req, reply) => reply.status(201).send(await linkIdentity(ctx, req.user!, req.body)),
  );

  app.delete(
    '/api/admin/identities/:id',
    {
      preValidation: sysadmin,
      schema: { tags, summary: '解除统一身份认证账号关联（该账号的会话随即结束）', params: z.object({ id: zUuid('关联编号') }) },
    },
    async (req, reply) => {
      await unlinkIdentity(ctx, req.user!, req.params.id);
      return reply.status(204).send();
    },
  );
};
export default routes;
