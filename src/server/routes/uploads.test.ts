/**
 * Uploads and document downloads: type by magic bytes, size, empty and duplicate files answer 400
 * in Chinese with nothing stored; downloads carry an RFC 5987 filename*; notices render to PDF
 * and DOCX from the stored model (京医保发〔2021〕30号 第八条: 受理通知书).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../../testing/factories';
import { applicationMaterials, institutions, regions } from '../../db/schema/index';
import { buildApp } from '../app';
import { uploadRequiredMaterials } from '../../testing/materials';

let ctx: TestContext;
let app: FastifyInstance;
let instUser = '';
let officerUser = '';
let appId = '';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest-of-png')]);

function multipart(fileName: string, content: Buffer, itemKey = 'licence_copy', mime = 'application/pdf') {
  const boundary = '----dingdian' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="itemKey"\r\n\r\n${itemKey}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
async function upload(fileName: string, content: Buffer, itemKey?: string, mime?: string) {
  const m = multipart(fileName, content, itemKey, mime);
  return app.inject({ method: 'POST', url: `/api/applications/${appId}/materials`, headers: { ...(await sessionHeaders(ctx, instUser)), ...m.headers }, payload: m.payload });
}
const count = async () => Number((await ctx.db.select({ n: sql<number>`count(*)::int` }).from(applicationMaterials))[0]!.n);

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530102', '五华区');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name: '五华区上传测试医院', uscc: 'UPLOADTEST1'.padEnd(18, '0'), kind: 'medical', subtype: 'general_hospital', ownership: 'public',
    regionCode: '530102', address: '测试路2号', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  instUser = (await actAs(ctx, { kind: 'institution', regionCode: '530102', institutionId: row!.id }, ['institution_staff'])).user.id;
  officerUser = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' }, ['agency_officer', 'agency_head'])).user.id;
  const res = await app.inject({
    method: 'POST', url: '/api/applications', headers: await sessionHeaders(ctx, instUser),
    payload: { paymentCategories: ['general_outpatient'], insuranceSchemes: ['employee', 'resident', 'critical_illness'] },
  });
  appId = res.json().id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('application materials', () => {
  let mid = '';

  it('a PDF recognised by its bytes is stored with its sha256; download has filename*', async () => {
    const res = await upload('营业执照 副本.pdf', PDF);
    expect(res.statusCode, res.body).toBe(201);
    mid = res.json().id;
    expect(res.json().mime).toBe('application/pdf');
    expect(res.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const dl = await app.inject({ method: 'GET', url: `/api/applications/${appId}/materials/${mid}`, headers: await sessionHeaders(ctx, officerUser) });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('营业执照 副本.pdf')}`);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
  });

  it('a PNG declared as PDF is stored as what it is', async () => {
    const res = await upload('scan.pdf', PNG, 'internal_rules');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mime).toBe('image/png');
  });

  it('wrong type, empty, oversized, duplicate and unknown item → 400 in Chinese; nothing stored', async () => {
    const before = await count();
    const cases = [
      await upload('evil.pdf', Buffer.from('<html><script>alert(1)</script></html>')),
      await upload('empty.pdf', Buffer.alloc(0)),
      await upload('big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)])),
      await upload('again.pdf', PDF),
      await upload('x.pdf', Buffer.from('%PDF-1.7 other'), 'no_such_item'),
    ];
    expect(cases.map((c) => c.statusCode)).toEqual([400, 400, 400, 400, 400]);
    expect(cases.map((c) => c.json().error.message)).toEqual([
      expect.stringContaining('PDF、JPEG或PNG'), expect.stringContaining('文件为空'), expect.stringContaining('10MB'),
      expect.stringContaining('已上传过'), expect.stringContaining('不在本类机构的申请材料清单'),
    ]);
    expect(await count()).toBe(before);
  });

  it('outside the institution: officers cannot upload (403); unknown material → 404', async () => {
    const m = multipart('a.pdf', Buffer.from('%PDF-1.4 officer'));
    const res = await app.inject({ method: 'POST', url: `/api/applications/${appId}/materials`, headers: { ...(await sessionHeaders(ctx, officerUser)), ...m.headers }, payload: m.payload });
    expect(res.statusCode).toBe(403);
    const nf = await app.inject({ method: 'GET', url: `/api/applications/${appId}/materials/nope`, headers: await sessionHeaders(ctx, officerUser) });
    expect(nf.statusCode).toBe(404);
  });

  it('materials-required marks what is uploaded', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/applications/${appId}/materials-required`, headers: await sessionHeaders(ctx, instUser) });
    const items = r.json().items as { id: string; uploaded: unknown[] }[];
    expect(items.find((i) => i.id === 'licence_copy')!.uploaded).toHaveLength(1);
    expect(items.find((i) => i.id === 'fund_forecast')!.uploaded).toHaveLength(0);
  });

  it('delete while draft; after submission the materials are locked (409)', async () => {
    const del = await app.inject({ method: 'DELETE', url: `/api/applications/${appId}/materials/${mid}`, headers: await sessionHeaders(ctx, instUser) });
    expect(del.statusCode).toBe(204);
    expect((await upload('营业执照 副本.pdf', PDF)).statusCode).toBe(201);
    await uploadRequiredMaterials(ctx, instUser, appId, { except: ['licence_copy'] }); // 受理 below needs every required item
    const sub = await app.inject({ method: 'POST', url: `/api/applications/${appId}/events/submit`, headers: await sessionHeaders(ctx, instUser), payload: { version: 1 } });
    expect(sub.statusCode, sub.body).toBe(200);
    expect((await upload('late.pdf', Buffer.from('%PDF-1.4 late'))).statusCode).toBe(409);
  });
});

describe('documents', () => {
  it('受理通知书 renders as PDF and DOCX with the Chinese title and number in filename*', async () => {
    const h = await sessionHeaders(ctx, officerUser);
    const cur = (await app.inject({ method: 'GET', url: `/api/applications/${appId}`, headers: h })).json();
    const acc = await app.inject({ method: 'POST', url: `/api/applications/${appId}/events/accept`, headers: h, payload: { version: cur.version } });
    expect(acc.statusCode, acc.body).toBe(200);
    const doc = acc.json().documents[0];
    expect(doc.number).toBe('五华医保定受〔2025〕1号');
    const pdf = await app.inject({ method: 'GET', url: `/api/applications/${appId}/documents/${doc.id}.pdf`, headers: h });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(decodeURIComponent(String(pdf.headers['content-disposition']).split("UTF-8''")[1]!)).toBe('医疗保障定点申请受理通知书-五华医保定受〔2025〕1号.pdf');
    const docx = await app.inject({ method: 'GET', url: `/api/applications/${appId}/documents/${doc.id}.docx`, headers: await sessionHeaders(ctx, instUser) });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const bad = await app.inject({ method: 'GET', url: `/api/applications/${appId}/documents/${doc.id}.exe`, headers: h });
    expect(bad.statusCode).toBe(404);
  });
});
