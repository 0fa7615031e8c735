/**
 * The designation pipeline as a case type of the one engine (decision 0032): its table, guards,
 * reducers and deadline arithmetic, expressed as a `CaseDefinition` that `decide()` runs. Pure.
 * `transition()` (transition.ts) is `decide(designationCase, …)` with the designation's context; the
 * refusals keep the designation's own words (「当前状态为「…」，不能「…」；此时可以：…」), the stage → agency
 * level check is the row's first reason, and when no row passes the last (most permissive) row's
 * reasons answer — as they did before the move.
 */
import type { RuleReason } from '../errors';
import type { CaseActor, CaseContext, CaseDefinition, Guard, TransitionRow } from '../workflow/case-type';
import type { Application, IsoDate } from './application';
import { citesFor, formatCites, ownCites, type Cite } from './cite';
import type { TransitionContext } from './context';
import { addDays, computeDue, type ComputedDue, type DeadlineId } from './deadlines';
import type { DesignationEvent } from './events';
import { GUARDS } from './guards';
import { buildNext } from './reducers';
import { TABLE, documentLabel, type DocumentKind, type Row } from './table';
import { actorRoleLabel, eventLabel, stateLabel, type EventType, type State } from './states';
import type { Role } from '../identity/roles';

export type Effect =
  | ({ kind: 'start_deadline' } & ComputedDue)
  | { kind: 'stop_deadline'; deadline: DeadlineId }
  | { kind: 'stop_all_deadlines' }
  | { kind: 'pause_deadline'; deadline: DeadlineId; since: IsoDate }
  | { kind: 'resume_deadline'; deadline: DeadlineId; due: IsoDate; provisional: boolean; warnOn: IsoDate | null }
  | { kind: 'issue_document'; document: DocumentKind; title: string; cites: Cite[] };

/** The engine's context around the designation's own (`t`): who acts as the engine sees it, today, the profile's layers. */
export interface DesignationCaseContext extends CaseContext {
  t: TransitionContext;
}

export function designationContext(t: TransitionContext): DesignationCaseContext {
  const role = t.actor.role;
  const actor: CaseActor = role === 'system' ? { kind: 'system' } : { kind: 'user', roles: [role as Role], agencyLevel: t.actor.agencyLevel ?? null };
  return { actor, today: t.today, layers: t.profile, t };
}

type CaseRow = TransitionRow<State, EventType>;

/** The table's rows as the engine's rows, each with the designation row it stands for (its stage, deadlines, documents). */
const SOURCE = new Map<TransitionRow<State, string>, Row>();
const CASE_TABLE: CaseRow[] = TABLE.map((r) => {
  const row: CaseRow = { from: [r.from], event: r.event, to: r.to, roles: r.roles as CaseRow['roles'], guards: r.guards, cites: r.cites };
  SOURCE.set(row, r);
  return row;
});
export const sourceRow = (row: TransitionRow<State, string>): Row => SOURCE.get(row)!;

/** How a refusal names an act: the event label, shortened where the role already says whose act it is. */
const actVerb: Partial<Record<EventType, string>> = { agency_sign: '签署', institution_sign: '签署' };

/**
 * 「仅经办机构负责人可签署」: the roles the table lets take this step (from the given rows, or from any
 * state), in Chinese. A head is also a member of staff, so 工作人员 covers both where both may act.
 */
export function whoMay(event: EventType, rows: readonly Row[] = TABLE.filter((r) => r.event === event)): string {
  let roles = [...new Set(rows.flatMap((r) => r.roles))];
  if (roles.includes('agency_officer')) roles = roles.filter((r) => r !== 'agency_head');
  const who = roles.map((r) => actorRoleLabel[r]).join('或');
  return `仅${who}可${actVerb[event] ?? eventLabel[event]}`;
}

/** The row's stage: may the actor's agency level act at it (profile.stageAgency)? */
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

/** The day a deadline starts counting from (the start day itself is not counted). */
function startDateOf(id: DeadlineId, app: Application, ev: DesignationEvent, today: IsoDate): IsoDate {
  if ((id === 'reevaluation_wait' || id === 'reapplication_ban') && ev.type === 'serve_result_notice') return ev.servedOn;
  if (id === 'negotiation_window' && app.state === 'in_publicity' && app.publicity.endsOn !== null && app.publicity.endsOn < today) {
    return app.publicity.endsOn;
  }
  return today;
}

