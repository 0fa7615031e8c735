import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion } from '../../testing/factories';
import { appendAudit } from '../../db/audit-repo';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
type Actor = Awaited<ReturnType<typeof actAs>>;
let sys: Actor, prov: Actor, pref: Actor, county: Actor, otherCounty: Actor, admin: Actor, inst: Actor, expert: Actor;
const INST_ID = '11111111-1111-4111-8111-111111111111';

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  for (const c of ['530102', '530199', '539900', '530302', '110105']) await ensureRegion(ctx, c);
  sys = await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin']);
  prov = await actAs(ctx, { kind: 'agency', level: 'province', regionCode: '530000' }, ['agency_head']);
  pref = await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100' }, ['agency_officer']);
  county = await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer']);
  otherCounty = await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530302' }, ['agency_officer']);
  admin = await actAs(ctx, { kind: 'admin_dept', level: 'province', regionCode: '530000' }, ['admin_dept_officer']);
  inst = await actAs(ctx, { kind: 'institution', level: 'county', regionCode: '530102', institutionId: INST_ID }, ['institution_staff']);
  expert = await actAs(ctx, { kind: 'expert_pool', level: 'province', regionCode: '530000' }, ['expert']);
  const rows: [string, string, string | null][] = [
    ['institution', INST_ID, '530102'], // county
    ['institution', 'i-530199', '530199'], // 市本级
    ['institution', 'i-539900', '539900'], // 省本级
    ['institution', 'i-530302', '530302'], // another prefecture
    ['institution', 'i-110105', '110105'], // another province
    ['calendar_year', '2026', null], // no region: national only
    ['institution', 'i-5%', '5%'], // a wildcard must not widen a prefix match
  ];
  for (const [entityType, entityId, regionCode] of rows) {
    await ctx.db.transaction((tx) =>
      appendAudit(tx, ctx.clock.now(), { actor: { id: sys.user.id, orgId: sys.org.id }, action: `${entityType}.update`, entityType, entityId, regionCode, after: { x: 1 } }),
    );
  }
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const ids = async (a: Actor, query = '') => {
  const res = await app.inject({ method: 'GET', url: `/api/audit?pageSize=200${query}`, headers: a.headers });
  expect(res.statusCode).toBe(200);
  return (res.json().items as { entityId: string }[]).map((i) => i.entityId).sort();
};

describe('GET /api/audit', () => {
  it('sysadmin sees everything, with actor names and ISO times', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/audit?entityType=calendar_year', headers: sys.headers });
    expect(res.json()).toMatchObject({ total: 1, items: [{ entityId: '2026', actorName: '测试用户', actorOrgId: sys.org.id, at: '2025-09-25T01:00:00.000Z' }] });
    expect(await ids(sys)).toHaveLength(7);
  });

  it('regional roles see their territory by region prefix (incl. 省本级 / 市本级 pseudo codes)', async () => {
    expect(await ids(prov)).toEqual([INST_ID, 'i-530199', 'i-530302', 'i-539900'].sort());
    expect(await ids(admin)).toEqual([INST_ID, 'i-530199', 'i-530302', 'i-539900'].sort());
    expect(await ids(pref)).toEqual([INST_ID, 'i-530199'].sort());
    expect(await ids(county)).toEqual([INST_ID]);
    expect(await ids(otherCounty)).toEqual(['i-530302']);
  });

  it('filters and pages', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/audit?entityType=institution&pageSize=2&page=2`, headers: sys.headers });
    expect(res.json().total).toBe(6);
    expect(res.json().items).toHaveLength(2);
    expect(await ids(prov, `&entityId=i-110105`)).toEqual([]);
  });

  it('refuses institution users and experts with 403, anonymous with 401', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: inst.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: expert.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });
});

describe('GET /api/audit/verify', () => {
  it('is for the sysadmin only', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/audit/verify', headers: sys.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, rows: 7, chains: 7, anchors: { ok: true, checkpoints: 0, latest: null } });
    expect((await app.inject({ method: 'GET', url: '/api/audit/verify', headers: prov.headers })).statusCode).toBe(403);
  });
});

describe('GET /api/audit: labels (issue #7)', () => {
  it('a person reads actions, objects and people by name: 登录 of 测试用户, not auth.login of a UUID', async () => {
    await ctx.db.transaction((tx) =>
      appendAudit(tx, ctx.clock.now(), { actor: { id: county.user.id, orgId: county.org.id }, action: 'auth.login', entityType: 'user', entityId: county.user.id, regionCode: '530102' }));
    await ctx.db.transaction((tx) =>
      appendAudit(tx, ctx.clock.now(), { actor: { id: county.user.id, orgId: county.org.id }, action: 'application.publish_publicity', entityType: 'application', entityId: crypto.randomUUID(), regionCode: '530102' }));
    const res = await app.inject({ method: 'GET', url: '/api/audit?pageSize=2', headers: sys.headers });
    const [publicity, login] = res.json().items as Record<string, unknown>[];
    expect(login).toMatchObject({ action: 'auth.login', actionLabel: '登录', entityType: 'user', entityLabel: '用户', entityName: '测试用户', actorName: '测试用户' });
    expect(publicity).toMatchObject({ actionLabel: '定点申请：发布公示', entityLabel: '定点申请', entityName: null });
  });

  it('every audit action written in the code has a Chinese label', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { auditActionLabel } = await import('../../domain/audit/labels');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) files.push(p);
      }
    };
    walk('src');
    const actions = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/action: '([a-z_.]+)'/g)].map((m) => m[1]!));
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter((a) => auditActionLabel(a) === a)).toEqual([]);
    expect(auditActionLabel('agreement_template.create')).toBe('发布协议范本');
  });
});
