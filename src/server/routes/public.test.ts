import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';
import { applications, auditLog, complaints, institutions } from '../../db/schema/index';
import { seedApplication, seedInstitution } from '../../agreements/test-support';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let appId: string;
let ip = 0;
/** every test its own client address: the complaint form is rate-limited per IP */
const from = () => `10.0.0.${++ip}`;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530102', '五华区');
  await ensureRegion(ctx, '220102', '南关区');
  const inst = await seedInstitution(ctx, '530102', '五华仁和医院');
  appId = (await seedApplication(ctx, { institutionId: inst.id, regionCode: '530102', profileId: 'yunnan', state: 'in_publicity' })).id;
  const other = await seedInstitution(ctx, '530102', '五华评估中医院');
  await seedApplication(ctx, { institutionId: other.id, regionCode: '530102', profileId: 'yunnan', state: 'negotiating' });
  await seedInstitution(ctx, '530102', '五华人民医院', { status: 'designated' });
  await seedInstitution(ctx, '220102', '长春人民医院', { status: 'designated' });
  await seedInstitution(ctx, '530102', '五华人民诊所'); // not designated
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const complaint = (over: Record<string, unknown> = {}) => ({
  applicationId: appId, content: '该机构公示的床位数与实际不符。', contactName: '王某', phone: '13800138000', ...over,
});

