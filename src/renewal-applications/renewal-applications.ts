/**
 * 续签申请 (京医保发〔2021〕30号 第四十一条, decision 0048): the institution applies for the renewal of an
 * agreement in force where its profile says the institution applies (北京, the national baseline); the
 * due day is 3 months before the term ends, counted on the calendar the article names (months); a late
 * application is flagged 逾期申请 with the article, not refused. The district agency takes it in (受理) or
 * returns it with a reason; the institution may withdraw it while it waits. Steps run on the one engine.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import { eventsFrom, type CaseContext } from '../domain/workflow/case-type';
import { formatCites } from '../domain/designation/cite';
import { workflowProfileOf } from '../domain/designation/profiles';
import { applicationDue, familyOf, institutionApplies } from '../domain/renewal-campaign/schedule';
import {
  RENEWAL_APPLICATION_CASE, renewalApplicationEventLabel, renewalApplicationStateLabel,
  type RenewalApplicationCase, type RenewalApplicationEvent, type RenewalApplicationState,
} from '../domain/renewal-application/application-case';
import { agreementScopeWhere } from '../db/agreement-repo';
import { findAgreementLife } from '../db/agreement-life-repo';
import { appendAudit } from '../db/audit-repo';
import { loadWorkCalendar } from '../db/calendar-repo';
import { uniqueViolation } from '../db/unique-violation';
import {
  findRenewalApplication, insertRenewalApplication, listRenewalApplications, renewalApplicationNames, saveRenewalApplication,
  type RenewalApplicationFilter, type RenewalApplicationRow,
} from '../db/renewal-application-repo';
import { runCaseEvent, type CaseBinding } from '../workflow/run-case-event';
import { caseActorOf, isSystemActor } from '../workflow/actor';

const binding: CaseBinding<RenewalApplicationState, RenewalApplicationEvent, RenewalApplicationCase, CaseContext> = {
  def: RENEWAL_APPLICATION_CASE,
  entityType: 'renewal_application',
  notFound: '续签申请不存在',
  stale: '续签申请已被他人处理，请刷新后重试',
  async load(db, id, actor) {
    const row = await findRenewalApplication(db, id, isSystemActor(actor) ? null : scopeOf(actor));
    if (!row) return null;
    return { id: row.id, data: row.data as RenewalApplicationCase, version: row.version, regionCode: row.regionCode, institutionId: row.institutionId, issuer: null };
  },
  async context(ctx, loaded, actor, today) {
    const a = await findAgreementLife(ctx.db, loaded.data.agreementId);
    return { actor: caseActorOf(actor), today, layers: workflowProfileOf(a?.profileId ?? null) };
  },
  save: (tx, loaded, next, _state, version, now) => saveRenewalApplication(tx, loaded.id, next, loaded.version, version, now),
};

/** Whether and until when an agreement's renewal may be applied for (the institution's page shows it before submitting). */
export async function renewalApplicationTerms(ctx: AppContext, user: SessionUser, agreementId: string) {
  const a = await findAgreementLife(ctx.db, agreementId, agreementScopeWhere(scopeOf(user)));
  if (!a) throw new AppError('NOT_FOUND', '协议不存在');
  const profileId = a.profileId ?? 'national';
  const today = chinaDate(ctx.clock.now());
  if (!institutionApplies(profileId)) {
    return { applies: false as const, profileId, ...refusalOf(profileId) };
  }
  const due = applicationDue(profileId, String(a.termTo), today, await loadWorkCalendar(ctx.db));
  return { applies: true as const, profileId, dueOn: due.due, months: due.months, late: today > due.due, citation: formatCites([due.cite]), termTo: String(a.termTo) };
}

/** Under a profile where the agency organises the renewal, the institution does not apply: said with that profile's article. */
function refusalOf(profileId: string): { message: string; citation: string } {
  const say = (citation: string, how: string) => ({ citation, message: `本地${how}（${citation}），无需机构申请续签；请留意经办机构的续签通知` });
  switch (familyOf(profileId)) {
    case 'yunnan': return say('云医保〔2022〕6号 第二十九条', '由经办机构统一组织续签');
    case 'jilin': return say('吉医保规〔2023〕1号 第二十七条', '在协议期满时由经办机构与机构协商续签');
    case 'zizhiqu': return say('自治区医保局〔2025〕征求意见稿（草案） 二', '由经办机构根据年度综合考评组织续签');
    default: return say('国家医保局令第2号', '由经办机构统一组织续签');
  }
}

