/**
 * Deadline rows: the transition's deadline effects written in the same transaction as the
 * state change, and the open rows the sweep reads. One open row per (application, deadline).
 */
import { and, asc, eq, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { deadlines } from './schema/index';
import type { Effect } from '../domain/designation/transition';
import { formatCite } from '../domain/designation/cite';
import type { DeadlineId, OpenDeadline } from '../domain/designation/deadlines';

export type DeadlineRow = typeof deadlines.$inferSelect;

/** Columns an effect may set on a row (names of the `deadlines` table). */
interface RowSet {
  state?: 'stopped';
  closed_on?: string;
  paused_since?: string | null;
  due_on?: string;
  provisional?: boolean;
  warn_on?: string | null;
  warned_on?: null;
  flagged_on?: null;
}

/** A row the step inserts, with every later effect of the same step already applied to it. */
interface NewRow {
  deadline: DeadlineId;
  basis: string;
  n: number;
  starts_on: string;
  due_on: string;
  warn_on: string | null;
  provisional: boolean;
  paused_since: string | null;
  state: 'open' | 'stopped';
  warned_on: null;
  flagged_on: null;
  closed_on: string | null;
  cites: string[];
}

/**
 * What a step's effects do to the application's deadline rows, folded into one set per row:
 * - `old`: per deadline, the merged changes to the row that is open before the step (applied only
 *   if it is open, like each of the sequential UPDATEs it replaces; changes made after the row was
 *   closed are dropped, as the sequential `WHERE state = 'open'` would have dropped them);
 * - `others`: stop_all_deadlines' stop for the open rows of deadlines no effect names;
 * - `inserted`: the rows `start_deadline` creates, with later effects of the step applied.
 * Sequential semantics: an effect on deadline X acts on X's open row — the inserted one once the
 * step has started X again, else the old one.
 */
export interface DeadlinePlan {
  old: Map<DeadlineId, RowSet>;
  others: RowSet | null;
  inserted: NewRow[];
}

export function planDeadlineEffects(effects: readonly Effect[], today: string): DeadlinePlan {
  const stop: RowSet = { state: 'stopped', closed_on: today };
  const old = new Map<DeadlineId, { set: RowSet; closed: boolean }>();
  const fresh = new Map<DeadlineId, NewRow>();
  const inserted: NewRow[] = [];
  let allStopped = false;
  const oldOf = (id: DeadlineId) => {
    let o = old.get(id);
    if (!o) old.set(id, (o = allStopped ? { set: { ...stop }, closed: true } : { set: {}, closed: false }));
    return o;
  };
  /** applies `set` to X's open row (the inserted one if open, else the old one if still open) */
  const onOpen = (id: DeadlineId, set: RowSet) => {
    const f = fresh.get(id);
    if (f && f.state === 'open') {
      Object.assign(f, set);
      return;
    }
    const o = oldOf(id);
    if (o.closed) return;
    Object.assign(o.set, set);
    if (set.state === 'stopped') o.closed = true;
  };
  for (const e of effects) {
    switch (e.kind) {
      case 'stop_all_deadlines':
        for (const f of fresh.values()) if (f.state === 'open') Object.assign(f, stop);
        for (const o of old.values()) {
          if (!o.closed) Object.assign(o.set, stop);
          o.closed = true;
        }
        allStopped = true;
        break;
      case 'stop_deadline':
        onOpen(e.deadline, stop);
        break;
      case 'pause_deadline':
        onOpen(e.deadline, { paused_since: e.since });
        break;
      case 'resume_deadline':
        onOpen(e.deadline, { paused_since: null, due_on: e.due, provisional: e.provisional, warn_on: e.warnOn, warned_on: null, flagged_on: null });
        break;
      case 'start_deadline': {
        // a restarted limit (re-evaluation) replaces the old open row
        onOpen(e.deadline, stop);
        const row: NewRow = {
          deadline: e.deadline, basis: e.basis, n: e.n, starts_on: e.startedOn, due_on: e.due, warn_on: e.warnOn,
          provisional: e.provisional, paused_since: null, state: 'open', warned_on: null, flagged_on: null, closed_on: null,
          cites: e.cites.map(formatCite),
        };
        fresh.set(e.deadline, row);
        inserted.push(row);
        break;
      }
      case 'issue_document':
        break;
    }
  }
  const oldSets = new Map<DeadlineId, RowSet>();
  for (const [id, o] of old) if (Object.keys(o.set).length > 0) oldSets.set(id, o.set);
  return { old: oldSets, others: allStopped ? stop : null, inserted };
}

const SET_TYPES: Record<keyof RowSet, string> = {
  state: 'text', closed_on: 'date', paused_since: 'date', due_on: 'date', provisional: 'boolean', warn_on: 'date', warned_on: 'date', flagged_on: 'date',
};

function setClause(set: RowSet): SQL {
  return sql.join(
    (Object.keys(set) as (keyof RowSet)[]).map((k) => sql`${sql.identifier(k)} = ${set[k]}::${sql.raw(SET_TYPES[k])}`),
    sql`, `,
  );
}

/**
 * The plan as data-modifying CTEs `name AS (…)`: one UPDATE per touched row set (disjoint rows:
 * one per named deadline, plus "every other open row" for stop_all) and one INSERT of the
 * restarted rows. The INSERT waits for the UPDATEs (its WHERE reads their RETURNING, an InitPlan
 * evaluated before the first row is inserted), so an old open row is already stopped when its
 * successor enters the partial unique index `deadlines_open_uq`. `gate` (e.g. "the application's
 * UPDATE in the same statement returned its row") is ANDed into every WHERE, which also makes each
 * CTE wait for whatever the gate reads.
 */
export function deadlineEffectCtes(applicationId: string, plan: DeadlinePlan, gate?: SQL): { name: string; sql: SQL }[] {
  const open = sql`application_id = ${applicationId}::uuid AND state = 'open'${gate ? sql` AND ${gate}` : sql``}`;
  const out: { name: string; sql: SQL }[] = [];
  const update = (set: RowSet, where: SQL) =>
    out.push({ name: `dl_u${out.length}`, sql: sql`UPDATE deadlines SET ${setClause(set)} WHERE ${open}${where} RETURNING 1 AS n` });
  for (const [id, set] of plan.old) update(set, sql` AND deadline = ${id}`);
  if (plan.others) {
    const named = [...plan.old.keys()];
    update(plan.others, named.length ? sql` AND deadline NOT IN (${sql.join(named.map((id) => sql`${id}`), sql`, `)})` : sql``);
  }
  if (plan.inserted.length > 0) {
    const after = [...out.map((u) => sql`(SELECT count(*) FROM ${sql.identifier(u.name)}) >= 0`), ...(gate ? [gate] : [])];
    const rows = plan.inserted.map((r) => sql`(${r.deadline}, ${r.basis}, ${r.n}::int, ${r.starts_on}::date, ${r.due_on}::date, ${r.warn_on}::date, ${r.provisional}::boolean, ${r.paused_since}::date, ${r.state}, ${r.warned_on}::date, ${r.flagged_on}::date, ${r.closed_on}::date, ${JSON.stringify(r.cites)}::jsonb)`);
    out.push({
      name: 'dl_ins',
      sql: sql`INSERT INTO deadlines (case_id, application_id, deadline, basis, n, starts_on, due_on, warn_on, provisional, paused_since, state, warned_on, flagged_on, closed_on, cites)
SELECT ${applicationId}::uuid, ${applicationId}::uuid, v.* FROM (VALUES ${sql.join(rows, sql`, `)}) AS v${after.length ? sql` WHERE ${sql.join(after, sql` AND `)}` : sql``} RETURNING 1 AS n`,
    });
  }
  return out;
}

/** The plan as ONE statement (one round trip inside the step's transaction), or null when it touches no row. */
export function deadlineEffectsSql(applicationId: string, plan: DeadlinePlan): SQL | null {
  const ctes = deadlineEffectCtes(applicationId, plan);
  if (ctes.length === 0) return null;
  return sql`WITH ${sql.join(ctes.map((c) => sql`${sql.identifier(c.name)} AS (${c.sql})`), sql`, `)} SELECT 1`;
}

/** Applies start / stop / pause / resume effects for one application on `today`, in one statement. */
export async function applyDeadlineEffects(tx: Tx, applicationId: string, effects: readonly Effect[], today: string): Promise<void> {
  const q = deadlineEffectsSql(applicationId, planDeadlineEffects(effects, today));
  if (q) await tx.execute(q);
}

export async function deadlinesOf(db: Db | Tx, applicationId: string): Promise<DeadlineRow[]> {
  return db.select().from(deadlines).where(eq(deadlines.applicationId, applicationId)).orderBy(asc(deadlines.dueOn), asc(deadlines.deadline));
}

/** Open rows that may need attention today: past due, or at/after their warning day. */
export async function dueOpenDeadlines(db: Db, today: string): Promise<(OpenDeadline & { id: string })[]> {
  const rows = await db
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.caseType, 'application'), eq(deadlines.state, 'open'), isNull(deadlines.pausedSince), or(lt(deadlines.dueOn, today), lte(deadlines.warnOn, today))))
    .orderBy(asc(deadlines.dueOn));
  return rows.map((r) => ({
    id: r.id, applicationId: r.applicationId!, deadline: r.deadline as DeadlineId, startedOn: r.startsOn, due: r.dueOn,
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
