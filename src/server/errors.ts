import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type AppErrorCode } from '../domain/errors';

const STATUS: Record<AppErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE_REFUSED: 422,
  TOO_MANY_REQUESTS: 429,
};

/** The one place that turns errors into HTTP answers: `{ error: { code, message, field?, reasons? } }`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(STATUS[err.code]).send({ error: { code: err.code, message: err.message, ...err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const field = [err.validationContext, ...(first?.instancePath ?? '').split('/').filter(Boolean)].join('.');
      const msg = first?.message ?? '输入有误';
      return reply.status(400).send({
        error: {
          code: 'INVALID_INPUT',
          field,
          message: `字段 ${field}：${msg}`,
          issues: err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
        },
      });
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return reply.status(413).send({ error: { code: 'INVALID_INPUT', message: '请求体过大' } });
    if (status === 415) return reply.status(415).send({ error: { code: 'INVALID_INPUT', message: '不支持的内容类型' } });
    if (status === 429) return reply.status(429).send({ error: { code: 'TOO_MANY_REQUESTS', message: '请求过于频繁，请稍后再试' } });
    if (status >= 400 && status < 500) {
      // fastify's own 4xx (bad JSON, bad content-type, non-UTF-8 body …)
      return reply.status(status).send({ error: { code: 'INVALID_INPUT', message: `请求格式有误：${err.message}` } });
    }
    req.log.error(err);
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误' } });
  });
}

/**
 * Unknown paths: API paths answer a Chinese 404; with the web app served, any other GET
 * falls back to index.html (client-side routing). Called once, after the static plugin.
 */
export function installNotFound(app: FastifyInstance, opts: { spa: boolean }): void {
  app.setNotFoundHandler((req, reply) => {
    if (opts.spa && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } });
  });
}
