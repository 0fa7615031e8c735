/**
 * applyDeadlineEffects writes all of a step's deadline effects in one statement. These tests hold it
 * to the sequential semantics it replaced (one UPDATE / INSERT per effect, in order): for every
 * effect sequence below, and for random ones, the rows after the batched statement equal the rows
 * after the sequential reference, starting from the same rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { ensureRegion } from '../testing/factories';
import { applications, deadlines, institutions } from './schema/index';
import type { Tx } from './client';
import { applyDeadlineEffects, deadlineEffectsSql, planDeadlineEffects } from './deadline-repo';
import { updateApplicationState } from './designation-repo';
import type { Application } from '../domain/designation/application';
import type { Effect } from '../domain/designation/transition';
import type { DeadlineId } from '../domain/designation/deadlines';
import { art, formatCite, YN, type Cite } from '../domain/designation/cite';

let ctx: TestContext;
let institutionId: string;
const TODAY = '2026-03-20';
const CITES: Cite[] = [art(YN, 9)];

beforeAll(async () => {
  ctx = await createTestContext();
  await ensureRegion(ctx, '530102');
  const now = ctx.clock.now();
  const [inst] = await ctx.db.insert(institutions).values({
    name: '时限测试医院', uscc: 'DL0000000000000001', kind: 'medical', subtype: 'general_hospital', ownership: 'private',
    regionCode: '530102', address: '测试路', openedOn: '2024-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  institutionId = inst!.id;
});
afterAll(async () => {
  await ctx.close();
});

async function newApplication(): Promise<string> {
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  await ctx.db.insert(applications).values({
    id, institutionId, kind: 'medical', regionCode: '530102', profileId: 'yunnan', agencyOrgId: null, state: 'draft', version: 1,
    data: { id, state: 'draft' }, declaration: { paymentCategories: [], insuranceSchemes: [] }, createdAt: now, updatedAt: now,
  } as typeof applications.$inferInsert);
  return id;
}

/** The pre-batching implementation, verbatim: one statement per effect. */
async function sequential(tx: Tx, applicationId: string, effects: readonly Effect[], today: string): Promise<void> {
  const open = (id?: DeadlineId) =>
    and(eq(deadlines.applicationId, applicationId), eq(deadlines.state, 'open'), id ? eq(deadlines.deadline, id) : undefined);
  for (const e of effects) {
    switch (e.kind) {
      case 'stop_all_deadlines':
        await tx.update(deadlines).set({ state: 'stopped', closedOn: today }).where(open());
        break;
      case 'stop_deadline':
        await tx.update(deadlines).set({ state: 'stopped', closedOn: today }).where(open(e.deadline));
        break;
      case 'pause_deadline':
        await tx.update(deadlines).set({ pausedSince: e.since }).where(open(e.deadline));
        break;
      case 'resume_deadline':
        await tx.update(deadlines)
          .set({ pausedSince: null, dueOn: e.due, provisional: e.provisional, warnOn: e.warnOn, warnedOn: null, flaggedOn: null })
          .where(open(e.deadline));
        break;
      case 'start_deadline':
        await tx.update(deadlines).set({ state: 'stopped', closedOn: today }).where(open(e.deadline));
        await tx.insert(deadlines).values({
          applicationId, caseId: applicationId, deadline: e.deadline, basis: e.basis, n: e.n, startsOn: e.startedOn, dueOn: e.due,
          warnOn: e.warnOn, provisional: e.provisional, cites: e.cites.map(formatCite),
        });
        break;
      case 'issue_document':
        break;
    }
  }
}

const start = (deadline: DeadlineId, due: string, extra: Partial<{ warnOn: string | null; provisional: boolean }> = {}): Effect => ({
  kind: 'start_deadline', deadline, startedOn: TODAY, due, provisional: extra.provisional ?? false, warnOn: extra.warnOn ?? null,
  basis: 'workday', n: 5, cites: CITES,
});
const stop = (deadline: DeadlineId): Effect => ({ kind: 'stop_deadline', deadline });
const pause = (deadline: DeadlineId, since = TODAY): Effect => ({ kind: 'pause_deadline', deadline, since });
const resume = (deadline: DeadlineId, due: string): Effect => ({ kind: 'resume_deadline', deadline, due, provisional: true, warnOn: '2026-04-01' });
const stopAll: Effect = { kind: 'stop_all_deadlines' };
const doc: Effect = { kind: 'issue_document', document: 'acceptance_notice', title: '受理通知书', cites: CITES };

