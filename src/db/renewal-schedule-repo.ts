/**
 * A 续签 campaign's schedule as deadline rows (decision 0046): case_type 'renewal_campaign', one row per
 * milestone, written in the campaign's opening transaction; the officer's home page reads the open
 * ones of open campaigns in the territory. No sweep turns them into events: they are reminders of
 * what the agency (or the institutions, or the city) must have done by the day, with the article.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { deadlines, renewalCampaigns } from './schema/index';
import type { Scope } from '../domain/identity/territory';
import { campaignScopeWhere } from './renewal-campaign-repo';

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

/** The campaign's schedule rows, by due day. */
export async function scheduleRowsOf(db: Db | Tx, campaignId: string) {
  return db.select().from(deadlines)
    .where(and(eq(deadlines.caseType, SCHEDULE_CASE), eq(deadlines.caseId, campaignId)))
    .orderBy(asc(deadlines.dueOn), asc(deadlines.id));
}

/** Open milestones of open campaigns the user sees, due on or before `to` (overdue included). */
export async function dueScheduleRows(db: Db, scope: Scope, to: string, limit: number) {
  return db
    .select({
      campaignId: renewalCampaigns.id, title: renewalCampaigns.title, profileId: renewalCampaigns.profileId,
      deadline: deadlines.deadline, dueOn: deadlines.dueOn, cites: deadlines.cites, basis: deadlines.basis,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(deadlines)
    .innerJoin(renewalCampaigns, and(eq(deadlines.caseType, SCHEDULE_CASE), eq(renewalCampaigns.id, deadlines.caseId)))
    .where(and(eq(deadlines.state, 'open'), lte(deadlines.dueOn, to), eq(renewalCampaigns.state, 'open'), campaignScopeWhere(scope)))
    .orderBy(asc(deadlines.dueOn), asc(renewalCampaigns.title))
    .limit(limit);
}
