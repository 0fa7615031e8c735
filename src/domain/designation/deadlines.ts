/**
 * Deadlines of the designation pipeline: what each one is, how it is counted, which article sets
 * it, and a pure `sweep` that turns stored deadline rows into events for the scheduler.
 *
 * Counting follows the calendar module (start day not counted; months land on the same day of the
 * target month). A due date is the last day allowed: a deadline is overdue when today > due.
 * Long timers are database rows (one per open deadline), never in-memory timers (STYLE.md).
 */
import type { IsoDate, PauseSpan } from './application';
import { BJ, JL, nat, natUnlocated, YN, type Cite } from './cite';
import type { EventType } from './states';

/** What the calendar module gives us; `WorkCalendar` satisfies it as it is. */
export interface DueLike {
  due: IsoDate;
  provisional: boolean;
}
export interface DeadlineCalendar {
  addWorkdays(start: IsoDate, n: number): DueLike;
  addNaturalDays(start: IsoDate, n: number): DueLike;
  addMonths(start: IsoDate, n: number): DueLike;
}

export const PARAM_KEYS = [
  'notice.supplement.workdays',
  'evaluation.limit.months',
  'evaluation.warn.days',
  'publicity.publish.workdays',
  'publicity.duration.workdays',
  'negotiation.window.workdays',
  'signing.limit.workdays',
  'filing.workdays',
  'activation.workdays',
  'reevaluation.wait.months',
  'reapplication.ban.months',
] as const;
export type ParamKey = (typeof PARAM_KEYS)[number];

/**
 * The profile's parameters behind a port. null = the profile sets no such limit. `cites` gives the
 * citations of a deadline's value as the profile may show them (profiles.ts `profileParams`).
 */
export interface ParamSource {
  get(key: ParamKey): number | null;
  cites?(key: ParamKey): Cite[];
}

export type DeadlineId =
  | 'supplement_notice' | 'evaluation_limit' | 'publicity_publish' | 'publicity_period' | 'negotiation_window'
  | 'signing_limit' | 'filing' | 'activation' | 'reevaluation_wait' | 'reapplication_ban';

export interface DeadlineSpec {
  id: DeadlineId;
  label: string;
  basis: 'workday' | 'natural_day' | 'month';
  paramKey: ParamKey;
  /** every layer's articles side by side; a profile shows only its own (cite.ts `citesFor`) */
  cites: Cite[];
  /** 'due': something must happen by then; 'not_before': something may happen only after it */
  kind: 'due' | 'not_before';
  /** when it passes: feed an event to the pipeline, or raise a flag on the work queue */
  onExpiry: { kind: 'event'; event: EventType } | { kind: 'flag' };
  /** natural days before `due` to warn, from this parameter */
  warnParamKey?: ParamKey;
  /** the clock stops while 补正 is outstanding */
  pausedBy?: 'supplement';
}

export const DEADLINES: Record<DeadlineId, DeadlineSpec> = {
  supplement_notice: {
    id: 'supplement_notice', label: '材料不全一次性告知期限', basis: 'workday', paramKey: 'notice.supplement.workdays',
    cites: [nat(8), { doc: YN, article: 9 }, { doc: BJ, article: 8 }, { doc: JL, article: 10 }], kind: 'due', onExpiry: { kind: 'flag' },
  },
  evaluation_limit: {
    id: 'evaluation_limit', label: '评估期限（补充材料时间不计入）', basis: 'month', paramKey: 'evaluation.limit.months',
    cites: [nat(9), { doc: BJ, article: 9 }, { doc: JL, article: 20 }, { doc: YN, article: 8 }], kind: 'due',
    onExpiry: { kind: 'flag' }, warnParamKey: 'evaluation.warn.days', pausedBy: 'supplement',
  },
  publicity_publish: {
    id: 'publicity_publish', label: '评估合格名单公示发布期限', basis: 'workday', paramKey: 'publicity.publish.workdays',
    cites: [nat(9), { doc: YN, article: 15 }, { doc: BJ, article: 9 }, { doc: JL, article: 19 }], kind: 'due', onExpiry: { kind: 'flag' },
  },
  publicity_period: {
    id: 'publicity_period', label: '公示期', basis: 'workday', paramKey: 'publicity.duration.workdays',
    cites: [nat(9), { doc: YN, article: 15 }, { doc: BJ, article: 9 }, { doc: JL, article: 19 }], kind: 'due', onExpiry: { kind: 'event', event: 'end_publicity' },
  },
  negotiation_window: {
    id: 'negotiation_window', label: '公示期满后组织协商谈判期限', basis: 'workday', paramKey: 'negotiation.window.workdays',
    cites: [nat(10), { doc: YN, article: 16 }, { doc: BJ, article: 10 }, { doc: JL, article: 21 }], kind: 'due', onExpiry: { kind: 'flag' },
  },
  signing_limit: {
    id: 'signing_limit', label: '协议签订期限（逾期视为自动放弃）', basis: 'workday', paramKey: 'signing.limit.workdays',
    cites: [nat(10), { doc: YN, article: 18 }, { doc: BJ, article: 10 }, { doc: JL, article: 22 }], kind: 'due', onExpiry: { kind: 'event', event: 'signing_deadline_passed' },
  },
  filing: {
    id: 'filing', label: '签订情况备案期限', basis: 'workday', paramKey: 'filing.workdays',
    cites: [nat(10), { doc: YN, article: 19 }, { doc: BJ, article: 10 }], kind: 'due', onExpiry: { kind: 'flag' },
  },
  activation: {
    id: 'activation', label: '医保支付系统开通期限', basis: 'workday', paramKey: 'activation.workdays',
    cites: [natUnlocated('签订医保协议后开通医保结算'), { doc: YN, article: 20 }], kind: 'due', onExpiry: { kind: 'flag' },
  },
  reevaluation_wait: {
    id: 'reevaluation_wait', label: '整改期（期满后可再次评估）', basis: 'month', paramKey: 'reevaluation.wait.months',
    cites: [nat(9), { doc: YN, article: 14, item: 3 }, { doc: BJ, article: 9 }, { doc: JL, article: 20 }], kind: 'not_before',
    onExpiry: { kind: 'flag' },
  },
  reapplication_ban: {
    id: 'reapplication_ban', label: '再次评估不合格后不得再次申请期限', basis: 'month', paramKey: 'reapplication.ban.months',
    cites: [nat(9), { doc: YN, article: 14, item: 3 }, { doc: BJ, article: 9 }, { doc: JL, article: 20 }], kind: 'not_before',
    onExpiry: { kind: 'flag' },
  },
};

