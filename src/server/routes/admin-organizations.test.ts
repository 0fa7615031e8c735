import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, buildUser, ensureRegion, sessionHeaders } from '../../testing/factories';
import { auditLog, sessions } from '../../db/schema/index';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let admin: Record<string, string>;
let head: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  for (const code of ['530000', '530100', '530102', '530103', '530300']) await ensureRegion(ctx, code);
  admin = (await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin'])).headers;
  head = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_head'])).headers;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const create = (payload: object, headers = admin) => app.inject({ method: 'POST', url: '/api/admin/organizations', headers, payload });

describe('机构（组织）管理 (issue #9)', () => {
  it('creates a prefecture agency bound to its prefecture, audited', async () => {
    const res = await create({ kind: 'agency', name: '曲靖市医疗保障经办中心', level: 'prefecture', regionCode: '530300' });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ kind: 'agency', level: 'prefecture', regionCode: '530300', active: true, version: 1, userCount: 0 });
    const rows = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'organization'), eq(auditLog.entityId, org.id)));
    expect(rows.map((r) => r.action)).toEqual(['organization.create']);
  });

  it('creates a third-party assessor (第三方评估机构) and an administrative department', async () => {
    const a = await create({ kind: 'third_party_assessor', name: '云南某某评估咨询有限公司', level: 'province', regionCode: '530000' });
    expect(a.statusCode).toBe(201);
    expect(a.json().kind).toBe('third_party_assessor');
    const d = await create({ kind: 'admin_dept', name: '盘龙区医疗保障局', level: 'county', regionCode: '530103' });
    expect(d.statusCode).toBe(201);
  });

  it('refuses a level that does not match the region, in Chinese naming the field', async () => {
    const res = await create({ kind: 'agency', name: '错配的经办机构', level: 'county', regionCode: '530100' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'body.level' });
    expect(res.json().error.message).toContain('县区级机构须对应');
  });

  it('refuses an unknown region, a bad kind and a system or institution kind', async () => {
    expect((await create({ kind: 'agency', name: '无区划', level: 'county', regionCode: '539999' })).statusCode).toBe(400);
    for (const kind of ['system', 'institution', 'bogus']) {
      const res = await create({ kind, name: 'x', level: 'county', regionCode: '530102' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('机构类型取值无效');
    }
  });

  it('is for the system administrator only (an agency head is refused)', async () => {
    const res = await create({ kind: 'agency', name: '越权新建', level: 'county', regionCode: '530102' }, head);
    expect(res.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/admin/organizations', headers: head })).statusCode).toBe(403);
  });

  it('edits with a version check (stale → 409) and audits before and after', async () => {
    const org = (await create({ kind: 'expert_pool', name: '云南省专家库（旧名）', level: 'province', regionCode: '530000' })).json();
    const ok = await app.inject({ method: 'PATCH', url: `/api/admin/organizations/${org.id}`, headers: admin, payload: { version: 1, name: '云南省医疗保障定点评估专家库' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '云南省医疗保障定点评估专家库', version: 2 });
    const stale = await app.inject({ method: 'PATCH', url: `/api/admin/organizations/${org.id}`, headers: admin, payload: { version: 1, name: '再改' } });
    expect(stale.statusCode).toBe(409);
    const [row] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'organization.update'), eq(auditLog.entityId, org.id)));
    expect(row?.before).toMatchObject({ name: '云南省专家库（旧名）' });
  });

  it('deactivates (never deletes): its users cannot sign in and their sessions end at once; reactivation restores them', async () => {
    const org = (await create({ kind: 'agency', name: '停用测试经办机构', level: 'county', regionCode: '530103' })).json();
    const u = await buildUser(ctx, org.id, ['agency_officer'], { username: 'deact_org_user', password: 'long-enough-pass' });
    const h = await sessionHeaders(ctx, u.id);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode).toBe(200);
    const res = await app.inject({ method: 'POST', url: `/api/admin/organizations/${org.id}/deactivate`, headers: admin, payload: { version: 1, reason: '机构撤并' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false, userCount: 1 });
    expect(await ctx.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode).toBe(401);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'deact_org_user', password: 'long-enough-pass' } });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.message).toContain('所在机构已停用');
    const back = await app.inject({ method: 'POST', url: `/api/admin/organizations/${org.id}/reactivate`, headers: admin, payload: { version: 2 } });
    expect(back.statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'deact_org_user', password: 'long-enough-pass' } });
    expect(again.statusCode).toBe(200);
  });

  it('has no DELETE route', async () => {
    expect(app.apiRoutes.filter((r) => r.method === 'DELETE' && r.url.startsWith('/api/admin/organizations'))).toEqual([]);
  });

  it('lists filtered, sorted and paged on the server', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/organizations?kind=agency&region=5301&sort=name&order=desc&pageSize=2', headers: admin });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.pageSize).toBe(2);
    expect(body.items.length).toBeLessThanOrEqual(2);
    expect(body.total).toBeGreaterThanOrEqual(2);
    for (const o of body.items) {
      expect(o.kind).toBe('agency');
      expect(o.regionCode.startsWith('5301')).toBe(true);
    }
    const names = body.items.map((o: { name: string }) => o.name);
    expect([...names].sort().reverse()).toEqual(names);
    const inactive = await app.inject({ method: 'GET', url: '/api/admin/organizations?active=false', headers: admin });
    expect(inactive.json().items.every((o: { active: boolean }) => !o.active)).toBe(true);
    const bad = await app.inject({ method: 'GET', url: '/api/admin/organizations?sort=password', headers: admin });
    expect(bad.statusCode).toBe(400);
  });
});
