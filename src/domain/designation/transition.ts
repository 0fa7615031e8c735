/**
 * transition(app, event, ctx): the one place that decides whether a step may happen and what it
 * produces — the next application, deadlines to start / stop / pause / resume, and documents to
 * issue. Pure: the use case loads the row, calls this, and writes `next`, an audit row and the
 * deadline rows in one transaction (docs/decisions/0007-designation-workflow.md).
 */
import type { Application } from './application';
import { formatCites, type Cite } from './cite';
import type { TransitionContext } from './context';
import type { ComputedDue } from './deadlines';
import type { DesignationEvent } from './events';
import type { RuleReason } from '../errors';
import { decide } from '../workflow/case-type';
import { designationCase, designationContext, sourceRow, type Effect } from './case-type';
import type { Row } from './table';

export { whoMay, type Effect } from './case-type';

export type TransitionResult =
  | { ok: true; next: Application; row: Row; effects: Effect[]; guardsPassed: string[]; /** the row's citations under the profile */ cites: Cite[] }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'GUARD_FAILED' | 'FORBIDDEN'; message: string; reasons: RuleReason[] };

/** The designation's step as the one engine's `decide` answers it (case-type.ts; decision 0032). */
export function transition(app: Application, ev: DesignationEvent, ctx: TransitionContext): TransitionResult {
  const d = decide(designationCase, app, ev, designationContext(ctx));
  if (!d.ok) return d;
  return { ok: true, next: d.next, row: sourceRow(d.row), effects: d.effects, guardsPassed: d.guardsPassed, cites: d.cites };
}

/** Every deadline of an application's current state, for display: kept simple, the DB rows are the truth. */
export function describeDeadline(d: ComputedDue): string {
  const unit = { workday: '个工作日', natural_day: '日', month: '个月' }[d.basis];
  return `自 ${d.startedOn} 起 ${d.n}${unit}，至 ${d.due}${d.provisional ? '（节假日安排未发布，暂按周末推算）' : ''}（${formatCites(d.cites)}）`;
}

