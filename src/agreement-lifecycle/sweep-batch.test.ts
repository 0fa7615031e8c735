/**
 * The sweep's set-based batch (runCaseEvents, decision 0036) writes what one-by-one engine steps
 * write: two twin sets of agreements, one moved by `runCaseEvents` in one batch, the other by
 * `runCaseEvent` one at a time; their rows, records, outbox facts, notices and audit rows agree,
 * and every audit chain still verifies. A case met twice, a step the batch does not cover and a
 * refused event take the one-by-one path and answer what it answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildSessionUser, ensureRegion } from '../testing/factories';
import { agreementSuspensions, agreements, auditLog, documents, institutions, outboxEvents, regions } from '../db/schema/index';
import { verifyAuditLog } from '../db/audit-repo';
import { seedInstitution } from '../agreements/test-support';
import type { SessionUser } from '../domain/identity/roles';
import type { AgreementEvent } from '../domain/agreement/lifecycle';
import { runCaseEvent, runCaseEvents } from '../workflow/run-case-event';
import { SYSTEM } from '../workflow/actor';
import { agreementBinding, INITIAL_LIFE } from './binding';

let ctx: TestContext;
let officer: SessionUser;
let agencyOrgId: string;
let n = 0;

async function seedAgreement(institutionId: string, termTo: string, regionCode = '530102') {
  const now = ctx.clock.now();
  n += 1;
  const [r] = await ctx.db.insert(agreements).values({
    institutionId, regionCode, agencyOrgId: regionCode === '530102' ? agencyOrgId : null, number: `批协〔2025〕${n}号`, termFrom: '2025-01-01', termTo, special: {}, model: {}, canonicalText: 'x', textSm3: 'x',
    status: 'signed', lifeState: 'in_force', life: INITIAL_LIFE, lifeSince: '2025-01-01', createdAt: now, updatedAt: now,
  }).returning();
  await ctx.db.update(institutions).set({ status: 'designated' }).where(eq(institutions.id, institutionId));
  return r!;
}

/** Four agreements: two expiring, one suspended and expiring, one of an institution that keeps another live agreement. */
async function twinSet(tag: string) {
  ctx.clock.set('2026-01-05T09:00:00+08:00');
  const a = await seedInstitution(ctx, '530102', `${tag}甲医院`);
  const b = await seedInstitution(ctx, '530102', `${tag}乙医院`);
  const c = await seedInstitution(ctx, '530102', `${tag}丙医院`);
  const ids = [
    (await seedAgreement(a.id, '2026-01-10')).id,
    (await seedAgreement(b.id, '2026-01-10')).id,
    (await seedAgreement(c.id, '2026-01-10')).id,
    (await seedAgreement(c.id, '2026-01-10')).id,
  ];
  await seedAgreement(c.id, '2027-12-31'); // c stays designated through this one
  const binding = agreementBinding(ctx);
  await runCaseEvent(ctx, binding, officer, ids[2]!, { type: 'impose_suspension', situation: 'major_risk', facts: '检查发现重大风险', rectification: '限期整改', days: 60 }, 1);
  return { ids, institutions: [a.id, b.id, c.id] };
}

/** What a step left behind, without ids, numbers and times that differ between the twins by construction. */
async function footprint(id: string) {
  const [row] = await ctx.db.select().from(agreements).where(eq(agreements.id, id));
  const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(asc(auditLog.chainSeq));
  const out = await ctx.db.select().from(outboxEvents).where(eq(outboxEvents.caseId, id)).orderBy(asc(outboxEvents.id));
  const docs = await ctx.db.select().from(documents).where(and(eq(documents.caseType, 'agreement'), eq(documents.caseId, id))).orderBy(asc(documents.issuedAt));
  const susp = await ctx.db.select().from(agreementSuspensions).where(eq(agreementSuspensions.agreementId, id));
  const strip = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x) => (['agreementId', 'agreementNumber', 'institutionId', 'documents'].includes(k) ? undefined : x)));
  return {
    lifeState: row!.lifeState, life: row!.life, lifeSince: row!.lifeSince, version: row!.version,
    audit: audit.map((r) => ({ chainSeq: r.chainSeq, action: r.action, before: r.before, after: strip(r.after), reason: r.reason, documents: (r.after as { documents: string[] }).documents.length })),
    outbox: out.map((o) => ({ topic: o.topic, payload: strip(o.payload), key: o.idempotencyKey.replace(id, '<id>') })),
    documents: docs.map((d) => ({ kind: d.kind, title: d.title, numbered: d.number.length > 0 })),
    suspensions: susp.map((s) => ({ mode: s.mode, resumedOn: s.resumedOn, endedOn: s.endedOn })),
  };
}