export async function applyForRenewal(ctx: AppContext, user: SessionUser, input: { agreementId: string; note: string }): Promise<string> {
  if (!user.institutionId) throw new AppError('FORBIDDEN', '只有定点医药机构可以申请续签');
  const a = await findAgreementLife(ctx.db, input.agreementId, agreementScopeWhere(scopeOf(user)));
  if (!a) throw new AppError('NOT_FOUND', '协议不存在');
  if (a.lifeState !== 'in_force' && a.lifeState !== 'suspended') throw new AppError('CONFLICT', '只有履行中（生效或中止）的协议可以申请续签');
  const terms = await renewalApplicationTerms(ctx, user, a.id);
  if (!terms.applies) throw new AppError('RULE_REFUSED', terms.message, { reasons: [{ ruleId: 'renewal-application.profile', citation: terms.citation, message: terms.message }] });
  const now = ctx.clock.now();
  const today = chinaDate(now);
  if (String(a.termTo) < today) throw new AppError('CONFLICT', '协议已期满，不能再申请续签');
  const id = randomUUID();
  const data: RenewalApplicationCase = {
    agreementId: a.id, institutionId: a.institutionId, regionCode: a.regionCode, termTo: String(a.termTo), state: 'submitted',
    submittedOn: today, dueOn: terms.dueOn, late: terms.late, note: input.note.trim(), reason: null, decidedOn: null,
  };
  try {
    await ctx.db.transaction(async (tx) => {
      await insertRenewalApplication(tx, {
        id, agreementId: a.id, institutionId: a.institutionId, regionCode: a.regionCode, state: 'submitted', dueOn: terms.dueOn, late: terms.late,
        data, createdBy: user.id, createdAt: now, updatedAt: now,
      });
      await appendAudit(tx, now, {
        actor: { id: user.id, orgId: user.orgId }, action: 'renewal_application.create', entityType: 'renewal_application', entityId: id, regionCode: a.regionCode,
        before: null, after: { agreementId: a.id, dueOn: terms.dueOn, late: terms.late, cites: [terms.citation] }, reason: data.note || null,
      });
    });
  } catch (e) {
    if (uniqueViolation(e)?.index.includes('renewal_applications_open_uq')) throw new AppError('CONFLICT', '该协议已有待受理的续签申请');
    throw e;
  }
  return id;
}

export const runRenewalApplicationEvent = (ctx: AppContext, user: SessionUser, id: string, event: RenewalApplicationEvent, version: number) =>
  runCaseEvent(ctx, binding, user, id, event, version);

function view(row: RenewalApplicationRow, user: SessionUser, names: { institutionName: string; agreementNumber: string }) {
  const c = row.data as RenewalApplicationCase;
  return {
    id: row.id, version: row.version, agreementId: c.agreementId, institutionId: c.institutionId, regionCode: c.regionCode,
    institutionName: names.institutionName, agreementNumber: names.agreementNumber, termTo: c.termTo,
    state: c.state, stateLabel: renewalApplicationStateLabel[c.state], submittedOn: c.submittedOn, dueOn: c.dueOn, late: c.late,
    lateLabel: c.late ? `逾期申请（应于 ${c.dueOn} 前，即协议期满前3个月提出；京医保发〔2021〕30号 第四十一条）` : null,
    note: c.note, reason: c.reason, decidedOn: c.decidedOn,
    allowedEvents: eventsFrom(RENEWAL_APPLICATION_CASE, c, caseActorOf(user)).map((e) => ({ event: e, label: renewalApplicationEventLabel[e] })),
  };
}
export type RenewalApplicationView = ReturnType<typeof view>;

export async function getRenewalApplication(ctx: AppContext, user: SessionUser, id: string) {
  const row = await findRenewalApplication(ctx.db, id, scopeOf(user));
  if (!row) throw new AppError('NOT_FOUND', '续签申请不存在');
  return view(row, user, await renewalApplicationNames(ctx.db, row.id));
}

export async function listRenewalApplicationsFor(ctx: AppContext, user: SessionUser, f: RenewalApplicationFilter) {
  const { rows, total } = await listRenewalApplications(ctx.db, scopeOf(user), f);
  return { items: rows.map((r) => view(r.row, user, r)), total };
}
