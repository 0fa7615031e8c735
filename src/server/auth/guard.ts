import type { FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors';
import type { Role, SessionUser } from '../../domain/identity/roles';

/** The authenticated user, or 401. */
export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.user;
}

/** The authenticated user holding one of `roles`, or 401/403. */
export function requireRole(req: FastifyRequest, ...roles: Role[]): SessionUser {
  const user = requireUser(req);
  if (!roles.some((r) => user.roles.includes(r))) {
    throw new AppError('FORBIDDEN', '当前角色无权执行此操作');
  }
  return user;
}
