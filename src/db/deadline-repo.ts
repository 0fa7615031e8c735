/**
 * Deadline rows: the transition's deadline effects written in the same transaction as the
 * state change, and the open rows the sweep reads. One open row per (application, deadline).
 */
import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { deadlines } from './schema/index';
import type { Effect } from '../domain/designation/transition';
import { formatCite } from '../domain/designation/cite';
import type { DeadlineId, OpenDeadline } from '../domain/designation/deadlines';

export type DeadlineRow = typeof deadlines.$inferSelect;

/** Applies start / stop / pause / resume effects for one application on `today`. */
export async function applyDeadlineEffects(tx: Tx, applicationId: string, effects: readonly Effect[], today: string): Promise<void> {
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
        await tx
          .update(deadlines)
          .set({ pausedSince: null, dueOn: e.due, provisional: e.provisional, warnOn: e.warnOn, warnedOn: null, flaggedOn: null })
          .where(open(e.deadline));
        break;
      case 'start_deadline':
        // a restarted limit (re-evaluation) replaces the old open row
        await tx.update(deadlines).set({ state: 'stopped', closedOn: today }).where(open(e.deadline));
        await tx.insert(deadlines).values({
          applicationId, deadline: e.deadline, basis: e.basis, n: e.n, startsOn: e.startedOn, dueOn: e.due,
          warnOn: e.warnOn, provisional: e.provisional, cites: e.cites.map(formatCite),
        });
        break;
      case 'issue_document':
        break;
    }
  }
}

export async function deadlinesOf(db: Db | Tx, applicationId: string): Promise<DeadlineRow[]> {
  return db.select().from(deadlines).where(eq(deadlines.applicationId, applicationId)).orderBy(asc(deadlines.dueOn), asc(deadlines.deadline));
}

/** Open rows that may need attention today: past due, or at/after their warning day. */
export async function dueOpenDeadlines(db: Db, today: string): Promise<(OpenDeadline & { id: string })[]> {
  const rows = await db
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.state, 'open'), isNull(deadlines.pausedSince), or(lt(deadlines.dueOn, today), lte(deadlines.warnOn, today))))
    .orderBy(asc(deadlines.dueOn));
  return rows.map((r) => ({
    id: r.id, applicationId: r.applicationId, deadline: r.deadline as DeadlineId, startedOn: r.startsOn, due: r.dueOn,
    warnOn: r.warnOn, pausedSince: r.pausedSince, warnedOn: r.warnedOn, flaggedOn: r.flaggedOn,
  }));
}

export async function markDeadline(db: Db | Tx, applicationId: string, deadline: DeadlineId, mark: 'warned' | 'flagged' | 'expired', today: string): Promise<void> {
  const set = mark === 'warned' ? { warnedOn: today } : mark === 'flagged' ? { flaggedOn: today } : { state: 'expired' as const, flaggedOn: today, closedOn: today };
  await db.update(deadlines).set(set).where(and(eq(deadlines.applicationId, applicationId), eq(deadlines.deadline, deadline), eq(deadlines.state, 'open')));
}

/** Number of open deadlines (for tests and the sweep's report). */
export async function countOpen(db: Db): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(deadlines).where(eq(deadlines.state, 'open'));
  return Number(r?.n ?? 0);
}
