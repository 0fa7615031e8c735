/**
 * The quarterly report of terminations and suspensions (吉医保规〔2023〕1号 第三十一条 「定期向同级医疗保障
 * 行政部门报告」; 京医保发〔2021〕30号 第四十九条; decision 0034) over HTTP: the administrative department
 * and the agency read their own territory's quarter, each row citing under its region's profile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../../testing/factories';
import { seedInstitution } from '../../agreements/test-support';
import { agreementSuspensions, agreementTemplates, agreements, institutionTerminations, regions } from '../../db/schema/index';
import { seedDemoTemplates } from '../../seed/demo-templates';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let jlDept: string;
let countyAgency: string;
let staff: string;

const get = async (url: string, userId: string) => app.inject({ url, headers: await sessionHeaders(ctx, userId) });
type Row = { kind: string; institutionName: string; regionName: string | null; on: string; situationLabel: string; citation: string; decisionNo: string | null; note: string };

async function termination(regionCode: string, name: string, terminatedOn: string, situation: string, decisionNo?: string) {
  const inst = await seedInstitution(ctx, regionCode, name, { status: 'terminated' });
  await ctx.db.insert(institutionTerminations).values({
    institutionId: inst.id, terminatedOn, category: 'other', situation, regionCode, source: 'lifecycle', createdAt: ctx.clock.now(), ...(decisionNo ? { decisionNo } : {}),
  });
}

beforeAll(async () => {
  ctx = await createTestContext('2025-10-09T09:00:00+08:00');
  app = await buildApp(ctx);
  for (const [c, n] of [['220000', '吉林省'], ['220100', '长春市'], ['220102', '南关区'], ['220103', '宽城区'], ['220200', '吉林市'], ['220202', '昌邑区']] as const) await ensureRegion(ctx, c, n);
  await ctx.db.update(regions).set({ profileId: 'jilin' }).where(eq(regions.code, '220000'));
  jlDept = (await actAs(ctx, { kind: 'admin_dept', level: 'prefecture', regionCode: '220100', name: '长春市医疗保障局' }, ['admin_dept_officer'])).user.id;
  countyAgency = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '220103', name: '宽城区医保经办中心' }, ['agency_officer'])).user.id;
  const inst = await seedInstitution(ctx, '220102', '南关药房', { status: 'designated' });
  staff = (await actAs(ctx, { kind: 'institution', regionCode: '220102', institutionId: inst.id }, ['institution_staff'])).user.id;

  await termination('220102', '南关随动解除医院', '2025-08-10', 'cascade', '长医保解〔2025〕3号');
  await termination('220103', '宽城欺诈医院', '2025-09-30', 'fraud');
  await termination('220102', '南关二季度医院', '2025-06-30', 'fraud');
  await termination('220202', '昌邑外地市医院', '2025-08-01', 'fraud');
  const susp = await seedInstitution(ctx, '220102', '南关中止医院', { status: 'suspended' });
  await seedDemoTemplates(ctx);
  const [tpl] = await ctx.db.select().from(agreementTemplates).limit(1);
  const now = ctx.clock.now();
  const [ag] = await ctx.db.insert(agreements).values({
    institutionId: susp.id, regionCode: '220102', templateId: tpl!.id, number: '长医保协〔2024〕9号', termFrom: '2025-01-01', termTo: '2025-12-31',
    special: {}, model: {}, canonicalText: 'x', textSm3: 'y', status: 'signed', createdAt: now, updatedAt: now,
  } as typeof agreements.$inferInsert).returning();
  await ctx.db.insert(agreementSuspensions).values({
    agreementId: ag!.id, institutionId: susp.id, regionCode: '220102', mode: 'imposed', situation: 'major_risk', fromOn: '2025-09-01', maxUntil: '2026-02-28', createdAt: now,
  });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('吉医保规〔2023〕1号 第三十一条: the quarterly report of terminations (and suspensions)', () => {
  it('吉医保规〔2023〕1号 第三十一条: the prefecture\'s administrative department gets the quarter\'s terminations and suspensions of its territory, each with situation, Jilin-profile citation, decision number and region', async () => {
    const res = await get('/api/reports/terminations?year=2025&quarter=3', jlDept);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { from: string; to: string; terminations: number; suspensions: number; items: Row[] };
    expect(body).toMatchObject({ from: '2025-07-01', to: '2025-09-30', terminations: 2, suspensions: 1 });
    expect(body.items.map((r) => [r.kind, r.on, r.institutionName, r.regionName])).toEqual([
      ['termination', '2025-08-10', '南关随动解除医院', '南关区'],
      ['suspension', '2025-09-01', '南关中止医院', '南关区'],
      ['termination', '2025-09-30', '宽城欺诈医院', '宽城区'],
    ]);
    expect(body.items[0]).toMatchObject({ citation: '吉医保规〔2023〕1号 第三十条', decisionNo: '长医保解〔2025〕3号' });
    expect(body.items[1]!.situationLabel).toContain('重大风险');
    expect(body.items[1]!.note).toContain('2026-02-28');
    // a Jilin row never cites Beijing: the national orders stand for what Jilin does not restate
    expect(body.items[2]!.citation).toContain('国家医疗保障局令第2号');
    expect(JSON.stringify(body)).not.toContain('京医保发');
  });

  it('吉医保规〔2023〕1号 第三十一条: a county agency sees its county only; another quarter is another list; a region filter outside the territory is empty', async () => {
    const county = (await get('/api/reports/terminations?year=2025&quarter=3', countyAgency)).json() as { items: Row[] };
    expect(county.items.map((r) => r.institutionName)).toEqual(['宽城欺诈医院']);
    const q2 = (await get('/api/reports/terminations?year=2025&quarter=2', jlDept)).json() as { items: Row[] };
    expect(q2.items.map((r) => r.institutionName)).toEqual(['南关二季度医院']);
    const outside = (await get('/api/reports/terminations?year=2025&quarter=3&region=220200', jlDept)).json() as { items: Row[] };
    expect(outside.items).toEqual([]);
    const narrowed = (await get('/api/reports/terminations?year=2025&quarter=3&region=220102', jlDept)).json() as { items: Row[] };
    expect(narrowed.items.map((r) => r.institutionName)).toEqual(['南关随动解除医院', '南关中止医院']);
  });

  it('吉医保规〔2023〕1号 第三十一条: the department downloads it as xlsx; an institution may not read it; bad input is a 400 naming the field', async () => {
    const x = await get('/api/reports/terminations.xlsx?year=2025&quarter=3', jlDept);
    expect(x.statusCode).toBe(200);
    expect(decodeURIComponent(String(x.headers['content-disposition']))).toContain('2025年第3季度');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['处理', '日期', '机构名称', '情形', '依据', '文书编号']));
    expect(sheet.getRow(2).getCell(3).value).toBe('南关随动解除医院');
    expect(String(sheet.getRow(5).getCell(3).value)).toContain('解除2家次，中止1家次');
    expect((await get('/api/reports/terminations?year=2025&quarter=3', staff)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/reports/terminations?year=2025&quarter=3' })).statusCode).toBe(401);
    for (const [q, field] of [['year=2025&quarter=5', 'quarter'], ['quarter=1', 'year'], ['year=2025&quarter=1&region=x', 'region']] as const) {
      const bad = await get(`/api/reports/terminations?${q}`, jlDept);
      expect(bad.statusCode, q).toBe(400);
      expect(bad.json().error.message, q).toContain(field);
    }
  });
});
