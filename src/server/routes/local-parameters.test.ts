/**
 * 统筹地区参数 (decision 0031): a pooling region's agency sets the values its province's text leaves
 * to it (云医保〔2022〕6号 第六条第二款, 第十八条); every decision reading the parameter sees it.
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
import { uploadMaterial } from '../../designation/upload-material';
import { buildTransitionContext, SYSTEM_ACTOR } from '../../designation/build-context';
import { loadLocalLayer } from '../../db/local-parameters-repo';
import { buildApp } from '../app';
import { formatCitation } from '../../domain/policy/citation';
import { computeDue } from '../../domain/designation/deadlines';

let ctx: TestContext;
let app: FastifyInstance;
let kmHead: Record<string, string>;
let kmOfficer: Record<string, string>;
let qjHead: Record<string, string>;
let provinceHead: Record<string, string>;
let sys: Record<string, string>;
let n = 0;

beforeAll(async () => {
  ctx = await createTestContext('2026-03-02T09:00:00+08:00');
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530000', '云南省');
  await ensureRegion(ctx, '530100', '昆明市');
  await ensureRegion(ctx, '530102', '五华区');
  await ensureRegion(ctx, '530300', '曲靖市');
  await ensureRegion(ctx, '530302', '麒麟区');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  for (const [level, regionCode] of [['province', '530000'], ['prefecture', '530100'], ['county', '530102'], ['prefecture', '530300'], ['county', '530302']] as const) {
    await buildOrg(ctx, { kind: 'agency', level, regionCode, name: `经办机构${regionCode}` });
  }
  kmHead = (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100' }, ['agency_head'])).headers;
  kmOfficer = (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100' }, ['agency_officer'])).headers;
  qjHead = (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530300' }, ['agency_head'])).headers;
  provinceHead = (await actAs(ctx, { kind: 'agency', level: 'province', regionCode: '530000' }, ['agency_head'])).headers;
  sys = (await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin'])).headers;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const put = (region: string, key: string, body: object, headers = kmHead) =>
  app.inject({ method: 'PUT', url: `/api/local-parameters/${region}/${key}`, headers, payload: body });
const SIMPLIFIED = { items: ['application_form', 'licence_copy', 'information_system'], docNo: '昆医保〔2026〕8号', effectiveFrom: '2026-03-01', citation: '昆明市增加医保支付类别简化申请材料的通知' };

/** A designated pharmacy and its staff, signed in. */
async function pharmacyStaff(regionCode: string): Promise<SessionUser> {
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name: `双通道药店${++n}`, uscc: `LOCALP${String(n).padStart(12, '0')}`, kind: 'pharmacy', subtype: 'pharmacy_single',
    ownership: 'private', adminLevel: 'county', status: 'designated', regionCode, address: '测试路', openedOn: '2020-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  return buildSessionUser(ctx, { kind: 'institution', regionCode, institutionId: row!.id }, ['institution_staff']);
}
const addCategory = async (staff: SessionUser) =>
  createApplication(ctx, staff, { route: 'add_category', paymentCategories: ['dual_channel'], insuranceSchemes: ['employee'] } as Parameters<typeof createApplication>[2]);

