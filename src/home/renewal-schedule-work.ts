/**
 * 续签工作节点 on the officer's home page (decision 0046, decision 0030's providers): the milestones of
 * the open campaigns of the territory that are overdue, due today or due later this week, each with
 * its article and the 工作日 left on the working-day calendar — only the viewer's own to act on: not an
 * institution's application day, and Beijing's 市级协商谈判 only for the city (schedule.ts `milestoneParty`).
 */
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { endOfWeek } from '../domain/designation/queue';
import { milestoneLabel, milestonesOfParty, type MilestoneId } from '../domain/renewal-campaign/schedule';
import { dueScheduleRows } from '../db/renewal-schedule-repo';
import { item, SECTION_ITEMS, type HomeProvider } from './home-model';

/** whose milestones are whose: computed once from the pure schedule */
const PARTIES = { institution: milestonesOfParty('institution'), city: milestonesOfParty('city_agency') };

const isAgency = (u: SessionUser) => u.orgKind === 'agency' && u.roles.some((r) => r === 'agency_officer' || r === 'agency_head');

export const agencyRenewalSchedule: HomeProvider = async ({ ctx, user, today, now, calendar }) => {
  if (!isAgency(user)) return { sections: [] };
  const rows = await dueScheduleRows(ctx.db, scopeOf(user), endOfWeek(today), SECTION_ITEMS, PARTIES);
  if (rows.length === 0) return { sections: [] };
  return {
    sections: [{
      key: 'renewal.schedule', title: '续签工作节点（已逾期、今日及本周到期）', count: rows[0]!.total, link: '/renewal', empty: '本周没有到期的续签工作节点',
      items: rows.map((r) => {
        const due = String(r.dueOn);
        const when = due < today ? '已逾期' : due === today ? '今日到期' : '本周到期';
        return item({
          id: `renewal-schedule:${r.campaignId}:${r.deadline}`, title: `${milestoneLabel[r.deadline as MilestoneId] ?? r.deadline}`,
          subtitle: `${r.title} · ${when}`, link: `/renewal/${r.campaignId}`, due,
          remainingWorkdays: calendar.remaining(now, due).workdays, cites: Array.isArray(r.cites) ? (r.cites as string[]) : [],
          tag: '续签', level: due < today ? 'error' : due === today ? 'warning' : 'info',
        });
      }),
    }],
  };
};
