/**
 * 县（市、区）实施细则 (云医保〔2022〕6号 第三十三条; decision 0043): a county agency head narrows, for its
 * county, a value its prefecture set (第六条第二款 list, 第十八条 limit) — never loosens it; every decision
 * in the county reads the county's layer, the county next door keeps the prefecture's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, buildOrg, buildSessionUser, ensureRegion } from '../../testing/factories';
import { auditLog, institutions, regions } from '../../db/schema/index';
import type { SessionUser } from '../../domain/identity/roles';
import { createApplication } from '../../designation/create-application';
import { requiredMaterials } from '../../designation/get-application';
import { buildTransitionContext, SYSTEM_ACTOR } from '../../designation/build-context';
import { loadLocalLayer } from '../../db/local-parameters-repo';
import { formatCitation } from '../../domain/policy/citation';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let kmHead: Record<string, string>;
let kmOfficer: Record<string, string>;
let whHead: Record<string, string>;
let plHead: Record<string, string>;
let provinceHead: Record<string, string>;
let n = 0;

beforeAll(async () => {
  ctx = await createTestContext('2026-03-02T09:00:00+08:00');
  app = await buildApp(ctx);
  for (const [code, name] of [['530000', '云南省'], ['530100', '昆明市'], ['530102', '五华区'], ['530103', '盘龙区']] as const) await ensureRegion(ctx, code, name);
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  for (const [level, regionCode] of [['province', '530000'], ['prefecture', '530100'], ['county', '530102'], ['county', '530103']] as const) {
    await buildOrg(ctx, { kind: 'agency', level, regionCode, name: `经办机构${regionCode}` });
  }
  kmHead = (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100' }, ['agency_head'])).headers;
  kmOfficer = (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100' }, ['agency_officer'])).headers;
  whHead = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_head'])).headers;
  plHead = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530103' }, ['agency_head'])).headers;
  provinceHead = (await actAs(ctx, { kind: 'agency', level: 'province', regionCode: '530000' }, ['agency_head'])).headers;
  // 昆明市 (the pooling region) has set its own list and limit (decision 0031)
  const km = { docNo: '昆医保〔2026〕8号', effectiveFrom: '2026-03-01', citation: '昆明市实施意见' };
  expect((await put('530100', 'materials.add_category.pharmacy', { ...km, items: ['application_form', 'licence_copy', 'information_system'] }, kmHead)).statusCode).toBe(200);
  expect((await put('530100', 'signing.limit.workdays', { ...km, value: 16 }, kmHead)).statusCode).toBe(200);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

function put(region: string, key: string, body: object, headers: Record<string, string>) {
  return app.inject({ method: 'PUT', url: `/api/local-parameters/${region}/${key}`, headers, payload: body });
}
const WH = { docNo: '五医保〔2026〕1号', effectiveFrom: '2026-03-01', citation: '五华区定点医药机构经办实施细则' };

async function pharmacyStaff(regionCode: string): Promise<SessionUser> {
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name: `县级药店${++n}`, uscc: `COUNTY${String(n).padStart(12, '0')}`, kind: 'pharmacy', subtype: 'pharmacy_single',
    ownership: 'private', adminLevel: 'county', status: 'designated', regionCode, address: '测试路', openedOn: '2020-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  return buildSessionUser(ctx, { kind: 'institution', regionCode, institutionId: row!.id }, ['institution_staff']);
}
const addCategoryList = async (regionCode: string) => {
  const staff = await pharmacyStaff(regionCode);
  const a = await createApplication(ctx, staff, { route: 'add_category', paymentCategories: ['dual_channel'], insuranceSchemes: ['employee'] } as Parameters<typeof createApplication>[2]);
  return (await requiredMaterials(ctx, staff, a.id)).items;
};

describe('县（市、区）实施细则', () => {
  it('云医保〔2022〕6号 第三十三条: a 五华区 sub-list narrows 昆明\'s add-category list; a 五华区 application uses it, a 盘龙区 one keeps 昆明\'s', async () => {
    const res = await put('530102', 'materials.add_category.pharmacy', { ...WH, items: ['application_form', 'licence_copy'] }, whHead);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ regionCode: '530102', items: ['application_form', 'licence_copy'], version: 1 });
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'local_parameter.set'), eq(auditLog.entityId, '530102:materials.add_category.pharmacy')));
    expect(audit).toMatchObject({ regionCode: '530102', entityType: 'local_parameter' });

    const wh = await addCategoryList('530102');
    expect(wh.map((i) => i.id)).toEqual(['application_form', 'licence_copy']);
    expect(wh.every((i) => i.citation.includes('五医保〔2026〕1号'))).toBe(true);
    const pl = await addCategoryList('530103');
    expect(pl.map((i) => i.id)).toEqual(['application_form', 'licence_copy', 'information_system']);
    expect(pl.every((i) => i.citation.includes('昆医保〔2026〕8号'))).toBe(true);
  });

  it('云医保〔2022〕6号 第三十三条、第十八条: a shorter 五华区 signing limit is used by its steps and cited to its 文号; the rules and public pages show the county layer', async () => {
    const res = await put('530102', 'signing.limit.workdays', { ...WH, docNo: '五医保〔2026〕2号', value: 12 }, whHead);
    expect(res.statusCode, res.body).toBe(200);
    const tctx = async (region: string) => buildTransitionContext(ctx, SYSTEM_ACTOR, 'yunnan', 'agreement_study', 'complete_study', null, null, await loadLocalLayer(ctx.db, region));
    const wh = await tctx('530102');
    expect(wh.params.get('signing.limit.workdays')).toBe(12);
    expect(wh.params.cites!('signing.limit.workdays').map(formatCitation)).toEqual(['云医保〔2022〕6号 第十八条；县（市、区）实施细则 五医保〔2026〕2号']);
    expect((await tctx('530103')).params.get('signing.limit.workdays')).toBe(16);

    const rules = (await app.inject({ method: 'GET', url: '/api/rules?profile=yunnan&region=530102', headers: kmOfficer })).json();
    const p = rules.rules.find((x: { id: string }) => x.id === 'yunnan.procedure.signing').params.find((x: { key: string }) => x.key === 'signing.limit.workdays');
    expect(p).toMatchObject({ value: 12, layer: 'county', layerLabel: '县（市、区）（五医保〔2026〕2号）', docNo: '五医保〔2026〕2号' });
    const pub = async (region: string) => (await app.inject({ method: 'GET', url: `/api/public/conditions?profile=yunnan&kind=pharmacy&region=${region}` })).json();
    const whPub = await pub('530102');
    expect(whPub.acceptance.limits.find((l: { key: string }) => l.key === 'signing.limit.workdays')).toMatchObject({ value: 12, layer: 'county', docNo: '五医保〔2026〕2号' });
    expect(whPub.county).toBe('530102');
    expect(whPub.addCategoryMaterials).toMatchObject({ docNo: '五医保〔2026〕1号', layerLabel: '县（市、区）（五医保〔2026〕1号）' });
    const plPub = await pub('530103');
    expect(plPub.acceptance.limits.find((l: { key: string }) => l.key === 'signing.limit.workdays')).toMatchObject({ value: 16, layer: 'local', layerLabel: '统筹地区（昆医保〔2026〕8号）' });
    expect(plPub.addCategoryMaterials.layerLabel).toBe('统筹地区（昆医保〔2026〕8号）');

    // the prefecture sees its counties' values, each with its layer
    const view = await app.inject({ method: 'GET', url: '/api/local-parameters/530102', headers: kmOfficer });
    expect(view.statusCode).toBe(200);
    const entries = view.json().entries;
    expect(entries.find((e: { key: string }) => e.key === 'signing.limit.workdays')).toMatchObject({ value: 12, layer: 'county', countyNarrows: 'at_most', countyBy: '云医保〔2022〕6号 第三十三条' });
    expect(entries.find((e: { key: string }) => e.key === 'materials.add_category.medical')).toMatchObject({ layer: 'province', countyNarrows: 'subset' });
    expect(view.json().history.map((h: { regionCode: string }) => h.regionCode).sort()).toEqual(['530100', '530100', '530102', '530102']);
  });

  it('云医保〔2022〕6号 第三十三条: a county may not loosen — a longer limit or an item 昆明 dropped is refused with the article', async () => {
    const longer = await put('530102', 'signing.limit.workdays', { ...WH, effectiveFrom: '2026-04-01', value: 25 }, whHead);
    expect(longer.statusCode).toBe(400);
    expect(longer.json().error).toMatchObject({ field: 'value' });
    expect(longer.json().error.message).toContain('不得放宽（云医保〔2022〕6号 第三十三条）');
    expect(longer.json().error.message).toContain('长于现行 16个工作日（统筹地区（昆医保〔2026〕8号））');
    const added = await put('530102', 'materials.add_category.pharmacy', { ...WH, effectiveFrom: '2026-04-01', items: ['application_form', 'fund_forecast'] }, whHead);
    expect(added.statusCode).toBe(400);
    expect(added.json().error.message).toContain('不得增加（云医保〔2022〕6号 第三十三条）');
    // equal to the prefecture's value is not a loosening
    expect((await put('530103', 'signing.limit.workdays', { ...WH, docNo: '盘医保〔2026〕1号', value: 16 }, plHead)).statusCode).toBe(200);
    // a prefecture that later tightens its own value sets a looser county value aside
    expect((await put('530100', 'signing.limit.workdays', { docNo: '昆医保〔2026〕20号', effectiveFrom: '2026-05-01', citation: '昆明市补充通知', value: 10 }, kmHead)).statusCode).toBe(200);
    const layer = await loadLocalLayer(ctx.db, '530102');
    const { resolveProfile } = await import('../../domain/policy/resolve');
    expect(resolveProfile('yunnan', '2026-05-02', layer).params.get('signing.limit.workdays')).toMatchObject({ value: 10, layer: 'local' });
  });

  it('云医保〔2022〕6号 第三十三条: territory — a county head sets only its county; the prefecture and province read but do not set a county\'s 实施细则', async () => {
    const body = { ...WH, effectiveFrom: '2026-06-01', value: 8 };
    expect((await put('530102', 'signing.limit.workdays', body, plHead)).statusCode).toBe(404);
    expect((await put('530100', 'signing.limit.workdays', body, whHead)).statusCode).toBe(404);
    const byPrefecture = await put('530102', 'signing.limit.workdays', body, kmHead);
    expect(byPrefecture.statusCode).toBe(403);
    expect(byPrefecture.json().error.message).toContain('第三十三条');
    expect((await put('530102', 'signing.limit.workdays', body, provinceHead)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/local-parameters/530102', headers: plHead })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/local-parameters/530102', headers: provinceHead })).statusCode).toBe(200);
    const regionsOf = async (h: Record<string, string>) => (await app.inject({ method: 'GET', url: '/api/local-parameters/regions', headers: h })).json().regions.map((r: { code: string; level: string }) => `${r.code}:${r.level}`);
    expect(await regionsOf(whHead)).toEqual(['530102:county']);
    expect(await regionsOf(kmOfficer)).toEqual(['530100:prefecture', '530102:county', '530103:county']);
    expect(await regionsOf(provinceHead)).toEqual(['530100:prefecture']);
    // a county has no deployment checklist of its own: its prefecture's value applies until it narrows it
    expect((await app.inject({ method: 'GET', url: '/api/local-parameters/checklist', headers: whHead })).json().items).toEqual([]);
  });
});
