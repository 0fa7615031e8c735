/**
 * The work queue (定点工作台) as one query: applications in scope with their nearest open deadline,
 * searched, filtered, sorted and paged in SQL (decision 0019). What "待我办理" and "待我签署" mean for
 * a user is decided above (src/designation/list-queue.ts) and arrives here as (profile, states) pairs.
 */
import { and, eq, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { applications, deadlines, institutions } from './schema/index';

export const QUEUE_SORTS = ['applicationNo', 'name', 'state', 'nextDue', 'submittedAt'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export interface QueueFilter {
  /** the territory filter (applicationScopeWhere) */
  scope: SQL;
  /** name (substring), 申请编号 (substring), 统一社会信用代码 or 医保编码 (exact, case-insensitive) */
  search?: string;
  states?: readonly string[];
  /** states left out (the finished files unless asked for) */
  excludeStates?: readonly string[];
  /** the nearest open deadline: one of `deadlineIds`, due within [from, to] (China dates, inclusive) */
  due?: { from?: string; to?: string; deadlineIds: readonly string[] };
  /** only these (policy profile, states) pairs — 待我办理 / 待我签署 */
  actionable?: readonly { profileId: string; states: readonly string[] }[];
  /** 待我签署: the agreement draft does not carry this party's signature yet */
  unsigned?: 'institutionSignature' | 'agencySignature';
  sort: QueueSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface QueueRow {
  id: string;
  applicationNo: string | null;
  institutionId: string;
  institutionName: string;
  uscc: string;
  ybCode: string | null;
  kind: string;
  regionCode: string;
  profileId: string;
  state: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  nextDeadline: string | null;
  nextDue: string | null;
  nextCites: unknown;
}

/** The nearest open, running deadline of each application. */
function nextDeadlines(db: Db) {
  return db
    .select({
      applicationId: deadlines.applicationId,
      deadline: deadlines.deadline,
      dueOn: deadlines.dueOn,
      cites: deadlines.cites,
      rn: sql<number>`row_number() over (partition by ${deadlines.applicationId} order by ${deadlines.dueOn}, ${deadlines.deadline})`.as('rn'),
    })
    .from(deadlines)
    .where(and(eq(deadlines.state, 'open'), sql`${deadlines.pausedSince} is null`))
    .as('nd');
}

/** LIKE pattern for a substring, with the wildcards of the input taken literally. */
const contains = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(f: QueueFilter, next: ReturnType<typeof nextDeadlines>): SQL | undefined {
  const q = f.search?.trim();
  const search = q
    ? or(
        sql`${institutions.name} ILIKE ${contains(q)}`,
        sql`${applications.applicationNo} ILIKE ${contains(q)}`,
        eq(institutions.uscc, q.toUpperCase()),
        sql`upper(${institutions.ybCode}) = ${q.toUpperCase()}`,
      )
    : undefined;
  const due = f.due
    ? and(
        f.due.deadlineIds.length ? inArray(next.deadline, [...f.due.deadlineIds]) : sql`false`,
        f.due.from ? sql`${next.dueOn} >= ${f.due.from}` : undefined,
        f.due.to ? sql`${next.dueOn} <= ${f.due.to}` : undefined,
      )
    : undefined;
  const actionable = f.actionable
    ? or(sql`false`, ...f.actionable.filter((a) => a.states.length > 0).map((a) => and(eq(applications.profileId, a.profileId), inArray(applications.state, [...a.states]))))
    : undefined;
  const unsigned = f.unsigned ? sql`(${applications.data} -> 'agreement' -> ${f.unsigned}::text) IS NULL` : undefined;
  return and(
    f.scope,
    search,
    f.states?.length ? inArray(applications.state, [...f.states]) : undefined,
    f.excludeStates?.length ? notInArray(applications.state, [...f.excludeStates]) : undefined,
    due,
    actionable,
    unsigned,
  );
}

function orderBy(f: QueueFilter, next: ReturnType<typeof nextDeadlines>, stateOrder: readonly string[]): SQL[] {
  const dir = f.order === 'desc' ? sql`desc` : sql`asc`;
  const nulls = sql`nulls last`;
  switch (f.sort) {
    case 'applicationNo':
      // year, then the serial as a number ('…〔2026〕9号' before '…〔2026〕10号')
      return [
        sql`substring(${applications.applicationNo} from '〔(\\d{4})〕') ${dir} ${nulls}`,
        sql`substring(${applications.applicationNo} from '〕(\\d+)号$')::int ${dir} ${nulls}`,
        sql`${applications.applicationNo} ${dir} ${nulls}`,
      ];
    case 'name':
      return [sql`${institutions.name} ${dir}`];
    case 'state':
      return [sql`array_position(ARRAY[${sql.join(stateOrder.map((s) => sql`${s}`), sql`, `)}]::text[], ${applications.state}) ${dir} ${nulls}`];
    case 'submittedAt':
      return [sql`${applications.submittedAt} ${dir} ${nulls}`];
    case 'nextDue':
      return [sql`${next.dueOn} ${dir} ${nulls}`, sql`${applications.createdAt} asc`];
  }
}

export async function listQueueRows(db: Db, f: QueueFilter, stateOrder: readonly string[]): Promise<{ items: QueueRow[]; total: number }> {
  const next = nextDeadlines(db);
  const cond = conditions(f, next);
  const items = await db
    .select({
      id: applications.id,
      applicationNo: applications.applicationNo,
      institutionId: applications.institutionId,
      institutionName: institutions.name,
      uscc: institutions.uscc,
      ybCode: institutions.ybCode,
      kind: applications.kind,
      regionCode: applications.regionCode,
      profileId: applications.profileId,
      state: applications.state,
      version: applications.version,
      createdAt: applications.createdAt,
      updatedAt: applications.updatedAt,
      submittedAt: applications.submittedAt,
      nextDeadline: next.deadline,
      nextDue: next.dueOn,
      nextCites: next.cites,
    })
    .from(applications)
    .innerJoin(institutions, eq(institutions.id, applications.institutionId))
    .leftJoin(next, and(eq(next.applicationId, applications.id), eq(next.rn, 1)))
    .where(cond)
    .orderBy(...orderBy(f, next, stateOrder), sql`${applications.id} asc`)
    .limit(f.limit)
    .offset(f.offset);
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(applications)
    .innerJoin(institutions, eq(institutions.id, applications.institutionId))
    .leftJoin(next, and(eq(next.applicationId, applications.id), eq(next.rn, 1)))
    .where(cond);
  return { items, total: Number(total?.n ?? 0) };
}
