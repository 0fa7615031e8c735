/**
 * The work queue over HTTP (decision 0019): search, filters, sort, paging, finished files,
 * remaining 工作日 by the working-day calendar, the ended publicity, and the Excel export parsed
 * back with exceljs. Rows are written directly (state, deadline) — the list reads no workflow data
 * except the agreement's signatures for 待我签署.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../../testing/factories';
import { applications, deadlines, institutions, regions } from '../../db/schema/index';
import { seedCalendar } from '../../seed/calendar-seed';
import { loadSessionUser } from '../../db/session-repo';
import { exportQueue } from '../../designation/export-queue';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let officer: string;
let foreign: string;
let agencyId: string;
let n = 0;

async function file(name: string, state: string, opts: { no?: string; yb?: string; due?: { deadline: string; on: string }; data?: object; submitted?: string } = {}) {
  const now = ctx.clock.now();
  n++;
  const [inst] = await ctx.db.insert(institutions).values({
    name, uscc: `91530102MA${String(n).padStart(7, '0')}X`, ybCode: opts.yb ?? null, kind: 'medical', subtype: 'general_hospital', ownership: 'private',
    regionCode: '530102', address: '测试路', openedOn: '2024-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  const [a] = await ctx.db.insert(applications).values({
    institutionId: inst!.id, kind: 'medical', regionCode: '530102', profileId: 'yunnan', agencyOrgId: agencyId, state, version: 1,
    data: opts.data ?? {}, declaration: { paymentCategories: [], insuranceSchemes: [] }, createdAt: now, updatedAt: now,
    submittedAt: opts.submitted ? new Date(opts.submitted) : state === 'draft' ? null : now, applicationNo: opts.no ?? null,
  }).returning({ id: applications.id });
  if (opts.due) {
    await ctx.db.insert(deadlines).values({
      applicationId: a!.id, caseId: a!.id, deadline: opts.due.deadline, basis: 'workday', n: 5, startsOn: '2025-09-01', dueOn: opts.due.on, cites: ['云医保〔2022〕6号 第十九条'],
    });
  }
  return a!.id;
}

const get = async (url: string, who = officer) => app.inject({ method: 'GET', url, headers: await sessionHeaders(ctx, who) });
const names = (r: { json: () => { items: { institutionName: string }[] } }) => r.json().items.map((i) => i.institutionName);

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00'); // Thursday before the National Day holidays
  await seedCalendar(ctx);
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530102', '五华区');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  const o = await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' }, ['agency_officer', 'agency_head']);
  officer = o.user.id;
  agencyId = o.org.id;
  foreign = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530302' }, ['agency_officer'])).user.id;
  await file('甲审核医院', 'under_review', { no: '五华医保定申〔2025〕2号', yb: 'H53010200001', due: { deadline: 'supplement_notice', on: '2025-10-09' }, submitted: '2025-09-20T02:00:00Z' });
  await file('乙公示医院', 'in_publicity', { no: '五华医保定申〔2025〕10号', due: { deadline: 'publicity_period', on: '2025-09-24' }, submitted: '2025-09-01T02:00:00Z' });
  await file('丙备案医院', 'signed', { no: '五华医保定申〔2025〕9号', due: { deadline: 'filing', on: '2025-09-23' }, submitted: '2025-08-01T02:00:00Z' });
  await file('丁今日医院', 'accepted', { no: '五华医保定申〔2025〕1号', due: { deadline: 'evaluation_limit', on: '2025-09-25' }, submitted: '2025-09-10T02:00:00Z' });
  await file('戊签署医院', 'signing', { no: '五华医保定申〔2025〕3号', data: { agreement: { templateId: 't', textHash: 'h' } } });
  await file('己已签医院', 'signing', { no: '五华医保定申〔2025〕4号', data: { agreement: { templateId: 't', textHash: 'h', agencySignature: { by: 'x' } } } });
  await file('庚撤回医院', 'withdrawn', { no: '五华医保定申〔2025〕5号' });
  await file('辛草稿医院', 'draft');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('GET /api/applications — the work queue (decision 0019)', () => {
  it('finished files are left out unless includeFinished=1', async () => {
    expect(names(await get('/api/applications?pageSize=100'))).not.toContain('庚撤回医院');
    expect(names(await get('/api/applications?pageSize=100&includeFinished=1'))).toContain('庚撤回医院');
  });

  it('searches by name, 申请编号, 统一社会信用代码 and 医保编码', async () => {
    expect(names(await get(`/api/applications?q=${encodeURIComponent('审核')}`))).toEqual(['甲审核医院']);
    expect(names(await get(`/api/applications?q=${encodeURIComponent('五华医保定申〔2025〕10号')}`))).toEqual(['乙公示医院']);
    const uscc = (await get(`/api/applications?q=${encodeURIComponent('甲审核')}`)).json().items[0].uscc as string;
    expect(names(await get(`/api/applications?q=${uscc.toLowerCase()}`))).toEqual(['甲审核医院']);
    expect(names(await get('/api/applications?q=h53010200001'))).toEqual(['甲审核医院']);
  });

  it('remaining 工作日 to the nearest deadline come from the working-day calendar (National Day holidays skipped)', async () => {
    const item = (await get(`/api/applications?q=${encodeURIComponent('甲审核')}`)).json().items[0];
    expect(item.applicationNo).toBe('五华医保定申〔2025〕2号');
    expect(item.next).toMatchObject({ due: '2025-10-09', remainingWorkdays: 5, overdue: false, status: 'open' });
  });

  it('云医保〔2022〕6号 第十五条: an ended 公示期 is 「公示期满，待办理」, not 逾期; 第十九条: a passed 备案 deadline is', async () => {
    const items = (await get('/api/applications?pageSize=100')).json().items as { institutionName: string; next: { overdue: boolean; statusLabel: string; remainingWorkdays: number } | null }[];
    const pub = items.find((i) => i.institutionName === '乙公示医院')!;
    expect(pub.next).toMatchObject({ overdue: false, statusLabel: '公示期满，待办理' });
    const filing = items.find((i) => i.institutionName === '丙备案医院')!;
    expect(filing.next).toMatchObject({ overdue: true, statusLabel: '已逾期' });
    expect(filing.next!.remainingWorkdays).toBeLessThan(0);
    expect(names(await get('/api/applications?due=overdue'))).toEqual(['丙备案医院']);
  });

  it('今日到期 and 本周到期 look at the nearest deadline', async () => {
    expect(names(await get('/api/applications?due=today'))).toEqual(['丁今日医院']);
    expect(names(await get('/api/applications?due=week'))).toEqual(['丁今日医院']);
  });

  it('待我办理 = states in which the table offers the officer a step; 待我签署 = signing without the agency signature', async () => {
    const todo = names(await get('/api/applications?mine=todo&pageSize=100'));
    expect(todo).toEqual(expect.arrayContaining(['甲审核医院', '丁今日医院', '戊签署医院']));
    expect(todo).not.toContain('辛草稿医院');
    expect(names(await get('/api/applications?mine=sign'))).toEqual(['戊签署医院']);
  });

  it('sorts by 申请编号 numerically and by submission, and pages on the server', async () => {
    const byNo = (await get('/api/applications?sort=applicationNo&order=desc&pageSize=100')).json().items.map((i: { applicationNo: string | null }) => i.applicationNo);
    expect(byNo.slice(0, 3)).toEqual(['五华医保定申〔2025〕10号', '五华医保定申〔2025〕9号', '五华医保定申〔2025〕4号']);
    const page2 = (await get('/api/applications?sort=applicationNo&order=desc&pageSize=2&page=2')).json();
    expect(page2.items.map((i: { applicationNo: string }) => i.applicationNo)).toEqual(['五华医保定申〔2025〕4号', '五华医保定申〔2025〕3号']);
    expect(page2.total).toBe(7);
    const bySubmitted = names(await get('/api/applications?sort=submittedAt&order=asc&pageSize=3'));
    expect(bySubmitted).toEqual(['丙备案医院', '乙公示医院', '丁今日医院']);
  });

  it('bad sort or filter → 400 naming the field', async () => {
    const r = await get('/api/applications?sort=foo');
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('排序列（sort）');
    expect((await get('/api/applications?due=tomorrow')).body).toContain('到期筛选（due）');
  });

  it('another territory sees none of them', async () => {
    expect((await get('/api/applications?includeFinished=1', foreign)).json().total).toBe(0);
  });
});

describe('GET /api/applications/export — Excel of the filtered list (decision 0019)', () => {
  it('exports exactly the filtered rows with Chinese headers; parsed back with exceljs', async () => {
    const r = await get('/api/applications/export?due=overdue');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('定点工作台')!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['申请编号', '机构名称', '统一社会信用代码', '医保编码', '剩余工作日', '时限状态']));
    expect(sheet.actualRowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('五华医保定申〔2025〕9号');
    expect(sheet.getRow(2).getCell(12).value).toBe('已逾期');
  });

  it('over the cap: a clear Chinese refusal before any byte is written', async () => {
    const cookie = (await sessionHeaders(ctx, officer)).cookie!.split('=')[1]!;
    const user = (await loadSessionUser(ctx.db, cookie, ctx.clock.now()))!;
    const q = { includeFinished: false, sort: 'nextDue' as const, order: 'asc' as const };
    await expect(exportQueue(ctx, user, q, 3)).rejects.toThrow('筛选结果共 7 条，超过导出上限 3 条，请缩小筛选范围后再导出');
    const ok = await exportQueue(ctx, user, q, 7);
    expect(ok.total).toBe(7);
    ok.stream.resume();
  });

  it('the whole queue, finished left out, in the list order', async () => {
    const r = await get('/api/applications/export?sort=applicationNo&order=asc');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('定点工作台')!;
    const list = (await get('/api/applications?sort=applicationNo&order=asc&pageSize=100')).json();
    expect(sheet.actualRowCount - 1).toBe(list.total);
    expect(sheet.getRow(2).getCell(1).value).toBe('五华医保定申〔2025〕1号');
  });
});
