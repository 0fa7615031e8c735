import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type AppErrorCode } from '../domain/errors';

const STATUS: Record<AppErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
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
    if (status === 429) return reply.status(429).send({ error: { code: 'TOO_MANY_REQUESTS', message: '请求过于频繁，请稍后再试' } });
    if (status >= 400 && status < 500) {
      // fastify's own 4xx (bad JSON, bad content-type, body too large, multipart limits …): its messages are English
      return reply.status(status).send({ error: { code: 'INVALID_INPUT', message: frameworkMessage(err, req.headers['content-type']) } });
    }
    req.log.error(err);
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误' } });
  });
}

/** Chinese for the 4xx errors fastify and its plugins raise before a route runs, by code. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是有效的 JSON：请检查括号、引号和逗号',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求体为空，但内容类型为 application/json：请提交 JSON 数据',
  FST_ERR_CTP_BODY_TOO_LARGE: '请求体过大',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求体长度与 Content-Length 不符',
  FST_ERR_BAD_URL: '网址有误：路径中含无法解码的字符（% 后应为两位十六进制数）',
  FST_ERR_MAX_PARAM_LENGTH: '网址有误：路径参数过长',
  FST_REQ_FILE_TOO_LARGE: '上传文件过大',
  FST_FILES_LIMIT: '上传文件个数超出上限',
  FST_FIELDS_LIMIT: '表单字段个数超出上限',
  FST_PARTS_LIMIT: '表单部分个数超出上限',
  FST_PROTO_VIOLATION: '表单字段名不允许',
  FST_INVALID_MULTIPART_CONTENT_TYPE: '请求不是 multipart/form-data 表单',
  FST_INVALID_JSON_FIELD_ERROR: '表单中的 JSON 字段不是有效的 JSON',
};

function frameworkMessage(err: FastifyError, contentType: string | undefined): string {
  const known = err.code ? FRAMEWORK_MESSAGES[err.code] : undefined;
  if (known) return known;
  if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const type = (contentType ?? '').split(';')[0]!.trim();
    return `不支持的内容类型${type ? `：${type}` : ''}，请以 application/json 提交（上传文件用 multipart/form-data）`;
  }
  if (err instanceof SyntaxError) return FRAMEWORK_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY!;
  if (err.statusCode === 413) return FRAMEWORK_MESSAGES.FST_ERR_CTP_BODY_TOO_LARGE!;
  return `请求格式有误（HTTP ${err.statusCode ?? 400}）`;
}

/**
 * Errors fastify raises before routing (a path that cannot be decoded, a parameter too long):
 * the same `{ error }` shape in Chinese. Passed as the `frameworkErrors` option.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode ?? 400;
  if (status >= 500) {
    reply.log.error(err);
    void reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误' } });
    return;
  }
  void reply.status(status).send({ error: { code: 'INVALID_INPUT', message: frameworkMessage(err, undefined) } });
}

/**
 * Unknown paths: API paths answer a Chinese 404; with the web app served, any other GET
 * falls back to index.html (client-side routing). Called once, after the static plugin.
 */
export function installNotFound(app: FastifyInstance, opts: { spa: boolean }): void {
  app.setNotFoundHandler((req, reply) => {
    // a missing hashed asset (an old tab after a new build) must not be answered with the page
    if (opts.spa && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) return reply.sendFile('index.html');
    const what = req.url.startsWith('/assets/') ? '文件不存在' : '接口不存在';
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `${what}：${req.method} ${req.url.split('?')[0]}` } });
  });
}
