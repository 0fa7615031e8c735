/**
 * A 续签 campaign's schedule as deadline rows (decision 0046): case_type 'renewal_campaign', one row per
 * milestone, written in the campaign's opening transaction; the officer's home page reads the open
 * ones of open campaigns in the territory. No sweep turns them into events: they are reminders of
 * what the agency (or the institutions, or the city) must have done by the day, with the article.
 */
import { and, asc, eq, lte, notExists, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { deadlines, renewalCampaigns, renewalItems } from './schema/index';
import type { Scope } from '../domain/identity/territory';

export const SCHEDULE_CASE = 'renewal_campaign';

export interface ScheduleRowInput {
  deadline: string;
  basis: string;
  n: number;
  startsOn: string;
  dueOn: string;
  provisional: boolean;
  cites: string[];
  /** met when written (the campaign's own opening): stored closed on that day */
  closedOn: string | null;
}

export async function insertScheduleRows(tx: Tx, campaignId: string, rows: readonly ScheduleRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(deadlines).values(rows.map((r) => ({
    caseType: SCHEDULE_CASE, caseId: campaignId, deadline: r.deadline, basis: r.basis, n: r.n, startsOn: r.startsOn, dueOn: r.dueOn,
    provisional: r.provisional, cites: r.cites, state: r.closedOn ? 'stopped' as const : 'open' as const, closedOn: r.closedOn,
  })));
}

/** A milestone done by the act itself (报市 by the report): stopped on that day, in the act's transaction. */
export async function closeScheduleRow(tx: Tx, campaignId: string, milestone: string, on: string): Promise<void> {
  await tx.update(deadlines).set({ state: 'stopped', closedOn: on })
    .where(and(eq(deadlines.caseType, SCHEDULE_CASE), eq(deadlines.caseId, campaignId), eq(deadlines.deadline, milestone), eq(deadlines.state, 'open')));
}

/**
 * 市级协商谈判 (京医保发〔2021〕30号 第四十一条) is met once no item of the campaign waits for it (none is left
 * `decided`): stopped on that day, in the transaction of the negotiation that made it so. The campaign is
 * named by one of its items (a single negotiation knows only its item).
 */
export async function closeNegotiationWhenDone(tx: Tx, of: { campaignId: string } | { itemId: string }, on: string): Promise<void> {
  const campaign = 'campaignId' in of
    ? sql`${of.campaignId}::uuid`
    : sql`(select ${renewalItems.campaignId} from ${renewalItems} where ${renewalItems.id} = ${of.itemId})`;
  await tx.update(deadlines).set({ state: 'stopped', closedOn: on })
    .where(and(
      eq(deadlines.caseType, SCHEDULE_CASE), sql`${deadlines.caseId} = ${campaign}`, eq(deadlines.deadline, 'negotiate'), eq(deadlines.state, 'open'),
      notExists(tx.select({ one: sql`1` }).from(renewalItems).where(and(sql`${renewalItems.campaignId} = ${campaign}`, eq(renewalItems.state, 'decided')))),
    ));
}

/** The campaign's schedule rows, by due day. */
export async function scheduleRowsOf(db: Db | Tx, campaignId: string) {
  return db.select().from(deadlines)
    .where(and(eq(deadlines.caseType, SCHEDULE_CASE), eq(deadlines.caseId, campaignId)))
    .orderBy(asc(deadlines.dueOn), asc(deadlines.id));
}

/**
 * Which milestones are whose (`profileId:milestone`, from the pure schedule): the institution's are nobody's
 * work at the agency; the city's are the agency above the campaign's; the rest the campaign's agency and
 * those below it (a county officer sees its prefecture campaign's milestones).
 */
export interface MilestoneParties {
  institution: readonly string[];
  city: readonly string[];
}

function viewersMilestones(scope: Scope, parties: MilestoneParties): SQL {
  const pair = sql`${renewalCampaigns.profileId} || ':' || ${deadlines.deadline}`;
  const inList = (xs: readonly string[]) => (xs.length ? sql`${pair} in (${sql.join(xs.map((x) => sql`${x}`), sql`, `)})` : sql`false`);
  const notInstitution = sql`not ${inList(parties.institution)}`;
  if (scope.kind === 'all') return notInstitution;
  if (scope.kind !== 'region') return sql`false`;
  const below = sql`${renewalCampaigns.prefix} like ${scope.prefix} || '%' and length(${renewalCampaigns.prefix}) > ${scope.prefix.length}`;
  const ownOrAbove = sql`${scope.prefix} like ${renewalCampaigns.prefix} || '%'`;
  return sql`${notInstitution} and (case when ${inList(parties.city)} then ${below} else ${ownOrAbove} end)`;
}

/** Open milestones of open campaigns that are the user's own to act on, due on or before `to` (overdue included). */
export async function dueScheduleRows(db: Db, scope: Scope, to: string, limit: number, parties: MilestoneParties) {
  return db
    .select({
      campaignId: renewalCampaigns.id, title: renewalCampaigns.title, profileId: renewalCampaigns.profileId,
      deadline: deadlines.deadline, dueOn: deadlines.dueOn, cites: deadlines.cites, basis: deadlines.basis,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(deadlines)
    .innerJoin(renewalCampaigns, and(eq(deadlines.caseType, SCHEDULE_CASE), eq(renewalCampaigns.id, deadlines.caseId)))
    .where(and(eq(deadlines.state, 'open'), lte(deadlines.dueOn, to), eq(renewalCampaigns.state, 'open'), viewersMilestones(scope, parties)))
    .orderBy(asc(deadlines.dueOn), asc(renewalCampaigns.title))
    .limit(limit);
}
