/**
 * 地区评估标准和流程 (自治区医保局〔2025〕征求意见稿 一(一); decision 0043): each 市、县（区）agency publishes
 * its evaluation standard for new designations and renewals; the public page shows, for the region a
 * citizen picks, the county's own or else its prefecture's, with its layer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, buildOrg, ensureRegion } from '../../testing/factories';
import { auditLog, institutions, regions } from '../../db/schema/index';
import { createApplication } from '../../designation/create-application';
import { getApplicationView } from '../../designation/get-application';
import { buildSessionUser } from '../../testing/factories';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let nnHead: Record<string, string>;
let nnOfficer: Record<string, string>;
let xnHead: Record<string, string>;
let qxHead: Record<string, string>;
let provinceHead: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext('2026-03-02T09:00:00+08:00');
  app = await buildApp(ctx);
  for (const [code, name] of [['450000', '自治区'], ['450100', '南宁市'], ['450102', '兴宁区'], ['450103', '青秀区']] as const) await ensureRegion(ctx, code, name);
  await ctx.db.update(regions).set({ profileId: 'zizhiqu-2025-draft' }).where(eq(regions.code, '450000'));
  for (const [level, regionCode] of [['province', '450000'], ['prefecture', '450100'], ['county', '450102'], ['county', '450103']] as const) {
    await buildOrg(ctx, { kind: 'agency', level, regionCode, name: `经办机构${regionCode}` });
  }
  nnHead = (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '450100' }, ['agency_head'])).headers;
  nnOfficer = (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '450100' }, ['agency_officer'])).headers;
  xnHead = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '450102' }, ['agency_head'])).headers;
  qxHead = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '450103' }, ['agency_head'])).headers;
  provinceHead = (await actAs(ctx, { kind: 'agency', level: 'province', regionCode: '450000' }, ['agency_head'])).headers;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const put = (region: string, kind: string, body: object, headers: Record<string, string>) =>
  app.inject({ method: 'PUT', url: `/api/region-standards/${region}/${kind}`, headers, payload: body });
const NN = {
  title: '南宁市新增定点医药机构评估标准', docNo: '南医保〔2026〕3号', effectiveFrom: '2026-03-01', process: '受理 → 书面评估 → 现场评估 → 公示',
  items: [{ label: '基本条件', weight: 40, note: null }, { label: '信息系统', weight: 30, note: '接口联调' }, { label: '内部管理制度', weight: 30, note: null }],
};
const XN = { ...NN, title: '兴宁区新增定点医药机构评估标准', docNo: '兴医保〔2026〕1号', items: [{ label: '基本条件', weight: null, note: '逐项核对' }] };
const standards = async (q: string) => (await app.inject({ method: 'GET', url: `/api/public/standards?profile=zizhiqu-2025-draft&kind=pharmacy${q}` })).json();

describe('地区评估标准和流程', () => {
  it('自治区医保局〔2025〕征求意见稿 一(一): 南宁市 publishes its standard; 兴宁区 its own; the public page shows each region\'s with its layer', async () => {
    const nn = await put('450100', 'new_designation', NN, nnHead);
    expect(nn.statusCode, nn.body).toBe(200);
    expect(nn.json()).toMatchObject({ regionCode: '450100', docNo: '南医保〔2026〕3号', version: 1 });
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'region_standard.set'), eq(auditLog.entityId, '450100:new_designation')));
    expect(audit).toMatchObject({ regionCode: '450100', entityType: 'region_standard' });
    expect((await put('450102', 'new_designation', XN, xnHead)).statusCode).toBe(200);

    const xn = await standards('&region=450102');
    expect(xn.regionStandardsBasis).toBe('自治区医保局〔2025〕征求意见稿（草案） 一(一)');
    expect(xn.regionStandards).toEqual([expect.objectContaining({ kind: 'new_designation', docNo: '兴医保〔2026〕1号', layer: 'county', layerLabel: '县（市、区）（兴医保〔2026〕1号）' })]);
    const qx = await standards('&region=450103');
    expect(qx.regionStandards).toEqual([expect.objectContaining({ docNo: '南医保〔2026〕3号', layer: 'local', layerLabel: '统筹地区（南医保〔2026〕3号）', items: NN.items })]);
    expect((await standards('')).regionStandards).toEqual([]);
    // the draft names no province: the public site offers it under the province the deployment runs it in
    const profiles = (await app.inject({ method: 'GET', url: '/api/public/profiles' })).json();
    expect(profiles).toContainEqual(expect.objectContaining({ id: 'zizhiqu-2025-draft', regionCode: '450000' }));
    // a profile that does not ask the regions to publish: no regional standard, the basis null
    const yn = (await app.inject({ method: 'GET', url: '/api/public/standards?profile=yunnan&kind=pharmacy&region=530100' })).json();
    expect(yn).toMatchObject({ regionStandardsBasis: null, regionStandards: [] });
    const foreign = await app.inject({ method: 'GET', url: '/api/public/standards?profile=zizhiqu-2025-draft&kind=pharmacy&region=53010x' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toContain('地区代码');

    const view = (await app.inject({ method: 'GET', url: '/api/region-standards/450102', headers: nnOfficer })).json();
    expect(view.inForce).toEqual([expect.objectContaining({ docNo: '兴医保〔2026〕1号', layer: 'county' })]);
    // the list is the region's own versions, paged on the server
    expect(view).toMatchObject({ total: 1, page: 1, history: [expect.objectContaining({ docNo: '兴医保〔2026〕1号' })] });
    expect((await put('450100', 'renewal', { ...NN, title: '南宁市续签评估标准', effectiveFrom: '2026-02-01' }, nnHead)).statusCode).toBe(200);
    const paged = (await app.inject({ method: 'GET', url: '/api/region-standards/450100?page=2&pageSize=1', headers: nnOfficer })).json();
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.history).toHaveLength(1);
    const badPage = await app.inject({ method: 'GET', url: '/api/region-standards/450100?pageSize=500', headers: nnOfficer });
    expect(badPage.statusCode).toBe(400);
    expect(badPage.json().error.message).toContain('每页最多100条');

    // the application's view cites its region's standard: 兴宁区's own, 青秀区 its prefecture's
    const standardOf = async (regionCode: string) => {
      const now = ctx.clock.now();
      const [inst] = await ctx.db.insert(institutions).values({
        name: `药店${regionCode}`, uscc: `ZZQSTD${regionCode}000000`, kind: 'pharmacy', subtype: 'pharmacy_single', ownership: 'private', adminLevel: 'county',
        status: 'designated', regionCode, address: '测试路', openedOn: '2020-01-01', createdAt: now, updatedAt: now,
      } as typeof institutions.$inferInsert).returning({ id: institutions.id });
      const staff = await buildSessionUser(ctx, { kind: 'institution', regionCode, institutionId: inst!.id }, ['institution_staff']);
      const a = await createApplication(ctx, staff, { route: 'add_category', paymentCategories: ['dual_channel'], insuranceSchemes: ['employee'] } as Parameters<typeof createApplication>[2]);
      return (await getApplicationView(ctx, staff, a.id)).evaluationStandard;
    };
    expect(await standardOf('450102')).toMatchObject({ docNo: '兴医保〔2026〕1号', layer: 'county', citation: '兴医保〔2026〕1号（自治区医保局〔2025〕征求意见稿（草案） 一(一)）' });
    expect(await standardOf('450103')).toMatchObject({ docNo: '南医保〔2026〕3号', layer: 'local' });
  });

  it('自治区医保局〔2025〕征求意见稿 一(一): weights all or none summing to 100; a correction needs the current version', async () => {
    const bad = await put('450100', 'renewal', { ...NN, items: [{ label: '履约情况', weight: 60, note: null }, { label: '群众满意度', weight: null, note: null }] }, nnHead);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('全部填写或全部不填');
    const sum = await put('450100', 'renewal', { ...NN, items: [{ label: '履约情况', weight: 60, note: null }] }, nnHead);
    expect(sum.json().error.message).toContain('合计应为 100');
    expect((await put('450100', 'new_designation', { ...NN, title: '' }, nnHead)).statusCode).toBe(400);
    expect((await put('450100', 'new_designation', NN, nnHead)).statusCode).toBe(409);
    expect((await put('450100', 'new_designation', { ...NN, expectedVersion: 1, process: '受理 → 评估 → 公示' }, nnHead)).json()).toMatchObject({ version: 2 });
  });

  it('自治区医保局〔2025〕征求意见稿 一(一): territory — each region\'s own agency publishes; another county 404, the level above 403', async () => {
    expect((await put('450102', 'renewal', XN, qxHead)).statusCode).toBe(404);
    expect((await put('450100', 'renewal', NN, xnHead)).statusCode).toBe(404);
    const above = await put('450102', 'renewal', XN, nnHead);
    expect(above.statusCode).toBe(403);
    expect(above.json().error.message).toContain('一(一)');
    expect((await put('450100', 'renewal', NN, provinceHead)).statusCode).toBe(403);
    expect((await put('450102', 'renewal', XN, nnOfficer)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/region-standards/450102', headers: qxHead })).statusCode).toBe(404);
  });
  it('自治区医保局〔2025〕征求意见稿 一(一): a version published in error is withdrawn by its own head with a reason — from today the prefecture\'s applies again; audited; version-checked', async () => {
    const own = (await app.inject({ method: 'GET', url: '/api/region-standards/450102', headers: xnHead })).json().history
      .find((r: { kind: string; docNo: string }) => r.kind === 'new_designation' && r.docNo === '兴医保〔2026〕1号');
    const withdraw = (headers: Record<string, string>, body: object, region = '450102') =>
      app.inject({ method: 'POST', url: `/api/region-standards/${region}/new_designation/${own.id}/withdraw`, headers, payload: body });
    expect((await withdraw(qxHead, { expectedVersion: own.version, reason: '误发布' })).statusCode).toBe(404);
    const above = await withdraw(nnHead, { expectedVersion: own.version, reason: '误发布' });
    expect(above.statusCode).toBe(403);
    expect(above.json().error.message).toContain('一(一)');
    const noReason = await withdraw(xnHead, { expectedVersion: own.version, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('撤回理由');
    expect((await withdraw(xnHead, { expectedVersion: own.version + 5, reason: '误发布' })).statusCode).toBe(409);
    // another region's id under this region's path: not found
    expect((await withdraw(nnHead, { expectedVersion: own.version, reason: '误发布' }, '450100')).statusCode).toBe(404);

    const ok = await withdraw(xnHead, { expectedVersion: own.version, reason: '文号有误，重新发文' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ withdrawnOn: '2026-03-02', withdrawnReason: '文号有误，重新发文', version: own.version + 1 });
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'region_standard.withdraw'), eq(auditLog.entityId, '450102:new_designation')));
    expect(audit).toMatchObject({ regionCode: '450102', reason: '文号有误，重新发文' });
    // the public page and the agency's view: 南宁市's standard applies to 兴宁区 again
    const newOnes = (l: { kind: string }[]) => l.filter((r) => r.kind === 'new_designation');
    expect(newOnes((await standards('&region=450102')).regionStandards)).toEqual([expect.objectContaining({ docNo: '南医保〔2026〕3号', layer: 'local' })]);
    const view = (await app.inject({ method: 'GET', url: '/api/region-standards/450102', headers: xnHead })).json();
    expect(newOnes(view.inForce)).toEqual([expect.objectContaining({ docNo: '南医保〔2026〕3号', layer: 'local' })]);
    expect(view.history).toEqual(expect.arrayContaining([expect.objectContaining({ id: own.id, withdrawnOn: '2026-03-02' })]));
    // twice: 409; a correction of the withdrawn version: 409, publish under a new date instead
    expect((await withdraw(xnHead, { expectedVersion: own.version + 1, reason: '再撤' })).statusCode).toBe(409);
    const fix = await put('450102', 'new_designation', { ...XN, expectedVersion: own.version + 1 }, xnHead);
    expect(fix.statusCode).toBe(409);
    expect(fix.json().error.message).toContain('已于 2026-03-02 撤回');
  });
});
