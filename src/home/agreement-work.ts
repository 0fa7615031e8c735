/**
 * The agreement's life after signing on the home pages (issue #10, decision 0030's providers):
 * - the agency's due work in its territory: suspensions that reach their longest day within 14 days
 *   (京医保发〔2021〕30号 第四十二条第二款 — day 181 ends the agreement unless resumption was asked),
 *   documents due under the 7-day rule (自治区医保局〔2025〕征求意见稿 三(一)2), requests to suspend or
 *   terminate waiting for a decision or their effective date, terminations the system proposes
 *   (建议解除), and agreements whose term ends this month;
 * - the institution's agreement notices: the notices issued on its agreements lately, what it must
 *   do by a date (resume before the suspension's last day, produce documents), its term ending.
 * The agency's lists appear only when they hold something. Each reads the deadline rows and agreements directly (src/db/home-repo.ts), inside the user's
 * territory (agreementScopeWhere), and answers nothing for a user it does not concern.
 */
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import { addDays, daysBetween } from '../domain/calendar/dates';
import { formatCite, type Cite } from '../domain/designation/cite';
import { lifeStateLabel, type LifeState, type PendingRequest } from '../domain/agreement/lifecycle';
import { findSituation, TERMINATION_SITUATIONS } from '../domain/agreement/situations';
import { agreementScopeWhere } from '../db/agreement-repo';
import { listAgreementDeadlines, listAgreementNotices, listAgreementWork, type AgreementDeadlineRow, type AgreementWorkRow } from '../db/home-repo';
import { item, SECTION_ITEMS, type HomeItem, type HomeProvider, type HomeSection } from './home-model';

/** How far ahead a suspension's last day is announced to the agency. */
export const SUSPENSION_WARNING_DAYS = 14;

const isAgency = (u: SessionUser) => u.orgKind === 'agency' && u.roles.some((r) => r === 'agency_officer' || r === 'agency_head');
const agencyLink = (id: string) => `/agreements/${id}`;
const institutionLink = (id: string) => `/institution/agreements/${id}`;

/** The engine's deadline ids of the agreement case (src/domain/agreement/lifecycle.ts effects). */
const DEADLINE_LABEL: Record<string, string> = {
  suspension_max: '中止期满（最长180日）',
  documents_due: '暂停结算后提供有关资料（7日）',
  request_effective: '申请的中止/解除生效',
};

const citesOf = (v: unknown): string[] => (Array.isArray(v) ? v.map((c) => (typeof c === 'string' ? c : formatCite(c as Cite))) : []);
const stateText = (s: string | null) => (s ? (lifeStateLabel[s as LifeState] ?? s) : '—');

