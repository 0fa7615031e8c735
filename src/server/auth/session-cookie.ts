import type { FastifyReply } from 'fastify';
import type { Config } from '../../config';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../db/session-repo';

/** The session cookie, the same for every way of signing in (password, single sign-on). */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: config.COOKIE_SECURE,
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}
