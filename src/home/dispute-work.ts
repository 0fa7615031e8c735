/**
 * 争议 and 评价建议 on the home pages (decision 0042, decision 0030's providers): the agency's disputes waiting
 * for it (已提出 → 协商; 协商中), the department's disputes referred to it (提请行政部门协调; 京医保发〔2021〕30号 第四十六条),
 * and the agency's ratings without 反馈 (云医保〔2022〕6号 第二十三条: 及时反馈). A section with nothing in it is not listed.
 */
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { disputeStateLabel, disputeSubjectLabel, type DisputeState, type DisputeSubject } from '../domain/dispute/dispute-case';
import { chinaDate } from '../domain/clock/clock';
import { disputesWaiting } from '../db/dispute-repo';
import { ratingsUnanswered } from '../db/rating-repo';
import { item, SECTION_ITEMS, type HomeProvider, type HomeSection } from './home-model';

const isAgency = (u: SessionUser) => u.orgKind === 'agency' && u.roles.some((r) => r === 'agency_officer' || r === 'agency_head');
const isDept = (u: SessionUser) => u.orgKind === 'admin_dept' && u.roles.includes('admin_dept_officer');

export const disputeWork: HomeProvider = async ({ ctx, user }) => {
  const sections: HomeSection[] = [];
  if (isAgency(user) || isDept(user)) {
    const states = isAgency(user) ? ['raised', 'negotiating'] : ['coordinating'];
    const { rows, total } = await disputesWaiting(ctx.db, scopeOf(user), states, SECTION_ITEMS);
    if (total > 0) {
      sections.push({
        key: isAgency(user) ? 'disputes.waiting' : 'disputes.coordinating', title: isAgency(user) ? '争议待处理' : '争议待协调', count: total, link: '/disputes', empty: '没有待处理的争议',
        items: rows.map((r) => item({
          id: `dispute:${r.id}`, title: r.institutionName, subtitle: `${disputeSubjectLabel[r.subject as DisputeSubject] ?? r.subject} · ${r.raisedOn} 提出`,
          link: '/disputes', tag: disputeStateLabel[r.state as DisputeState] ?? r.state, level: r.state === 'raised' ? 'warning' : 'info',
        })),
      });
    }
  }
  if (isAgency(user)) {
    const { rows, total } = await ratingsUnanswered(ctx.db, scopeOf(user), SECTION_ITEMS);
    if (total > 0) {
      sections.push({
        key: 'ratings.unanswered', title: '评价建议待反馈', count: total, link: '/agency-ratings', empty: '没有待反馈的评价建议',
        items: rows.map((r) => item({ id: `rating:${r.id}`, title: r.institutionName, subtitle: `${r.score} 分 · ${chinaDate(r.createdAt)}`, link: '/agency-ratings', tag: '待反馈', level: 'warning' })),
      });
    }
  }
  return { sections };
};
