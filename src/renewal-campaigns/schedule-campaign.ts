/**
 * A 续签 campaign's schedule (decision 0046): the milestones of its profile (src/domain/renewal-campaign/
 * schedule.ts) written as deadline rows when the campaign opens, in the opening transaction; read back
 * for the campaign page with each milestone's status today.
 */
import type { AppContext } from '../context';
import type { Tx } from '../db/client';
import { loadWorkCalendar } from '../db/calendar-repo';
import { findCampaign } from '../db/renewal-campaign-repo';
import { insertScheduleRows, scheduleRowsOf } from '../db/renewal-schedule-repo';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { formatCite } from '../domain/designation/cite';
import {
  campaignSchedule, milestoneLabel, milestoneStatus, milestoneStatusLabel, partyLabel, type Milestone, type MilestoneId, type MilestoneStatus, type ScheduleInput,
} from '../domain/renewal-campaign/schedule';

/** Writes the campaign's milestones; the organising one is met by the opening itself. */
export async function writeCampaignSchedule(tx: Tx, campaignId: string, input: ScheduleInput): Promise<Milestone[]> {
  // the calendar through the opening transaction: PGlite has one connection, a second reader would wait on it forever
  const cal = await loadWorkCalendar(tx);
  const ms = campaignSchedule(input, cal);
  await insertScheduleRows(tx, campaignId, ms.map((m) => ({
    deadline: m.id, basis: m.unit, n: m.n, startsOn: m.from, dueOn: m.due, provisional: m.provisional,
    cites: m.cites.map(formatCite), closedOn: m.id === 'organise' ? input.openedOn : null,
  })));
  return ms;
}

export interface ScheduleView {
  id: string;
  milestone: string;
  label: string;
  party: string;
  dueOn: string;
  counted: string;
  cites: string[];
  example: boolean;
  provisional: boolean;
  status: MilestoneStatus;
  statusLabel: string;
  closedOn: string | null;
  /** 工作日 from today to the due day (negative: overdue); null once met */
  remainingWorkdays: number | null;
}

/** The campaign page's schedule: the rows as written at opening, with today's status and the counting re-explained. */
export async function readCampaignSchedule(ctx: AppContext, user: SessionUser, campaignId: string): Promise<ScheduleView[]> {
  const campaign = await findCampaign(ctx.db, campaignId, scopeOf(user));
  if (!campaign) throw new AppError('NOT_FOUND', '续签工作不存在');
  const [rows, cal] = await Promise.all([scheduleRowsOf(ctx.db, campaign.id), loadWorkCalendar(ctx.db)]);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  // the explanation (who, how counted, example or not) from the pure schedule as at opening
  const ms = new Map(campaignSchedule({
    profileId: campaign.profileId, openedOn: chinaDate(campaign.createdAt), windowFrom: String(campaign.windowFrom),
    windowTo: String(campaign.windowTo), decideBy: String(campaign.decideBy),
  }, cal).map((m) => [m.id as string, m]));
  return rows.map((r) => {
    const m = ms.get(r.deadline);
    const due = String(r.dueOn);
    const met = r.state !== 'open' || campaign.state === 'closed';
    const status: MilestoneStatus = milestoneStatus(m?.party ?? 'agency', due, today, met);
    return {
      id: r.id, milestone: r.deadline, label: milestoneLabel[r.deadline as MilestoneId] ?? r.deadline,
      party: m ? partyLabel[m.party] : '经办机构', dueOn: due, counted: m?.counted ?? '', cites: Array.isArray(r.cites) ? (r.cites as string[]) : [],
      example: m?.example ?? false, provisional: r.provisional, status, statusLabel: milestoneStatusLabel[status],
      closedOn: r.closedOn ? String(r.closedOn) : null, remainingWorkdays: status === 'met' || status === 'closed' ? null : cal.remaining(now, due).workdays,
    };
  });
}
