/**
 * transition(app, event, ctx): the one place that decides whether a step may happen and what it
 * produces — the next application, deadlines to start / stop / pause / resume, and documents to
 * issue. Pure: the use case loads the row, calls this, and writes `next`, an audit row and the
 * deadline rows in one transaction (docs/decisions/0007-designation-workflow.md).
 */
import type { RuleReason } from '../errors';
import type { Application, IsoDate } from './application';
import { citesFor, formatCites, ownCites, type Cite } from './cite';
import type { TransitionContext } from './context';
import { addDays, computeDue, type ComputedDue, type DeadlineId } from './deadlines';
import type { DesignationEvent } from './events';
import { GUARDS, guardCites } from './guards';
import { buildNext } from './reducers';
import { TABLE, documentLabel, type DocumentKind, type Row } from './table';
import { actorRoleLabel, eventLabel, stateLabel, type State } from './states';

export type Effect =
  | ({ kind: 'start_deadline' } & ComputedDue)
  | { kind: 'stop_deadline'; deadline: DeadlineId }
  | { kind: 'stop_all_deadlines' }
  | { kind: 'pause_deadline'; deadline: DeadlineId; since: IsoDate }
  | { kind: 'resume_deadline'; deadline: DeadlineId; due: IsoDate; provisional: boolean; warnOn: IsoDate | null }
  | { kind: 'issue_document'; document: DocumentKind; title: string; cites: Cite[] };

export type TransitionResult =
  | { ok: true; next: Application; row: Row; effects: Effect[]; guardsPassed: string[]; /** the row's citations under the profile */ cites: Cite[] }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'GUARD_FAILED' | 'FORBIDDEN'; message: string; reasons: RuleReason[] };

function stageReason(row: Row, ctx: TransitionContext): RuleReason | null {
  if (!row.stage) return null;
  const levels = ctx.profile.stageAgency.value[row.stage];
  if (!levels || (ctx.actor.agencyLevel && levels.includes(ctx.actor.agencyLevel))) return null;
  const name = { province: '省（市）级', prefecture: '地市级', county: '县（区）级' };
  return {
    ruleId: `stage.${row.stage}.agency-level`,
    citation: formatCites(ownCites(ctx.profile, ctx.profile.stageAgency.cites)),
    message: `此环节由${levels.map((l) => name[l]).join('或')}经办机构办理`,
  };
}

function failedGuards(row: Row, app: Application, ev: DesignationEvent, ctx: TransitionContext): RuleReason[] {
  const reasons: RuleReason[] = [];
  const stage = stageReason(row, ctx);
  if (stage) reasons.push(stage);
  for (const id of row.guards) {
    const g = GUARDS[id];
    if (!g) throw new Error(`unknown guard ${id}`);
    const why = g.check(app, ev, ctx);
    if (why !== null) reasons.push({ ruleId: g.id, citation: formatCites(guardCites(g, ctx)), message: why });
  }
  return reasons;
}

/** The day a deadline starts counting from (the start day itself is not counted). */
function startDateOf(id: DeadlineId, app: Application, ev: DesignationEvent, today: IsoDate): IsoDate {
  if ((id === 'reevaluation_wait' || id === 'reapplication_ban') && ev.type === 'serve_result_notice') return ev.servedOn;
  if (id === 'negotiation_window' && app.state === 'in_publicity' && app.publicity.endsOn !== null && app.publicity.endsOn < today) {
    return app.publicity.endsOn;
  }
  return today;
}

/** How a refusal names an act: the event label, shortened where the role already says whose act it is. */
const actVerb: Partial<Record<DesignationEvent['type'], string>> = { agency_sign: '签署', institution_sign: '签署' };

/**
 * 「仅经办机构负责人可签署」: the roles the table lets take this step (from the given rows, or from any
 * state), in Chinese. A head is also a member of staff, so 工作人员 covers both where both may act.
 */
