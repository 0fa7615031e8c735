/**
 * Registry import and export over HTTP (issue #9): the upload answers 202 with a job, the job runs
 * in the process (waitForImport), the rejected rows come back as Excel with an 错误说明 column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { and, count, eq, isNotNull, like } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs } from '../../testing/factories';
import { buildApp } from '../app';
import { seedRegions } from '../../seed/regions';
import { withUsccCheck } from '../../domain/validators/uscc';
import { withIdCheck } from '../../domain/validators/id-number';
import { waitForImport } from '../../registry-import/run-import';
import { agreements, auditLog, institutionTerminations, institutions } from '../../db/schema/index';
import { csvCell } from '../../registry-import/export-registry';
import { verifyAuditLog } from '../../db/audit-repo';

let ctx: TestContext;
let app: FastifyInstance;
let wuhua: Record<string, string>;
let panlong: Record<string, string>;
let kunming: Record<string, string>;

/** National platform field names where there is one, Chinese headers for the rest (as docs/import-mapping.md says). */
const CSV_HEADERS = [
  'fixmedins_code', 'fixmedins_name', 'uscc', 'fixmedins_type', '机构类型', 'admdvs', '地址', 'hosp_lv', '医保支付类别',
  '法定代表人姓名', '法定代表人身份证号', '证照类型', '证照编号', '证照有效期起', '协议编号', 'begntime', 'endtime',
];

