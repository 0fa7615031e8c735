import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { CSRF_HEADER, SESSION_COOKIE, SessionCache, loadSessionUser } from '../../db/session-repo';
import { sessionClock } from '../../domain/clock/clock';
import { PENDING_APPLICANT_API, isPendingApplicant } from '../../domain/registration/registration';
import { THIRD_PARTY_ASSESSOR_API, isThirdPartyAssessor } from '../../domain/identity/roles';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Endpoints reachable without a session that still change state (login; public complaint forms). */
const CSRF_EXEMPT = [/^\/api\/auth\/login$/, /^\/api\/public\//];
/**
 * API routes that answer without a session. Every other /api route needs one: a new
 * endpoint is closed by default, and anonymous callers get 401 before the body is parsed
 * or validated (so never 400/404 that would tell them more).
 */
export const ANONYMOUS_API = [
  /^\/api\/health$/,
  /^\/api\/auth\/(login|logout)$/,
  /^\/api\/auth\/oidc\/(config|start|callback)$/, // single sign-on (decision 0026)
  /^\/api\/public\//,
  /^\/api\/meta\//, // enum label maps: reference data the web app loads before login
  /^\/api\/docs(\/|$)/,
  /^\/api\/openapi\.json$/,
  // the pull feed also admits a subscription's bearer token; the route itself answers 401 without one (decision 0033)
  /^\/api\/feeds\/agreement-events$/,
];

/**
 * Unsafe calls that change accounts, organisations or sessions: the session cache is dropped again once
 * they answered (their transaction committed), so that this node's next request reads the new rows even
 * before the database's notification arrives (decision 0049). Every other writer is covered by the
 * notification alone.
 */
const ACCOUNT_WRITES = [
  /^\/api\/auth\//, /^\/api\/account(s)?(\/|$)/, /^\/api\/admin\/organizations(\/|$)/, /^\/api\/registrations(\/|$)/, /^\/api\/experts(\/|$)/,
  /^\/api\/expert-pool(\/|$)/, /^\/api\/imports(\/|$)/, /^\/api\/change-requests(\/|$)/,
  /^\/api\/admin\/identities(\/|$)/,
];

/** What a user holding a temporary password may call: who am I, log out, change the password, labels. */
const MUST_CHANGE_ALLOWED = [/^\/api\/auth\/(me|logout)$/, /^\/api\/account\/password$/, /^\/api\/meta\//];

export interface RouteEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** every /api route registered after this plugin (the access-matrix test walks it) */
    apiRoutes: RouteEntry[];
    /** the session lookup's cache (decision 0049); undefined where the database cannot notify */
    sessionCache: SessionCache | undefined;
  }
}

/**
 * Loads req.user from the httpOnly session cookie, refuses anonymous calls to non-public
 * API routes, and enforces CSRF on every unsafe method: the client echoes the session's
 * CSRF token (given by login and /api/auth/me) in the x-csrf-token header; a cross-site
 * page can neither read it nor (SameSite=Strict) send the cookie.
 */
export default fp(async (app) => {
  const inventory: RouteEntry[] = [];
  app.decorate('apiRoutes', inventory);
  app.addHook('onRoute', (route) => {
    if (!route.url?.startsWith('/api/')) return;
    for (const method of [route.method].flat()) inventory.push({ method, url: route.url });
  });

  // the session lookup's cache (decision 0049): only where the database can tell every node about a change
  const cache = typeof app.ctx.database?.listen === 'function' ? await new SessionCache().start(app.ctx.database) : undefined;
  app.decorate('sessionCache', cache);
  app.addHook('onClose', async () => cache?.stop());

  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.user = token ? await loadSessionUser(app.ctx.db, token, sessionClock(app.ctx.clock).now(), cache) : null;
    // the matched route's pattern, not the raw path: no encoding tricks; unknown routes fall through to 404
    const pattern = req.routeOptions.url;
    if (!pattern) return;
    if (!req.user) {
      if (ANONYMOUS_API.some((r) => r.test(pattern))) return;
      throw new AppError('UNAUTHENTICATED', '请先登录');
    }
    // an account whose self-registration is not verified yet reaches its own registration only (decision 0027)
    if (isPendingApplicant(req.user) && !ANONYMOUS_API.some((r) => r.test(pattern)) && !PENDING_APPLICANT_API.some((r) => r.test(pattern))) {
      throw new AppError('FORBIDDEN', '注册尚待属地医保经办机构审核，审核通过前只能查看和修改本机构的注册信息');
    }
    // a third-party assessor's account reaches its home page and its own account only (issue #9): its tasks come with supervision
    if (isThirdPartyAssessor(req.user) && !THIRD_PARTY_ASSESSOR_API.some((r) => r.test(pattern))) {
      throw new AppError('FORBIDDEN', '第三方评估机构账号目前只能使用首页和本人账号');
    }
    // a temporary password (reset, first start) is changed before anything else (issue #9)
    if (req.user.mustChangePassword && !MUST_CHANGE_ALLOWED.some((r) => r.test(pattern))) {
      throw new AppError('FORBIDDEN', '请先修改临时密码，再使用系统');
    }
    if (SAFE.has(req.method) || CSRF_EXEMPT.some((r) => r.test(pattern))) return;
    const sent = req.headers[CSRF_HEADER];
    const expected = Buffer.from(req.user.csrfToken);
    const given = Buffer.from(typeof sent === 'string' ? sent : '');
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    if (!ok) throw new AppError('FORBIDDEN', 'CSRF 校验失败：请刷新页面后重试');
  });

  // An answer meant for one signed-in person must not stay in a shared or back-button cache
  // (a clerk's screen on a counter PC after logout). Public answers may be cached as they are.
  app.addHook('onSend', async (req, reply) => {
    if (req.user || req.cookies[SESSION_COOKIE]) reply.header('cache-control', 'no-store');
    if (cache && !SAFE.has(req.method) && ACCOUNT_WRITES.some((r) => r.test(req.routeOptions.url ?? ''))) cache.drop();
  });
});