/** The rows of an application without ids, in a stable order (what the sequential and batched runs must agree on). */
async function rowsOf(applicationId: string) {
  const rows = await ctx.db.select().from(deadlines).where(eq(deadlines.applicationId, applicationId))
    .orderBy(asc(deadlines.deadline), asc(deadlines.state), asc(deadlines.startsOn), asc(deadlines.dueOn));
  return rows.map(({ id: _id, applicationId: _a, caseId: _c, ...r }) => r).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Runs `before` then `effects` on two fresh applications, sequentially and batched; returns both results. */
async function both(before: Effect[][], effects: Effect[]) {
  const out = [];
  for (const apply of [sequential, applyDeadlineEffects]) {
    const id = await newApplication();
    for (const b of before) await ctx.db.transaction((tx) => sequential(tx, id, b, '2026-03-10'));
    await ctx.db.transaction((tx) => apply(tx, id, effects, TODAY));
    out.push(await rowsOf(id));
  }
  return { seq: out[0]!, batched: out[1]! };
}

const IDS: DeadlineId[] = ['evaluation_limit', 'supplement_notice', 'signing_limit'];

describe('applyDeadlineEffects (one statement per step)', () => {
  const cases: [string, Effect[][], Effect[]][] = [
    ['submit: two starts', [], [start('evaluation_limit', '2026-06-20'), start('supplement_notice', '2026-03-27', { warnOn: '2026-03-25' })]],
    ['request_supplement: stop + pause', [[start('evaluation_limit', '2026-06-10'), start('supplement_notice', '2026-03-17')]], [stop('supplement_notice'), pause('evaluation_limit')]],
    ['supplement: resume', [[start('evaluation_limit', '2026-06-10'), pause('evaluation_limit', '2026-03-12')]], [resume('evaluation_limit', '2026-06-18')]],
    ['withdraw: stop all', [[start('evaluation_limit', '2026-06-10'), start('supplement_notice', '2026-03-17')]], [stopAll]],
    ['restart replaces the open row', [[start('evaluation_limit', '2026-06-10')]], [start('evaluation_limit', '2026-07-01')]],
    ['start, then stop all', [[start('evaluation_limit', '2026-06-10')]], [start('supplement_notice', '2026-03-27'), stopAll, doc]],
    ['stop all, then start', [[start('evaluation_limit', '2026-06-10'), start('supplement_notice', '2026-03-17')]], [stopAll, start('signing_limit', '2026-04-01')]],
    ['pause, then stop all keeps the pause date', [[start('evaluation_limit', '2026-06-10')]], [pause('evaluation_limit'), stopAll]],
    ['start twice in one step', [], [start('evaluation_limit', '2026-06-10'), start('evaluation_limit', '2026-06-11')]],
    ['start then pause acts on the new row', [[start('evaluation_limit', '2026-06-10')]], [start('evaluation_limit', '2026-06-12'), pause('evaluation_limit')]],
    ['effects on rows that do not exist', [], [stop('signing_limit'), pause('evaluation_limit'), resume('supplement_notice', '2026-04-01')]],
    ['only documents', [[start('evaluation_limit', '2026-06-10')]], [doc]],
  ];
  for (const [name, before, effects] of cases) {
    it(name, async () => {
      const { seq, batched } = await both(before, effects);
      expect(batched).toEqual(seq);
    });
  }

  it('random effect sequences give the same rows as the sequential statements', async () => {
    let seed = 20260320;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    const pick = (): Effect => {
      const id = IDS[rnd(IDS.length)]!;
      switch (rnd(6)) {
        case 0: return start(id, `2026-0${4 + rnd(5)}-1${rnd(10)}`, { warnOn: rnd(2) ? '2026-03-30' : null, provisional: rnd(2) === 1 });
        case 1: return stop(id);
        case 2: return pause(id, `2026-03-1${rnd(10)}`);
        case 3: return resume(id, `2026-05-2${rnd(10)}`);
        case 4: return rnd(3) === 0 ? stopAll : start(id, '2026-08-01');
        default: return doc;
      }
    };
    for (let i = 0; i < 25; i++) {
      const before = [Array.from({ length: rnd(4) }, pick)];
      const effects = Array.from({ length: 1 + rnd(5) }, pick);
      const { seq, batched } = await both(before, effects);
      expect(batched, JSON.stringify({ before, effects })).toEqual(seq);
    }
  });

  it('is one statement (or none)', () => {
    expect(deadlineEffectsSql('00000000-0000-0000-0000-000000000001', planDeadlineEffects([doc], TODAY))).toBeNull();
    const plan = planDeadlineEffects([stop('supplement_notice'), pause('evaluation_limit'), start('signing_limit', '2026-04-01')], TODAY);
    expect([...plan.old.keys()].sort()).toEqual(['evaluation_limit', 'signing_limit', 'supplement_notice']);
    expect(plan.inserted).toHaveLength(1);
  });
});

describe('updateApplicationState with the deadline writes in the same statement', () => {
  const next = (id: string) => ({ id, state: 'submitted' }) as unknown as Application;

  it('writes the row and the deadlines like the two statements it replaces', async () => {
    const effects = [stop('supplement_notice'), pause('evaluation_limit'), start('signing_limit', '2026-04-01')];
    const before = [[start('evaluation_limit', '2026-06-10'), start('supplement_notice', '2026-03-17')]];
    const { seq } = await both(before, effects);
    const id = await newApplication();
    for (const b of before) await ctx.db.transaction((tx) => sequential(tx, id, b, '2026-03-10'));
    const row = await ctx.db.transaction((tx) => updateApplicationState(tx, id, 1, next(id), ctx.clock.now(), true, planDeadlineEffects(effects, TODAY)));
    expect(row).toMatchObject({ id, state: 'submitted', version: 2, data: { id, state: 'submitted' } });
    expect(row!.submittedAt).toEqual(ctx.clock.now());
    expect(await rowsOf(id)).toEqual(seq);
  });

  it('a stale version writes no deadline row', async () => {
    const id = await newApplication();
    await ctx.db.transaction((tx) => sequential(tx, id, [start('evaluation_limit', '2026-06-10')], '2026-03-10'));
    const before = await rowsOf(id);
    const row = await ctx.db.transaction((tx) =>
      updateApplicationState(tx, id, 7, next(id), ctx.clock.now(), false, planDeadlineEffects([stopAll, start('evaluation_limit', '2026-07-01')], TODAY)));
    expect(row).toBeNull();
    expect(await rowsOf(id)).toEqual(before);
  });

  it('two steps racing on one version: the loser gets null (→ 409), not a unique violation, and one open row remains', async () => {
    const id = await newApplication();
    await ctx.db.transaction((tx) => sequential(tx, id, [start('evaluation_limit', '2026-06-10')], '2026-03-10'));
    const plan = planDeadlineEffects([start('evaluation_limit', '2026-07-01')], TODAY);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstDone!: () => void;
    const first = new Promise<void>((r) => (firstDone = r));
    const a = ctx.db.transaction(async (tx) => {
      const r = await updateApplicationState(tx, id, 1, next(id), ctx.clock.now(), false, plan);
      firstDone();
      await held; // keep the row locked while the other step runs into it
      return r;
    });
    await first;
    const b = ctx.db.transaction((tx) => updateApplicationState(tx, id, 1, next(id), ctx.clock.now(), false, plan));
    setTimeout(release, 300);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).not.toBeNull();
    expect(rb).toBeNull();
    const open = (await rowsOf(id)).filter((r) => r.state === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]!.dueOn).toBe('2026-07-01');
  });
});
