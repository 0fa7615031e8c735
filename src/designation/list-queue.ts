/**
 * The work queue (定点工作台, decision 0019): search by name, 申请编号, 统一社会信用代码 or 医保编码;
 * filters 今日到期 / 本周到期 / 已逾期 / 待我办理 / 待我签署; sortable columns; paged; finished files
 * left out unless asked; remaining 工作日 to the nearest deadline by the working-day calendar.
 * 「待我办理」 = the states in which the transition table offers the user a step (allowedEvents
 * without the per-application OFFERED_ONLY_WHEN refinements), per policy profile — so it is a
 * (profile, state) list the query can filter on.
 */
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import { DEADLINES, type DeadlineId } from '../domain/designation/deadlines';
import { STATES, stateLabel, type EventType, type State } from '../domain/designation/states';
import { DUE_DEADLINES, dueStatus, dueStatusLabel, endOfWeek, FINISHED_STATES, OVERDUE_DEADLINES } from '../domain/designation/queue';
import { PROFILES } from '../domain/policy/profiles';
import { addDays } from '../domain/calendar/dates';
import type { WorkCalendar } from '../domain/calendar/work-calendar';
import { applicationScopeWhere } from '../db/designation-repo';
import { listQueueRows, type QueueFilter, type QueueRow, type QueueSort } from '../db/application-queue-repo';
import { loadWorkCalendar } from '../db/calendar-repo';
import { allowedEvents } from './get-application';

export interface QueueQuery {
  q?: string;
  state?: State[];
  due?: 'today' | 'week' | 'overdue';
  mine?: 'todo' | 'sign';
  includeFinished: boolean;
  sort: QueueSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const SIGN_EVENTS: readonly EventType[] = ['institution_sign', 'agency_sign'];

/**
 * Per policy profile, the states in which the user is offered a step (or one of `events`). 撤回
 * alone does not make a file 待我办理: the institution may withdraw in almost every state.
 */
export function actionableFor(user: SessionUser, events?: readonly EventType[]) {
  const counts = (e: EventType) => (events ? events.includes(e) : e !== 'withdraw');
  return PROFILES.map((p) => ({
    profileId: p.id,
    states: STATES.filter((s) => allowedEvents(user, s, p.id).some((e) => counts(e.event))),
  }));
}

/** The repository filter for a query of this user, today. */
export function queueFilterFor(user: SessionUser, q: Omit<QueueQuery, 'page' | 'pageSize'>, today: string): Omit<QueueFilter, 'limit' | 'offset'> {
  const due = q.due === 'today'
    ? { from: today, to: today, deadlineIds: DUE_DEADLINES }
    : q.due === 'week'
      ? { from: today, to: endOfWeek(today), deadlineIds: DUE_DEADLINES }
      : q.due === 'overdue'
        ? { to: addDays(today, -1), deadlineIds: OVERDUE_DEADLINES }
        : undefined;
  const sign = q.mine === 'sign';
  return {
    scope: applicationScopeWhere(scopeOf(user), user),
    ...(q.q?.trim() ? { search: q.q.trim() } : {}),
    ...(q.state?.length ? { states: q.state } : {}),
    ...(q.includeFinished || q.state?.length ? {} : { excludeStates: FINISHED_STATES }),
    ...(due ? { due } : {}),
    ...(q.mine ? { actionable: actionableFor(user, sign ? SIGN_EVENTS : undefined) } : {}),
    ...(sign ? { unsigned: user.orgKind === 'institution' ? 'institutionSignature' as const : 'agencySignature' as const } : {}),
    sort: q.sort, order: q.order,
  };
}

/** One queue row as the API and the export show it. */
export function queueItem(r: QueueRow, calendar: WorkCalendar, now: Date) {
  const today = chinaDate(now);
  const status = r.nextDeadline && r.nextDue ? dueStatus(r.nextDeadline, r.nextDue, today) : null;
  return {
    id: r.id, applicationNo: r.applicationNo, institutionId: r.institutionId, institutionName: r.institutionName, uscc: r.uscc, ybCode: r.ybCode,
    kind: r.kind, regionCode: r.regionCode, profileId: r.profileId, state: r.state, stateLabel: stateLabel[r.state as State] ?? r.state,
    version: r.version, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), submittedAt: r.submittedAt?.toISOString() ?? null,
    next: r.nextDeadline && r.nextDue && status
      ? {
          deadline: r.nextDeadline, label: DEADLINES[r.nextDeadline as DeadlineId]?.label ?? r.nextDeadline, due: r.nextDue,
          overdue: status === 'overdue', status, statusLabel: dueStatusLabel[status],
          remainingWorkdays: calendar.remaining(now, r.nextDue).workdays,
          cites: (r.nextCites as string[]) ?? [],
        }
      : null,
  };
}

export async function listQueue(ctx: AppContext, user: SessionUser, q: QueueQuery) {
  const now = ctx.clock.now();
  const filter = queueFilterFor(user, q, chinaDate(now));
  const [{ items, total }, calendar] = await Promise.all([
    listQueueRows(ctx.db, { ...filter, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }, STATES),
    loadWorkCalendar(ctx.db),
  ]);
  return { items: items.map((r) => queueItem(r, calendar, now)), total, page: q.page, pageSize: q.pageSize };
}
