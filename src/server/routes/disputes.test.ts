/**
 * 争议 through HTTP (decision 0035): the institution raises, the agency negotiates, the department coordinates,
 * the case closes; an overturned 解除 restores the agreement through its own reverse_decision, audited with the dispute id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion, sessionHeaders } from '../../testing/factories';
import { agreements, auditLog, institutions, regions } from '../../db/schema/index';
import { person, seedInstitution, type Person } from '../../agreements/test-support';
import { INITIAL_LIFE } from '../../agreement-lifecycle/binding';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
const P: Record<string, Person & { orgId: string }> = {};

const h = (who: Person) => sessionHeaders(ctx, who.id);
const ev = async (who: Person, id: string, body: Record<string, unknown>) => {
  const v = (await (await app.inject({ url: `/api/disputes/${id}`, headers: await h(who) })).json()).version;
  return app.inject({ method: 'POST', url: `/api/disputes/${id}/events`, headers: await h(who), payload: { version: v, ...body } });
};

function multipart(fileName: string, content: Buffer) {
  const boundary = '----dingdian' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n%%EOF\n`, 'latin1');
const upload = async (who: Person, id: string, name: string, content: Buffer) => {
  const m = multipart(name, content);
  return app.inject({ method: 'POST', url: `/api/disputes/${id}/files`, headers: { ...(await h(who)), ...m.headers }, payload: m.payload });
};
let n = 0;
async function seedLiveAgreement(regionCode: string, orgId: string, name: string, lifeState: 'in_force' | 'terminated' = 'in_force') {
  const inst = await seedInstitution(ctx, regionCode, name);
  const now = ctx.clock.now();
  n += 1;
  const [ag] = await ctx.db.insert(agreements).values({
    institutionId: inst.id, regionCode, agencyOrgId: orgId, number: `争协〔2025〕${100 + n}号`, termFrom: '2025-01-01', termTo: '2027-12-31',
    special: {}, model: {}, canonicalText: 'x', textSm3: 'x', status: 'signed', lifeState, life: INITIAL_LIFE, lifeSince: '2025-01-01', createdAt: now, updatedAt: now,
  }).returning();
  await ctx.db.update(institutions).set({ status: 'designated' }).where(eq(institutions.id, inst.id));
  const staff = await person(ctx, { kind: 'institution', institutionId: inst.id, regionCode }, ['institution_staff']);
  return { inst, ag: ag!, staff };
}

beforeAll(async () => {
  ctx = await createTestContext('2026-03-02T09:00:00+08:00');
  app = await buildApp(ctx);
  await ensureRegion(ctx, '110000');
  await ctx.db.update(regions).set({ profileId: 'beijing' }).where(eq(regions.code, '110000'));
  for (const c of ['110105', '110106']) await ensureRegion(ctx, c);
  P.bj = await person(ctx, { kind: 'agency', level: 'county', regionCode: '110105', name: '朝阳区医保中心' }, ['agency_officer']);
  P.ft = await person(ctx, { kind: 'agency', level: 'county', regionCode: '110106', name: '丰台区医保中心' }, ['agency_officer']);
  P.dept = await person(ctx, { kind: 'admin_dept', level: 'county', regionCode: '110105' }, ['admin_dept_officer']);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('争议', () => {
  it('京医保发〔2021〕30号 第四十六条: a dispute overturning a 解除 — 协商, 提请行政部门协调, 协调, 撤销 — restores the agreement via reverse_decision, audited with the dispute id', async () => {
    const inst = await seedInstitution(ctx, '110105', '朝阳争议医院');
    const now = ctx.clock.now();
    const [ag] = await ctx.db.insert(agreements).values({
      institutionId: inst.id, regionCode: '110105', agencyOrgId: P.bj!.orgId, number: '争协〔2025〕1号', termFrom: '2025-01-01', termTo: '2027-12-31',
      special: {}, model: {}, canonicalText: 'x', textSm3: 'x', status: 'signed', lifeState: 'terminated', life: INITIAL_LIFE, lifeSince: '2026-02-01', createdAt: now, updatedAt: now,
    }).returning();
    await ctx.db.update(institutions).set({ status: 'designated' }).where(eq(institutions.id, inst.id));
    const staff = await person(ctx, { kind: 'institution', institutionId: inst.id, regionCode: '110105' }, ['institution_staff']);

    expect((await app.inject({ method: 'POST', url: '/api/disputes', headers: await h(staff), payload: { agreementId: ag!.id, subject: 'termination', text: '' } })).statusCode).toBe(400);
    const raised = await app.inject({ method: 'POST', url: '/api/disputes', headers: await h(staff), payload: { agreementId: ag!.id, subject: 'termination', text: '解除决定认定事实有误' } });
    expect(raised.statusCode, raised.body).toBe(201);
    const id = raised.json().id;
    expect((await app.inject({ url: `/api/disputes/${id}`, headers: await h(P.ft!) })).statusCode).toBe(404);

    expect((await ev(P.bj!, id, { type: 'negotiate', note: '已与机构协商，未达成一致' })).json()).toMatchObject({ state: 'negotiating' });
    expect((await ev(P.dept!, id, { type: 'coordinate', note: 'x' })).statusCode).toBe(409);
    expect((await ev(staff, id, { type: 'refer', note: '提请区医保局协调' })).json()).toMatchObject({ state: 'coordinating' });
    expect((await ev(staff, id, { type: 'close', outcome: 'overturned', note: 'x' })).statusCode).toBe(403);
    expect((await ev(P.dept!, id, { type: 'coordinate', note: '组织双方协调，经办机构认定事实不清' })).json()).toMatchObject({ state: 'coordinating' });
    const closed = await ev(P.bj!, id, { type: 'close', outcome: 'overturned', note: '撤销解除决定', reference: '朝医保协调〔2026〕1号' });
    expect(closed.json()).toMatchObject({ state: 'closed' });
    const view = (await app.inject({ url: `/api/disputes/${id}`, headers: await h(staff) })).json();
    expect(view).toMatchObject({ outcome: 'overturned', outcomeLabel: '撤销', mayReverse: true, outcomeReference: '朝医保协调〔2026〕1号' });
    expect(view.notes.map((n: { stage: string }) => n.stage)).toEqual(['negotiate', 'refer', 'coordinate', 'close']);

    const rev = await app.inject({ method: 'POST', url: `/api/disputes/${id}/reverse`, headers: await h(P.bj!), payload: { agreementVersion: ag!.version } });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json().agreementState).toBe('in_force');
    const [after] = await ctx.db.select().from(agreements).where(eq(agreements.id, ag!.id));
    expect(after!.lifeState).toBe('in_force');
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, ag!.id), eq(auditLog.action, 'agreement.reverse_decision')));
    expect((audit!.after as { event: { disputeId: string } }).event.disputeId).toBe(id);
    expect((await app.inject({ method: 'POST', url: `/api/disputes/${id}/reverse`, headers: await h(P.bj!), payload: { agreementVersion: after!.version } })).statusCode).toBe(409);
    const list = (await app.inject({ url: '/api/disputes?state=closed', headers: await h(P.dept!) })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(id);
  });

  it('京医保发〔2021〕30号 第三十九条: the institution objects to the agency\'s own breach of the agreement — 协商, 提请行政部门协调, the department\'s 协调 and 办结 和解; no reversal of the agreement', async () => {
    const { ag, staff } = await seedLiveAgreement('110105', P.bj!.orgId, '朝阳违约争议医院');
    const raised = await app.inject({ method: 'POST', url: '/api/disputes', headers: await h(staff), payload: { agreementId: ag.id, subject: 'agency_breach', text: '经办机构未按协议约定时限拨付医保费用' } });
    expect(raised.statusCode, raised.body).toBe(201);
    const id = raised.json().id;
    const first = (await app.inject({ url: `/api/disputes/${id}`, headers: await h(P.bj!) })).json();
    expect(first).toMatchObject({ state: 'raised', subject: 'agency_breach', subjectLabel: '经办机构违反协议', agreementNumber: ag.number, institutionName: '朝阳违约争议医院' });
    expect(first.allowedEvents.map((e: { event: string }) => e.event).sort()).toEqual(['close', 'negotiate', 'refer', 'seek_review']);
    // the institution may only refer or seek review; it cannot negotiate on the agency's behalf or close
    const mine = (await app.inject({ url: `/api/disputes/${id}`, headers: await h(staff) })).json();
    expect(mine.allowedEvents.map((e: { event: string }) => e.event).sort()).toEqual(['refer', 'seek_review']);

    expect((await ev(P.bj!, id, { type: 'negotiate', note: '经办机构承认拨付延迟，双方协商补付方案' })).json()).toMatchObject({ state: 'negotiating' });
    expect((await ev(staff, id, { type: 'refer', note: '补付方案未落实，提请区医保局协调' })).json()).toMatchObject({ state: 'coordinating' });
    const dept = (await app.inject({ url: `/api/disputes/${id}`, headers: await h(P.dept!) })).json();
    expect(dept.allowedEvents.map((e: { event: string }) => e.event).sort()).toEqual(['close', 'coordinate']);
    expect((await ev(P.dept!, id, { type: 'coordinate', note: '责成经办机构十个工作日内补付' })).json()).toMatchObject({ state: 'coordinating' });
    expect((await ev(P.dept!, id, { type: 'close', outcome: 'settled', note: '已补付，双方和解' })).json()).toMatchObject({ state: 'closed' });
    const done = (await app.inject({ url: `/api/disputes/${id}`, headers: await h(staff) })).json();
    expect(done).toMatchObject({ outcome: 'settled', outcomeLabel: '和解', mayReverse: false, allowedEvents: [] });
    expect(done.notes.map((x: { stage: string }) => x.stage)).toEqual(['negotiate', 'refer', 'coordinate', 'close']);
    expect((await app.inject({ method: 'POST', url: `/api/disputes/${id}/reverse`, headers: await h(P.bj!), payload: { agreementVersion: ag.version } })).statusCode).toBe(409);
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action)).toEqual(['dispute.create', 'dispute.negotiate', 'dispute.refer', 'dispute.coordinate', 'dispute.close']);
    expect((audit[1]!.after as { cites: string[] }).cites.join(' ')).toContain('京医保发〔2021〕30号 第三十九条');
  });

  it('京医保发〔2021〕30号 第四十六条: evidence of a dispute — either side uploads (PDF/JPEG/PNG by content, ≤10MB, once), lists and downloads inside the territory, audited; none after 办结', async () => {
    const { ag, staff } = await seedLiveAgreement('110105', P.bj!.orgId, '朝阳证据争议医院', 'terminated');
    const id = (await app.inject({ method: 'POST', url: '/api/disputes', headers: await h(staff), payload: { agreementId: ag.id, subject: 'termination', text: '解除依据不足' } })).json().id;

    const up = await upload(staff, id, '情况说明.pdf', pdf(id));
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ fileName: '情况说明.pdf', mime: 'application/pdf', side: 'institution', sideLabel: '医药机构' });
    const bad = await upload(staff, id, 'x.pdf', Buffer.from('not a pdf'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'file', message: expect.stringContaining('PDF') });
    expect((await upload(staff, id, '再次.pdf', pdf(id))).statusCode).toBe(400);
    const notMultipart = await app.inject({ method: 'POST', url: `/api/disputes/${id}/files`, headers: await h(staff), payload: { file: 'x' } });
    expect(notMultipart.statusCode).toBe(400);
    ctx.clock.advance(60_000);
    const byAgency = await upload(P.bj!, id, '稽核记录.pdf', pdf(`${id}-agency`));
    expect(byAgency.json()).toMatchObject({ side: 'agency', sideLabel: '经办机构' });
    // another district's agency neither sees nor uploads
    expect((await upload(P.ft!, id, 'x.pdf', pdf(`${id}-ft`))).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/disputes/${id}/files`, headers: await h(P.ft!) })).statusCode).toBe(404);

    const list = (await app.inject({ url: `/api/disputes/${id}/files`, headers: await h(P.dept!) })).json().items;
    expect(list.map((f: { fileName: string }) => f.fileName)).toEqual(['情况说明.pdf', '稽核记录.pdf']);
    const dl = await app.inject({ url: `/api/disputes/${id}/files/${list[0].id}`, headers: await h(staff) });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(pdf(id))).toBe(true);
    expect((await app.inject({ url: `/api/disputes/${id}/files/${list[0].id}`, headers: await h(P.ft!) })).statusCode).toBe(404);
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'dispute.file.upload')));
    expect(audit).toHaveLength(2);

    await ev(P.bj!, id, { type: 'close', outcome: 'upheld', note: '维持解除决定' });
    expect((await upload(staff, id, '补充.pdf', pdf(`${id}-late`))).statusCode).toBe(409);
  });

  it('争议处理 list: the agency\'s territory, filtered by state, searched by institution name, sorted and paged on the server', async () => {
    const a = await seedLiveAgreement('110105', P.bj!.orgId, '朝阳检索甲医院');
    const b = await seedLiveAgreement('110105', P.bj!.orgId, '朝阳检索乙医院');
    for (const x of [a, b]) {
      ctx.clock.advance(60_000);
      expect((await app.inject({ method: 'POST', url: '/api/disputes', headers: await h(x.staff), payload: { agreementId: x.ag.id, subject: 'agency_breach', text: '检索用争议' } })).statusCode).toBe(201);
    }
    const found = (await app.inject({ url: `/api/disputes?search=${encodeURIComponent('检索甲')}`, headers: await h(P.bj!) })).json();
    expect(found.items.map((x: { institutionName: string }) => x.institutionName)).toEqual(['朝阳检索甲医院']);
    const asc = (await app.inject({ url: `/api/disputes?search=${encodeURIComponent('朝阳检索')}&sort=raised_asc&pageSize=1`, headers: await h(P.bj!) })).json();
    expect(asc).toMatchObject({ total: 2, pageSize: 1 });
    expect(asc.items[0].institutionName).toBe('朝阳检索甲医院');
    const desc2 = (await app.inject({ url: `/api/disputes?search=${encodeURIComponent('朝阳检索')}&page=2&pageSize=1`, headers: await h(P.bj!) })).json();
    expect(desc2.items[0].institutionName).toBe('朝阳检索甲医院');
    expect((await app.inject({ url: `/api/disputes?search=${encodeURIComponent('朝阳检索')}`, headers: await h(P.ft!) })).json().total).toBe(0);
    expect((await app.inject({ url: '/api/disputes?sort=x', headers: await h(P.bj!) })).statusCode).toBe(400);
  });
});
