/**
 * A case type as data: the one shape every workflow of the system has — the designation
 * application, the agreement (issue #10), a change request, and the audit cases and assessment
 * tasks still to come. A case type is a pure definition (states, a transition table, guards that
 * cite their article, the effects a step produces); `decide` below and the engine in
 * `src/workflow/` do the rest: access → pure transition → one transaction → outbox
 * (docs/decisions/0032-one-workflow-engine.md).
 */
import type { RuleReason } from '../errors';
import type { Role } from '../identity/roles';
import { citesFor, formatCites, ownCites, type CitationLayers, type Cite } from '../designation/cite';

export type IsoDate = string;

/** Who acts: a person with their roles, or the system (the deadline sweep, a cascade). */
export type CaseActor = { kind: 'user'; roles: readonly Role[]; agencyLevel: 'province' | 'prefecture' | 'county' | null } | { kind: 'system' };

/** What every transition may read besides the case: who acts, today, and the profile's citation layers. */
export interface CaseContext {
  actor: CaseActor;
  today: IsoDate;
  /** the active profile's layers: a citation from another region never reaches a user (decision 0015) */
  layers: CitationLayers;
}

/** A named pure rule with its article; `check` answers null (passes) or the Chinese reason it refuses. */
export interface Guard<D, E, C extends CaseContext> {
  id: string;
  /** shared citations listed per layer (the national orders and each region's text side by side) */
  cites: readonly Cite[] | ((ctx: C) => readonly Cite[]);
  /**
   * The function's citations are the profile's own already (its flags and parameters): foreign ones are
   * dropped, national and regional kept side by side (`ownCites`), not replaced by the regional ones.
   */
  own?: true;
  check: (data: D, event: E, ctx: C) => string | null;
  /**
   * The guard reads only the case, the day and the event's type, never the event's payload, so
   * the list of steps offered to a user (`eventsFrom` with a context) can ask it beforehand: a
   * button for 同意申请 is not shown when there is no request to agree to.
   */
  onCase?: true;
}

/**
 * One row of the transition table: from which states, on which event, to which state, who may
 * take it and which guards must pass. `to: 'same'` records an event that changes no state (a
 * request received, a proposal noted). Citations are listed per layer and resolved by the profile.
 */
export interface TransitionRow<S extends string, T extends string> {
  from: readonly S[];
  event: T;
  to: S | 'same';
  /** 'system' = the deadline sweep or a cascade decided elsewhere */
  roles: readonly (Role | 'system')[];
  guards: readonly string[];
  cites: readonly Cite[];
}

/** What a step produces besides the next data; the engine writes each in the step's transaction. */
export type CaseEffect =
  | { kind: 'start_deadline'; deadline: string; startsOn: IsoDate; due: IsoDate; basis: string; n: number; cites: Cite[] }
  | { kind: 'stop_deadline'; deadline: string }
  | { kind: 'stop_all_deadlines' }
  | { kind: 'issue_document'; document: string; title: string; cites: Cite[] }
  /** a fact the settlement side must follow (outbox, decision 0033) */
  | { kind: 'outbox'; topic: string; payload: Record<string, unknown> };

/**
 * How a case type words its refusals, where its words predate the engine (the designation's tests and
 * users know 「当前状态为「…」，不能「…」；此时可以：…」); without it `decide` words them.
 */
export interface RefusalWords<S extends string, T extends string, D> {
  illegal?: (from: S, type: T, data: D) => string;
  forbidden?: (from: S, type: T, rows: readonly TransitionRow<S, T>[]) => string;
  guardFailed?: (from: S, type: T, reasons: readonly RuleReason[]) => string;
  /** when no row's guards pass, whose reasons answer: the first row's (default) or the last, most permissive fallback's */
  reasonsOf?: 'first' | 'last';
}

export interface CaseDefinition<S extends string, E extends { type: string }, D, C extends CaseContext, X extends { kind: string } = CaseEffect> {
  caseType: string;
  /** e.g. 医保协议 */
  label: string;
  stateLabel: Readonly<Record<S, string>>;
  eventLabel: Readonly<Record<E['type'], string>>;
  table: readonly TransitionRow<S, E['type']>[];
  guards: Readonly<Record<string, Guard<D, E, C>>>;
  stateOf: (data: D) => S;
  /** the next data (pure); `to` is the row's target state, already resolved; `row` the row taken */
  reduce: (data: D, event: E, to: S, ctx: C, row: TransitionRow<S, E['type']>) => D;
  /** deadlines, documents and outbox facts of the step (pure); `row` the row taken */
  effects: (before: D, next: D, event: E, ctx: C, row: TransitionRow<S, E['type']>) => X[];
  /** where one event has rows to different targets, which row this case, event and profile take */
  rowFilter?: (row: TransitionRow<S, E['type']>, data: D, event: E, ctx: C) => boolean;
  /** reasons a row refuses besides its guards, checked first (the designation's stage → agency level) */
  rowReasons?: (row: TransitionRow<S, E['type']>, data: D, event: E, ctx: C) => RuleReason[];
  refusals?: RefusalWords<S, E['type'], D>;
}

export type Decision<S extends string, D, X extends { kind: string } = CaseEffect> =
  | { ok: true; next: D; from: S; to: S; effects: X[]; cites: Cite[]; guardsPassed: string[]; /** the row taken */ row: TransitionRow<S, string> }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'GUARD_FAILED' | 'FORBIDDEN'; message: string; reasons: RuleReason[] };

