/**
 * Reads behind the role home pages (GET /api/home): open deadlines in the user's territory, counted
 * per due day and listed nearest first, and the applications waiting for the user counted by state.
 * The territory arrives as SQL (applicationScopeWhere); nothing here decides who may see what.
 */
import { and, asc, eq, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { applications, deadlines, institutions } from './schema/index';

export interface DeadlineWindow {
  /** the territory filter on applications */
  scope: SQL;
  deadlineIds: readonly string[];
  /** China dates, inclusive */
  from?: string;
  to?: string;
}

function windowWhere(w: DeadlineWindow): SQL | undefined {
  return and(
    w.scope,
    eq(deadlines.state, 'open'),
    isNull(deadlines.pausedSince),
    w.deadlineIds.length ? inArray(deadlines.deadline, [...w.deadlineIds]) : sql`false`,
    w.from ? sql`${deadlines.dueOn} >= ${w.from}` : undefined,
    w.to ? sql`${deadlines.dueOn} <= ${w.to}` : undefined,
  );
}

/** Open, running deadlines per due day inside the window. */
export async function countDeadlinesByDay(db: Db, w: DeadlineWindow): Promise<{ dueOn: string; n: number }[]> {
  const rows = await db
    .select({ dueOn: deadlines.dueOn, n: sql<number>`count(*)::int` })
    .from(deadlines)
    .innerJoin(applications, eq(applications.id, deadlines.applicationId))
    .where(windowWhere(w))
    .groupBy(deadlines.dueOn)
    .orderBy(asc(deadlines.dueOn));
  return rows.map((r) => ({ dueOn: String(r.dueOn), n: Number(r.n) }));
}

export interface HomeDeadlineRow {
  applicationId: string;
  applicationNo: string | null;
  state: string;
  institutionName: string;
  regionCode: string;
  deadline: string;
  dueOn: string;
  cites: unknown;
}

/** The nearest open deadlines inside the window (at most `limit`) and how many there are. */
export async function listDeadlines(db: Db, w: DeadlineWindow, limit: number): Promise<{ items: HomeDeadlineRow[]; total: number }> {
  const where = windowWhere(w);
  const items = await db
    .select({
      applicationId: applications.id, applicationNo: applications.applicationNo, state: applications.state,
      institutionName: institutions.name, regionCode: applications.regionCode,
      deadline: deadlines.deadline, dueOn: deadlines.dueOn, cites: deadlines.cites,
    })
    .from(deadlines)
    .innerJoin(applications, eq(applications.id, deadlines.applicationId))
    .innerJoin(institutions, eq(institutions.id, applications.institutionId))
    .where(where)
    .orderBy(asc(deadlines.dueOn), asc(institutions.name), asc(deadlines.id))
    .limit(limit);
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(deadlines)
    .innerJoin(applications, eq(applications.id, deadlines.applicationId))
    .where(where);
  return { items: items.map((r) => ({ ...r, dueOn: String(r.dueOn) })), total: Number(total?.n ?? 0) };
}

/** Applications in scope counted by state: only the (profile, states) pairs given, finished ones left out. */
export async function countApplicationsByState(
  db: Db,
  scope: SQL,
  actionable: readonly { profileId: string; states: readonly string[] }[] | null,
  excludeStates: readonly string[],
): Promise<{ state: string; n: number }[]> {
  const pairs = actionable
    ? or(sql`false`, ...actionable.filter((a) => a.states.length > 0).map((a) => and(eq(applications.profileId, a.profileId), inArray(applications.state, [...a.states]))))
    : undefined;
  const rows = await db
    .select({ state: applications.state, n: sql<number>`count(*)::int` })
    .from(applications)
    .where(and(scope, pairs, excludeStates.length ? notInArray(applications.state, [...excludeStates]) : undefined))
    .groupBy(applications.state);
  return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
}

export interface OpenApplicationRow {
  id: string;
  applicationNo: string | null;
  state: string;
  institutionName: string;
  data: unknown;
  updatedAt: Date;
}

/** The unfinished applications in scope, most recently changed first (an institution has a handful). */
export async function listOpenApplications(db: Db, scope: SQL, excludeStates: readonly string[], limit: number): Promise<OpenApplicationRow[]> {
  return db
    .select({
      id: applications.id, applicationNo: applications.applicationNo, state: applications.state,
      institutionName: institutions.name, data: applications.data, updatedAt: applications.updatedAt,
    })
    .from(applications)
    .innerJoin(institutions, eq(institutions.id, applications.institutionId))
    .where(and(scope, excludeStates.length ? notInArray(applications.state, [...excludeStates]) : undefined))
    .orderBy(sql`${applications.updatedAt} desc`, asc(applications.id))
    .limit(limit);
}