/** The deadlines the row starts, computed on the profile's calendar and parameters. */
function duesOf(row: Row, app: Application, ev: DesignationEvent, ctx: TransitionContext): Partial<Record<DeadlineId, ComputedDue>> {
  const dues: Partial<Record<DeadlineId, ComputedDue>> = {};
  for (const d of row.starts ?? []) {
    const due = computeDue(d, startDateOf(d, app, ev, ctx.today), ctx.calendar, ctx.params);
    if (due) dues[d] = due;
  }
  return dues;
}

function effectsOf(row: Row, app: Application, next: Application, ev: DesignationEvent, ctx: TransitionContext): Effect[] {
  const effects: Effect[] = [];
  if (row.stops === 'all') effects.push({ kind: 'stop_all_deadlines' });
  else for (const d of row.stops ?? []) effects.push({ kind: 'stop_deadline', deadline: d });
  // 补正 pauses the evaluation limit and the answer resumes it (京医保发〔2021〕30号 第九条).
  if (ev.type === 'request_supplement') {
    effects.push({ kind: 'pause_deadline', deadline: 'evaluation_limit', since: addDays(ctx.today, 1) });
  }
  if (ev.type === 'supplement' && 'evaluationClock' in next && next.evaluationClock) {
    const c = next.evaluationClock;
    const due = computeDue('evaluation_limit', c.startedOn, ctx.calendar, ctx.params, c.pauses);
    if (due) effects.push({ kind: 'resume_deadline', deadline: 'evaluation_limit', due: due.due, provisional: due.provisional, warnOn: due.warnOn });
  }
  for (const d of Object.values(duesOf(row, app, ev, ctx))) effects.push({ kind: 'start_deadline', ...d });
  const cites = citesFor(ctx.profile, row.cites);
  for (const doc of row.documents ?? []) effects.push({ kind: 'issue_document', document: doc, title: documentLabel[doc], cites });
  return effects;
}

/** The designation's guards as the engine's: a guard whose citations follow a profile flag cites the profile's own. */
const CASE_GUARDS: Record<string, Guard<Application, DesignationEvent, DesignationCaseContext>> = Object.fromEntries(
  Object.entries(GUARDS).map(([id, g]) => {
    const cites = g.cites;
    const guard: Guard<Application, DesignationEvent, DesignationCaseContext> = typeof cites === 'function'
      ? { id: g.id, cites: (c) => cites(c.t), own: true, check: (a, e, c) => g.check(a, e, c.t) }
      : { id: g.id, cites, check: (a, e, c) => g.check(a, e, c.t) };
    return [id, guard];
  }),
);

const here = (from: State) => `当前状态为「${stateLabel[from]}」`;

export const designationCase: CaseDefinition<State, DesignationEvent, Application, DesignationCaseContext, Effect> = {
  caseType: 'application',
  label: '定点申请',
  stateLabel,
  eventLabel,
  table: CASE_TABLE,
  guards: CASE_GUARDS,
  stateOf: (a) => a.state,
  reduce: (a, ev, to, c, row) => buildNext(a, ev, to, c.t, duesOf(sourceRow(row), a, ev, c.t)),
  effects: (before, next, ev, c, row) => effectsOf(sourceRow(row), before, next, ev, c.t),
  rowReasons: (row, _a, _ev, c) => {
    const stage = stageReason(sourceRow(row), c.t);
    return stage ? [stage] : [];
  },
  refusals: {
    illegal: (from, type) => {
      const possible = [...new Set(TABLE.filter((r) => r.from === from).map((r) => eventLabel[r.event]))];
      return `${here(from)}，不能「${eventLabel[type]}」${possible.length ? `；此时可以：${possible.join('、')}` : '；申请已办结'}`;
    },
    forbidden: (from, type, rows) => `${here(from)}，${whoMay(type, rows.map(sourceRow))}`,
    guardFailed: (from, type, reasons) => `${here(from)}，暂不能「${eventLabel[type]}」：${reasons.map((f) => f.message).join('；')}`,
    reasonsOf: 'last',
  },
};
