import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs } from '../../testing/factories';
import { buildApp } from '../app';
import { seedRegions } from '../../seed/regions';
import { withUsccCheck } from '../../domain/validators/uscc';
import { withIdCheck } from '../../domain/validators/id-number';
import { listInstitutions } from '../../db/institution-repo';
import { loadSessionUser } from '../../db/session-repo';
import { scopeOf } from '../../domain/identity/territory';

let ctx: TestContext;
let app: FastifyInstance;
let wuhua: Record<string, string>; // county agency officer, 五华区
let panlong: Record<string, string>; // county agency officer, 盘龙区
let kunming: Record<string, string>; // prefecture agency head, 昆明市
let dept: Record<string, string>; // county admin department, 五华区 (may read, not write)

let serial = 0;
const uscc = () => withUsccCheck(`12530102MB${String(100000 + ++serial).padStart(7, '0')}`);
const body = (over: Record<string, unknown> = {}) => ({
  name: '昆明市五华区华山社区卫生服务中心',
  uscc: uscc(),
  kind: 'medical',
  subtype: 'community_center',
  ownership: 'public',
  regionCode: '530102',
  address: '昆明市五华区华山西路1号',
  phone: '0871-65123456',
  openedOn: '2010-05-01',
  persons: [{ idNumber: withIdCheck('53010219750615123'), name: '张华', role: 'legal_rep' }],
  licences: [{ kind: 'practice_licence', number: 'PDY12345-653010212A1001', issuedBy: '五华区卫生健康局', validFrom: '2021-01-01', validTo: '2026-12-31' }],
  sites: [{ name: '本部', address: '昆明市五华区华山西路1号', regionCode: '530102' }],
  ...over,
});

/** The session user behind a set of test headers. */
async function userOf(headers: Record<string, string>) {
  return (await loadSessionUser(ctx.db, headers.cookie!.split('=')[1]!, ctx.clock.now()))!;
}

async function create(headers: Record<string, string>, over: Record<string, unknown> = {}) {
  return app.inject({ method: 'POST', url: '/api/institutions', headers, payload: body(over) });
}

