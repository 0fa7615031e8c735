/**
 * One agreement's life as the detail page reads it: the case, what the caller may try now (the
 * transition table and the caller's roles; the guards decide on POST), the situations and rules of
 * the profile with their articles (only the profile's own layers), the timeline from the audit
 * chain `agreement:<id>`, the notices, the deadlines and the 中止 records.
 */
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { citesFor, formatCites, type Cite } from '../domain/designation/cite';
import { eventsFrom } from '../domain/workflow/case-type';
import { auditActionLabel } from '../domain/audit/labels';
import { AGREEMENT_CASE, AGREEMENT_TABLE, agreementEventLabel, lifeStateLabel, type LifeState } from '../domain/agreement/lifecycle';
import { SUSPENSION_SITUATIONS, TERMINATION_SITUATIONS, situationsFor } from '../domain/agreement/situations';
import { agreementScopeWhere } from '../db/agreement-repo';
import { caseDocumentsOf, findAgreementLife, suspensionsOf, timelineOf } from '../db/agreement-life-repo';
import { restrictionsOfInstitution } from '../db/restriction-repo';
import { restrictionStateLabel, targetLabel, type RestrictionCase } from '../domain/settlement-restriction/restriction-case';
import { caseDeadlinesOf } from '../db/case-deadline-repo';
import { caseActorOf } from '../workflow/actor';
import { agreementContextOf, caseOfRow } from './binding';
import { registerItem } from './register';

export const AGREEMENT_DEADLINE_LABEL: Record<string, string> = {
  suspension_max: '中止期限（未申请继续履行的）', documents_due: '资料提供期限', request_effective: '申请的中止/解除生效日',
};

const stateWord = (s: unknown) => (typeof s === 'string' && s in lifeStateLabel ? lifeStateLabel[s as LifeState] : null);

export async function agreementLife(ctx: AppContext, user: SessionUser, id: string) {
  const row = await findAgreementLife(ctx.db, id, agreementScopeWhere(scopeOf(user)));
  if (!row) throw new AppError('NOT_FOUND', '协议不存在');
  const a = caseOfRow(row);
  const actx = agreementContextOf(row.profileId, user, chinaDate(ctx.clock.now()));
  const cite = (cs: readonly Cite[]) => formatCites(citesFor(actx.layers, cs));
  const rule = <T>(r: { value: T; cites: readonly Cite[] }) => ({ value: r.value, citation: cite(r.cites) });
  const p = actx.profile;
  const req = p.requestEffect.value;

  const allowedEvents = eventsFrom(AGREEMENT_CASE, a, caseActorOf(user), actx).map((event) => {
    const rows = AGREEMENT_TABLE.filter((r) => r.event === event && r.from.includes(a.state));
    return {
      event, label: agreementEventLabel[event], roles: [...new Set(rows.flatMap((r) => r.roles))].filter((r) => r !== 'system'),
      cites: cite(rows.flatMap((r) => r.cites)),
    };
  });
  const timeline = (await timelineOf(ctx.db, row.id)).map((t) => {
    const before = (t.before ?? {}) as Record<string, unknown>;
    const after = (t.after ?? {}) as Record<string, unknown>;
    return {
      at: t.at.toISOString(), action: t.action, actionLabel: auditActionLabel(t.action), actorName: t.actorName ?? '系统',
      fromState: stateWord(before.state), toState: stateWord(after.state), reason: t.reason,
      documents: Array.isArray(after.documents) ? (after.documents as unknown[]).map(String) : [],
    };
  });
  const documents = (await caseDocumentsOf(ctx.db, row.id)).map((d) => ({ ...d, issuedAt: d.issuedAt.toISOString() }));
  const deadlines = (await caseDeadlinesOf(ctx.db, 'agreement', row.id)).map((d) => ({
    deadline: d.deadline, label: AGREEMENT_DEADLINE_LABEL[d.deadline] ?? d.deadline, dueOn: d.dueOn, state: d.state, cites: Array.isArray(d.cites) ? (d.cites as unknown[]).map(String).join('；') : '',
  }));
  const suspensions = (await suspensionsOf(ctx.db, row.id)).map((s) => ({
    mode: s.mode, situation: s.situation, fromOn: s.fromOn, maxUntil: s.maxUntil, resumedOn: s.resumedOn, endedOn: s.endedOn,
  }));
  // 暂停人员/科室医保结算 of the institution (decision 0035): listed beside the agreement, never part of it
  const restrictions = (await restrictionsOfInstitution(ctx.db, row.institutionId, scopeOf(user))).map((r) => {
    const c = r.data as RestrictionCase;
    return { id: r.id, state: c.state, stateLabel: restrictionStateLabel[c.state], targetKind: c.target.kind, target: targetLabel(c.target), fromOn: c.fromOn, untilOn: c.untilOn };
  });
  return {
    agreement: { ...registerItem(row), source: row.source === 'import' ? ('import' as const) : ('generated' as const), paymentCategories: row.paymentCategories ?? [] },
    version: row.version,
    life: {
      suspension: a.suspension, request: a.request, proposal: a.proposal, noRenewalGrounds: a.noRenewalGrounds.map((g) => ({ ...g, cites: formatCites(g.cites) })),
      terminated: a.terminated, ended: a.ended, suspensionsInTerm: a.suspensionsInTerm,
    },
    allowedEvents,
    situations: {
      suspension: situationsFor(SUSPENSION_SITUATIONS, actx.layers, a.institutionKind).map((s) => ({
        code: s.code, label: s.label, citation: formatCites(s.resolved), ...(s.documentsWithinDays ? { documentsWithinDays: s.documentsWithinDays } : {}),
      })),
      termination: situationsFor(TERMINATION_SITUATIONS, actx.layers, a.institutionKind).map((s) => ({
        code: s.code, label: s.label, citation: formatCites(s.resolved), ...(s.dualChannelOnly ? { dualChannelOnly: true } : {}),
      })),
    },
    rules: {
      requestEffect: { mode: req.mode, ...(req.mode === 'notice' ? { months: req.months, shortNotice: req.shortNotice } : {}), citation: cite(p.requestEffect.cites) },
      publicRequest: rule(p.publicRequest), suspensionMaxDays: rule(p.suspensionMaxDays), afterMaxSuspension: rule(p.afterMaxSuspension), cascade: rule(p.cascade),
    },
    timeline, documents, deadlines, suspensions, restrictions,
  };
}