/** First and last day of the month `today` falls in (China dates). */
export function monthOf(today: string): { from: string; to: string } {
  const from = `${today.slice(0, 7)}-01`;
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from, to: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

function daysLeft(today: string, due: string): string {
  const n = daysBetween(today, due);
  return n < 0 ? `已超过 ${-n} 日` : n === 0 ? '今日届满' : `还剩 ${n} 日`;
}

function deadlineItem(r: AgreementDeadlineRow, today: string, link: string): HomeItem {
  const n = daysBetween(today, r.dueOn);
  return item({
    id: `${r.agreementId}:${r.deadline}`,
    title: r.institutionName,
    subtitle: `${DEADLINE_LABEL[r.deadline] ?? r.deadline} · ${r.number} · ${daysLeft(today, r.dueOn)}`,
    link,
    due: r.dueOn,
    cites: citesOf(r.cites),
    tag: stateText(r.lifeState),
    level: n < 0 ? 'error' : n <= 3 ? 'warning' : 'info',
  });
}

function requestItem(r: AgreementWorkRow): HomeItem {
  const req = (r.life as { request?: PendingRequest | null } | null)?.request;
  const what = req?.kind === 'terminate' ? '解除' : '中止';
  return item({
    id: `${r.agreementId}:request`,
    title: r.institutionName,
    subtitle: `申请${what}协议 · ${r.number} · ${req ? `${req.receivedOn} 收到，申请 ${req.effectiveOn} 生效` : ''}${req?.shortNotice ? ' · 未提前足额告知' : ''}`,
    link: agencyLink(r.agreementId),
    due: req?.effectiveOn ?? null,
    tag: req?.approvedOn ? '已同意，待生效' : '待审核',
    level: req?.approvedOn ? 'info' : 'warning',
  });
}

function proposalItem(r: AgreementWorkRow): HomeItem {
  const p = (r.life as { proposal?: { situation: string; since: string; cites: Cite[] } | null } | null)?.proposal;
  const s = p ? findSituation(TERMINATION_SITUATIONS, p.situation) : undefined;
  return item({
    id: `${r.agreementId}:proposal`,
    title: r.institutionName,
    subtitle: `${s?.label ?? p?.situation ?? ''} · ${r.number}${p ? ` · 自 ${p.since}` : ''}`,
    link: agencyLink(r.agreementId),
    cites: citesOf(p?.cites),
    tag: '建议解除',
    level: 'warning',
  });
}

function termItem(r: AgreementWorkRow, today: string, link: string): HomeItem {
  return item({
    id: `${r.agreementId}:term`,
    title: r.institutionName,
    subtitle: `${r.number} · ${stateText(r.lifeState)} · 协议有效期至 ${r.termTo}（${daysLeft(today, r.termTo)}）`,
    link,
    due: r.termTo,
    tag: '本月到期',
    level: r.termTo < today ? 'error' : 'info',
  });
}

/** The agency's agreement work: suspensions near day 180, documents due, requests, proposals, expiries this month. */
export const agencyAgreementWork: HomeProvider = async ({ ctx, user, today }) => {
  if (!isAgency(user)) return { sections: [] };
  const scope = agreementScopeWhere(scopeOf(user));
  const month = monthOf(today);
  const [suspensions, docs, requests, proposals, expiring] = await Promise.all([
    listAgreementDeadlines(ctx.db, { scope, deadlineIds: ['suspension_max'], to: addDays(today, SUSPENSION_WARNING_DAYS) }, SECTION_ITEMS),
    listAgreementDeadlines(ctx.db, { scope, deadlineIds: ['documents_due'] }, SECTION_ITEMS),
    listAgreementWork(ctx.db, scope, { kind: 'request' }, SECTION_ITEMS),
    listAgreementWork(ctx.db, scope, { kind: 'proposal' }, SECTION_ITEMS),
    listAgreementWork(ctx.db, scope, { kind: 'term', ...month }, SECTION_ITEMS),
  ]);
  const sections: HomeSection[] = [
    {
      key: 'agreements.suspension_max', title: `中止将满180日（${SUSPENSION_WARNING_DAYS}日内）`, count: suspensions.total,
      link: '/agreements?lifeState=suspended', empty: '没有即将满期的中止',
      items: suspensions.items.map((r) => deadlineItem(r, today, agencyLink(r.agreementId))),
    },
    {
      key: 'agreements.documents_due', title: '暂停结算待提供资料（7日）', count: docs.total,
      link: '/agreements?lifeState=suspended', empty: '没有待提供的资料',
      items: docs.items.map((r) => deadlineItem(r, today, agencyLink(r.agreementId))),
    },
    {
      key: 'agreements.requests', title: '待处理的中止/解除申请', count: requests.total,
      link: '/agreements', empty: '没有待处理的申请', items: requests.items.map(requestItem),
    },
    {
      key: 'agreements.proposals', title: '建议解除协议', count: proposals.total,
      link: '/agreements', empty: '没有建议解除的协议', items: proposals.items.map(proposalItem),
    },
    {
      key: 'agreements.expiring', title: '本月到期的协议', count: expiring.total,
      link: `/agreements?termToFrom=${month.from}&termToTo=${month.to}`, empty: '本月没有到期的协议',
      items: expiring.items.map((r) => termItem(r, today, agencyLink(r.agreementId))),
    },
  ];
  // five more cards on every officer's home would bury the rest: a list with nothing in it is left out
  return { sections: sections.filter((s) => s.count > 0) };
};

/** How far back the institution's home lists the notices issued on its agreements. */
export const NOTICE_DAYS = 60;

/** The institution's agreement notices: what it must do by a date, the notices issued lately, its term ending. */
export const institutionAgreementNotices: HomeProvider = async ({ ctx, user, today, now }) => {
  if (user.orgKind !== 'institution' || !user.institutionId) return { sections: [] };
  const scope = agreementScopeWhere(scopeOf(user));
  const month = monthOf(today);
  const [due, notices, expiring] = await Promise.all([
    listAgreementDeadlines(ctx.db, { scope, deadlineIds: ['suspension_max', 'documents_due', 'request_effective'] }, SECTION_ITEMS),
    listAgreementNotices(ctx.db, scope, new Date(now.getTime() - NOTICE_DAYS * 86_400_000), SECTION_ITEMS),
    listAgreementWork(ctx.db, scope, { kind: 'term', ...month }, SECTION_ITEMS),
  ]);
  const what: Record<string, string> = {
    suspension_max: '协议中止中：请在中止期满前申请恢复履行，逾期未申请的协议终止',
    documents_due: '暂停结算：请在期限内向经办机构提供有关资料，逾期未提供的可解除协议',
    request_effective: '本机构的中止/解除申请已同意，届时生效',
  };
  const items: HomeItem[] = [
    ...due.items.map((r) => ({ ...deadlineItem(r, today, institutionLink(r.agreementId)), title: what[r.deadline] ?? r.deadline })),
    ...notices.map((d) => item({
      id: `doc:${d.documentId}`, title: d.title, subtitle: `${d.number} · ${d.agreementNumber} · ${chinaDate(d.issuedAt)} 出具`,
      link: institutionLink(d.agreementId), tag: '通知书', level: 'info',
    })),
    ...expiring.items.map((r) => ({ ...termItem(r, today, institutionLink(r.agreementId)), title: '协议本月到期' })),
  ];
  return {
    sections: [{
      key: 'institution.agreements', title: '协议通知与提醒', count: items.length, link: '/institution/agreements',
      empty: '没有新的协议通知', items: items.slice(0, SECTION_ITEMS),
    }],
  };
};