beforeAll(async () => {
  ctx = await createTestContext();
  await seedRegions(ctx.db);
  app = await buildApp(ctx);
  wuhua = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer'])).headers;
  panlong = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530103' }, ['agency_officer'])).headers;
  kunming = (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100' }, ['agency_head'])).headers;
  dept = (await actAs(ctx, { kind: 'admin_dept', level: 'county', regionCode: '530102' }, ['admin_dept_officer'])).headers;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('POST /api/institutions', () => {
  it('registers an institution with persons, licences, sites, an organisation and an audit row', async () => {
    const res = await create(wuhua);
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d.version).toBe(1);
    expect(d.regionName).toBe('五华区');
    expect(d.persons[0].idNumberMasked).toMatch(/^5301\*{10}\d{3}[\dX]$/);
    expect(JSON.stringify(d)).not.toContain('53010219750615123');
    expect(d.licences).toHaveLength(1);
    expect(d.sites).toHaveLength(1);
    const [org] = await ctx.database.query<{ name: string }>(`SELECT name FROM organizations WHERE institution_id = $1`, [d.id]);
    expect(org?.name).toBe(d.name);
    const audit = await ctx.database.query<{ action: string; after: unknown }>(`SELECT action, after FROM audit_log WHERE entity_id = $1`, [d.id]);
    expect(audit.map((a) => a.action)).toEqual(['institution.create']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('53010219750615123'); // 身份证号 masked in the audit log too
    const [tok] = await ctx.database.query<{ search_tokens: string[] }>(`SELECT search_tokens FROM institutions WHERE id = $1`, [d.id]);
    expect(tok?.search_tokens).toEqual(expect.arrayContaining(['华山', 'r:5301', 'r:530102']));
  });

  it('upserts a person by 身份证号: the same person linked to two institutions is one row', async () => {
    const idNumber = withIdCheck('53010219800101001');
    await create(wuhua, { name: '五华区甲诊所', subtype: 'clinic', ownership: 'private', persons: [{ idNumber, name: '李四', role: 'principal' }] });
    await create(wuhua, { name: '五华区乙诊所', subtype: 'clinic', ownership: 'private', persons: [{ idNumber, name: '李四', role: 'legal_rep' }] });
    const rows = await ctx.database.query(`SELECT id FROM persons WHERE id_number = $1`, [idNumber]);
    expect(rows).toHaveLength(1);
  });

  it.each([
    ['uscc', { uscc: '91350100M000100Y44' }, '统一社会信用代码校验位错误'],
    ['persons.0.idNumber', { persons: [{ idNumber: '110105194912310021', name: '王五', role: 'legal_rep' }] }, '身份证号校验位错误'],
    ['kind', { kind: 'spaceship' }, '机构类别取值无效'],
    ['openedOn', { openedOn: '2025-13-01' }, '正式运营日期应为有效日期'],
    ['name', { name: '院'.repeat(101) }, '机构名称不能超过100个字符'],
    ['address', { address: '路'.repeat(5000) }, '地址不能超过200个字符'],
    ['phone', { phone: '12345abc' }, '联系电话格式错误'],
    ['licences.0.validTo', { licences: [{ kind: 'practice_licence', number: 'X1', validFrom: '2025-01-01', validTo: '2024-01-01' }] }, '证照有效期止不能早于有效期起'],
    // hardening (issue #8): refused, never stored or silently rewritten
    ['persons.0.idNumber', { persons: [{ idNumber: withIdCheck('53010220251201001'), name: '王五', role: 'legal_rep' }] }, '出生日期晚于今天'],
    ['name', { name: '五华\u0000诊所' }, '空字符'],
    ['name', { name: '五华\ud800诊所' }, '孤立的代理项'],
    ['name', { name: '\u202e所诊华五' }, '改变文字方向'],
    ['address', { address: '五华区\u001b[31m' }, '控制字符'],
  ])('answers 400 naming the field: %s', async (field, over, message) => {
    const res = await create(wuhua, over);
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.field).toBe(`body.${field}`);
    expect(err.message).toContain(message);
  });

  it('checks domain consistency: type vs kind, internet hospital without its physical hospital', async () => {
    let res = await create(wuhua, { kind: 'pharmacy', subtype: 'community_center' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'subtype', message: '机构类型与机构类别不一致' });
    res = await create(wuhua, { subtype: 'internet_hospital' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('parentId');
  });

  it('refuses a duplicate 统一社会信用代码 with 409', async () => {
    const code = uscc();
    expect((await create(wuhua, { uscc: code, name: '五华区丙诊所', subtype: 'clinic' })).statusCode).toBe(201);
    const res = await create(wuhua, { uscc: code, name: '五华区丁诊所', subtype: 'clinic' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.field).toBe('uscc');
  });

  it('refuses a region outside the territory, an unknown region, and non-agency roles', async () => {
    expect((await create(wuhua, { regionCode: '530103' })).statusCode).toBe(403);
    const unknown = await create(wuhua, { regionCode: '530188' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('regionCode');
    expect((await create(dept)).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/institutions', payload: body() })).statusCode).toBe(401);
  });
});

describe('GET /api/institutions', () => {
  beforeAll(async () => {
    await create(panlong, { name: '盘龙区拓东社区卫生服务中心', regionCode: '530103' });
    await create(panlong, { name: '一心堂药业（盘龙店）', kind: 'pharmacy', subtype: 'pharmacy_chain_member', ownership: 'private', regionCode: '530103', dualChannel: true });
    await create(kunming, { name: '昆明市第一人民医院', subtype: 'general_hospital', hospitalLevel: 'level3', grade: 'A', adminLevel: 'prefecture', regionCode: '530199' });
  });
  const list = async (headers: Record<string, string>, qs = '') =>
    (await app.inject({ method: 'GET', url: `/api/institutions${qs}`, headers })).json();

  it('limits every list to the territory', async () => {
    const mine = await list(wuhua);
    expect(mine.items.every((i: { regionCode: string }) => i.regionCode === '530102')).toBe(true);
    const city = await list(kunming);
    expect(city.total).toBe(mine.total + 3);
    expect((await list(panlong)).total).toBe(2);
  });

  it('filters by name substring, region prefix, kind, level, status, dual channel; pages', async () => {
    expect((await list(kunming, `?q=${encodeURIComponent('社区卫生')}`)).total).toBe(2);
    expect((await list(kunming, `?q=${encodeURIComponent('拓东')}`)).items[0].name).toBe('盘龙区拓东社区卫生服务中心');
    expect((await list(kunming, `?q=${encodeURIComponent('院')}&region=530103`)).total).toBe(0);
    expect((await list(kunming, '?region=530103')).total).toBe(2);
    expect((await list(kunming, '?region=5301')).total).toBe((await list(kunming)).total);
    expect((await list(kunming, '?region=530199')).items.map((i: { name: string }) => i.name)).toEqual(['昆明市第一人民医院']);
    expect((await list(kunming, '?region=530100&kind=pharmacy')).total).toBe(1);
    expect((await list(kunming, '?hospitalLevel=level3')).items[0].name).toBe('昆明市第一人民医院');
    expect((await list(kunming, '?dualChannel=true')).total).toBe(1);
    expect((await list(kunming, '?status=designated')).total).toBe(0);
    const page = await list(kunming, '?pageSize=2&page=2');
    expect(page.items).toHaveLength(2);
    expect(page.pageSize).toBe(2);
  });

  it('finds an institution by its full 统一社会信用代码', async () => {
    const [first] = (await list(kunming)).items;
    const found = await list(kunming, `?q=${first.uscc}`);
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
  });

  it('says the total is exact and the page sorted by name under the cap', async () => {
    const res = await list(kunming, `?q=${encodeURIComponent('社区卫生')}`);
    expect(res).toMatchObject({ total: 2, totalExact: true, order: 'name' });
    const names = res.items.map((i: { name: string }) => i.name);
    expect(names).toEqual([...names].sort());
    expect(await list(kunming)).toMatchObject({ totalExact: true, order: 'name' });
  });

  it('over the cap: an estimated total (more than the cap) and the page in registry (id) order', async () => {
    for (let i = 1; i <= 6; i++) await create(panlong, { name: `盘龙区封顶测试第${i}诊所`, subtype: 'clinic', regionCode: '530103' });
    const scope = scopeOf(await userOf(kunming));
    for (const q of ['封顶', undefined]) { // the token path and the plain territory list
      const all = await listInstitutions(ctx.db, scope, { q, page: 1, pageSize: 100 });
      expect(all.totalExact).toBe(true);
      expect(all.total).toBeGreaterThan(5);
      const capped = await listInstitutions(ctx.db, scope, { q, page: 1, pageSize: 3 }, { cap: 5 });
      expect(capped).toMatchObject({ totalExact: false, order: 'id' });
      expect(capped.total).toBeGreaterThan(5);
      const ids = all.items.map((i) => i.id).sort();
      expect(capped.items.map((i) => i.id)).toEqual(ids.slice(0, 3));
      const page2 = await listInstitutions(ctx.db, scope, { q, page: 2, pageSize: 3 }, { cap: 5 });
      expect(page2.items.map((i) => i.id)).toEqual(ids.slice(3, 6));
      // under the same small cap: exact (sorted by name, or in id order when the planner over-estimated and the walk saw everything)
    }
    const exact = await listInstitutions(ctx.db, scope, { q: '拓东', page: 1, pageSize: 3 }, { cap: 5 });
    expect(exact).toMatchObject({ totalExact: true, total: 1 });
  });

  it('a page past the end of a small result still says its total', async () => {
    expect(await list(kunming, `?q=${encodeURIComponent('社区卫生')}&page=9`)).toMatchObject({ items: [], total: 2, totalExact: true });
  });

  it('never leaves the territory: a region filter outside it, a row whose tokens lie, both branches', async () => {
    expect((await list(panlong, '?region=530102')).total).toBe(0);
    expect((await list(panlong, `?region=530102&q=${encodeURIComponent('诊所')}`)).total).toBe(0);
    expect((await list(wuhua, '?region=53')).items.every((i: { regionCode: string }) => i.regionCode === '530102')).toBe(true);
    // a 盘龙区 row whose search tokens claim 五华区 (a bug elsewhere, or a hand edit) stays out of 五华区's lists
    const liar = (await create(panlong, { name: '盘龙区越界测试诊所', subtype: 'clinic', regionCode: '530103' })).json();
    await ctx.database.query(`UPDATE institutions SET search_tokens = search_tokens || '{r:530102,r:5301,r:53}'::text[] WHERE id = $1`, [liar.id]);
    const scope = scopeOf(await userOf(wuhua));
    for (const cap of [1000, 1]) { // exact-by-name branch, and id-order branch
      for (const q of ['越界', '诊所', '盘龙区越界测试诊所']) {
        const res = await listInstitutions(ctx.db, scope, { q, page: 1, pageSize: 100 }, { cap });
        expect(res.items.map((i) => i.regionCode).filter((c) => c !== '530102')).toEqual([]);
      }
    }
    expect((await list(wuhua, `?q=${encodeURIComponent('越界')}`)).total).toBe(0);
    expect((await list(panlong, `?q=${encodeURIComponent('越界')}`)).items.map((i: { id: string }) => i.id)).toEqual([liar.id]);
    // the uscc lookup is limited to the territory too
    expect((await list(wuhua, `?q=${liar.uscc}`)).total).toBe(0);
  });

  it('answers 400 for a bad filter and pageSize over 100', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/institutions?pageSize=500', headers: kunming });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('每页最多100条');
    expect((await app.inject({ method: 'GET', url: '/api/institutions?kind=x', headers: kunming })).statusCode).toBe(400);
  });
});

describe('GET /api/institutions/:id', () => {
  it('404 outside the territory, for an unknown id and a malformed id', async () => {
    const created = (await create(panlong, { name: '盘龙区某诊所', subtype: 'clinic', regionCode: '530103' })).json();
    expect((await app.inject({ method: 'GET', url: `/api/institutions/${created.id}`, headers: panlong })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/institutions/${created.id}`, headers: wuhua })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/institutions/00000000-0000-4000-8000-000000000000', headers: wuhua })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: "/api/institutions/1'%20OR%201=1", headers: wuhua })).statusCode).toBe(404);
  });

  it('shows parent and children; an institution user sees only its own institution', async () => {
    const thc = (await create(wuhua, { name: '五华区西翥卫生院', subtype: 'township_health_center' })).json();
    const vc = (await create(wuhua, { name: '西翥街道普吉村卫生室', subtype: 'village_clinic', parentId: thc.id, parentRelation: 'village_clinic' })).json();
    const detail = (await app.inject({ method: 'GET', url: `/api/institutions/${thc.id}`, headers: wuhua })).json();
    expect(detail.children.map((c: { id: string }) => c.id)).toEqual([vc.id]);
    expect((await app.inject({ method: 'GET', url: `/api/institutions/${vc.id}`, headers: wuhua })).json().parent.id).toBe(thc.id);

    const staff = (await actAs(ctx, { kind: 'institution', level: 'county', regionCode: '530102', institutionId: vc.id }, ['institution_staff'])).headers;
    const own = await app.inject({ method: 'GET', url: '/api/institutions', headers: staff });
    expect(own.json().items.map((i: { id: string }) => i.id)).toEqual([vc.id]);
    expect((await app.inject({ method: 'GET', url: `/api/institutions/${thc.id}`, headers: staff })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PATCH', url: `/api/institutions/${vc.id}`, headers: staff, payload: { version: 1, name: 'x' } })).statusCode).toBe(403);
  });

  it('a village clinic must hang under a township health centre', async () => {
    const hosp = (await create(wuhua, { name: '五华区某医院', subtype: 'general_hospital' })).json();
    const res = await create(wuhua, { name: '某村卫生室', subtype: 'village_clinic', parentId: hosp.id, parentRelation: 'village_clinic' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('parentId');
  });
});

describe('PATCH /api/institutions/:id', () => {
  it('changes fields, bumps the version, keeps search tokens and audit in step', async () => {
    const c = (await create(wuhua, { name: '五华区旧名诊所', subtype: 'clinic' })).json();
    const res = await app.inject({ method: 'PATCH', url: `/api/institutions/${c.id}`, headers: wuhua, payload: { version: 1, name: '五华区新名诊所', beds: 5 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '五华区新名诊所', beds: 5, version: 2, subtype: 'clinic' });
    const found = (await app.inject({ method: 'GET', url: `/api/institutions?q=${encodeURIComponent('新名')}`, headers: wuhua })).json();
    expect(found.total).toBe(1);
    const audit = await ctx.database.query<{ action: string; before: { name: string } }>(
      `SELECT action, before FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [c.id]);
    expect(audit.map((a) => a.action)).toEqual(['institution.create', 'institution.update']);
    expect(audit[1]!.before.name).toBe('五华区旧名诊所');
  });

  it('replaces persons: the dropped link is ended, not deleted', async () => {
    const c = (await create(wuhua, { name: '五华区换人诊所', subtype: 'clinic' })).json();
    const res = await app.inject({
      method: 'PATCH', url: `/api/institutions/${c.id}`, headers: wuhua,
      payload: { version: 1, persons: [{ idNumber: withIdCheck('53010219900202002'), name: '赵六', role: 'legal_rep' }] },
    });
    expect(res.statusCode).toBe(200);
    const ps = res.json().persons as { name: string; toDate: string | null }[];
    expect(ps.find((p) => p.name === '张华')?.toDate).toBe('2025-09-25');
    expect(ps.find((p) => p.name === '赵六')?.toDate).toBeNull();
  });

  it('answers 409 for a stale version', async () => {
    const c = (await create(wuhua, { name: '五华区版本诊所', subtype: 'clinic' })).json();
    await app.inject({ method: 'PATCH', url: `/api/institutions/${c.id}`, headers: wuhua, payload: { version: 1, beds: 1 } });
    const res = await app.inject({ method: 'PATCH', url: `/api/institutions/${c.id}`, headers: wuhua, payload: { version: 1, beds: 2 } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('记录已被他人修改，请刷新后重试');
  });

  it('two concurrent changes with the same version: one 200, one 409', async () => {
    const c = (await create(wuhua, { name: '五华区并发诊所', subtype: 'clinic' })).json();
    const send = (beds: number) => app.inject({ method: 'PATCH', url: `/api/institutions/${c.id}`, headers: wuhua, payload: { version: 1, beds } });
    const codes = (await Promise.all([send(3), send(4)])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
  });

  it('cannot move an institution out of the territory; a foreign institution is 404', async () => {
    const c = (await create(wuhua, { name: '五华区搬家诊所', subtype: 'clinic' })).json();
    expect((await app.inject({ method: 'PATCH', url: `/api/institutions/${c.id}`, headers: wuhua, payload: { version: 1, regionCode: '530103' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: `/api/institutions/${c.id}`, headers: panlong, payload: { version: 1, beds: 1 } })).statusCode).toBe(404);
  });
});
