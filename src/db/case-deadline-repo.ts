/**
 * Deadline rows of any case type (decision 0032): the engine writes a step's start / stop effects
 * in the step's transaction; the sweep of each case type reads its open rows that are due.
 * (The designation application keeps its statement-level writer in deadline-repo.ts for its hot path.)
 */
import { and, asc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
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

/**
 * True when `applyCaseDeadlinesMany` writes what `applyCaseDeadlines` would for these effects: no
 * stop after a start it would undo, no deadline started twice.
 */
export function deadlinesBatchable(effects: readonly CaseEffect[]): boolean {
  const started = new Set<string>();
  for (const e of effects) {
    if (e.kind === 'start_deadline') {
      if (started.has(e.deadline)) return false;
      started.add(e.deadline);
    } else if (started.size && (e.kind === 'stop_all_deadlines' || (e.kind === 'stop_deadline' && started.has(e.deadline)))) return false;
  }
  return true;
}

/**
 * The deadline effects of several cases' steps (each `deadlinesBatchable`) in at most two
 * statements: one UPDATE stopping every open row that a stop, a stop-all or a (re)start names,
 * then one multi-row INSERT of the started rows.
 */
export async function applyCaseDeadlinesMany(tx: Tx, caseType: string, steps: readonly { caseId: string; effects: readonly CaseEffect[] }[], today: string): Promise<void> {
  const all: string[] = [];
  const named: SQL[] = [];
  const inserts: (typeof deadlines.$inferInsert)[] = [];
  for (const { caseId, effects } of steps) {
    for (const e of effects) {
      if (e.kind === 'stop_all_deadlines') all.push(caseId);
      else if (e.kind === 'stop_deadline') named.push(and(eq(deadlines.caseId, caseId), eq(deadlines.deadline, e.deadline))!);
      else if (e.kind === 'start_deadline') {
        named.push(and(eq(deadlines.caseId, caseId), eq(deadlines.deadline, e.deadline))!);
        inserts.push({ caseType, caseId, deadline: e.deadline, basis: e.basis, n: e.n, startsOn: e.startsOn, dueOn: e.due, cites: e.cites.map(formatCite) });
      }
    }
  }
  if (all.length || named.length) {
    await tx.update(deadlines).set({ state: 'stopped', closedOn: today })
      .where(and(eq(deadlines.caseType, caseType), eq(deadlines.state, 'open'), or(all.length ? inArray(deadlines.caseId, all) : undefined, ...named)));
  }
  if (inserts.length) await tx.insert(deadlines).values(inserts);
}

/**
 * A step's deadline effects as one UPDATE that can be a CTE of the step's statement (`RETURNING 1 AS n`),
 * when they only stop rows; null when they start one (then `applyCaseDeadlines`) or do nothing.
 */
export function stopCaseDeadlinesSql(caseType: string, caseId: string, effects: readonly CaseEffect[], today: string): SQL | null | undefined {
  if (effects.some((e) => e.kind === 'start_deadline')) return undefined;
  const all = effects.some((e) => e.kind === 'stop_all_deadlines');
  const named = effects.flatMap((e) => (e.kind === 'stop_deadline' ? [e.deadline] : []));
  if (!all && named.length === 0) return null;
  return sql`UPDATE deadlines SET state = 'stopped', closed_on = ${today}::date
WHERE case_type = ${caseType} AND case_id = ${caseId}::uuid AND state = 'open'${all ? sql`` : sql` AND deadline IN (${sql.join(named.map((d) => sql`${d}`), sql`, `)})`}
RETURNING 1 AS n`;
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