describe('统筹地区参数', () => {
  it('云医保〔2022〕6号 第六条第二款: before 昆明市 sets a list, a pharmacy adding a category in 五华区 gets the same 8 items as a new applicant', async () => {
    const staff = await pharmacyStaff('530102');
    const app1 = await addCategory(staff);
    const m = await requiredMaterials(ctx, staff, app1.id);
    expect(m.items).toHaveLength(8);
    const checklist = await app.inject({ method: 'GET', url: '/api/local-parameters/checklist', headers: kmHead });
    expect(checklist.statusCode).toBe(200);
    expect(checklist.json().items.map((i: { key: string }) => i.key)).toEqual(['signing.limit.workdays', 'materials.add_category.medical', 'materials.add_category.pharmacy', 'materials.add_category.ltc']);
    // the agency head's home page lists them (HOME_PROVIDERS); an officer's does not
    const home = async (h: Record<string, string>) => (await app.inject({ method: 'GET', url: '/api/home', headers: h })).json().sections;
    expect((await home(kmHead)).find((x: { key: string }) => x.key === 'local-parameters')).toMatchObject({ count: 4, link: '/local-parameters' });
    expect((await home(kmOfficer)).some((x: { key: string }) => x.key === 'local-parameters')).toBe(false);
  });

  it('云医保〔2022〕6号 第六条第二款: 昆明市 sets a 3-item list with its 文号; an add-category application in 五华区 asks for those 3 and cites it; one in 曲靖市 still gets the province list', async () => {
    const res = await put('530100', 'materials.add_category.pharmacy', SIMPLIFIED);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ regionCode: '530100', items: SIMPLIFIED.items, docNo: '昆医保〔2026〕8号', version: 1 });
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'local_parameter.set'), eq(auditLog.entityId, '530100:materials.add_category.pharmacy')));
    expect(audit).toMatchObject({ regionCode: '530100', entityType: 'local_parameter' });

    const km = await pharmacyStaff('530102');
    const kmApp = await addCategory(km);
    const kmList = await requiredMaterials(ctx, km, kmApp.id);
    expect(kmList.items.map((i) => i.id)).toEqual(SIMPLIFIED.items);
    expect(kmList.items.every((i) => i.citation.includes('昆医保〔2026〕8号'))).toBe(true);
    // an item outside the simplified list is not asked for
    await expect(uploadMaterial(ctx, km, kmApp.id, { itemKey: 'fund_forecast', fileName: 'a.pdf', content: Buffer.from('%PDF-1.4\n') })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const qj = await pharmacyStaff('530302');
    const qjList = await requiredMaterials(ctx, qj, (await addCategory(qj)).id);
    expect(qjList.items).toHaveLength(8);
    // a new applicant in 五华区 keeps the full list
    const view = await app.inject({ method: 'GET', url: '/api/local-parameters/530100', headers: kmOfficer });
    expect(view.json().entries.find((e: { key: string }) => e.key === 'materials.add_category.pharmacy')).toMatchObject({ layer: 'local', layerLabel: '统筹地区（昆医保〔2026〕8号）', docNo: '昆医保〔2026〕8号' });
  });

  it('云医保〔2022〕6号 第十八条: the signing limit is taken from 昆明市\'s value, with its 文号, and the rules endpoint shows the layer', async () => {
    const res = await put('530100', 'signing.limit.workdays', { value: 15, docNo: '昆医保〔2026〕9号', effectiveFrom: '2026-03-01', citation: '昆明市协议签订时限' });
    expect(res.statusCode, res.body).toBe(200);
    const tctx = await buildTransitionContext(ctx, SYSTEM_ACTOR, 'yunnan', 'agreement_study', 'complete_study', null, null, await loadLocalLayer(ctx.db, '530102'));
    expect(tctx.params.get('signing.limit.workdays')).toBe(15);
    expect(tctx.params.cites!('signing.limit.workdays').map(formatCitation)).toEqual(['云医保〔2022〕6号 第十八条；统筹地区 昆医保〔2026〕9号']);
    // the signing deadline the step starts is counted on 15 工作日 and cites the region's 文号
    const due = computeDue('signing_limit', '2026-03-02', tctx.calendar, tctx.params);
    expect(due).toMatchObject({ n: 15, cites: [expect.objectContaining({ localDoc: '昆医保〔2026〕9号' })] });
    const qj = await buildTransitionContext(ctx, SYSTEM_ACTOR, 'yunnan', 'agreement_study', 'complete_study', null, null, await loadLocalLayer(ctx.db, '530302'));
    expect(qj.params.get('signing.limit.workdays')).toBe(20);

    const rules = async (q: string) => (await app.inject({ method: 'GET', url: `/api/rules?profile=yunnan${q}`, headers: kmOfficer })).json();
    const signingParam = (r: { rules: { id: string; params: { key: string }[] }[] }) =>
      r.rules.find((x) => x.id === 'yunnan.procedure.signing')!.params.find((p) => p.key === 'signing.limit.workdays');
    expect(signingParam(await rules(''))).toMatchObject({ value: 20, layer: 'province', layerLabel: '省', docNo: null, delegatedBy: '云医保〔2022〕6号 第十八条' });
    expect(signingParam(await rules('&region=530100'))).toMatchObject({ value: 15, layer: 'local', layerLabel: '统筹地区（昆医保〔2026〕9号）', docNo: '昆医保〔2026〕9号' });
    const notice = (await rules('&region=530100')).rules.flatMap((x: { params: { key: string; layer: string }[] }) => x.params).find((p: { key: string }) => p.key === 'notice.supplement.workdays');
    expect(notice.layer).toBe('province');

    // the checklist no longer lists what 昆明市 set; 曲靖市's are still there for the sysadmin
    const km = (await app.inject({ method: 'GET', url: '/api/local-parameters/checklist', headers: kmHead })).json().items;
    expect(km.map((i: { key: string }) => i.key)).toEqual(['materials.add_category.medical', 'materials.add_category.ltc']);
    const all = (await app.inject({ method: 'GET', url: '/api/local-parameters/checklist', headers: sys })).json().items;
    expect(all.filter((i: { regionCode: string }) => i.regionCode === '530300')).toHaveLength(4);
  });

  it('云医保〔2022〕6号 第十八条: refuses a non-delegated key, an insane value, another prefecture\'s agency, an officer, and a stale correction', async () => {
    const body = { value: 10, docNo: '昆医保〔2026〕10号', effectiveFrom: '2026-04-01', citation: '依据' };
    const notDelegated = await put('530100', 'publicity.workdays', body);
    expect(notDelegated.statusCode).toBe(400);
    expect(notDelegated.json().error.message).toContain('不是本省政策交由统筹地区确定的参数');
    expect((await put('530100', 'signing.limit.workdays', { ...body, value: 9999 })).statusCode).toBe(400);
    expect((await put('530100', 'materials.add_category.pharmacy', { ...SIMPLIFIED, effectiveFrom: '2026-04-01', items: ['bogus_item'] })).statusCode).toBe(400);
    expect((await put('530100', 'signing.limit.workdays', body, qjHead)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/local-parameters/530100', headers: qjHead })).statusCode).toBe(404);
    expect((await put('530100', 'signing.limit.workdays', body, kmOfficer)).statusCode).toBe(403);
    // the province sets for its prefectures
    expect((await put('530300', 'signing.limit.workdays', { ...body, docNo: '云医保〔2026〕1号' }, provinceHead)).statusCode).toBe(200);
    // the same date again: a correction needs the current version
    expect((await put('530100', 'signing.limit.workdays', { ...body, effectiveFrom: '2026-03-01' })).statusCode).toBe(409);
    const fixed = await put('530100', 'signing.limit.workdays', { ...body, effectiveFrom: '2026-03-01', value: 16, expectedVersion: 1 });
    expect(fixed.json()).toMatchObject({ value: 16, version: 2 });
    const regionsOf = async (h: Record<string, string>) => (await app.inject({ method: 'GET', url: '/api/local-parameters/regions', headers: h })).json().regions.map((r: { code: string }) => r.code);
    // a prefecture also sees its counties (their 实施细则, decision 0043)
    expect(await regionsOf(kmOfficer)).toEqual(['530100', '530102']);
    expect(await regionsOf(provinceHead)).toEqual(['530100', '530300']);
  });
});

