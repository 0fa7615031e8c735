import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors';
import { sessionClock } from '../../domain/clock/clock';
import { ORG_KINDS, ROLES, toPublicUser } from '../../domain/identity/roles';
import { FAILURES_TO_READ, FREE_FAILURES, THROTTLE_WINDOW_MS, throttleMessage, throttleState } from '../../domain/identity/lockout';
import {
  SESSION_COOKIE,
  createSession,
  deleteExpiredSessions,
  deleteSession,
  findLoginAccount,
  loadSessionUser,
  pruneLoginFailures,
  recentLoginFailures,
  recordLoginFailure,
} from '../../db/session-repo';
import { appendAudit } from '../../db/audit-repo';
import { burnVerification, verifyPassword } from '../../identity/password';
import { requireUser } from '../auth/guard';
import { setSessionCookie as setSessionCookieFor } from '../auth/session-cookie';

/** One message for a wrong username and a wrong password: no account enumeration. */
export const LOGIN_REFUSED = '用户名或密码错误';
export const ACCOUNT_INACTIVE = '账号已停用，不能登录；如有疑问请联系本单位的账号管理员';
export const ORG_INACTIVE = '所在机构已停用，本机构的账号不能登录；如有疑问请联系系统管理员';

export const PublicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  orgId: z.string(),
  orgName: z.string(),
  orgKind: z.enum(ORG_KINDS),
  orgLevel: z.enum(['national', 'province', 'prefecture', 'county']),
  orgRegionCode: z.string().nullable(),
  institutionId: z.string().nullable(),
  mustChangePassword: z.boolean().describe('临时密码（重置或首次启动）须先修改，修改前其他接口一律拒绝'),
  institutionKind: z.string().nullable().optional().describe('医药机构用户所在机构的类别（medical / pharmacy / ltc / third_party），决定菜单'),
});
// `procedureTime`: the clock deadlines and dates run on (a sandbox may have moved it): the web app counts "today"
// from it, not from the viewer's machine, whose clock may be wrong and never follows a moved sandbox clock
const SessionAnswer = z.object({ user: PublicUserSchema, csrfToken: z.string(), procedureTime: z.string().describe('办理时钟的当前时间（ISO 8601）') });

const Locked = z.object({ error: z.object({ code: z.literal('TOO_MANY_REQUESTS'), message: z.string(), retryAt: z.string().optional() }) });

const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.ctx;

  const setSessionCookie = (reply: FastifyReply, token: string) => setSessionCookieFor(reply, config, token);

  app.post(
    '/api/auth/login',
    {
      // per client address, on top of the per-account lockout counted in the database
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: LoginBody,
        response: { 200: SessionAnswer, 429: Locked },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      // sessions and lockouts run on real time; the audit rows carry the (possibly simulated) procedure time
      const now = sessionClock(clock).now();
      const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
      const failures = () => recentLoginFailures(db, username, req.ip, since, FAILURES_TO_READ);
      const lock = throttleState(await failures(), now);
      if (lock.throttled) {
        const seconds = Math.max(1, Math.ceil((lock.retryAt.getTime() - now.getTime()) / 1000));
        return reply
          .status(429)
          .header('retry-after', String(seconds))
          .send({ error: { code: 'TOO_MANY_REQUESTS' as const, message: throttleMessage(lock, now), retryAt: lock.retryAt.toISOString() } });
      }

      const account = await findLoginAccount(db, username);
      const ok = account ? await verifyPassword(account.passwordHash, password) : (await burnVerification(password), false);
      if (!ok || !account) {
        await recordLoginFailure(db, username, req.ip, now);
        const after = throttleState(await failures(), now);
        if (after.throttled && after.failures === FREE_FAILURES) {
          // the first delay for this account and source: worth a line in the audit trail
          await db.transaction((tx) =>
            appendAudit(tx, clock.now(), {
              actor: null,
              action: 'auth.lockout',
              entityType: 'user',
              entityId: account?.id ?? `unknown:${username}`,
              regionCode: account?.orgRegionCode ?? null,
              after: { username, ip: req.ip, failures: after.failures, until: after.retryAt.toISOString() },
            }),
          );
        }
        throw new AppError('UNAUTHENTICATED', LOGIN_REFUSED);
      }

      // the right password of a deactivated account or organisation: say so (only its holder reads it)
      if (!account.active || !account.orgActive) {
        await db.transaction((tx) =>
          appendAudit(tx, clock.now(), {
            actor: null, action: 'auth.login.refused', entityType: 'user', entityId: account.id, regionCode: account.orgRegionCode,
            after: { username, ip: req.ip, accountActive: account.active, orgActive: account.orgActive },
          }),
        );
        throw new AppError('FORBIDDEN', account.active ? ORG_INACTIVE : ACCOUNT_INACTIVE);
      }
      await deleteExpiredSessions(db, account.id, now);
      await pruneLoginFailures(db, username, req.ip, now);
      const { token, csrfToken } = await createSession(db, account.id, now);
      const user = await loadSessionUser(db, token, now);
      if (!user) throw new AppError('UNAUTHENTICATED', LOGIN_REFUSED);
      await db.transaction((tx) =>
        appendAudit(tx, clock.now(), {
          actor: { id: user.id, orgId: user.orgId },
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          regionCode: user.orgRegionCode,
          after: { username, ip: req.ip },
        }),
      );
      setSessionCookie(reply, token);
      return { user: toPublicUser(user), csrfToken, procedureTime: clock.now().toISOString() };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录（无会话时同样清除 Cookie）' } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await deleteSession(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: config.COOKIE_SECURE });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户', response: { 200: SessionAnswer } } },
    async (req) => {
      const user = requireUser(req);
      return { user: toPublicUser(user), csrfToken: user.csrfToken, procedureTime: clock.now().toISOString() };
    },
  );
};
export default routes;
