import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs } from '../../testing/factories';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let headers: Record<string, string>;
beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  headers = (await actAs(ctx, { kind: 'institution', level: 'county', regionCode: '530102' }, ['institution_staff'])).headers;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const get = (url: string, h: Record<string, string> | undefined = headers) => app.inject({ method: 'GET', url, headers: h });

describe('GET /api/rules/profiles', () => {
  it('401 without login', async () => {
    const res = await get('/api/rules/profiles', {});
    expect(res.statusCode).toBe(401);
  });
  it('lists the profiles, the draft flagged', async () => {
    const res = await get('/api/rules/profiles');
    expect(res.statusCode).toBe(200);
    const rows = res.json() as { id: string; draft: boolean; regionCode: string | null; extends: string | null }[];
    expect(rows.map((r) => r.id)).toEqual(['national', 'yunnan', 'beijing', 'jilin', 'zizhiqu-2025-draft']);
    expect(rows.find((r) => r.id === 'zizhiqu-2025-draft')).toMatchObject({ draft: true, regionCode: null, extends: 'national' });
    expect(rows.find((r) => r.id === 'yunnan')).toMatchObject({ regionCode: '530000', effectiveFrom: '2022-03-01' });
  });
});

describe('GET /api/rules', () => {
  it('returns the rules in force with citations, parameters and source', async () => {
    const res = await get('/api/rules?profile=beijing&asOf=2024-01-01');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.version).toBe('beijing@2022-01-01');
    const fraud = body.rules.find((r: { id: string }) => r.id === 'beijing.refusal.fraud-application');
    expect(fraud).toMatchObject({
      source: 'override', overrides: 'national.refusal.fraud-application', verified: true, effectiveFrom: '2022-01-01',
      citations: [{ doc: '京医保发〔2021〕30号', article: 12, item: 4, label: '京医保发〔2021〕30号 第十二条(四)' }],
      params: [{ key: 'refusal.fraud.years', value: 3, unit: 'years' }],
    });
    const gsp = body.rules.find((r: { id: string }) => r.id === 'national.pharmacy.condition.gsp-storage');
    expect(gsp).toMatchObject({ source: 'national', verified: false });
  });
  it('defaults asOf to today on the injected clock', async () => {
    const res = await get('/api/rules?profile=jilin');
    expect(res.json().asOf).toBe('2025-09-25');
  });
  it('an earlier date gives the national rule instead of the override', async () => {
    const ids = (await get('/api/rules?profile=jilin&asOf=2023-06-30')).json().rules.map((r: { id: string }) => r.id);
    expect(ids).toContain('national.procedure.immediate-acceptance');
    expect(ids).not.toContain('jilin.procedure.rolling-acceptance');
  });
  it('400 on an unknown profile, naming the field in Chinese', async () => {
    const res = await get('/api/rules?profile=mars');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toContain('profile');
    expect(res.json().error.message).toMatch(/profile.*未知的政策配置/);
  });
  it('400 on a malformed date', async () => {
    const res = await get('/api/rules?profile=national&asOf=2024-02-30');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toContain('asOf');
  });
  it('401 without login', async () => {
    expect((await get('/api/rules?profile=national', {})).statusCode).toBe(401);
  });
});

describe('GET /api/rules/diff', () => {
  it('lists where 云南 and 北京 differ', async () => {
    const res = await get('/api/rules/diff?a=yunnan&b=beijing&asOf=2024-01-01');
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as { slot: string; change: string }[];
    expect(rows.find((r) => r.slot === 'national.jurisdiction.pooling-region')?.change).toBe('override');
    expect(rows.find((r) => r.slot === 'yunnan.deadline.publicity')?.change).toBe('only_a');
    expect(rows.find((r) => r.slot === 'beijing.termination.situations')?.change).toBe('only_b');
  });
  it('400 naming b when b is unknown; 401 without login', async () => {
    const res = await get('/api/rules/diff?a=yunnan&b=nowhere');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toContain('b');
    expect((await get('/api/rules/diff?a=yunnan&b=nowhere', {})).statusCode).toBe(401);
  });
});
