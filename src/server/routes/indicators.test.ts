/**
 * External data over HTTP (issue #11, decision 0040): the settlement Excel and the JSON batch of another
 * system, each value kept with its source and date, nothing half-imported, the rejected rows as Excel
 * with 错误说明, and the bad input the issue lists — a file that is not Excel, wrong headers, formulas
 * without results, dates as text, duplicate rows, unknown codes, another county's institution, a file
 * of 100 000 rows — each a clear Chinese message, never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs } from '../../testing/factories';
import { seedRegions } from '../../seed/regions';
import { seedInstitution } from '../../agreements/test-support';
import { withUsccCheck } from '../../domain/validators/uscc';
import { auditLog, institutionIndicators } from '../../db/schema/index';
import { INDICATOR_COLUMNS } from '../../domain/indicators/row';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let wuhua: Record<string, string>;
let panlong: Record<string, string>;
let dept: Record<string, string>;
const inst: Record<string, { id: string; uscc: string; ybCode: string }> = {};

const HEADERS = INDICATOR_COLUMNS.map((c) => c.header);
type Cells = (string | number | Date | { formula: string; result?: unknown })[];

async function workbook(rows: Cells[], headers: string[] = HEADERS): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('外部数据');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
const settlement = (code: string, year: string, amount: string | number): Cells => [code, '', '医保结算费用', year, amount, '', '结算系统', '2026-11-30'];

async function upload(headers: Record<string, string>, body: Buffer | string, fileName = '结算数据.xlsx', mode = 'all_or_nothing') {
  return app.inject({
    method: 'POST', url: `/api/indicators/upload?fileName=${encodeURIComponent(fileName)}&mode=${mode}`,
    headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: body,
  });
}
const values = async () => Number((await ctx.db.select({ n: count() }).from(institutionIndicators))[0]!.n);
const audits = async (action: string) => Number((await ctx.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0]!.n);

async function rejectedSheet(headers: Record<string, string>, importId: string) {
  const res = await app.inject({ url: `/api/indicator-imports/${importId}/rejected.xlsx`, headers });
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as never);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

beforeAll(async () => {
  ctx = await createTestContext('2026-12-01T09:00:00+08:00');
  await seedRegions(ctx.db);
  app = await buildApp(ctx);
  wuhua = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer'])).headers;
  panlong = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530103' }, ['agency_officer'])).headers;
  dept = (await actAs(ctx, { kind: 'admin_dept', level: 'prefecture', regionCode: '530100' }, ['admin_dept_officer'])).headers;
  for (const [k, region, i] of [['a', '530102', 1], ['b', '530102', 2], ['c', '530102', 3], ['p', '530103', 4]] as const) {
    const uscc = withUsccCheck(`52530102MJ${String(i).padStart(7, '0')}`);
    const ybCode = `H${region}${String(i).padStart(5, '0')}`;
    const row = await seedInstitution(ctx, region, `外部数据测试${k}诊所`, { uscc, ybCode });
    inst[k] = { id: row.id, uscc, ybCode };
  }
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('the settlement Excel (自治区医保局〔2025〕征求意见稿 二(二)3)', () => {
  it('the template has the columns, their notes and the kinds with the articles they feed', async () => {
    const res = await app.inject({ url: '/api/indicators/template.xlsx', headers: wuhua });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as never);
    expect((book.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const kinds: string[] = [];
    book.getWorksheet('指标说明')!.eachRow((r) => kinds.push(String((r.values as unknown[])[1] ?? '') + '|' + String((r.values as unknown[])[5] ?? '')));
    expect(kinds).toContain('医保结算费用|自治区医保局〔2025〕征求意见稿 二(二)3');
  });

  it('an upload writes each value with its source and date, audited once per import; the same file again changes nothing', async () => {
    const file = await workbook([settlement(inst.a!.ybCode, '2025', 0), settlement(inst.b!.ybCode, '2025', '86000.50'), [inst.b!.ybCode, '', '追溯码扫码上传', '2026-11-30', '是', '', '追溯码平台', '2026-11-30']]);
    const first = await upload(wuhua, file);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ replayed: false, import: { status: 'done', channel: 'xlsx', rowsTotal: 3, created: 3, updated: 0, rejected: 0 } });
    const again = await upload(wuhua, file);
    expect(again.json().import).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 3 });
    expect(await audits('indicator.update')).toBe(0);
    // a changed value is updated and audited with its before and after
    const changed = await upload(wuhua, await workbook([settlement(inst.b!.ybCode, '2025', 91000)]));
    expect(changed.json().import).toMatchObject({ created: 0, updated: 1 });
    expect(await audits('indicator.update')).toBe(1);
    const mine = await app.inject({ url: `/api/institutions/${inst.b!.id}/indicators`, headers: wuhua });
    expect(mine.json().items).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'settlement_total', period: '2025', valueText: '91000.00 元', source: '结算系统', sourceDate: '2026-11-30', article: '自治区医保局〔2025〕征求意见稿 二(二)3' }),
      expect.objectContaining({ kind: 'trace_code_compliant', valueText: '是', article: '自治区医保局〔2025〕征求意见稿 二(二)8' }),
    ]));
  });

  it('all or nothing: duplicate rows, unknown codes, another county\'s institution, a formula without its result — every bad row reported, nothing written', async () => {
    const before = await values();
    const file = await workbook([
      settlement(inst.c!.ybCode, '2025', 100),
      settlement(inst.c!.ybCode, '2025', 200), // duplicate of the row above
      settlement('H53010299999', '2025', 1), // unknown code
      settlement(inst.p!.ybCode, '2025', 1), // 盘龙区's institution: not in 五华区's territory
      [inst.c!.ybCode, '', '医保码识别使用', '2026-11-30', { formula: 'IF(1,"是","否")' }, '', '医保信息平台', '2026-11-30'],
      [inst.c!.ybCode, '', '不存在的指标', '2026-11-30', '是', '', '来源', '2026-11-30'],
    ]);
    const res = await upload(wuhua, file);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.import).toMatchObject({ status: 'rejected', rowsTotal: 6, rejected: 5, created: 0 });
    expect(body.import.message).toContain('本次未导入任何数据');
    expect(await values()).toBe(before);
    const byLine = Object.fromEntries(body.rejects.map((r: { line: number; message: string }) => [r.line, r.message]));
    expect(byLine[3]).toContain('与第 2 行重复');
    expect(byLine[4]).toContain('本辖区内没有医保编码为 H53010299999 的医药机构');
    expect(byLine[5]).toContain(`本辖区内没有医保编码为 ${inst.p!.ybCode}`);
    expect(byLine[6]).toContain('是公式但文件中没有保存计算结果');
    expect(byLine[7]).toMatch(/指标/);
    const sheet = await rejectedSheet(wuhua, body.import.id);
    expect(sheet[0]!.slice(0, 3)).toEqual(['行号', '错误说明', '医保编码']);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(['3', '4', '5', '6', '7']);
    // the valid rows only: the good one is written, the rest reported the same way
    const some = await upload(wuhua, file, '结算数据.xlsx', 'valid_rows');
    expect(some.json().import).toMatchObject({ status: 'done', created: 1, rejected: 5 });
    expect(await values()).toBe(before + 1);
  });

  it('dates and years typed as text are read (2026/11/30, 2023年); a date in the future or a period that is not a year is refused with the column named', async () => {
    const res = await upload(wuhua, await workbook([
      [inst.a!.ybCode, '', '医保结算费用', '2024', '1200', '', '结算系统', '2026/11/30'],
      [inst.a!.ybCode, '', '医保结算费用', '2023年', '1200', '', '结算系统', '2026-11-30'],
      [inst.a!.ybCode, '', '医保结算费用', 'FY22', '1200', '', '结算系统', '2026-11-30'],
      [inst.a!.ybCode, '', '挂证检查', '2026-11-30', '否', '', '专项检查', '2027-01-01'],
    ]), '结算数据.xlsx', 'valid_rows');
    const body = res.json();
    expect(body.import, JSON.stringify(body.rejects)).toMatchObject({ created: 2, rejected: 2 });
    expect(body.rejects.find((r: { line: number }) => r.line === 4).message).toContain('期间');
    expect(body.rejects.find((r: { line: number }) => r.line === 5).message).toContain('来源日期');
  });

  it('not Excel, wrong headers, an empty file, another extension: 400 naming the file, never a 5xx', async () => {
    const notExcel = await upload(wuhua, 'this is not a spreadsheet', '结算.xlsx');
    expect(notExcel.statusCode).toBe(400);
    expect(notExcel.json().error.message).toBe('文件不是有效的 Excel（.xlsx）文件');
    const csv = await upload(wuhua, 'a,b\n1,2\n', '结算.csv');
    expect(csv.statusCode).toBe(400);
    expect(csv.json().error.message).toContain('只支持 .xlsx');
    const wrong = await upload(wuhua, await workbook([['x', 'y']], ['机构', '金额']));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/缺少.*指标/);
    const empty = await upload(wuhua, await workbook([]));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('文件中没有数据行');
  });

  it('a workbook of 100 000 rows is read as a stream and answered row by row (all unknown here): nothing written, no 5xx', async () => {
    const rows: Cells[] = Array.from({ length: 100_000 }, (_, i) => settlement(`H53010${String(i).padStart(6, '0')}`, '2025', i));
    const before = await values();
    const res = await upload(wuhua, await workbook(rows), '十万行.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.json().import).toMatchObject({ status: 'rejected', rowsTotal: 100_000, rejected: 100_000 });
    expect(await values()).toBe(before);
  }, 180_000);
});

describe('the JSON batch of another system', () => {
  it('自治区医保局〔2025〕征求意见稿 二(二)8–10: a batch is imported whole, and the same batch id again is answered with the first result, nothing written', async () => {
    const batch = {
      clientBatchId: 'ybpt-2026-12-01-001',
      rows: [
        { uscc: inst.c!.uscc, kind: 'yb_code_accepted', period: '2026-11-30', value: true, source: '医保信息平台', sourceDate: '2026-12-01' },
        { uscc: inst.c!.uscc, kind: '挂证检查', period: '2026-11-30', value: '否', source: '专项检查', sourceDate: '2026-12-01' },
      ],
    };
    const first = await app.inject({ method: 'POST', url: '/api/indicators/batch', headers: wuhua, payload: batch });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ replayed: false, import: { channel: 'api', status: 'done', created: 2 } });
    const again = await app.inject({ method: 'POST', url: '/api/indicators/batch', headers: wuhua, payload: batch });
    expect(again.json()).toMatchObject({ replayed: true, import: { id: first.json().import.id } });
  });

  it('a batch with a bad row is refused whole: 400 listing the rows; a batch without rows or id names the field', async () => {
    const before = await values();
    const bad = await app.inject({ method: 'POST', url: '/api/indicators/batch', headers: wuhua, payload: { clientBatchId: 'b2', rows: [
      { ybCode: inst.a!.ybCode, kind: 'settlement_total', period: '2022', value: 5, source: '结算系统', sourceDate: '2026-12-01' },
      { ybCode: inst.a!.ybCode, kind: 'settlement_total', period: '2021', value: 'abc', source: '结算系统', sourceDate: '2026-12-01' },
    ] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('本批次未导入任何数据');
    expect(await values()).toBe(before);
    const none = await app.inject({ method: 'POST', url: '/api/indicators/batch', headers: wuhua, payload: { clientBatchId: 'b3', rows: [] } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('批次中没有数据行');
    const noId = await app.inject({ method: 'POST', url: '/api/indicators/batch', headers: wuhua, payload: { rows: [{ kind: 'x' }] } });
    expect(noId.statusCode).toBe(400);
    expect(noId.json().error.message).toContain('批次编号');
  });
});

describe('属地管理', () => {
  it('an import is its organisation\'s: another county\'s officer gets 404; the list pages and filters on the server', async () => {
    const list = await app.inject({ url: '/api/indicator-imports?pageSize=2', headers: wuhua });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    expect(list.json().total).toBeGreaterThan(2);
    const id = list.json().items[0].id;
    expect((await app.inject({ url: `/api/indicator-imports/${id}`, headers: wuhua })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/indicator-imports/${id}`, headers: panlong })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/indicator-imports/${id}/rejected.xlsx`, headers: panlong })).statusCode).toBe(404);
    const rejected = await app.inject({ url: '/api/indicator-imports?status=rejected&channel=xlsx', headers: wuhua });
    expect(rejected.json().items.every((i: { status: string; channel: string }) => i.status === 'rejected' && i.channel === 'xlsx')).toBe(true);
    const badFilter = await app.inject({ url: '/api/indicator-imports?status=maybe', headers: wuhua });
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.message).toContain('导入结果');
  });

  it('an institution\'s values: the prefecture\'s department reads them, another county\'s officer gets 404, a department cannot import', async () => {
    expect((await app.inject({ url: `/api/institutions/${inst.b!.id}/indicators`, headers: dept })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/institutions/${inst.b!.id}/indicators`, headers: panlong })).statusCode).toBe(404);
    expect((await upload(dept, await workbook([settlement(inst.a!.ybCode, '2020', 1)]))).statusCode).toBe(403);
  });
});
