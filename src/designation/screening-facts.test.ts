/**
 * screeningFacts reads the registry and the history in one statement (src/db/screening-repo.ts);
 * these tests hold the facts it builds to what the rules need: the persons who hold a role today
 * and the institutions they held one in before (京医保发〔2021〕30号 第十二条(六)–(八)), the
 * institution's earlier failed evaluations (云医保〔2022〕6号 第十四条(三)), and the province's
 * allocation plan (自治区医保局〔2025〕征求意见稿 四).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { ensureRegion } from '../testing/factories';
import { applications, institutionPersons, institutions, persons, settings } from '../db/schema/index';
import { allocationPlanKey, screeningFacts } from './screening-facts';
import type { ApplicationRow } from '../db/designation-repo';
import { insertTermination } from '../db/finding-repo';
import { evaluate } from '../domain/policy/resolve';

let ctx: TestContext;
let n = 0;
const now = () => ctx.clock.now();

async function institution(status: 'applying' | 'designated' | 'terminated' = 'applying') {
  const [row] = await ctx.db.insert(institutions).values({
    name: `筛查事实医院${++n}`, uscc: `FACT${String(n).padStart(5, '0')}`.padEnd(18, '0'), kind: 'medical', subtype: 'general_hospital', ownership: 'private',
    regionCode: '530102', address: '测试路', openedOn: '2024-01-01', status, createdAt: now(), updatedAt: now(),
  } as typeof institutions.$inferInsert).returning();
  return row!;
}
async function person(name: string, dishonest = false) {
  const [p] = await ctx.db.insert(persons).values({ idNumber: `5301021980010${String(++n).padStart(5, '0')}`, name, dishonest }).returning();
  return p!;
}
async function application(institutionId: string, data: object) {
  const [a] = await ctx.db.insert(applications).values({
    institutionId, kind: 'medical', regionCode: '530102', profileId: 'yunnan', state: 'rectifying', version: 1, data,
    declaration: { paymentCategories: [], insuranceSchemes: [] }, createdAt: now(), updatedAt: now(),
  } as typeof applications.$inferInsert).returning();
  return a as ApplicationRow;
}

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  await ensureRegion(ctx, '530102', '五华区');
});
afterAll(async () => ctx.close());

describe('screening facts from the registry and the history (one statement)', () => {
  it('京医保发〔2021〕30号 第十二条(七)(八): current role holders, their 失信 mark, and only the terminations for which they held a role at the terminated institution on its date', async () => {
    const inst = await institution();
    const terminated = await institution('terminated');
    const other = await institution('designated');
    const legal = await person('法人甲');
    const former = await person('前负责人乙');
    const dishonest = await person('失信丙', true);
    await ctx.db.insert(institutionPersons).values([
      { institutionId: inst.id, personId: legal.id, role: 'legal_rep', fromDate: '2024-01-01' },
      { institutionId: inst.id, personId: former.id, role: 'principal', fromDate: '2024-01-01', toDate: '2025-01-31' }, // no longer holds it
      { institutionId: inst.id, personId: dishonest.id, role: 'controller', fromDate: '2024-01-01' },
      // 法人甲 was legal representative of the terminated institution until the day of its termination (inclusive)
      { institutionId: terminated.id, personId: legal.id, role: 'legal_rep', fromDate: '2019-01-01', toDate: '2022-12-31' },
      // 失信丙 joined the terminated institution only after its termination: not theirs
      { institutionId: terminated.id, personId: dishonest.id, role: 'controller', fromDate: '2023-01-01' },
      { institutionId: other.id, personId: legal.id, role: 'principal', fromDate: '2023-01-01' },
      { institutionId: terminated.id, personId: former.id, role: 'legal_rep', fromDate: '2019-01-01' },
    ] as (typeof institutionPersons.$inferInsert)[]);
    await insertTermination(ctx.db, { institutionId: terminated.id, terminatedOn: '2022-12-31', category: 'serious', decisionNo: '解除〔2022〕1号', createdAt: now() });
    await insertTermination(ctx.db, { institutionId: other.id, terminatedOn: '2024-06-30', category: 'other', createdAt: now() });
    const row = await application(inst.id, { state: 'draft' });
    const facts = await screeningFacts(ctx, row);
    const byName = new Map((facts.persons ?? []).map((p) => [p.name, p]));
    expect([...byName.keys()].sort()).toEqual(['失信丙', '法人甲']);
    expect(byName.get('法人甲')).toMatchObject({ role: 'legal_rep', dishonest: false });
    expect(byName.get('法人甲')!.priorTerminations).toEqual(expect.arrayContaining([{ date: '2022-12-31', serious: true }, { date: '2024-06-30', serious: false }]));
    expect(byName.get('法人甲')!.priorTerminations).toHaveLength(2);
    expect(byName.get('失信丙')).toMatchObject({ role: 'controller', dishonest: true, priorTerminations: [] });
    expect(facts).toMatchObject({ ownership: 'private', operatingSince: '2024-01-01' });
    expect(facts.terminations ?? []).toEqual([]);
    // the status alone no longer makes a termination: an institution marked terminated without a record counts for nobody
    const bare = await institution('terminated');
    const p2 = await person('法人丁');
    const inst2 = await institution();
    await ctx.db.insert(institutionPersons).values([
      { institutionId: inst2.id, personId: p2.id, role: 'legal_rep', fromDate: '2024-01-01' },
      { institutionId: bare.id, personId: p2.id, role: 'legal_rep', fromDate: '2019-01-01' },
    ] as (typeof institutionPersons.$inferInsert)[]);
    expect((await screeningFacts(ctx, await application(inst2.id, { state: 'draft' }))).persons[0]!.priorTerminations).toEqual([]);
  });

  it('京医保发〔2021〕30号 第十二条(七): a legal representative replaced on the day of the termination — the outgoing and the incoming one both held the role that day', async () => {
    const terminated = await institution('terminated');
    const a = await institution();
    const b = await institution();
    const outgoing = await person('离任法人');
    const incoming = await person('新任法人');
    const later = await person('次日到任');
    await ctx.db.insert(institutionPersons).values([
      { institutionId: terminated.id, personId: outgoing.id, role: 'legal_rep', fromDate: '2018-01-01', toDate: '2024-05-10' },
      { institutionId: terminated.id, personId: incoming.id, role: 'legal_rep', fromDate: '2024-05-10', toDate: '2024-05-10' },
      { institutionId: terminated.id, personId: later.id, role: 'principal', fromDate: '2024-05-11' },
      { institutionId: a.id, personId: outgoing.id, role: 'legal_rep', fromDate: '2025-01-01' },
      { institutionId: a.id, personId: later.id, role: 'principal', fromDate: '2025-01-01' },
      { institutionId: b.id, personId: incoming.id, role: 'controller', fromDate: '2025-01-01' },
    ] as (typeof institutionPersons.$inferInsert)[]);
    await insertTermination(ctx.db, { institutionId: terminated.id, terminatedOn: '2024-05-10', category: 'serious', createdAt: now() });
    const fa = await screeningFacts(ctx, await application(a.id, { state: 'draft' }));
    const of = (f: typeof fa, name: string) => f.persons.find((p) => p.name === name)!.priorTerminations;
    expect(of(fa, '离任法人')).toEqual([{ date: '2024-05-10', serious: true }]);
    expect(of(fa, '次日到任')).toEqual([]);
    const fb = await screeningFacts(ctx, await application(b.id, { state: 'draft' }));
    expect(of(fb, '新任法人')).toEqual([{ date: '2024-05-10', serious: true }]);
    // and the rule fires for it, citing its article
    const ev = evaluate('beijing', 'screening', { ...fa, institutionKind: 'medical' }, '2025-09-25');
    expect(ev.reasons.map((r) => [r.ruleId, r.citation])).toContainEqual(['beijing.refusal.person-prior-termination', '京医保发〔2021〕30号 第十二条(七)']);
    expect(ev.reasons.find((r) => r.ruleId === 'beijing.refusal.person-prior-termination')!.message).toContain('法定代表人（离任法人）');
  });

  it('云医保〔2022〕6号 第十四条(三): failed evaluations of the institution\'s OTHER applications since its last pass, dated by the notice served', async () => {
    const inst = await institution();
    await application(inst.id, { state: 'rectifying', evaluations: [{ on: '2025-03-01', pass: false, reasons: ['x'] }], noticeServedOn: '2025-03-05' });
    const current = await application(inst.id, { state: 'rectifying', evaluations: [{ on: '2025-08-01', pass: false, reasons: ['y'] }], noticeServedOn: '2025-08-04' });
    // the application being screened is not its own history
    expect((await screeningFacts(ctx, current)).lastEvaluationFailures).toEqual(['2025-03-05']);
  });

  it('自治区医保局〔2025〕征求意见稿 四: the province\'s allocation-plan setting is read when present, absent otherwise', async () => {
    const inst = await institution();
    const row = await application(inst.id, { state: 'draft' });
    expect((await screeningFacts(ctx, row)).regionHasAllocationPlan).toBeUndefined();
    await ctx.db.insert(settings).values({ key: allocationPlanKey('530102'), value: false, updatedAt: now() });
    expect((await screeningFacts(ctx, row)).regionHasAllocationPlan).toBe(false);
  });

  it('京医保发〔2021〕30号 第十二条(五)(六): the institution\'s own termination records, not its status, dated by the record — an edit of the row after the termination does not move the ban (decision 0034)', async () => {
    const bare = await institution('terminated');
    expect((await screeningFacts(ctx, await application(bare.id, { state: 'draft' }))).terminations).toEqual([]);
    const inst = await institution('terminated');
    await insertTermination(ctx.db, { institutionId: inst.id, terminatedOn: '2024-03-01', category: 'serious', situation: 'fraud', source: 'lifecycle', penaltiesFulfilledOn: '2025-09-25', createdAt: now() });
    await insertTermination(ctx.db, { institutionId: inst.id, terminatedOn: '2025-01-01', category: 'other', situation: 'on_request', cause: 'on_request', source: 'lifecycle', createdAt: now() });
    const row = await application(inst.id, { state: 'draft' });
    const expected = [{ date: '2024-03-01', cause: 'illegal', penaltiesFulfilled: true }];
    expect((await screeningFacts(ctx, row)).terminations).toEqual(expected);
    await ctx.db.update(institutions).set({ address: '改后地址', updatedAt: new Date('2025-09-25T01:00:00Z') }).where(eq(institutions.id, inst.id));
    expect((await screeningFacts(ctx, row)).terminations).toEqual(expected);
  });
});