export function whoMay(event: DesignationEvent['type'], rows: readonly Row[] = TABLE.filter((r) => r.event === event)): string {
  let roles = [...new Set(rows.flatMap((r) => r.roles))];
  if (roles.includes('agency_officer')) roles = roles.filter((r) => r !== 'agency_head');
  const who = roles.map((r) => actorRoleLabel[r]).join('或');
  return `仅${who}可${actVerb[event] ?? eventLabel[event]}`;
}

export function transition(app: Application, ev: DesignationEvent, ctx: TransitionContext): TransitionResult {
  const here = `当前状态为「${stateLabel[app.state]}」`;
  const rows = TABLE.filter((r) => r.from === app.state && r.event === ev.type);
  if (rows.length === 0) {
    const possible = [...new Set(TABLE.filter((r) => r.from === app.state).map((r) => eventLabel[r.event]))];
    return {
      ok: false, code: 'ILLEGAL_TRANSITION', reasons: [],
      message: `${here}，不能「${eventLabel[ev.type]}」${possible.length ? `；此时可以：${possible.join('、')}` : '；申请已办结'}`,
    };
  }
  const permitted = rows.filter((r) => r.roles.includes(ctx.actor.role));
  if (permitted.length === 0) {
    return { ok: false, code: 'FORBIDDEN', reasons: [], message: `${here}，${whoMay(ev.type, rows)}` };
  }
  let failures: RuleReason[] = [];
  for (const row of permitted) {
    const reasons = failedGuards(row, app, ev, ctx);
    if (reasons.length === 0) return apply(row, app, ev, ctx);
    failures = reasons; // the last row is the most permissive: its reasons are the ones to show
  }
  return {
    ok: false, code: 'GUARD_FAILED', reasons: failures,
    message: `${here}，暂不能「${eventLabel[ev.type]}」：${failures.map((f) => f.message).join('；')}`,
  };
}

function apply(row: Row, app: Application, ev: DesignationEvent, ctx: TransitionContext): TransitionResult {
  const effects: Effect[] = [];
  if (row.stops === 'all') effects.push({ kind: 'stop_all_deadlines' });
  else for (const d of row.stops ?? []) effects.push({ kind: 'stop_deadline', deadline: d });

  const dues: Partial<Record<DeadlineId, ComputedDue>> = {};
  for (const d of row.starts ?? []) {
    const due = computeDue(d, startDateOf(d, app, ev, ctx.today), ctx.calendar, ctx.params);
    if (due) dues[d] = due;
  }
  const next = buildNext(app, ev, row.to as State, ctx, dues);

  // 补正 pauses the evaluation limit and the answer resumes it (京医保发〔2021〕30号 第九条).
  if (ev.type === 'request_supplement') {
    effects.push({ kind: 'pause_deadline', deadline: 'evaluation_limit', since: addDays(ctx.today, 1) });
  }
  if (ev.type === 'supplement' && 'evaluationClock' in next && next.evaluationClock) {
    const c = next.evaluationClock;
    const due = computeDue('evaluation_limit', c.startedOn, ctx.calendar, ctx.params, c.pauses);
    if (due) effects.push({ kind: 'resume_deadline', deadline: 'evaluation_limit', due: due.due, provisional: due.provisional, warnOn: due.warnOn });
  }
  for (const d of Object.values(dues)) effects.push({ kind: 'start_deadline', ...d });
  const cites = citesFor(ctx.profile, row.cites);
  for (const doc of row.documents ?? []) {
    effects.push({ kind: 'issue_document', document: doc, title: documentLabel[doc], cites });
  }
  return { ok: true, next, row, effects, guardsPassed: row.guards, cites };
}

/** Every deadline of an application's current state, for display: kept simple, the DB rows are the truth. */
export function describeDeadline(d: ComputedDue): string {
  const unit = { workday: '个工作日', natural_day: '日', month: '个月' }[d.basis];
  return `自 ${d.startedOn} 起 ${d.n}${unit}，至 ${d.due}${d.provisional ? '（节假日安排未发布，暂按周末推算）' : ''}（${formatCites(d.cites)}）`;
}

