import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors';
import { findUnsafeText, unsafeTextMessage, type UnsafeText } from '../domain/validators/text';

export const unsafeTextError = (hit: UnsafeText): AppError =>
  new AppError('INVALID_INPUT', `字段 ${hit.field}：${unsafeTextMessage[hit.problem]}`, { field: hit.field });

/**
 * Every request's path parameters, query and JSON body are checked for characters no text may carry
 * (src/domain/validators/text.ts) before the route's schema runs: one place, so that a route added
 * tomorrow is covered too. Multipart fields are checked by the upload routes with the same function.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const hit = findUnsafeText(req.params, 'params') ?? findUnsafeText(req.query, 'query') ?? findUnsafeText(req.body, 'body');
    if (hit) throw unsafeTextError(hit);
  });
}