beforeAll(async () => {
  ctx = await createTestContext('2026-01-05T09:00:00+08:00');
  await ensureRegion(ctx, '530000');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  await ensureRegion(ctx, '530102');
  await ensureRegion(ctx, '220000');
  await ctx.db.update(regions).set({ profileId: 'jilin' }).where(eq(regions.code, '220000'));
  await ensureRegion(ctx, '220202');
  officer = await buildSessionUser(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医保中心' }, ['agency_officer']);
  agencyOrgId = officer.orgId;
});
afterAll(async () => {
  await ctx.close();
});

describe('the sweep\'s batch writes what one-by-one steps write', () => {
  it('云医保〔2022〕6号 第三十二条: expiring agreements ended in one batch match the same agreements ended one by one, and every chain verifies', async () => {
    const one = await twinSet('逐个');
    const many = await twinSet('批量');
    ctx.clock.set('2026-01-11T09:00:00+08:00');
    const binding = agreementBinding(ctx);
    for (const id of one.ids) await runCaseEvent(ctx, binding, SYSTEM, id, { type: 'expire' }, (await ctx.db.select().from(agreements).where(eq(agreements.id, id)))[0]!.version);
    const outcomes = await runCaseEvents(ctx, agreementBinding(ctx), SYSTEM, many.ids.map((caseId) => ({ caseId, event: { type: 'expire' } as AgreementEvent })));
    expect(outcomes.map((o) => o.ok && o.result.state)).toEqual(['ended', 'ended', 'ended', 'ended']);

    for (let i = 0; i < one.ids.length; i++) expect(await footprint(many.ids[i]!)).toEqual(await footprint(one.ids[i]!));
    const suspended = await footprint(many.ids[2]!);
    expect(suspended.suspensions).toEqual([{ mode: 'imposed', resumedOn: null, endedOn: '2026-01-11' }]);
    expect(suspended.outbox.map((o) => o.topic)).toEqual(['agreement.payment_paused', 'agreement.payment_shut']);
    expect(suspended.documents.map((d) => d.title)).toEqual(['中止协议通知书', '协议终止通知书']);

    // the registry status from all the institution's agreements: a, b terminated; c keeps its live agreement
    const status = async (ids: string[]) => Promise.all(ids.map(async (id) => (await ctx.db.select({ s: institutions.status }).from(institutions).where(eq(institutions.id, id)))[0]!.s));
    expect(await status(many.institutions)).toEqual(await status(one.institutions));
    expect(await status(many.institutions)).toEqual(['terminated', 'terminated', 'designated']);

    // the batch's notices took distinct consecutive serials of the agency's 协终 counter
    const numbers = (await ctx.db.select({ number: documents.number, caseId: documents.caseId }).from(documents).where(eq(documents.kind, 'ending_notice')))
      .filter((d) => many.ids.includes(d.caseId)).map((d) => Number(/〔\d+〕(\d+)号/.exec(d.number)![1])).sort((x, y) => x - y);
    expect(numbers).toHaveLength(4);
    expect(numbers[3]! - numbers[0]!).toBe(3);
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true);
  });

  it('吉医保规〔2023〕1号 第三十条: an agreement met twice, a step the batch does not cover (a cascade) and refused events answer what one-by-one steps answer', async () => {
    const { ids } = await twinSet('回退');
    ctx.clock.set('2026-01-11T09:00:00+08:00');
    const jl = await seedAgreement((await seedInstitution(ctx, '220202', '船营跨区医院')).id, '2027-12-31', '220202');
    const binding = agreementBinding(ctx);
    const outcomes = await runCaseEvents(ctx, binding, SYSTEM, [
      { caseId: ids[0]!, event: { type: 'expire' } },
      { caseId: ids[0]!, event: { type: 'expire' } }, // met twice: the second runs after the first and is refused
      { caseId: ids[1]!, event: { type: 'cascade', action: 'suspend', sourceAgreementId: ids[3]!, sourceRegion: '220102' } }, // Yunnan has no cascade: refused
      { caseId: ids[3]!, event: { type: 'suspension_max_passed' } }, // not suspended: refused
      { caseId: '00000000-0000-4000-8000-000000000000', event: { type: 'expire' } },
      { caseId: jl.id, event: { type: 'cascade', action: 'suspend', sourceAgreementId: ids[3]!, sourceRegion: '220102' } }, // 吉医保规〔2023〕1号 第三十条: opens a 中止 record, runs alone
    ]);
    expect(outcomes[0]).toMatchObject({ ok: true, result: { state: 'ended', version: 2 } });
    expect(outcomes[5]).toMatchObject({ ok: true, result: { state: 'suspended', version: 2 } });
    expect((await ctx.db.select().from(agreementSuspensions).where(eq(agreementSuspensions.agreementId, jl.id))).map((s) => s.mode)).toEqual(['cascade']);
    const refusal = async (id: string, event: AgreementEvent) => {
      const v = (await ctx.db.select().from(agreements).where(eq(agreements.id, id)))[0]!.version;
      return runCaseEvent(ctx, binding, SYSTEM, id, event, v).then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)));
    };
    const messageOf = (o: (typeof outcomes)[number]) => (o.ok ? null : (o.error as Error).message);
    expect(messageOf(outcomes[1]!)).toBe(await refusal(ids[0]!, { type: 'expire' }));
    expect(messageOf(outcomes[1]!)).not.toBeNull();
    expect(messageOf(outcomes[2]!)).toBe(await refusal(ids[1]!, { type: 'cascade', action: 'suspend', sourceAgreementId: ids[3]!, sourceRegion: '220102' }));
    expect(messageOf(outcomes[3]!)).toBe(await refusal(ids[3]!, { type: 'suspension_max_passed' }));
    expect(messageOf(outcomes[4]!)).toBe('协议不存在');
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true);
  });
});
