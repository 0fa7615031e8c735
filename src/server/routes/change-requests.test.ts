/**
 * 变更申请 through HTTP: filing with evidence, the 30 工作日 late flag, the agency's 7 工作日 handling
 * deadline across a holiday, Beijing's district → city, Jilin's 药品经营范围, mutual recognition and
 * the national-code collision, the person re-link by 身份证号, the 贯标动态平台 to-do, two officers at
 * once, and the territory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion } from '../../testing/factories';
import { seedCalendar } from '../../seed/calendar-seed';
import { auditLog, institutionPersons, institutions, persons, regions } from '../../db/schema/index';
import { AUDIT_ACTION_LABEL } from '../../domain/audit/labels';
import { withIdCheck } from '../../domain/validators/id-number';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
type H = Record<string, string>;

const pdf = (salt: string) => Buffer.from(`%PDF-1.4\n% ${salt}\n%%EOF\n`);
function multipart(fileName: string, content: Buffer) {
  const boundary = '----dingdian' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let n = 0;
async function institution(regionCode: string, over: Partial<typeof institutions.$inferInsert> = {}) {
  await ensureRegion(ctx, regionCode);
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name: `变更测试医院${++n}`, uscc: `CHG${String(n).padStart(4, '0')}`.padEnd(18, '0'), kind: 'medical', subtype: 'general_hospital', ownership: 'private',
    regionCode, address: '原地址1号', createdAt: now, updatedAt: now, ...over,
  } as typeof institutions.$inferInsert).returning();
  const staff = await actAs(ctx, { kind: 'institution', level: 'county', regionCode, institutionId: row!.id }, ['institution_staff']);
  return { inst: row!, h: staff.headers };
}

async function file(h: H, changes: unknown[], extra: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'POST', url: '/api/change-requests', headers: h, payload: { changes, approvalDocNo: '卫健审〔2025〕8号', approvalDate: '2025-09-20', ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  const d = res.json();
  const up = multipart('批准文件.pdf', pdf(d.id));
  expect((await app.inject({ method: 'POST', url: `/api/change-requests/${d.id}/files`, headers: { ...h, ...up.headers }, payload: up.payload })).statusCode).toBe(201);
  return d as { id: string; version: number; kind: string };
}
const step = (h: H, id: string, event: string, version: number, body: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url: `/api/change-requests/${id}/events/${event}`, headers: h, payload: { version, ...body } });

let yn: { county: H; other: H };
let bj: { district: H; city: H };
let jl: { province: H; changchun: H };

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await seedCalendar(ctx);
  yn = {
    county: (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer'])).headers,
    other: (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530302' }, ['agency_officer'])).headers,
  };
  bj = {
    district: (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '110105' }, ['agency_officer'])).headers,
    city: (await actAs(ctx, { kind: 'agency', level: 'province', regionCode: '110000' }, ['agency_officer'])).headers,
  };
  jl = {
    province: (await actAs(ctx, { kind: 'agency', level: 'province', regionCode: '220000' }, ['agency_officer'])).headers,
    changchun: (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '220100' }, ['agency_officer'])).headers,
  };
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  await ctx.db.update(regions).set({ profileId: 'beijing' }).where(eq(regions.code, '110000'));
  await ctx.db.update(regions).set({ profileId: 'jilin' }).where(eq(regions.code, '220000'));
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('变更申请', () => {
  it('云医保〔2022〕6号 第二十八条 重大信息变更：办理时限7个工作日为期限行（跨国庆假期），同意后写入登记信息并出具变更确认通知书', async () => {
    const { inst, h } = await institution('530102');
    const d = await file(h, [{ field: 'name', to: '五华新名称医院' }, { field: 'address', to: '新地址8号' }]);
    expect(d.kind).toBe('major');
    const sub = await step(h, d.id, 'submit', d.version);
    expect(sub.statusCode, sub.body).toBe(200);
    const s = sub.json();
    // 2025-09-25 + 7 工作日: 9-26, 9-28(调休上班), 9-29, 9-30, 10-09, 10-10, 10-11(调休上班)
    expect(s.deadlines).toEqual([expect.objectContaining({ deadline: 'change_handling', dueOn: '2025-10-11', n: 7, basis: 'workday', citation: '云医保〔2022〕6号 第二十八条第二款' })]);
    expect(s.late).toBe(false);
    expect(s.citations).not.toMatch(/京医保|吉医保/);
    const queue = (await app.inject({ method: 'GET', url: '/api/change-requests?sort=handlingDue&order=asc', headers: yn.county })).json();
    expect(queue.items.find((x: { id: string }) => x.id === d.id).handlingDue).toBe('2025-10-11');
    const ok = await step(yn.county, d.id, 'approve', s.version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('approved');
    expect(ok.json().deadlines[0].state).toBe('stopped');
    expect(ok.json().documents).toEqual([expect.objectContaining({ title: '变更确认通知书' })]);
    const [after] = await ctx.db.select().from(institutions).where(eq(institutions.id, inst.id));
    expect(after!.name).toBe('五华新名称医院');
    expect(after!.address).toBe('新地址8号');
    const actions = (await ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, d.id))).map((a) => a.action);
    expect(actions).toEqual(['change_request.create', 'change_request.file.upload', 'change_request.submit', 'change_request.approve']);
    for (const a of [...actions, 'institution.change_applied']) expect(AUDIT_ACTION_LABEL[a], a).toBeTruthy();
    expect((await ctx.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityId, inst.id), eq(auditLog.action, 'institution.change_applied')))).length).toBe(1);
    const docId = ok.json().documents[0].id;
    const pdfRes = await app.inject({ method: 'GET', url: `/api/change-requests/${d.id}/documents/${docId}.pdf`, headers: h });
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('云医保〔2022〕6号 第二十八条 一般信息变更：书面告知、经办机构办理，贯标动态平台维护为待办事项', async () => {
    const { inst, h } = await institution('530102');
    const res = await app.inject({ method: 'POST', url: '/api/change-requests', headers: h, payload: { changes: [{ field: 'phone', to: '0871-66660000' }] } });
    const d = res.json();
    expect(d.kind).toBe('general');
    const sub = (await step(h, d.id, 'submit', d.version)).json();
    expect(sub.state).toBe('notified');
    expect(sub.deadlines).toEqual([]);
    const applied = (await step(yn.county, d.id, 'apply', sub.version)).json();
    expect(applied.state).toBe('applied');
    expect(applied.todo).toEqual({ label: '贯标动态平台维护', citation: '云医保〔2022〕6号 第二十八条', doneOn: null });
    expect((await ctx.db.select().from(institutions).where(eq(institutions.id, inst.id)))[0]!.phone).toBe('0871-66660000');
    const done = (await step(yn.county, d.id, 'complete_todo', applied.version)).json();
    expect(done.todo.doneOn).toBe('2025-09-25');
    expect((await step(yn.county, d.id, 'complete_todo', done.version)).statusCode).toBe(422);
  });

  it('京医保发〔2021〕30号 第四十条 超过30个工作日提出的变更申请予以受理但标记逾期（申请和机构记录上）', async () => {
    const { inst, h } = await institution('110105');
    const d = await file(h, [{ field: 'address', to: '东城新地址' }], { approvalDate: '2025-07-01' });
    const s = (await step(h, d.id, 'submit', d.version)).json();
    expect(s.state).toBe('submitted');
    expect(s.late).toBe(true);
    expect(s.filingDue).toBe('2025-08-12');
    expect(s.lateCitation).toBe('京医保发〔2021〕30号 第四十条');
    const record = (await app.inject({ method: 'GET', url: `/api/change-requests?institutionId=${inst.id}&late=true`, headers: bj.city })).json();
    expect(record.items.map((x: { id: string }) => x.id)).toEqual([d.id]);
  });

  it('京医保发〔2021〕30号 第四十条 区经办机构将变更申请报市经办机构，由市经办机构同意', async () => {
    const { h } = await institution('110105');
    const d = await file(h, [{ field: 'bank_account', to: '中国银行 1234' }]);
    const s = (await step(h, d.id, 'submit', d.version)).json();
    expect(s.late).toBe(false);
    expect((await app.inject({ method: 'GET', url: `/api/change-requests/${d.id}`, headers: bj.district })).json().allowedEvents.map((e: { event: string }) => e.event)).toEqual(['forward', 'return', 'reject']);
    const early = await step(bj.district, d.id, 'approve', s.version);
    expect(early.statusCode).toBe(409);
    const byCity = await step(bj.city, d.id, 'forward', s.version);
    expect(byCity.statusCode).toBe(422);
    expect(byCity.json().error.reasons[0].citation).toBe('京医保发〔2021〕30号 第四十条');
    const f = await step(bj.district, d.id, 'forward', s.version);
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json().state).toBe('forwarded');
    expect((await app.inject({ method: 'GET', url: `/api/change-requests/${d.id}`, headers: bj.city })).json().allowedEvents.map((e: { event: string }) => e.event)).toEqual(['approve', 'return', 'reject']);
    const dist = await step(bj.district, d.id, 'approve', f.json().version);
    expect(dist.statusCode).toBe(422);
    const ok = await step(bj.city, d.id, 'approve', f.json().version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('approved');
  });

  it('吉医保规〔2023〕1号 第二十五条 药品经营范围对定点零售药店是重大信息（云南为一般信息）', async () => {
    const jlShop = await institution('220102', { kind: 'pharmacy', subtype: 'pharmacy_single', mainScope: ['drug_retail'] });
    const ynShop = await institution('530102', { kind: 'pharmacy', subtype: 'pharmacy_single' });
    const rules = (await app.inject({ method: 'GET', url: '/api/change-requests/rules?approvalDate=2025-09-20', headers: jlShop.h })).json();
    expect(rules.fields.find((f: { field: string }) => f.field === 'drug_scope').major).toBe(true);
    expect(rules.majorCitation).toBe('吉医保规〔2023〕1号 第二十五条');
    expect(rules.filingDue).toBe('2025-11-06');
    const ynRules = (await app.inject({ method: 'GET', url: '/api/change-requests/rules', headers: ynShop.h })).json();
    expect(ynRules.fields.find((f: { field: string }) => f.field === 'drug_scope').major).toBe(false);
  });

  it('吉医保规〔2023〕1号 第二十五条第二款 省本级同意的变更长春市互认，无须再次办理；与同城已有国家编码的机构冲突的变更不予支持', async () => {
    const { h } = await institution('229900');
    const d = await file(h, [{ field: 'address', to: '长春新地址' }], { approvalDocNo: '吉卫审〔2025〕1号' });
    const s = (await step(h, d.id, 'submit', d.version)).json();
    const ok = (await step(jl.province, d.id, 'approve', s.version)).json();
    expect(ok.recognition).toEqual({ by: '长春市', of: '省本级', citation: '吉医保规〔2023〕1号 第二十五条第二款' });
    // the same change again: recognised, refused with the article
    const again = await file(h, [{ field: 'address', to: '长春新地址' }], { approvalDocNo: '吉卫审〔2025〕1号' });
    const r = await step(h, again.id, 'submit', again.version);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.reasons).toContainEqual(expect.objectContaining({ ruleId: 'change.mutual-recognition', citation: '吉医保规〔2023〕1号 第二十五条第二款' }));
    // a name that an institution of the same city already holds with a national code
    await institution('220104', { name: '长春已编码医院', ybCode: 'H22010400001' });
    const c = await institution('220102');
    const col = await file(c.h, [{ field: 'name', to: '长春已编码医院' }]);
    const refused = await step(c.h, col.id, 'submit', col.version);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.reasons.map((x: { citation: string }) => x.citation)).toEqual(['吉医保规〔2023〕1号 第二十五条第二款']);
  });

  it('云医保〔2022〕6号 第二十八条 法定代表人变更按身份证号重新关联人员（原任期至批准日前一日，新任自批准日起）', async () => {
    const { inst, h } = await institution('530102');
    const oldId = withIdCheck('53010219800101001');
    const [p] = await ctx.db.insert(persons).values({ idNumber: oldId, name: '张旧' }).returning();
    await ctx.db.insert(institutionPersons).values({ institutionId: inst.id, personId: p!.id, role: 'legal_rep', fromDate: '2020-01-01' });
    // the new person already exists (e.g. banned elsewhere): the same row is linked, not a copy
    const newId = withIdCheck('53010219850615123');
    const [q] = await ctx.db.insert(persons).values({ idNumber: newId, name: '李新' }).returning();
    const d = await file(h, [{ field: 'legal_rep', to: '李新', person: { name: '李新', idNumber: newId } }]);
    const s = (await step(h, d.id, 'submit', d.version)).json();
    expect((await step(yn.county, d.id, 'approve', s.version)).statusCode).toBe(200);
    const spans = await ctx.db.select().from(institutionPersons).where(eq(institutionPersons.institutionId, inst.id));
    expect(spans).toEqual(expect.arrayContaining([
      expect.objectContaining({ personId: p!.id, fromDate: '2020-01-01', toDate: '2025-09-19' }),
      expect.objectContaining({ personId: q!.id, fromDate: '2025-09-20', toDate: null }),
    ]));
    expect(await ctx.db.select().from(institutionPersons).where(and(eq(institutionPersons.institutionId, inst.id), isNull(institutionPersons.toDate)))).toHaveLength(1);
  });

  it('云医保〔2022〕6号 第二十八条 两名经办人员同时同意：一人成功，另一人 409', async () => {
    const { h } = await institution('530102');
    const d = await file(h, [{ field: 'address', to: '并发地址' }]);
    const s = (await step(h, d.id, 'submit', d.version)).json();
    const [a, b] = await Promise.all([step(yn.county, d.id, 'approve', s.version), step(yn.county, d.id, 'approve', s.version)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('云医保〔2022〕6号 第二十八条 属地：其他地区经办机构看不到也不能办理（404），机构只见本机构的申请', async () => {
    const { h } = await institution('530102');
    const other = await institution('530102');
    const d = await file(h, [{ field: 'address', to: '属地地址' }]);
    const s = (await step(h, d.id, 'submit', d.version)).json();
    expect((await app.inject({ method: 'GET', url: `/api/change-requests/${d.id}`, headers: yn.other })).statusCode).toBe(404);
    expect((await step(yn.other, d.id, 'approve', s.version)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/change-requests/${d.id}`, headers: other.h })).statusCode).toBe(404);
    const list = (await app.inject({ method: 'GET', url: '/api/change-requests', headers: yn.other })).json();
    expect(list.items.some((x: { id: string }) => x.id === d.id)).toBe(false);
    // the institution cannot approve its own request (403 naming who may)
    const self = await step(h, d.id, 'approve', s.version);
    expect(self.statusCode).toBe(403);
  });

  it('云医保〔2022〕6号 第二十八条 退回须说明理由；机构补正材料后重新提交，办理时限重新起算（退回时停止）', async () => {
    const { h } = await institution('530102');
    const d = await file(h, [{ field: 'address', to: '退回地址' }]);
    const s = (await step(h, d.id, 'submit', d.version)).json();
    const noReason = await step(yn.county, d.id, 'return', s.version);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    const back = await step(yn.county, d.id, 'return', s.version, { reason: '批准文件不清晰' });
    expect(back.json()).toMatchObject({ state: 'returned', returnReason: '批准文件不清晰' });
    const up = multipart('清晰版.pdf', pdf(`${d.id}-2`));
    expect((await app.inject({ method: 'POST', url: `/api/change-requests/${d.id}/files`, headers: { ...h, ...up.headers }, payload: up.payload })).statusCode).toBe(201);
    const againRes = await step(h, d.id, 'submit', back.json().version);
    expect(againRes.statusCode, againRes.body).toBe(200);
    const again = againRes.json();
    expect(again.state).toBe('submitted');
    // the returned request's limit stopped; the resubmitted one runs anew
    expect(again.deadlines.map((x: { state: string; dueOn: string }) => `${x.state} ${x.dueOn}`).sort()).toEqual(['open 2025-10-11', 'stopped 2025-10-11']);
  });

  it('云医保〔2022〕6号 第二十八条 重大信息变更须附批准文件；错误输入答 400 并指明字段', async () => {
    const { h } = await institution('530102');
    const res = await app.inject({ method: 'POST', url: '/api/change-requests', headers: h, payload: { changes: [{ field: 'address', to: '无材料' }], approvalDocNo: 'x', approvalDate: '2025-09-20' } });
    const d = res.json();
    const r = await step(h, d.id, 'submit', d.version);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toContain('批准文件扫描件');
    const bad = await app.inject({ method: 'POST', url: '/api/change-requests', headers: h, payload: { changes: [{ field: 'scale', to: '很多' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('床位数');
  });
});
