import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { CSRF_HEADER, SESSION_COOKIE, loadSessionUser } from '../../db/session-repo';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Endpoints reachable without a session that still change state (login; public complaint forms). */
const CSRF_EXEMPT = [/^\/api\/auth\/login$/, /^\/api\/public\//];

/**
 * Loads req.user from the httpOnly session cookie and enforces CSRF on every unsafe
 * method: the client echoes the session's CSRF token (given by /api/auth/me and login)
 * in the x-csrf-token header; a cross-site form cannot read it.
 */
export default fp(async (app) => {
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.user = token ? await loadSessionUser(app.ctx.db, token, app.ctx.clock.now()) : null;
    const path = req.url.split('?')[0] ?? '';
    if (SAFE.has(req.method) || !path.startsWith('/api/') || CSRF_EXEMPT.some((r) => r.test(path))) return;
    if (!req.user) return; // the route's own guard answers 401
    const sent = req.headers[CSRF_HEADER];
    const ok =
      typeof sent === 'string' &&
      sent.length === req.user.csrfToken.length &&
      timingSafeEqual(Buffer.from(sent), Buffer.from(req.user.csrfToken));
    if (!ok) throw new AppError('FORBIDDEN', 'CSRF 校验失败：请刷新页面后重试');
  });
});