/** Row i of a fixture file: a 五华区 clinic (or pharmacy every 10th row) with its legal representative, licence and agreement. */
function row(prefix: string, i: number, region = '530102'): string[] {
  const pharmacy = i % 10 === 0;
  const serial = String(i).padStart(5, '0');
  return [
    `${pharmacy ? 'P' : 'H'}${region}${serial}`, `${prefix}${pharmacy ? '大药房' : '诊所'}${i}号`, withUsccCheck(`92${region}MA${({ 甲: 'A', 乙: 'B', 丁: 'D' } as Record<string, string>)[prefix] ?? 'C'}${String(i).padStart(6, '0')}`),
    pharmacy ? '2' : '1', pharmacy ? '单体药店' : '诊所', region, `五华区示例路${i}号`, pharmacy ? '' : '未定级',
    pharmacy ? '药店购药、双通道药品' : '普通门诊', `李${i}`, withIdCheck(`530102198001${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`),
    pharmacy ? '药品经营许可证' : '医疗机构执业许可证', `LIC-${prefix}-${i}`, '2022-01-01', `五华医保协〔2025〕${prefix}${i}号`, '2025-01-01 00:00:00', '2025-12-31 23:59:59',
  ];
}
const csv = (rows: string[][]) => `\uFEFF${[CSV_HEADERS, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

async function upload(headers: Record<string, string>, body: string | Buffer, fileName: string, mode = 'all_or_nothing') {
  const res = await app.inject({
    method: 'POST', url: `/api/imports?fileName=${encodeURIComponent(fileName)}&mode=${mode}`,
    headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: body,
  });
  expect(res.statusCode, res.body).toBe(202);
  const job = res.json() as { id: string };
  await waitForImport(job.id);
  return (await app.inject({ method: 'GET', url: `/api/imports/${job.id}`, headers })).json();
}

async function rejectedSheet(headers: Record<string, string>, jobId: string) {
  const res = await app.inject({ method: 'GET', url: `/api/imports/${jobId}/rejected.xlsx`, headers });
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as never);
  const sheet = book.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

const auditRows = async () => Number((await ctx.db.select({ n: count() }).from(auditLog))[0]!.n);
const institutionsLike = async (p: string) => Number((await ctx.db.select({ n: count() }).from(institutions).where(like(institutions.name, `${p}%`)))[0]!.n);

beforeAll(async () => {
  ctx = await createTestContext();
  await seedRegions(ctx.db);
  app = await buildApp(ctx);
  wuhua = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer'])).headers;
  panlong = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530103' }, ['agency_officer'])).headers;
  kunming = (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100' }, ['agency_head'])).headers;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('registry import (issue #9)', () => {
  // 1,000 rows, 3 of them bad: a wrong USCC check digit, a 盘龙区 region for a 五华区 officer, a duplicate USCC
  const thousand = () => {
    const rows = Array.from({ length: 1000 }, (_, k) => row('甲', k + 1));
    const u = rows[99]![2]!;
    rows[99]![2] = u.slice(0, 17) + (u[17] === '1' ? '2' : '1');
    rows[499]![5] = '530103';
    rows[899]![2] = rows[0]![2]!;
    return rows;
  };

  it('all or nothing: a file with bad rows writes nothing and reports every bad row', async () => {
    const before = await auditRows();
    const job = await upload(wuhua, csv(thousand()), '存量登记簿.csv', 'all_or_nothing');
    expect(job).toMatchObject({ status: 'rejected', rowsTotal: 1000, rejected: 3, created: 0 });
    expect(await institutionsLike('甲')).toBe(0);
    expect(await auditRows()).toBe(before);
    const sheet = await rejectedSheet(wuhua, job.id);
    expect(sheet[0]!.slice(0, 2)).toEqual(['行号', '错误说明']);
    expect(sheet.length).toBe(4);
  });

  it('valid rows: a 1,000-row CSV with national field names and 3 bad rows imports 997 rows in one go, rejecting exactly 3 with messages naming the field', async () => {
    const job = await upload(wuhua, csv(thousand()), '存量登记簿.csv', 'valid_rows');
    expect(job).toMatchObject({ status: 'done', rowsTotal: 1000, rejected: 3, created: 997, updated: 0, unchanged: 0, agreementsCreated: 997 });
    expect(await institutionsLike('甲')).toBe(997);
    const sheet = await rejectedSheet(wuhua, job.id);
    expect(sheet.map((r) => [r[0], r[1]])).toEqual([
      ['行号', '错误说明'],
      ['101', '「统一社会信用代码」校验位错误'],
      ['501', '「所在区划代码」“530103”不在本经办机构辖区内（属地管理）'],
      ['901', '「统一社会信用代码」与第 2 行重复'],
    ]);
    expect(sheet[0]).toContain('fixmedins_name'); // the row as read, by the file's own headers
  });

  it('re-importing the same file changes nothing and writes no audit row', async () => {
    const before = await auditRows();
    const job = await upload(wuhua, csv(thousand()), '存量登记簿.csv', 'valid_rows');
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 997, agreementsCreated: 0, agreementsUpdated: 0, rejected: 3 });
    expect(await auditRows()).toBe(before);
  });

  it('a real change is written and audited once: one institution and one agreement', async () => {
    const rows = [row('甲', 2), row('甲', 3)];
    rows[0]![6] = '五华区新地址1号';
    rows[1]![16] = '2026-06-30';
    const before = await auditRows();
    const job = await upload(wuhua, csv(rows), '变更.csv');
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 1, unchanged: 1, agreementsUpdated: 1 });
    expect(await auditRows()).toBe(before + 2);
    const actions = (await ctx.db.select({ action: auditLog.action }).from(auditLog).orderBy(auditLog.seq)).slice(-2).map((r) => r.action).sort();
    expect(actions).toEqual(['agreement.import_update', 'institution.import_update']);
  });

  it('属地管理: a 盘龙区 officer cannot import an institution of 五华区, nor take over one registered there', async () => {
    const job = await upload(panlong, csv([row('乙', 1), row('甲', 5, '530102')]), '盘龙.csv', 'valid_rows');
    expect(job).toMatchObject({ status: 'done', created: 0, rejected: 2 });
    const sheet = await rejectedSheet(panlong, job.id);
    expect(sheet[1]![1]).toBe('「所在区划代码」“530102”不在本经办机构辖区内（属地管理）');
    // a job is its organisation's: another agency gets 404
    expect((await app.inject({ method: 'GET', url: `/api/imports/${job.id}`, headers: wuhua })).statusCode).toBe(404);
  });

  it('an Excel file with the template\'s Chinese headers is imported too; the template has the 字段说明 sheet', async () => {
    const t = await app.inject({ method: 'GET', url: '/api/imports/template.xlsx', headers: wuhua });
    expect(t.statusCode).toBe(200);
    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.load(t.rawPayload as never);
    expect(tpl.worksheets.map((s) => s.name)).toEqual(['机构及协议', '字段说明']);
    const headers = (tpl.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(headers).toContain('统一社会信用代码*');

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('机构及协议');
    sheet.addRow(headers);
    const put = (v: Record<string, string | Date>) => sheet.addRow(headers.map((h) => v[h.replace('*', '')] ?? ''));
    put({
      机构名称: '丙诊所1号', 统一社会信用代码: withUsccCheck('92530102MAC000001'), 机构类别: '医疗机构', 机构类型: '诊所', 所在区划代码: '530102', 地址: '五华区丙路1号',
      医院等级: '未定级', 医保支付类别: '普通门诊', 协议编号: '五华医保协〔2025〕丙1号', 协议起始日期: new Date(Date.UTC(2025, 0, 1)), 协议终止日期: new Date(Date.UTC(2025, 11, 31)),
    });
    const job = await upload(wuhua, Buffer.from(await book.xlsx.writeBuffer()), '丙.xlsx');
    expect(job).toMatchObject({ status: 'done', created: 1, agreementsCreated: 1, rejected: 0 });
  });

  it('an Excel of 1,000 institutions with agreements (Chinese headers): 3 bad rows reported, the rest imported, re-imported without change', async () => {
    const COLS: Record<string, string> = {
      fixmedins_code: '医保机构编码', fixmedins_name: '机构名称', hosp_lv: '医院等级', uscc: '统一社会信用代码', fixmedins_type: '机构类别', admdvs: '所在区划代码', begntime: '协议起始日期', endtime: '协议终止日期',
    };
    const headers = CSV_HEADERS.map((h) => COLS[h] ?? h);
    const rows = Array.from({ length: 1000 }, (_, k) => row('丁', k + 1, '530103'));
    for (const r of rows) {
      r[0] = r[0]!.slice(0, 7) + String(50000 + Number(r[0]!.slice(7))); // other 医保编码 than 五华区's
      r[3] = r[3] === '2' ? '零售药店' : '医疗机构';
      r[14] = r[14]!.replace('五华', '盘龙');
    }
    rows[9]![10] = rows[9]![10]!.slice(0, 17) + (rows[9]![10]![17] === '1' ? '2' : '1'); // 身份证号 check digit
    rows[19]![4] = '大药房'; // not a 机构类型
    rows[29]![16] = '2024-12-31'; // ends before it starts
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('机构及协议');
    sheet.addRow(headers);
    for (const r of rows) sheet.addRow(r);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const job = await upload(panlong, xlsx, '盘龙存量.xlsx', 'valid_rows');
    expect(job).toMatchObject({ status: 'done', rowsTotal: 1000, rejected: 3, created: 997, agreementsCreated: 997 });
    const rejected = await rejectedSheet(panlong, job.id);
    expect(rejected.map((r) => [r[0], r[1]])).toEqual([
      ['行号', '错误说明'],
      ['11', '「法定代表人身份证号」校验位错误'],
      ['21', expect.stringMatching(/^「机构类型」“大药房”不是有效的机构类型/) as unknown as string],
      ['31', '「协议终止日期」应晚于协议起始日期'],
    ]);
    const before = await auditRows();
    const again = await upload(panlong, xlsx, '盘龙存量.xlsx', 'valid_rows');
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 997, agreementsCreated: 0, agreementsUpdated: 0, rejected: 3 });
    expect(await auditRows()).toBe(before);
  });

  it('an imported agreement is a real agreement: listed, readable, and its verification says there is no online signature', async () => {
    const [ag] = await ctx.db.select().from(agreements).where(eq(agreements.number, '五华医保协〔2025〕甲2号'));
    expect(ag).toMatchObject({ source: 'import', status: 'signed', applicationId: null, templateId: null, termFrom: '2025-01-01', termTo: '2025-12-31' });
    const list = (await app.inject({ method: 'GET', url: '/api/agreements?status=signed&pageSize=100', headers: wuhua })).json();
    expect(list.total).toBeGreaterThanOrEqual(997);
    const ofOne = (await app.inject({ method: 'GET', url: `/api/agreements?institutionId=${ag!.institutionId}`, headers: wuhua })).json();
    expect(ofOne.items).toEqual([expect.objectContaining({ id: ag!.id, source: 'import', paymentCategories: ['general_outpatient'] })]);
    const one = await app.inject({ method: 'GET', url: `/api/agreements/${ag!.id}`, headers: wuhua });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().document.number).toBe('五华医保协〔2025〕甲2号');
    const verify = await app.inject({ method: 'GET', url: `/api/agreements/${ag!.id}/verify`, headers: wuhua });
    expect(verify.statusCode, verify.body).toBe(200);
    expect(verify.json()).toMatchObject({ signatures: [], overall: 'imported', text: { unchangedSinceFixed: true, matchesModel: true } });
    for (const format of ['pdf', 'docx']) {
      const doc = await app.inject({ method: 'GET', url: `/api/agreements/${ag!.id}/document?format=${format}`, headers: wuhua });
      expect(doc.statusCode, doc.body.slice(0, 200)).toBe(200);
      expect(doc.rawPayload.length).toBeGreaterThan(1000);
    }
    // the pipeline's steps do not apply to it
    const study = await app.inject({ method: 'POST', url: `/api/agreements/${ag!.id}/study`, headers: wuhua, payload: { heldOn: '2025-01-01', attendees: ['张三'] } });
    expect(study.statusCode).toBe(409);
    // another territory does not see it
    expect((await app.inject({ method: 'GET', url: `/api/agreements/${ag!.id}`, headers: panlong })).statusCode).toBe(404);
  });

  it('云医保〔2022〕6号 第三十一条: an imported agreement 履行中 at a 定点 institution is 生效 in 协议管理, and the agency can 解除 it — the record names its legal representative', async () => {
    const [ag] = await ctx.db.select().from(agreements).where(eq(agreements.number, '五华医保协〔2025〕甲3号'));
    expect(ag).toMatchObject({ source: 'import', lifeState: 'in_force', lifeSince: '2025-01-01' });
    const view = await app.inject({ url: `/api/agreements/${ag!.id}/life`, headers: wuhua });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().agreement.lifeState).toBe('in_force');
    const r = await app.inject({
      method: 'POST', url: `/api/agreements/${ag!.id}/life-events/terminate`, headers: wuhua,
      payload: { version: ag!.version, situation: 'fraud', facts: '经查实存在欺诈骗保行为' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, ag!.institutionId));
    expect(inst!.status).toBe('terminated');
    const [rec] = await ctx.db.select().from(institutionTerminations).where(eq(institutionTerminations.institutionId, ag!.institutionId));
    expect(rec).toMatchObject({ category: 'serious' });
    expect(JSON.stringify(rec!.persons)).toContain('李3');
    // a void agreement carries no life (what happened to it happened on paper)
    const [voided] = await ctx.db.select({ n: count() }).from(agreements).where(and(eq(agreements.source, 'import'), eq(agreements.status, 'void'), isNotNull(agreements.lifeState)));
    expect(Number(voided!.n)).toBe(0);
  });

  it('export: the list page\'s filters and the actor\'s territory; CSV with national field names re-imports unchanged', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/institutions/export?format=csv&kind=pharmacy', headers: wuhua });
    expect(res.statusCode).toBe(200);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['fixmedins_code', 'fixmedins_name', 'uscc', 'fixmedins_type']);
    expect(lines.length - 1).toBe(97); // 100 pharmacies (every 10th row); the 3 rejected rows were all pharmacies
    expect(lines.slice(1).every((l) => l.includes('零售药店'))).toBe(true);
    // 盘龙区 sees only its own (the Excel test's), none of 五华区's; 昆明市 sees both
    const pl = await app.inject({ method: 'GET', url: '/api/institutions/export?format=csv&kind=pharmacy', headers: panlong });
    const plRows = pl.body.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);
    expect(plRows.length).toBe(97);
    expect(plRows.every((l) => l.includes(',530103,') && !l.includes(',530102,'))).toBe(true);
    const km = await app.inject({ method: 'GET', url: '/api/institutions/export?format=csv&kind=pharmacy', headers: kunming });
    expect(km.body.replace(/^\uFEFF/, '').trim().split('\r\n').length - 1).toBe(194);
    const kmWuhua = await app.inject({ method: 'GET', url: '/api/institutions/export?format=csv&kind=pharmacy&region=530102', headers: kunming });
    expect(kmWuhua.body.replace(/^\uFEFF/, '').trim().split('\r\n').length - 1).toBe(97);
    // the export is an import file: nothing changes (the masked 身份证号 column is not read)
    const before = await auditRows();
    const again = await upload(wuhua, res.body, '导出.csv');
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 97, rejected: 0 });
    expect(await auditRows()).toBe(before);
    // Excel too
    const x = await app.inject({ method: 'GET', url: '/api/institutions/export?format=xlsx&q=诊所1号', headers: wuhua });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as never);
    expect((book.worksheets[0]!.getRow(1).values as string[]).slice(1, 3)).toEqual(['医保机构编码', '机构名称']);
  });

  it('one import at a time per organisation: a second upload while one runs answers 409', async () => {
    const send = (rows: string[][]) => app.inject({
      method: 'POST', url: `/api/imports?fileName=${encodeURIComponent('x.csv')}&mode=valid_rows`,
      headers: { ...kunming, 'content-type': 'application/octet-stream' }, payload: csv(rows),
    });
    // the first job must still be running when the second upload arrives: a one-row job could finish
    // first on a fast database (seen on PostgreSQL in CI), so it validates and writes 2 000 rows
    const first = await send(Array.from({ length: 2000 }, (_, i) => row('戊', i + 1)));
    expect(first.statusCode).toBe(202);
    const second = await send([row('戊', 1)]);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe('本机构已有导入任务正在进行，请等待其完成后再导入');
    await waitForImport(first.json().id);
    const third = await send([row('戊', 1)]);
    expect(third.statusCode).toBe(202);
    await waitForImport(third.json().id);
  });

  it('after all these imports, creations and changes, every audit chain still verifies (decision 0012, audit:verify)', async () => {
    const verdict = await verifyAuditLog(ctx.db);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.rows).toBeGreaterThan(3900); // ≈ 2 × 997 institutions + their agreements
  });

  it('bad uploads answer 400 in Chinese, never 5xx', async () => {
    const notXlsx = await app.inject({ method: 'POST', url: '/api/imports?fileName=a.xlsx', headers: { ...wuhua, 'content-type': 'application/octet-stream' }, payload: 'hello' });
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.message).toBe('文件不是有效的 Excel（.xlsx）文件');
    const pdf = await app.inject({ method: 'POST', url: '/api/imports?fileName=a.pdf', headers: { ...wuhua, 'content-type': 'application/octet-stream' }, payload: 'x' });
    expect(pdf.statusCode).toBe(400);
    const job = await upload(wuhua, 'foo,bar\r\n1,2\r\n', 'x.csv');
    expect(job.status).toBe('failed');
    expect(job.message).toMatch(/^文件缺少必填列：机构名称（fixmedins_name）/);
  });
});
