import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../testing/context';
import { actAs } from '../testing/factories';
import { ROLES } from '../domain/identity/roles';
import { buildApp } from './app';

/**
 * Fuzz over every write endpoint, generated from the OpenAPI document (issue #8, hardening): each
 * request body is built from the route's schema, then every string in it is replaced in turn by a
 * hostile value — NUL, a lone UTF-16 surrogate, a C0 control, a right-to-left override — and path
 * parameters get the same treatment. Multipart routes also get malformed bodies. Whatever the
 * route, the answer is a 4xx in the project's error shape naming the field — never a 5xx.
 */
type Schema = {
  type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema;
  enum?: unknown[]; const?: unknown; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[];
  format?: string; minimum?: number; minLength?: number; pattern?: string; default?: unknown;
};
type Operation = {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: { in: string; name: string; schema?: Schema }[];
};

const HOSTILE: Record<string, string> = {
  nul: 'a\u0000b',
  lone_surrogate: 'a\ud800b',
  control: 'a\u0007b',
  bidi: '\u202eabc',
};

/** A plausible value for a schema, with `str` wherever a free string goes. */
function sample(s: Schema | undefined, str: string): unknown {
  if (!s) return str;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((a) => a.type !== 'null') ?? alt[0], str);
  if (s.allOf) return sample(s.allOf[0], str);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, str);
      return out;
    }
    case 'array': return [sample(s.items, str)];
    case 'integer': case 'number': return s.minimum ?? 1;
    case 'boolean': return true;
    case 'string':
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.format === 'date') return '2026-01-05';
      if (s.format === 'date-time') return '2026-01-05T09:00:00+08:00';
      return str;
    default: return str;
  }
}

let ctx: TestContext;
let app: FastifyInstance;
let headers: Record<string, string>;
let ops: { method: string; path: string; op: Operation }[];

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await app.ready();
  // one account holding every role, so that routes answer past their role check where they can
  headers = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, [...ROLES])).headers;
  const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['post', 'put', 'patch', 'delete'].includes(m))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

/** A path with every parameter set to `param`; a lone surrogate has no UTF-8 form, so its CESU-8 bytes go in. */
const url = (path: string, param: string) => {
  let enc: string;
  try {
    enc = encodeURIComponent(param);
  } catch {
    enc = 'a%ED%A0%80b';
  }
  return path.replace(/\{[^}]+\}/g, enc);
};

describe('fuzz: every write endpoint of the OpenAPI document', () => {
  it('finds the write endpoints', () => {
    expect(ops.length).toBeGreaterThan(30);
  });

  for (const [name, value] of Object.entries(HOSTILE)) {
    it(`a ${name} in any body string or path parameter answers 4xx naming the field, never 5xx`, async () => {
      const fives: string[] = [];
      for (const { method, path, op } of ops) {
        const json = op.requestBody?.content?.['application/json']?.schema;
        const requests: { url: string; payload?: unknown; hostileBody: boolean }[] = [];
        if (/\{[^}]+\}/.test(path)) requests.push({ url: url(path, value), payload: json ? sample(json, 'x') : undefined, hostileBody: false });
        if (json) requests.push({ url: url(path, '00000000-0000-4000-8000-000000000000'), payload: sample(json, value), hostileBody: true });
        for (const r of requests) {
          const res = await app.inject({ method: method as 'POST', url: r.url, headers, ...(r.payload !== undefined ? { payload: r.payload as object } : {}) });
          if (res.statusCode >= 500) fives.push(`${method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
          else if (r.hostileBody && typeof r.payload === 'object' && res.statusCode === 400) {
            const body = res.json() as { error?: { code?: string; message?: string } };
            expect(body.error?.code, `${method} ${path}`).toBe('INVALID_INPUT');
            expect(body.error?.message ?? '', `${method} ${path}`).toMatch(/[\u4e00-\u9fff]/);
          }
        }
      }
      expect(fives).toEqual([]);
    });
  }

  it('a hostile string in a JSON body is refused with 400 and the field named (e.g. the withdraw reason)', async () => {
    const res = await app.inject({
      method: 'POST', url: '/api/applications/00000000-0000-4000-8000-000000000000/events/withdraw', headers,
      payload: { reason: 'a\u0000b' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'body.reason' });
    expect(res.json().error.message).toContain('空字符');
  });

  it('anonymous endpoints too: login and the public directory search refuse NUL with 400', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'adm\u0000in', password: 'x' } });
    expect(login.statusCode).toBe(400);
    expect(login.json().error.field).toBe('body.username');
    const search = await app.inject({ method: 'GET', url: `/api/public/directory?q=${encodeURIComponent('医院\u0000')}` });
    expect(search.statusCode).toBe(400);
    expect(search.json().error.field).toBe('query.q');
  });

  const multipartRoutes = () => ops.filter(({ op }) => op.requestBody?.content?.['multipart/form-data']);
  it('malformed multipart (truncated, missing or wrong boundary) answers 400 in Chinese, never 5xx', async () => {
    const targets = multipartRoutes();
    expect(targets.length).toBeGreaterThan(0);
    const part = (b: string) => `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 hello`;
    const bodies: { contentType: string; payload: string }[] = [
      { contentType: 'multipart/form-data; boundary=XYZ', payload: part('XYZ') }, // truncated: no closing boundary
      { contentType: 'multipart/form-data', payload: `${part('XYZ')}\r\n--XYZ--\r\n` }, // boundary missing
      { contentType: 'multipart/form-data; boundary=ABC', payload: `${part('XYZ')}\r\n--XYZ--\r\n` }, // wrong boundary
      { contentType: 'multipart/form-data; boundary=XYZ', payload: '--XYZ\r\nContent-Disp' }, // broken part header
    ];
    for (const { method, path } of targets) {
      for (const b of bodies) {
        const res = await app.inject({ method: method as 'POST', url: url(path, '00000000-0000-4000-8000-000000000000'), headers: { ...headers, 'content-type': b.contentType }, payload: b.payload });
        expect(res.statusCode, `${method} ${path} ${b.contentType}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${method} ${path} ${b.contentType}: ${res.body}`).toBeLessThan(500);
        expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
