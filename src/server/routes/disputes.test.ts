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
});
