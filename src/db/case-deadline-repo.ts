/**
 * Deadline rows of any case type (decision 0032): the engine writes a step's start / stop effects
 * in the step's transaction; the sweep of each case type reads its open rows that are due.
 * (The designation application keeps its statement-level writer in deadline-repo.ts for its hot path.)
 */
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { deadlines } from './schema/index';
import type { CaseEffect } from '../domain/workflow/case-type';
import { formatCite } from '../domain/designation/cite';

export type CaseDeadlineRow = typeof deadlines.$inferSelect;

/** Applies the step's deadline effects, in order: start (replacing an open row of the same deadline), stop, stop all. */
export async function applyCaseDeadlines(tx: Tx, caseType: string, caseId: string, effects: readonly CaseEffect[], today: string): Promise<void> {
  const open = and(eq(deadlines.caseType, caseType), eq(deadlines.caseId, caseId), eq(deadlines.state, 'open'));
  for (const e of effects) {
    if (e.kind === 'stop_all_deadlines') {
      await tx.update(deadlines).set({ state: 'stopped', closedOn: today }).where(open);
    } else if (e.kind === 'stop_deadline') {
      await tx.update(deadlines).set({ state: 'stopped', closedOn: today }).where(and(open, eq(deadlines.deadline, e.deadline)));
    } else if (e.kind === 'start_deadline') {
      await tx.update(deadlines).set({ state: 'stopped', closedOn: today }).where(and(open, eq(deadlines.deadline, e.deadline)));
      await tx.insert(deadlines).values({
        caseType, caseId, deadline: e.deadline, basis: e.basis, n: e.n, startsOn: e.startsOn, dueOn: e.due, cites: e.cites.map(formatCite),
      });
    }
  }
}

/** Open rows of a case type whose last day has passed (the sweep fires their event). */
export async function dueCaseDeadlines(db: Db, caseType: string, today: string, limit = 10_000): Promise<CaseDeadlineRow[]> {
  return db.select().from(deadlines)
    .where(and(eq(deadlines.caseType, caseType), eq(deadlines.state, 'open'), lt(deadlines.dueOn, today)))
    .orderBy(asc(deadlines.dueOn), asc(deadlines.id)).limit(limit);
}

export async function caseDeadlinesOf(db: Db | Tx, caseType: string, caseId: string): Promise<CaseDeadlineRow[]> {
  return db.select().from(deadlines).where(and(eq(deadlines.caseType, caseType), eq(deadlines.caseId, caseId))).orderBy(asc(deadlines.dueOn));
}

/** Marks a due row flagged (its event was refused; an officer must act) — once per day. */
export async function flagCaseDeadline(db: Db, id: string, today: string): Promise<void> {
  await db.update(deadlines).set({ flaggedOn: today }).where(and(eq(deadlines.id, id), sql`(flagged_on IS NULL OR flagged_on < ${today}::date)`));
}