export const guardCitesOf = <D, E, C extends CaseContext>(g: Guard<D, E, C>, ctx: C): Cite[] =>
  typeof g.cites === 'function' && g.own ? ownCites(ctx.layers, g.cites(ctx)) : citesFor(ctx.layers, typeof g.cites === 'function' ? g.cites(ctx) : g.cites);

function mayAct(row: TransitionRow<string, string>, actor: CaseActor): boolean {
  if (actor.kind === 'system') return row.roles.includes('system');
  return actor.roles.some((r) => row.roles.includes(r));
}

/**
 * The one place that decides whether a step may happen and what it produces. Order of refusals:
 * no row from this state (409), no row this actor may take (403, naming who may), then every
 * guard that fired (422, each with its article) — all of them, not the first.
 */
export function decide<S extends string, E extends { type: string }, D, C extends CaseContext, X extends { kind: string } = CaseEffect>(
  def: CaseDefinition<S, E, D, C, X>, data: D, event: E, ctx: C,
): Decision<S, D, X> {
  const from = def.stateOf(data);
  const type = event.type as E['type'];
  const here = `当前状态为「${def.stateLabel[from]}」`;
  const words = def.refusals;
  const rows = def.table.filter((r) => r.event === type && r.from.includes(from) && (def.rowFilter?.(r, data, event, ctx) ?? true));
  if (rows.length === 0) {
    return { ok: false, code: 'ILLEGAL_TRANSITION', message: words?.illegal?.(from, type, data) ?? `${here}，不能${def.eventLabel[type] ?? type}`, reasons: [] };
  }
  const allowed = rows.filter((r) => mayAct(r, ctx.actor));
  if (allowed.length === 0) {
    return { ok: false, code: 'FORBIDDEN', message: words?.forbidden?.(from, type, rows) ?? `无权${def.eventLabel[type] ?? type}（${whoMayLabel(rows)}）`, reasons: [] };
  }
  // the first row whose guards all pass wins; if none passes, the reasons of the first row answer (or the last's, if the case type says so)
  let firstReasons: RuleReason[] | null = null;
  for (const row of allowed) {
    const reasons: RuleReason[] = [...(def.rowReasons?.(row, data, event, ctx) ?? [])];
    for (const id of row.guards) {
      const g = def.guards[id];
      if (!g) throw new Error(`${def.caseType}: unknown guard ${id}`);
      const why = g.check(data, event, ctx);
      if (why !== null) reasons.push({ ruleId: g.id, citation: formatCites(guardCitesOf(g, ctx)), message: why });
    }
    if (reasons.length > 0) {
      firstReasons = words?.reasonsOf === 'last' ? reasons : (firstReasons ?? reasons);
      continue;
    }
    const to = row.to === 'same' ? from : row.to;
    const next = def.reduce(data, event, to, ctx, row);
    return {
      ok: true, next, from, to, effects: def.effects(data, next, event, ctx, row),
      cites: citesFor(ctx.layers, row.cites), guardsPassed: [...row.guards], row,
    };
  }
  const message = words?.guardFailed?.(from, type, firstReasons!) ?? `不能${def.eventLabel[type] ?? type}：${firstReasons!.map((r) => r.message).join('；')}`;
  return { ok: false, code: 'GUARD_FAILED', message, reasons: firstReasons! };
}

const ROLE_WORDS: Partial<Record<Role | 'system', string>> = {
  institution_staff: '医药机构', institution_admin: '医药机构', agency_officer: '经办机构工作人员', agency_head: '经办机构负责人',
  admin_dept_officer: '医疗保障行政部门', sysadmin: '系统管理员', system: '系统',
};

function whoMayLabel(rows: readonly TransitionRow<string, string>[]): string {
  let roles = [...new Set(rows.flatMap((r) => r.roles))];
  if (roles.includes('agency_officer')) roles = roles.filter((r) => r !== 'agency_head');
  const words = [...new Set(roles.map((r) => ROLE_WORDS[r] ?? r))];
  return `仅${words.join('或')}可办理`;
}

/**
 * The events this actor could try from the case's state: the table's rows from this state the
 * actor may take, and — given a context — only those whose case-only guards (`onCase`) pass now.
 * Guards that read the event's payload still decide at the step.
 */
export function eventsFrom<S extends string, E extends { type: string }, D, C extends CaseContext, X extends { kind: string } = CaseEffect>(
  def: CaseDefinition<S, E, D, C, X>, data: D, actor: CaseActor, ctx?: C,
): E['type'][] {
  const from = def.stateOf(data);
  const offered = def.table.filter((r) => r.from.includes(from) && mayAct(r, actor) && (!ctx || caseGuardsPass(def, r, data, ctx)));
  return [...new Set(offered.map((r) => r.event))];
}

function caseGuardsPass<S extends string, E extends { type: string }, D, C extends CaseContext, X extends { kind: string } = CaseEffect>(
  def: CaseDefinition<S, E, D, C, X>, row: TransitionRow<S, E['type']>, data: D, ctx: C,
): boolean {
  // an onCase guard reads only the event's type (see Guard.onCase), so the bare type stands in for the event
  const probe = { type: row.event } as unknown as E;
  return row.guards.every((id) => {
    const g = def.guards[id];
    return !g?.onCase || g.check(data, probe, ctx) === null;
  });
}
