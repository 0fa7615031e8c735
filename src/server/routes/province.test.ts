import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';
import { applications, auditLog, regions } from '../../db/schema/index';
import { person, seedApplication, seedInstitution, type Person } from '../../agreements/test-support';
import { buildApp } from '../app';

const Y = '云人社发〔2016〕308号';
let ctx: TestContext;
let app: FastifyInstance;
let kmAgency: Person;
let qjAgency: Person;
let whAgency: Person;
let ynProvince: Person;
let ynDept: Person;
let jlAgency: Person;
let jlDept: Person;

const post = (who: Person, url: string, payload: object) => app.inject({ method: 'POST', url, headers: who.headers, payload });
const get = (who: Person, url: string) => app.inject({ url, headers: who.headers });

/** An application of an institution in `regionCode` that reached `state` with the given filing date. */
async function designated(regionCode: string, name: string, state: 'filed' | 'activated', filedOn: string) {
  const inst = await seedInstitution(ctx, regionCode, name, { status: 'designated', beds: 0 });
  const a = await seedApplication(ctx, { institutionId: inst.id, regionCode, profileId: 'yunnan', state: 'signing' });
  const extra = state === 'activated' ? { filedOn, activatedOn: filedOn } : { filedOn };
  await ctx.db.update(applications).set({ state, data: sql`${applications.data} || ${JSON.stringify({ ...extra, state })}::jsonb` }).where(eq(applications.id, a.id));
  return a.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  for (const c of ['530102', '530302', '220102']) await ensureRegion(ctx, c);
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  await ctx.db.update(regions).set({ profileId: 'jilin' }).where(eq(regions.code, '220000'));
  // designated medical institutions' beds: 昆明 300 + 200 (an applicant's 100 and a pharmacy do not count), 曲靖 50
  await seedInstitution(ctx, '530102', '五华甲医院', { status: 'designated', beds: 300 });
  await seedInstitution(ctx, '530102', '五华乙医院', { status: 'designated', beds: 200 });
  await seedInstitution(ctx, '530102', '五华申请中医院', { status: 'applicant', beds: 100 });
  await seedInstitution(ctx, '530102', '五华药店', { status: 'designated', kind: 'pharmacy', subtype: 'pharmacy_single', beds: 0 });
  await seedInstitution(ctx, '530302', '麒麟医院', { status: 'designated', beds: 50 });
  kmAgency = await person(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100', name: '昆明市医疗保障局' }, ['agency_officer']);
  qjAgency = await person(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530300' }, ['agency_officer']);
  whAgency = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer']);
  ynProvince = await person(ctx, { kind: 'agency', level: 'province', regionCode: '530000' }, ['agency_officer', 'agency_head']);
  ynDept = await person(ctx, { kind: 'admin_dept', level: 'province', regionCode: '530000' }, ['admin_dept_officer']);
  jlAgency = await person(ctx, { kind: 'agency', level: 'prefecture', regionCode: '220100' }, ['agency_officer']);
  jlDept = await person(ctx, { kind: 'admin_dept', level: 'province', regionCode: '220000' }, ['admin_dept_officer']);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe(`${Y} 二(四) 每千参保人占有定点医疗机构住院床位数`, () => {
  it(`${Y} 二(四): the agency enters the insured count of its 统筹地区 with date and source, validated and audited`, async () => {
    const body = { regionCode: '530100', asOf: '2025-06-30', persons: 1_000_000, source: '2025年6月参保统计月报' };
    const bad: [object, string, string][] = [
      [{ ...body, persons: 0 }, 'body.persons', '参保人数不能小于1'],
      [{ ...body, regionCode: '5301' }, 'body.regionCode', '统筹地区应为6位区划代码'],
      [{ ...body, source: '' }, 'body.source', '数据来源不能为空'],
      [{ ...body, regionCode: '530102' }, 'body.regionCode', '参保人数按统筹地区（州、市）填报'],
      [{ ...body, asOf: '2025-12-31' }, 'body.asOf', '统计日期不能晚于今天'],
    ];
    for (const [b, field, message] of bad) {
      const res = await post(kmAgency, '/api/insured-counts', b);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toContain(message);
    }
    expect((await post(kmAgency, '/api/insured-counts', body)).statusCode).toBe(201);
    expect((await post(kmAgency, '/api/insured-counts', body)).statusCode).toBe(409);
    expect((await post(kmAgency, '/api/insured-counts', { ...body, regionCode: '530300' })).statusCode).toBe(404); // another prefecture
    expect((await post(ynDept, '/api/insured-counts', body)).statusCode).toBe(403);
    const jl = await post(jlAgency, '/api/insured-counts', { ...body, regionCode: '220100' });
    expect(jl.statusCode).toBe(422);
    expect(jl.json().error.reasons[0].ruleId).toBe('yunnan.procedure.resource-allocation');
    const rows = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'insured_count.enter'));
    expect(rows.map((r) => r.entityId)).toEqual(['530100@2025-06-30']);
  });

  it(`${Y} 二(四): beds of designated medical institutions per 1,000 insured, per 统筹地区; null until a count is entered; only where the profile has the rule`, async () => {
    const s = (await get(ynDept, '/api/statistics/beds')).json();
    expect(s).toMatchObject({ asOf: '2025-09-25', applies: true, citation: `${Y} 二(四)` });
    expect(s.regions).toEqual([
      { regionCode: '530100', regionName: '区划530100', designatedInstitutions: 2, beds: 500, insured: { persons: 1_000_000, asOf: '2025-06-30', source: '2025年6月参保统计月报' }, bedsPerThousand: 0.5 },
      { regionCode: '530300', regionName: '区划530300', designatedInstitutions: 1, beds: 50, insured: null, bedsPerThousand: null },
    ]);
    // a later count replaces the earlier one from its date on
    await post(kmAgency, '/api/insured-counts', { regionCode: '530100', asOf: '2025-09-01', persons: 400_000, source: '2025年8月参保统计月报' });
    expect((await get(kmAgency, '/api/statistics/beds')).json().regions[0]).toMatchObject({ bedsPerThousand: 1.25 });
    expect((await get(jlDept, '/api/statistics/beds')).json()).toMatchObject({ applies: false, regions: [] });
  });

  it(`${Y} 二(四): the figure is public (向社会公开) — anyone reads it without login; a malformed province answers 400`, async () => {
    const pub = await app.inject({ method: 'GET', url: '/api/public/statistics/beds?province=530000' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ applies: true, citation: `${Y} 二(四)` });
    expect(pub.json().regions[0]).toMatchObject({ regionCode: '530100', bedsPerThousand: 1.25 });
    expect((await app.inject({ method: 'GET', url: '/api/public/statistics/beds?province=220000' })).json()).toMatchObject({ applies: false, regions: [] });
    const bad = await app.inject({ method: 'GET', url: '/api/public/statistics/beds?province=5301' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('省级区划代码');
  });
});

describe(`${Y} 一(四) 报省级经办机构`, () => {
  it(`${Y} 一(四): the prefecture reports its newly designated institutions of a period; the province reads the report as sent`, async () => {
    await designated('530102', '五华新定点医院', 'activated', '2025-08-01');
    await designated('530102', '五华已备案诊所', 'filed', '2025-08-20');
    await designated('530102', '五华六月定点医院', 'activated', '2025-06-01'); // before the period
    await designated('530302', '麒麟新定点医院', 'activated', '2025-08-02'); // another prefecture

    const bad = await post(kmAgency, '/api/province-reports', { from: '2025-07-01', to: '2025-12-31' });
    expect(bad.json().error).toMatchObject({ field: 'body.to', message: '统计期间的截止日期不能晚于今天' });
    expect((await post(kmAgency, '/api/province-reports', { from: '2025-07-01' })).json().error.field).toBe('body.to');
    expect((await post(whAgency, '/api/province-reports', { from: '2025-07-01', to: '2025-08-31' })).statusCode).toBe(403);
    expect((await post(ynProvince, '/api/province-reports', { from: '2025-07-01', to: '2025-08-31' })).statusCode).toBe(403);
    expect((await post(jlAgency, '/api/province-reports', { from: '2025-07-01', to: '2025-08-31' })).statusCode).toBe(422);

    const sent = await post(kmAgency, '/api/province-reports', { from: '2025-07-01', to: '2025-08-31' });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ regionCode: '530100', count: 2, citation: `${Y} 一(四)` });
    const list = (await get(ynProvince, '/api/province-reports')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ regionCode: '530100', periodFrom: '2025-07-01', periodTo: '2025-08-31', count: 2 });
    const detail = (await get(ynProvince, `/api/province-reports/${sent.json().id}`)).json();
    expect(detail.items.map((i: { institutionName: string; state: string }) => `${i.institutionName}:${i.state}`).sort()).toEqual(
      ['五华已备案诊所:filed', '五华新定点医院:activated'].sort(),
    );
    // another prefecture's agency does not see it; the county below does not either
    expect((await get(qjAgency, `/api/province-reports/${sent.json().id}`)).statusCode).toBe(404);
    expect((await get(whAgency, '/api/province-reports')).json().total).toBe(0);
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'province_report.send'));
    expect(audit).toHaveLength(1);
  });
});