const DAY_MS = 86_400_000;
const dayNumber = (d: IsoDate) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / DAY_MS;
/** b − a in natural days. */
export const daysBetween = (a: IsoDate, b: IsoDate): number => dayNumber(b) - dayNumber(a);
export const addDays = (d: IsoDate, n: number): IsoDate => new Date((dayNumber(d) + n) * DAY_MS).toISOString().slice(0, 10);

/** Natural days the clock stood still in closed pauses ([from, to) spans). */
export function pausedDays(pauses: readonly PauseSpan[]): number {
  return pauses.reduce((acc, p) => acc + (p.to === null ? 0 : Math.max(0, daysBetween(p.from, p.to))), 0);
}

export interface ComputedDue {
  deadline: DeadlineId;
  startedOn: IsoDate;
  due: IsoDate;
  provisional: boolean;
  warnOn: IsoDate | null;
  basis: DeadlineSpec['basis'];
  n: number;
  cites: Cite[];
}

/**
 * The due date of a deadline started on `startedOn`, extended by closed pauses (natural days —
 * only natural-day and month limits are paused here). null when the profile sets no such limit.
 */
export function computeDue(
  id: DeadlineId, startedOn: IsoDate, cal: DeadlineCalendar, params: ParamSource, pauses: readonly PauseSpan[] = [],
): ComputedDue | null {
  const spec = DEADLINES[id];
  const n = params.get(spec.paramKey);
  if (n === null) return null;
  const base = spec.basis === 'workday' ? cal.addWorkdays(startedOn, n)
    : spec.basis === 'natural_day' ? cal.addNaturalDays(startedOn, n) : cal.addMonths(startedOn, n);
  const extra = pausedDays(pauses);
  const extended = extra > 0 ? cal.addNaturalDays(base.due, extra) : base;
  const warnDays = spec.warnParamKey ? params.get(spec.warnParamKey) : null;
  return {
    deadline: id,
    startedOn,
    due: extended.due,
    provisional: base.provisional || extended.provisional,
    warnOn: warnDays === null ? null : addDays(extended.due, -warnDays),
    basis: spec.basis,
    n,
    // the profile's own citations only (never the spec's union of every region's articles)
    cites: params.cites?.(spec.paramKey) ?? [],
  };
}

/** A deadline row as the database keeps it. */
export interface OpenDeadline {
  applicationId: string;
  deadline: DeadlineId;
  startedOn: IsoDate;
  due: IsoDate;
  warnOn: IsoDate | null;
  /** set while 补正 is outstanding: the sweep leaves it alone */
  pausedSince: IsoDate | null;
  warnedOn: IsoDate | null;
  flaggedOn: IsoDate | null;
}

export type SweepOutput =
  | { kind: 'event'; applicationId: string; deadline: DeadlineId; event: EventType; due: IsoDate }
  | { kind: 'warn'; applicationId: string; deadline: DeadlineId; due: IsoDate; daysLeft: number; message: string }
  | { kind: 'overdue'; applicationId: string; deadline: DeadlineId; due: IsoDate; daysOver: number; message: string }
  | { kind: 'elapsed'; applicationId: string; deadline: DeadlineId; due: IsoDate; message: string };

/**
 * Turn open deadline rows into what the scheduler must do today. Pure and idempotent given the
 * `warnedOn` / `flaggedOn` marks the scheduler writes back; events are re-checked by the
 * transition's guards, so running a sweep twice cannot move an application twice.
 */
export function sweep(today: IsoDate, open: readonly OpenDeadline[]): SweepOutput[] {
  const out: SweepOutput[] = [];
  const sorted = [...open].sort((a, b) => (a.due + a.applicationId < b.due + b.applicationId ? -1 : 1));
  for (const row of sorted) {
    if (row.pausedSince !== null) continue;
    const spec = DEADLINES[row.deadline];
    const base = { applicationId: row.applicationId, deadline: row.deadline, due: row.due };
    const past = today > row.due;
    if (spec.kind === 'not_before') {
      if (past && row.flaggedOn === null) out.push({ ...base, kind: 'elapsed', message: `${spec.label}已于 ${row.due} 届满` });
      continue;
    }
    if (past && spec.onExpiry.kind === 'event') {
      out.push({ ...base, kind: 'event', event: spec.onExpiry.event });
    } else if (past) {
      if (row.flaggedOn === null) {
        out.push({ ...base, kind: 'overdue', daysOver: daysBetween(row.due, today), message: `${spec.label}已于 ${row.due} 届满，已超期` });
      }
    } else if (row.warnOn !== null && today >= row.warnOn && row.warnedOn === null) {
      const daysLeft = daysBetween(today, row.due);
      out.push({ ...base, kind: 'warn', daysLeft, message: `${spec.label}将于 ${row.due} 届满，剩余 ${daysLeft} 天` });
    }
  }
  return out;
}
