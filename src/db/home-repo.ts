/**
 * Reads behind the role home pages (GET /api/home): open deadlines in the user's territory, counted
 * per due day and listed nearest first, and the applications waiting for the user counted by state.
 * The territory arrives as SQL (applicationScopeWhere / agreementScopeWhere); nothing here decides who may see what.
 */
import { and, asc, eq, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { agreements, applications, deadlines, documents, institutions } from './schema/index';

export interface DeadlineWindow {
  /** the territory filter on the case's table (applications or agreements) */
  scope: SQL;
  deadlineIds: readonly string[];
  /** China dates, inclusive */
  from?: string;
  to?: string;
}

type CaseType = 'application' | 'agreement';

function windowWhere(w: DeadlineWindow, caseType: CaseType = 'application'): SQL | undefined {
  return and(
    w.scope,
    eq(deadlines.caseType, caseType),
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

interface CaseDeadlineRow {
  caseId: string;
  /** 申请编号 / 协议编号 */
  caseNo: string | null;
  /** the application's state / the agreement's life state */
  caseState: string | null;
  institutionName: string;
  regionCode: string;
  deadline: string;
  dueOn: string;
  cites: unknown;
}

/**
 * The one deadline-list query (issue #10: the application and agreement lists used to repeat it): the
 * nearest open, running deadlines of one case type inside the window, at most `limit`, and how many there
 * are (a window count over the same rows, so one statement). The case table is joined by case type; the
 * scope is SQL on that table, so a row of the other type never passes it.
 */
async function listCaseDeadlines(db: Db, caseType: CaseType, w: DeadlineWindow, limit: number): Promise<{ items: CaseDeadlineRow[]; total: number }> {
  const rows = await db
    .select({
      caseId: deadlines.caseId,
      caseNo: sql<string | null>`coalesce(${applications.applicationNo}, ${agreements.number})`,
      caseState: sql<string | null>`coalesce(${applications.state}, ${agreements.lifeState})`,
      institutionName: institutions.name,
      regionCode: sql<string>`coalesce(${applications.regionCode}, ${agreements.regionCode})`,
      deadline: deadlines.deadline, dueOn: deadlines.dueOn, cites: deadlines.cites,
      total: sql<number>`count(*) over ()`,
    })
    .from(deadlines)
    .leftJoin(applications, and(eq(deadlines.caseType, 'application'), eq(applications.id, deadlines.applicationId)))
    .leftJoin(agreements, and(eq(deadlines.caseType, 'agreement'), eq(agreements.id, deadlines.caseId)))
    .innerJoin(institutions, eq(institutions.id, sql`coalesce(${applications.institutionId}, ${agreements.institutionId})`))
    .where(windowWhere(w, caseType))
    .orderBy(asc(deadlines.dueOn), asc(institutions.name), asc(deadlines.id))
    .limit(limit);
  return { items: rows.map(({ total: _, ...r }) => ({ ...r, dueOn: String(r.dueOn) })), total: Number(rows[0]?.total ?? 0) };
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

/** The nearest open application deadlines inside the window (at most `limit`) and how many there are. */
export async function listDeadlines(db: Db, w: DeadlineWindow, limit: number): Promise<{ items: HomeDeadlineRow[]; total: number }> {
  const { items, total } = await listCaseDeadlines(db, 'application', w, limit);
  return { items: items.map(({ caseId, caseNo, caseState, ...r }) => ({ ...r, applicationId: caseId, applicationNo: caseNo, state: caseState ?? '' })), total };
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

// ---- the agreement's life after signing (issue #10) ------------------------------------------
// Reads behind the agency's 协议 work lists and the institution's agreement notices. The territory
// arrives as SQL on `agreements` (agreementScopeWhere); the deadline rows are the engine's, keyed by
// case (case_type 'agreement', decision 0032).

/** Agreements that still run: their requests, proposals and term ends are someone's work. */
const LIVE_AGREEMENT = ['pending', 'in_force', 'suspended'] as const;

export interface AgreementDeadlineRow {
  agreementId: string;
  number: string;
  institutionName: string;
  regionCode: string;
  lifeState: string | null;
  deadline: string;
  dueOn: string;
  cites: unknown;
}

/** Open, running deadline rows of agreements in scope (of the given kinds, due by `to` if given), nearest first. */
export async function listAgreementDeadlines(
  db: Db,
  w: DeadlineWindow,
  limit: number,
): Promise<{ items: AgreementDeadlineRow[]; total: number }> {
  const { items, total } = await listCaseDeadlines(db, 'agreement', w, limit);
  return { items: items.map(({ caseId, caseNo, caseState, ...r }) => ({ ...r, agreementId: caseId, number: caseNo ?? '', lifeState: caseState })), total };
}

export interface AgreementWorkRow {
  agreementId: string;
  number: string;
  institutionName: string;
  regionCode: string;
  lifeState: string | null;
  termTo: string;
  /** the `life` jsonb (request, proposal, suspension …) */
  life: unknown;
}

/**
 * Live agreements in scope that wait on someone: 'request' — a suspension / termination request not yet
 * in effect; 'proposal' — a termination the system proposes (建议解除); 'term' — the term ends within
 * [from, to]. Ordered by what is due first.
 */
export async function listAgreementWork(
  db: Db,
  scope: SQL,
  which: { kind: 'request' } | { kind: 'proposal' } | { kind: 'term'; from: string; to: string },
  limit: number,
): Promise<{ items: AgreementWorkRow[]; total: number }> {
  const what =
    which.kind === 'request'
      ? sql`jsonb_typeof(${agreements.life} -> 'request') = 'object'`
      : which.kind === 'proposal'
        ? sql`jsonb_typeof(${agreements.life} -> 'proposal') = 'object'`
        : and(sql`${agreements.termTo} >= ${which.from}`, sql`${agreements.termTo} <= ${which.to}`);
  const where = and(scope, inArray(agreements.lifeState, [...LIVE_AGREEMENT]), what);
  const order =
    which.kind === 'request'
      ? sql`${agreements.life} -> 'request' ->> 'receivedOn'`
      : which.kind === 'proposal'
        ? sql`${agreements.life} -> 'proposal' ->> 'since'`
        : sql`${agreements.termTo}`;
  const items = await db
    .select({
      agreementId: agreements.id, number: agreements.number, institutionName: institutions.name, regionCode: agreements.regionCode,
      lifeState: agreements.lifeState, termTo: agreements.termTo, life: agreements.life,
    })
    .from(agreements)
    .innerJoin(institutions, eq(institutions.id, agreements.institutionId))
    .where(where)
    .orderBy(asc(order), asc(institutions.name), asc(agreements.id))
    .limit(limit);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(agreements).where(where);
  return { items: items.map((r) => ({ ...r, termTo: String(r.termTo) })), total: Number(total?.n ?? 0) };
}

export interface AgreementNoticeRow {
  documentId: string;
  agreementId: string;
  agreementNumber: string;
  kind: string;
  number: string;
  title: string;
  issuedAt: Date;
}

/** The notices (中止 / 恢复 / 解除 / 终止) issued on agreements in scope since `since`, newest first. */
export async function listAgreementNotices(db: Db, scope: SQL, since: Date, limit: number): Promise<AgreementNoticeRow[]> {
  return db
    .select({
      documentId: documents.id, agreementId: agreements.id, agreementNumber: agreements.number,
      kind: documents.kind, number: documents.number, title: documents.title, issuedAt: documents.issuedAt,
    })
    .from(documents)
    .innerJoin(agreements, eq(agreements.id, documents.caseId))
    .where(and(scope, eq(documents.caseType, 'agreement'), sql`${documents.issuedAt} >= ${since.toISOString()}`))
    .orderBy(sql`${documents.issuedAt} desc`, asc(documents.id))
    .limit(limit);
}
