import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs } from '../../testing/factories';
import { buildApp } from '../app';
import { buildRegionRows, seedRegions } from '../../seed/regions';

let ctx: TestContext;
let app: FastifyInstance;
let headers: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedRegions(ctx.db);
  app = await buildApp(ctx);
  headers = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer'])).headers;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('region data', () => {
  it('has every province, prefecture and county plus 省本级/市本级 without code collisions', () => {
    const rows = buildRegionRows();
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    expect(rows.filter((r) => r.level === 'province' && r.kind === 'admin')).toHaveLength(34);
    const pseudo = rows.filter((r) => r.kind === 'yb_pseudo');
    expect(pseudo.find((r) => r.code === '539900')).toMatchObject({ name: '云南省本级', level: 'prefecture', parentCode: '530000' });
    expect(pseudo.find((r) => r.code === '530199')).toMatchObject({ name: '昆明市本级', level: 'county', parentCode: '530100' });
    expect(pseudo.some((r) => r.code.startsWith('71'))).toBe(false);
  });
  it('seeding twice changes nothing', async () => {
    const [before] = await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM regions');
    await seedRegions(ctx.db);
    const [after] = await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM regions');
    expect(after!.n).toBe(before!.n);
  });
});

describe('GET /api/regions', () => {
  it('lists provinces with their profiles, then children', async () => {
    const provinces = (await app.inject({ method: 'GET', url: '/api/regions', headers })).json();
    expect(provinces.find((p: { code: string }) => p.code === '530000')).toMatchObject({ name: '云南省', profileId: 'yunnan', hasChildren: true });
    expect(provinces.find((p: { code: string }) => p.code === '110000').profileId).toBe('beijing');
    expect(provinces.find((p: { code: string }) => p.code === '220000').profileId).toBe('jilin');
    expect(provinces.find((p: { code: string }) => p.code === '440000').profileId).toBe('national');
    const counties = (await app.inject({ method: 'GET', url: '/api/regions?parent=530100', headers })).json();
    expect(counties.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['五华区', '盘龙区', '昆明市本级']));
  });
  it('shows one region with its path; 404 for unknown or malformed codes; 401 without login', async () => {
    const r = (await app.inject({ method: 'GET', url: '/api/regions/530102', headers })).json();
    expect(r.path.map((p: { code: string }) => p.code)).toEqual(['530000', '530100', '530102']);
    expect((await app.inject({ method: 'GET', url: '/api/regions/999999', headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/regions/abc', headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/regions' })).statusCode).toBe(401);
  });
});

describe('GET /api/meta/enums and /api/organizations', () => {
  it('publishes the Chinese labels without login', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/meta/enums' });
    expect(res.statusCode).toBe(200);
    expect(res.json().institutionSubtype.village_clinic).toBe('村卫生室（所）');
    expect(res.json().role.agency_officer).toBe('经办机构工作人员');
  });
  it('lists agencies for a logged-in user', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/organizations?kind=agency', headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().every((o: { kind: string }) => o.kind === 'agency')).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/api/organizations?kind=x', headers })).statusCode).toBe(400);
  });
});

describe('GET /api/public/demo-users', () => {
  it('does not exist unless the deployment seeds the demo', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/demo-users' });
    expect(res.statusCode).toBe(404); // the test context runs with SEED_DEMO=0
  });
});