describe('公开的申请条件页：所选统筹地区自己的参数', () => {
  it('云医保〔2022〕6号 第十八条、第六条第二款: /api/public/conditions with region 530102 shows 昆明市 latest signing limit and add-category list with their 文号; 曲靖市 and no region show the province value', async () => {
    const km = await app.inject({ method: 'GET', url: '/api/public/conditions?profile=yunnan&kind=pharmacy&region=530102' });
    expect(km.statusCode).toBe(200);
    const body = km.json();
    expect(body.region).toBe('530100');
    const signing = body.acceptance.limits.find((l: { key: string }) => l.key === 'signing.limit.workdays');
    expect(signing).toMatchObject({ value: 16, layer: 'local', layerLabel: '统筹地区（昆医保〔2026〕10号）', docNo: '昆医保〔2026〕10号' });
    expect(signing.citation).toContain('昆医保〔2026〕10号');
    expect(body.addCategoryMaterials.docNo).toBe('昆医保〔2026〕8号');
    expect(body.addCategoryMaterials.items.map((m: { id: string }) => m.id)).toEqual(SIMPLIFIED.items);

    for (const url of ['/api/public/conditions?profile=yunnan&kind=pharmacy&region=530300', '/api/public/conditions?profile=yunnan&kind=pharmacy']) {
      const other = (await app.inject({ method: 'GET', url })).json();
      const s = other.acceptance.limits.find((l: { key: string }) => l.key === 'signing.limit.workdays');
      expect(s.value).toBe(20);
      expect(s.layer).not.toBe('local');
      expect(s.docNo).toBeNull();
      expect(other.addCategoryMaterials).toBeNull();
    }
    const bad = await app.inject({ method: 'GET', url: '/api/public/conditions?profile=yunnan&kind=pharmacy&region=53' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('统筹地区代码');
    const foreign = await app.inject({ method: 'GET', url: '/api/public/conditions?profile=yunnan&kind=pharmacy&region=110100' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toContain('不属于所选地区政策的省份');
  });
});