describe('public site — no login, no CSRF (云医保〔2022〕6号 第七条)', () => {
  it('publishes conditions, materials, acceptance time, department and time limits per kind and profile (第七条)', async () => {
    const res = await app.inject({ url: '/api/public/conditions?profile=yunnan&kind=medical' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.basis).toBe('云医保〔2022〕6号 第七条');
    expect(body.conditions.length).toBeGreaterThan(0);
    expect(body.materials.length).toBeGreaterThan(0);
    expect(body.acceptance.time.text).toContain('即时受理');
    expect(body.acceptance.departments.length).toBeGreaterThan(0);
    expect(body.acceptance.limits.find((l: { key: string }) => l.key === 'notice.supplement.workdays').value).toBe(5);
  });

  it('Jilin long-term-care homes: 7 materials (吉医保规〔2023〕1号 第十一条) and batch evaluation (第十二条)', async () => {
    const res = await app.inject({ url: '/api/public/conditions?profile=jilin&kind=ltc' });
    expect(res.statusCode).toBe(200);
    expect(res.json().materials).toHaveLength(7);
    expect(res.json().acceptance.time.text).toContain('集中');
  });

  it('publishes evaluation standards (自治区医保局〔2025〕征求意见稿 一(一))', async () => {
    const res = await app.inject({ url: '/api/public/standards?profile=jilin&kind=medical' });
    expect(res.statusCode).toBe(200);
    expect(res.json().sheet.passThreshold).toBe(60);
    expect(res.json().result.allMembersSign).toBe(true);
  });

  it('issue #7: the Yunnan 评估标准 page states Yunnan\'s own basis (云医保〔2022〕6号 第六条第二款、第七条、第十一条), not the autonomous region\'s draft', async () => {
    const res = await app.inject({ url: '/api/public/standards?profile=yunnan&kind=medical' });
    expect(res.statusCode).toBe(200);
    expect(res.json().basis).toBe('云医保〔2022〕6号 第六条第二款；云医保〔2022〕6号 第七条；云医保〔2022〕6号 第十一条');
    expect(res.body).not.toMatch(/自治区医保局|京医保发|吉医保规/u);
    const bj = await app.inject({ url: '/api/public/conditions?profile=beijing&kind=medical' });
    expect(bj.json().basis).toBe('京医保发〔2021〕30号 第七条；京医保发〔2021〕30号 第八条');
    expect(bj.body).not.toMatch(/云医保|吉医保规|自治区医保局/u);
  });

  it('answers 400 naming the field for an unknown kind or profile', async () => {
    const a = await app.inject({ url: '/api/public/conditions?profile=yunnan&kind=bank' });
    expect(a.statusCode).toBe(400);
    expect(a.json().error.field).toBe('querystring.kind');
    const b = await app.inject({ url: '/api/public/conditions?profile=mars&kind=medical' });
    expect(b.statusCode).toBe(400);
    expect(b.json().error.field).toBe('profile');
  });

  it('lists the current publicity with name, address, kind, categories and period (云医保〔2022〕6号 第十五条)', async () => {
    const res = await app.inject({ url: '/api/public/publicity' });
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ name: '五华仁和医院', address: '五华仁和医院路1号', kind: 'medical', from: '2025-09-15', to: '2025-09-24' });
    expect(items[0].categories).toEqual(['general_outpatient', 'inpatient']);
  });

  it('directory: designated institutions only, searched by name tokens and region (吉医保规〔2023〕1号 第二十二条)', async () => {
    const all = (await app.inject({ url: '/api/public/directory?q=人民' })).json();
    expect(all.items.map((i: { name: string }) => i.name).sort()).toEqual(['五华人民医院', '长春人民医院']);
    const yn = (await app.inject({ url: '/api/public/directory?q=人民医院&region=530000' })).json();
    expect(yn.items.map((i: { name: string }) => i.name)).toEqual(['五华人民医院']);
    expect(yn.items[0].servicePhone).toBe('0871-12345678');
    expect(yn.items[0]).not.toHaveProperty('uscc');
    const paged = (await app.inject({ url: '/api/public/directory?pageSize=1&page=2' })).json();
    expect(paged.total).toBe(2);
    expect(paged.items).toHaveLength(1);
  });

  it('regions for the directory\'s region picker, without login: provinces, then a province\'s children; 400 naming the code', async () => {
    const top = await app.inject({ url: '/api/public/regions' });
    expect(top.statusCode).toBe(200);
    expect(top.json().map((r: { code: string }) => r.code)).toContain('530000');
    const yn = (await app.inject({ url: '/api/public/regions?parent=530000' })).json();
    expect(yn.length).toBeGreaterThan(0);
    expect(yn[0]).toEqual({ code: expect.stringMatching(/^53/), name: expect.any(String), level: 'prefecture', hasChildren: expect.any(Boolean) });
    const bad = await app.inject({ url: '/api/public/regions?parent=abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('区划代码');
  });
});

describe('complaints during publicity (云医保〔2022〕6号 第十五条; 吉医保规〔2023〕1号 第十九条)', () => {
  it('accepts a complaint without login or CSRF token, stores markup verbatim as text, files the event', async () => {
    const content = '<script>alert(1)</script> 虚报人员 & "挂证"';
    const res = await app.inject({ method: 'POST', url: '/api/public/complaints', remoteAddress: from(), payload: complaint({ content, email: 'a@b.cn' }) });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    const [row] = await ctx.db.select().from(complaints).where(eq(complaints.id, id));
    expect(row!.content).toBe(content);
    expect(row!.phone).toBe('13800138000');
    const [a] = await ctx.db.select().from(applications).where(eq(applications.id, appId));
    const listed = (a!.data as { publicity: { complaints: { id: string; contact: string }[] } }).publicity.complaints;
    expect(listed.map((c) => c.id)).toContain(id);
    // the institution can read its application: the complainant's phone is not in it
    expect(JSON.stringify(a!.data)).not.toContain('13800138000');
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((r) => r.action)).toEqual(['complaint.file']);
    const ev = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'application.file_complaint'));
    expect(ev.length).toBeGreaterThan(0);
  });

  it('finds the application by the institution name in the publicity list', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/public/complaints', remoteAddress: from(), payload: complaint({ applicationId: null, institutionName: '五华仁和医院' }) });
    expect(res.statusCode).toBe(201);
    const bad = await app.inject({ method: 'POST', url: '/api/public/complaints', remoteAddress: from(), payload: complaint({ applicationId: null, institutionName: '五华评估中医院' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('institutionName');
  });

  it('refuses a bad phone with a Chinese 400 naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/public/complaints', remoteAddress: from(), payload: complaint({ phone: '1380013800x' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('body.phone');
    expect(res.json().error.message).toContain('联系电话格式错误');
  });

  it('refuses content over 2000 characters and an empty contact name', async () => {
    const long = await app.inject({ method: 'POST', url: '/api/public/complaints', remoteAddress: from(), payload: complaint({ content: '举'.repeat(2001) }) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.field).toBe('body.content');
    expect(long.json().error.message).toContain('2000');
    const ok = await app.inject({ method: 'POST', url: '/api/public/complaints', remoteAddress: from(), payload: complaint({ content: '举'.repeat(2000) }) });
    expect(ok.statusCode).toBe(201);
    const noName = await app.inject({ method: 'POST', url: '/api/public/complaints', remoteAddress: from(), payload: complaint({ contactName: ' ' }) });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.field).toBe('body.contactName');
  });

  it('refuses an application not in publicity, and a malformed id, with 400 (never 500)', async () => {
    const [neg] = await ctx.db.select({ id: applications.id }).from(applications).where(eq(applications.state, 'negotiating'));
    for (const id of [neg!.id, 'not-a-uuid', '00000000-0000-0000-0000-000000000001']) {
      const res = await app.inject({ method: 'POST', url: '/api/public/complaints', remoteAddress: from(), payload: complaint({ applicationId: id }) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe('applicationId');
    }
  });

  it('rate-limits the complaint form per IP: the 6th request in a minute answers 429', async () => {
    const addr = from();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/public/complaints', remoteAddress: addr, payload: complaint({ phone: 'bad' }) });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([400, 400, 400, 400, 400, 429]);
    const other = await app.inject({ method: 'POST', url: '/api/public/complaints', remoteAddress: from(), payload: complaint() });
    expect(other.statusCode).toBe(201);
  });

  it('institutions table is untouched by public reads', async () => {
    const rows = await ctx.db.select({ n: institutions.id }).from(institutions);
    expect(rows.length).toBe(5);
  });
});
