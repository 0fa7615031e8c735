/**
 * A 中止 of one department's settlement with a 截止日期 lapses by itself (decision 0042): the deadline sweep,
 * on the injected clock, runs the system's 期满恢复 the day after the date — state, outbox row, audit row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../testing/factories';
import { agreements, auditLog, institutions, outboxEvents as outbox, regions, settlementRestrictions } from '../db/schema/index';
import { person, seedInstitution, type Person } from '../agreements/test-support';
import { INITIAL_LIFE } from '../agreement-lifecycle/binding';
import { buildApp } from '../server/app';

let ctx: TestContext;
let app: FastifyInstance;
let sysadmin: string;
let officer: Person & { orgId: string };

beforeAll(async () => {
  ctx = await createTestContext('2026-03-02T09:00:00+08:00');
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530000');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  await ensureRegion(ctx, '530102');
  officer = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医保中心' }, ['agency_officer']);
  sysadmin = (await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin'])).user.id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const sweep = async () => {
  const r = await app.inject({ method: 'POST', url: '/api/admin/deadlines/sweep', headers: await sessionHeaders(ctx, sysadmin) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { restrictions: { events: number; failed: number } };
};

describe('暂停人员/科室医保结算 期满恢复', () => {
  it('云医保〔2022〕6号 第二十五条: a 中止 「至2026年3月10日」 still holds on 3-10 and ends by itself on 3-11 — 已恢复结算, outbox settlement.restriction_lifted, a system audit row; once', async () => {
    const inst = await seedInstitution(ctx, '530102', '五华期满医院');
    const now = ctx.clock.now();
    const [ag] = await ctx.db.insert(agreements).values({
      institutionId: inst.id, regionCode: '530102', agencyOrgId: officer.orgId, number: '期协〔2025〕1号', termFrom: '2025-01-01', termTo: '2027-12-31',
      special: {}, model: {}, canonicalText: 'x', textSm3: 'x', status: 'signed', lifeState: 'in_force', life: INITIAL_LIFE, lifeSince: '2025-01-01', createdAt: now, updatedAt: now,
    }).returning();
    await ctx.db.update(institutions).set({ status: 'designated' }).where(eq(institutions.id, inst.id));
    const made = await app.inject({
      method: 'POST', url: `/api/agreements/${ag!.id}/settlement-restrictions`, headers: await sessionHeaders(ctx, officer.id),
      payload: { mode: 'suspend', target: { kind: 'department', department: '康复科' }, reason: '串换项目', fromOn: '2026-03-02', untilOn: '2026-03-10' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    // an officer cannot run the system's event
    const byHand = await app.inject({ method: 'POST', url: `/api/settlement-restrictions/${id}/events/lapse`, headers: await sessionHeaders(ctx, officer.id), payload: { version: 2, reason: 'x' } });
    expect(byHand.statusCode).toBeGreaterThanOrEqual(400);
    expect(byHand.statusCode).toBeLessThan(500);

    ctx.clock.set('2026-03-10T09:00:00+08:00');
    expect((await sweep()).restrictions).toEqual({ events: 0, failed: 0 });
    expect((await ctx.db.select().from(settlementRestrictions).where(eq(settlementRestrictions.id, id)))[0]!.state).toBe('in_effect');

    ctx.clock.set('2026-03-11T00:01:00+08:00');
    expect((await sweep()).restrictions).toEqual({ events: 1, failed: 0 });
    const [row] = await ctx.db.select().from(settlementRestrictions).where(eq(settlementRestrictions.id, id));
    expect(row!.state).toBe('lifted');
    expect(row!.version).toBe(3);
    expect(row!.data).toMatchObject({ liftedOn: '2026-03-11', liftReason: expect.stringContaining('期满') });

    const out = await ctx.db.select().from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.topic, 'settlement.restriction_lifted')));
    expect(out).toHaveLength(1);
    expect(out[0]!.payload).toMatchObject({ restrictionId: id, target: 'department', department: '康复科', fromOn: '2026-03-11', event: 'lapse', version: 3 });
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'settlement_restriction.lapse')));
    expect(audit).toBeDefined();
    expect(audit!.actorUserId).toBeNull();
    expect(audit!.after).toMatchObject({ state: 'lifted', cites: expect.arrayContaining([expect.stringContaining('云医保〔2022〕6号 第二十五条')]) });

    expect((await sweep()).restrictions).toEqual({ events: 0, failed: 0 });
    expect(await ctx.db.select().from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.topic, 'settlement.restriction_lifted')))).toHaveLength(1);
  });
});
