/**
 * The public list of terminated institutions (京医保发〔2021〕30号 第四十三条 「向社会公布解除医保协议的医疗
 * 机构名单」; decision 0034) and its open data, and the directory's 协议中止 tag, over HTTP without login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';
import { seedInstitution } from '../../agreements/test-support';
import { applications, institutionTerminations } from '../../db/schema/index';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;

type Item = { name: string; ybCode: string | null; regionCode: string; regionName: string | null; terminatedOn: string; situationLabel: string; onRequest: boolean };
const list = async (query = '') => {
  const res = await app.inject({ url: `/api/public/terminated-institutions?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number; page: number; pageSize: number };
};

async function terminated(regionCode: string, name: string, r: Partial<typeof institutionTerminations.$inferInsert> & { terminatedOn: string }, ybCode?: string) {
  const inst = await seedInstitution(ctx, regionCode, name, { status: 'terminated', ...(ybCode ? { ybCode } : {}) });
  await ctx.db.insert(institutionTerminations).values({
    institutionId: inst.id, category: 'other', regionCode, source: 'lifecycle', createdAt: ctx.clock.now(),
    persons: [{ personId: 'p', role: 'legal_rep', name: '张法人' }], note: '内部备注：违规事实', ...r,
  });
  return inst;
}

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  app = await buildApp(ctx);
  for (const [c, n] of [['110000', '北京市'], ['110105', '朝阳区'], ['110108', '海淀区'], ['530000', '云南省'], ['530102', '五华区']] as const) await ensureRegion(ctx, c, n);
  await terminated('110105', '朝阳欺诈医院', { terminatedOn: '2025-03-01', situation: 'fraud', category: 'serious', decisionNo: '京医保解〔2025〕1号' }, 'H11010500001');
  await terminated('110108', '海淀申请退出诊所', { terminatedOn: '2024-06-30', situation: 'on_request', cause: 'on_request' });
  await terminated('530102', '五华历史解除医院', { terminatedOn: '2023-01-10', category: 'serious', source: 'converted', cause: 'other' });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('京医保发〔2021〕30号 第四十三条: the public list of terminated institutions', () => {
  it('京医保发〔2021〕30号 第四十三条: name, region, 医保编码, date and situation, newest first — no persons, no 统一社会信用代码, no decision text', async () => {
    const res = await app.inject({ url: '/api/public/terminated-institutions' });
    expect(res.statusCode).toBe(200);
    const page = res.json() as { items: Item[]; total: number };
    expect(page.total).toBe(3);
    expect(page.items.map((i) => [i.name, i.regionName, i.terminatedOn])).toEqual([
      ['朝阳欺诈医院', '朝阳区', '2025-03-01'], ['海淀申请退出诊所', '海淀区', '2024-06-30'], ['五华历史解除医院', '五华区', '2023-01-10'],
    ]);
    expect(page.items[0]).toMatchObject({ ybCode: 'H11010500001', situationLabel: expect.stringContaining('欺诈骗保'), onRequest: false });
    // 第四十三条(十二): a requested termination is on the list as what it is
    expect(page.items[1]).toMatchObject({ situationLabel: '机构主动申请解除', onRequest: true });
    // converted by migration 0015: not published as 严重违法违规 on an assumption
    expect(page.items[2]!.situationLabel).toContain('情形待核实');
    for (const banned of ['张法人', '内部备注', '京医保解〔2025〕1号', 'AGRT', 'uscc', 'personId']) expect(res.body).not.toContain(banned);
  });

  it('京医保发〔2021〕30号 第四十三条: filters by region (province, county), year and name; paged; bad input is a 400 naming the field', async () => {
    expect((await list('region=110000')).items.map((i) => i.name)).toEqual(['朝阳欺诈医院', '海淀申请退出诊所']);
    expect((await list('region=110108')).items.map((i) => i.name)).toEqual(['海淀申请退出诊所']);
    expect((await list('year=2025')).items.map((i) => i.name)).toEqual(['朝阳欺诈医院']);
    expect((await list('q=五华')).items.map((i) => i.name)).toEqual(['五华历史解除医院']);
    const p2 = await list('pageSize=2&page=2');
    expect(p2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(p2.items.map((i) => i.name)).toEqual(['五华历史解除医院']);
    for (const [q, field] of [['year=abc', 'year'], ['region=11x', 'region'], ['page=0', 'page'], ['year=1990', 'year'], [`q=${encodeURIComponent('医院\u0000')}`, 'q']] as const) {
      const bad = await app.inject({ url: `/api/public/terminated-institutions?${q}` });
      expect(bad.statusCode, q).toBe(400);
      expect(bad.json().error.message, q).toContain(field);
    }
  });

  it('京医保发〔2021〕30号 第四十三条: open data — CSV (UTF-8 with BOM) and xlsx with the same filters and columns', async () => {
    const csv = await app.inject({ url: '/api/public/terminated-institutions.csv?region=110000' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('机构名称,医保编码,行政区划代码,所在地区,解除日期,解除情形');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('朝阳欺诈医院,H11010500001,110105,朝阳区,2025-03-01,');
    expect(csv.body).not.toContain('张法人');
    const xlsx = await app.inject({ url: '/api/public/terminated-institutions.xlsx?year=2024' });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('机构名称');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('海淀申请退出诊所');
    expect(sheet.getRow(2).getCell(6).value).toBe('机构主动申请解除');
    expect((await app.inject({ url: '/api/public/terminated-institutions.xlsx?year=x' })).statusCode).toBe(400);
  });
});

describe('the public directory shows suspended institutions as such, never terminated ones (decision 0034)', () => {
  it('京医保发〔2021〕30号 第四十二条: a suspended institution is listed with suspended: true; a terminated one is not listed even with a signed application', async () => {
    await seedInstitution(ctx, '530102', '五华定点医院', { status: 'designated' });
    await seedInstitution(ctx, '530102', '五华中止医院', { status: 'suspended' });
    const gone = await seedInstitution(ctx, '530102', '五华已解除医院', { status: 'terminated' });
    const now = ctx.clock.now();
    await ctx.db.insert(applications).values({
      institutionId: gone.id, kind: 'medical', regionCode: '530102', profileId: 'yunnan', state: 'activated', version: 1,
      data: { state: 'activated' }, declaration: { paymentCategories: [], insuranceSchemes: [] }, createdAt: now, updatedAt: now,
    } as typeof applications.$inferInsert);
    const res = await app.inject({ url: '/api/public/directory?region=530102' });
    expect(res.statusCode).toBe(200);
    const items = (res.json().items as { name: string; suspended: boolean }[]).map((i) => [i.name, i.suspended]);
    expect(items).toEqual(expect.arrayContaining([['五华定点医院', false], ['五华中止医院', true]]));
    expect(items.map((i) => i[0])).not.toContain('五华已解除医院');
  });
});
