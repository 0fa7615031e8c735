import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, buildOrg, buildUser, sessionHeaders } from '../../testing/factories';
import { auditLog, institutionPersons, institutions, persons, sessions, users } from '../../db/schema/index';
import { withIdCheck } from '../../domain/validators/id-number';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let admin: { user: { id: string }; headers: Record<string, string> };
let wuhuaHead: { org: { id: string }; user: { id: string }; headers: Record<string, string> };
let panlongOrg: { id: string };
let panlongOfficerId: string;
let instA: { orgId: string; institutionId: string; adminHeaders: Record<string, string>; adminId: string };
let instBStaffId: string;
const REP_ID = withIdCheck('53010219700101123');

const post = (url: string, headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url, headers, payload });
const login = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const cookieHeaders = (res: { json(): { csrfToken: string }; cookies: { name: string; value: string }[] }) => ({
  cookie: `dd_session=${res.cookies.find((c) => c.name === 'dd_session')!.value}`, 'x-csrf-token': res.json().csrfToken,
});
async function institution(name: string, uscc: string) {
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name, uscc, kind: 'medical', subtype: 'general_hospital', ownership: 'public', regionCode: '530102', address: '测试地址', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  return row!.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  admin = await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin']);
  wuhuaHead = await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' }, ['agency_head']);
  panlongOrg = await buildOrg(ctx, { kind: 'agency', level: 'county', regionCode: '530103', name: '盘龙区医疗保障经办中心' });
  panlongOfficerId = (await buildUser(ctx, panlongOrg.id, ['agency_officer'])).id;
  const a = await institution('五华区测试医院', 'ACCOUNTSTEST0000A1');
  const aOrg = await buildOrg(ctx, { kind: 'institution', level: 'county', regionCode: '530102', institutionId: a });
  const aAdmin = await buildUser(ctx, aOrg.id, ['institution_staff', 'institution_admin']);
  instA = { orgId: aOrg.id, institutionId: a, adminHeaders: await sessionHeaders(ctx, aAdmin.id), adminId: aAdmin.id };
  const b = await institution('另一家医院', 'ACCOUNTSTEST0000B2');
  const bOrg = await buildOrg(ctx, { kind: 'institution', level: 'county', regionCode: '530102', institutionId: b });
  instBStaffId = (await buildUser(ctx, bOrg.id, ['institution_staff'])).id;
  const [p] = await ctx.db.insert(persons).values({ idNumber: REP_ID, name: '王法人' }).returning({ id: persons.id });
  await ctx.db.insert(institutionPersons).values({ institutionId: a, personId: p!.id, role: 'legal_rep', fromDate: '2020-01-01' });
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('staff accounts: creation and the temporary password (issue #9)', () => {
  it('the sysadmin creates an agency officer; the temporary password is shown once and must be changed at first login', async () => {
    const res = await post('/api/accounts', admin.headers, { orgId: panlongOrg.id, username: 'pl_new_officer', displayName: '盘龙新经办员', roles: ['agency_officer'] });
    expect(res.statusCode).toBe(201);
    const { account, temporaryPassword } = res.json();
    expect(account).toMatchObject({ username: 'pl_new_officer', roles: ['agency_officer'], mustChangePassword: true, orgId: panlongOrg.id });
    expect(temporaryPassword).toMatch(/^\w{4}-\w{4}-\w{4}$/);
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.create'), eq(auditLog.entityId, account.id)));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(temporaryPassword);

    const first = await login('pl_new_officer', temporaryPassword);
    expect(first.statusCode).toBe(200);
    expect(first.json().user.mustChangePassword).toBe(true);
    const h = cookieHeaders(first);
    const blocked = await app.inject({ method: 'GET', url: '/api/institutions', headers: h });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toContain('请先修改临时密码');
    const changed = await post('/api/account/password', h, { currentPassword: temporaryPassword, newPassword: 'panlong-xin-mima-2026' });
    expect(changed.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/institutions', headers: h })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).json().user.mustChangePassword).toBe(false);
  });

  it('refuses a username already taken (whatever its case), 409', async () => {
    await post('/api/accounts', admin.headers, { orgId: panlongOrg.id, username: 'dup_user', displayName: '甲', roles: ['agency_officer'] });
    const res = await post('/api/accounts', admin.headers, { orgId: panlongOrg.id, username: 'Dup_User', displayName: '乙', roles: ['agency_officer'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('用户名已被使用');
  });

  it('refuses a role that does not fit the organisation kind, 400 naming the roles', async () => {
    const res = await post('/api/accounts', admin.headers, { orgId: panlongOrg.id, username: 'unfit_role', displayName: '丙', roles: ['institution_staff'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'body.roles' });
    expect(res.json().error.message).toContain('医药机构经办人');
  });
});

describe('delegation: the agency head manages its own agency only', () => {
  it('a 五华区 head creates an officer in its own agency (负责人 covers 工作人员)', async () => {
    const res = await post('/api/accounts', wuhuaHead.headers, { username: 'wh_officer2', displayName: '五华经办员二', roles: ['agency_officer'] });
    expect(res.statusCode).toBe(201);
    expect(res.json().account.orgId).toBe(wuhuaHead.org.id);
  });

  it('a 五华区 head cannot create an account in 盘龙区 (403)', async () => {
    const res = await post('/api/accounts', wuhuaHead.headers, { orgId: panlongOrg.id, username: 'wh_in_pl', displayName: '越界', roles: ['agency_officer'] });
    expect(res.statusCode).toBe(403);
    expect(await ctx.db.select().from(users).where(eq(users.username, 'wh_in_pl'))).toHaveLength(0);
  });

  it('a head cannot grant sysadmin, nor a role it does not hold', async () => {
    const res = await post('/api/accounts', wuhuaHead.headers, { username: 'wh_admin', displayName: '提权', roles: ['sysadmin'] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('不能授予本人未持有的角色：系统管理员');
    const officerHead = await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer']);
    expect((await post('/api/accounts', officerHead.headers, { username: 'wh_x', displayName: 'x', roles: ['agency_officer'] })).statusCode).toBe(403);
  });

  it('a head neither reads nor changes an account of 盘龙区 (404, existence not revealed); its list is its own agency', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/accounts/${panlongOfficerId}`, headers: wuhuaHead.headers })).statusCode).toBe(404);
    expect((await post(`/api/accounts/${panlongOfficerId}/reset-password`, wuhuaHead.headers, { version: 1 })).statusCode).toBe(404);
    expect((await post(`/api/accounts/${panlongOfficerId}/deactivate`, wuhuaHead.headers, { version: 1 })).statusCode).toBe(404);
    const list = (await app.inject({ method: 'GET', url: '/api/accounts', headers: wuhuaHead.headers })).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((a: { orgId: string }) => a.orgId === wuhuaHead.org.id)).toBe(true);
    expect((await app.inject({ method: 'GET', url: `/api/accounts?orgId=${panlongOrg.id}`, headers: wuhuaHead.headers })).statusCode).toBe(403);
  });

  it('nobody raises their own roles: neither the head nor the system administrator', async () => {
    const self = await app.inject({ method: 'GET', url: `/api/accounts/${wuhuaHead.user.id}`, headers: wuhuaHead.headers });
    const raise = await app.inject({
      method: 'PATCH', url: `/api/accounts/${wuhuaHead.user.id}`, headers: wuhuaHead.headers,
      payload: { version: self.json().version, roles: ['agency_head', 'agency_officer'] },
    });
    expect(raise.statusCode).toBe(403);
    expect(raise.json().error.message).toContain('不能修改自己的角色');
    const adminSelf = (await app.inject({ method: 'GET', url: `/api/accounts/${admin.user.id}`, headers: admin.headers })).json();
    const adminRaise = await app.inject({
      method: 'PATCH', url: `/api/accounts/${admin.user.id}`, headers: admin.headers, payload: { version: adminSelf.version, roles: ['sysadmin', 'agency_head'] },
    });
    expect(adminRaise.statusCode).toBe(403);
    const rename = await app.inject({ method: 'PATCH', url: `/api/accounts/${admin.user.id}`, headers: admin.headers, payload: { version: adminSelf.version, displayName: '系统管理员甲' } });
    expect(rename.statusCode).toBe(200);
  });
});

describe('deactivation, reset and sessions', () => {
  it('deactivating ends the sessions at once; login is refused in Chinese; reactivation lets them in again', async () => {
    const u = await buildUser(ctx, wuhuaHead.org.id, ['agency_officer'], { username: 'wh_leaver', password: 'long-enough-pass' });
    const h = await sessionHeaders(ctx, u.id);
    const res = await post(`/api/accounts/${u.id}/deactivate`, wuhuaHead.headers, { version: 1, reason: '调离' });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect(await ctx.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode).toBe(401);
    const refused = await login('wh_leaver', 'long-enough-pass');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('账号已停用');
    // a wrong password tells nothing about the account's state
    expect((await login('wh_leaver', 'wrong-password')).json().error.message).toBe('用户名或密码错误');
    expect((await post(`/api/accounts/${u.id}/reactivate`, wuhuaHead.headers, { version: 2 })).statusCode).toBe(200);
    expect((await login('wh_leaver', 'long-enough-pass')).statusCode).toBe(200);
  });

  it('nobody deactivates their own account', async () => {
    expect((await post(`/api/accounts/${admin.user.id}/deactivate`, admin.headers, { version: 99 })).statusCode).toBe(403);
  });

  it('a forced reset gives a new temporary password, ends every session, and the old password no longer works; stale version → 409', async () => {
    const u = await buildUser(ctx, wuhuaHead.org.id, ['agency_officer'], { username: 'wh_forgot', password: 'old-long-password' });
    await sessionHeaders(ctx, u.id);
    expect((await post(`/api/accounts/${u.id}/reset-password`, wuhuaHead.headers, { version: 7 })).statusCode).toBe(409);
    const res = await post(`/api/accounts/${u.id}/reset-password`, wuhuaHead.headers, { version: 1 });
    expect(res.statusCode).toBe(200);
    const { temporaryPassword, account } = res.json();
    expect(account.mustChangePassword).toBe(true);
    expect(await ctx.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    expect((await login('wh_forgot', 'old-long-password')).statusCode).toBe(401);
    const l = await login('wh_forgot', temporaryPassword);
    expect(l.json().user.mustChangePassword).toBe(true);
  });
});

describe('changing one\'s own password', () => {
  it('needs the current password (wrong → 400 in Chinese), refuses a weak one, ends the other sessions and keeps this one', async () => {
    const u = await buildUser(ctx, panlongOrg.id, ['agency_officer'], { username: 'pl_changer', password: 'current-long-pass' });
    const other = await sessionHeaders(ctx, u.id);
    const l = await login('pl_changer', 'current-long-pass');
    const h = cookieHeaders(l);
    const wrong = await post('/api/account/password', h, { currentPassword: 'not-the-password', newPassword: 'brand-new-passphrase' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ field: 'body.currentPassword', message: '当前密码不正确' });
    const weak = await post('/api/account/password', h, { currentPassword: 'current-long-pass', newPassword: 'password123' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('密码过于常见');
    const short = await post('/api/account/password', h, { currentPassword: 'current-long-pass', newPassword: 'abc' });
    expect(short.json().error.message).toContain('密码至少 10 个字符');
    const same = await post('/api/account/password', h, { currentPassword: 'current-long-pass', newPassword: 'current-long-pass' });
    expect(same.json().error.message).toContain('不能与当前密码相同');
    const ok = await post('/api/account/password', h, { currentPassword: 'current-long-pass', newPassword: 'pl-xin-mima-chunjie-2026' });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: other })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode).toBe(200);
    expect((await login('pl_changer', 'pl-xin-mima-chunjie-2026')).statusCode).toBe(200);
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.password.change'), eq(auditLog.entityId, u.id)));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('pl-xin-mima');
  });
});

describe("the institution's own administrator (医药机构管理员)", () => {
  it('creates an institution_staff account in its own institution only, never an agency role', async () => {
    const ok = await post('/api/accounts', instA.adminHeaders, { username: 'inst_a_staff', displayName: '医保办经办人', roles: ['institution_staff'] });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().account.orgId).toBe(instA.orgId);
    const agency = await post('/api/accounts', instA.adminHeaders, { username: 'inst_a_x', displayName: 'x', roles: ['agency_officer'] });
    expect(agency.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/accounts/${instBStaffId}`, headers: instA.adminHeaders })).statusCode).toBe(404);
  });

  it('links the legal representative\'s account to the registered person, verified by 身份证号 (云医保〔2022〕6号 第十八条)', async () => {
    const rep = (await post('/api/accounts', instA.adminHeaders, { username: 'inst_a_rep', displayName: '王法人', roles: ['institution_staff'] })).json().account;
    const wrong = await post(`/api/accounts/${rep.id}/legal-representative`, instA.adminHeaders, { version: rep.version, idNumber: withIdCheck('53010219800101123') });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('不是本机构在机构名录中登记的现任法定代表人');
    const badCheck = await post(`/api/accounts/${rep.id}/legal-representative`, instA.adminHeaders, { version: rep.version, idNumber: '530102197001011230' });
    expect(badCheck.statusCode).toBe(400);
    const ok = await post(`/api/accounts/${rep.id}/legal-representative`, instA.adminHeaders, { version: rep.version, idNumber: REP_ID });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ personName: '王法人' });
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.person.link'), eq(auditLog.entityId, rep.id)));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(REP_ID);
    const agencyLink = await post(`/api/accounts/${wuhuaHead.user.id}/legal-representative`, admin.headers, { version: 1, idNumber: REP_ID });
    expect(agencyLink.statusCode).toBe(409);
  });
});
