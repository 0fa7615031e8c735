/**
 * 争议 (京医保发〔2021〕30号 第四十六条, 第三十九条; decision 0035): the institution raises an objection to a
 * decision on its agreement; the agency negotiates, either side refers it to the administrative department,
 * the department records its coordination, 行政复议 / 行政诉讼 are recorded, and the case closes 维持 / 撤销 / 和解.
 * An overturned suspension or termination is reversed by the agreement's own event `reverse_decision`,
 * carrying the dispute id (audited with the agreement's step).
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import { eventsFrom } from '../domain/workflow/case-type';
import {
  DISPUTE_CASE, disputeEventLabel, disputeOutcomeLabel, disputeStateLabel, disputeSubjectLabel, mayReverse,
  type DisputeCase, type DisputeEvent, type DisputeState, type DisputeSubject,
} from '../domain/dispute/dispute-case';
import { workflowProfileOf } from '../domain/designation/profiles';
import { agreementScopeWhere } from '../db/agreement-repo';
import { findAgreementLife } from '../db/agreement-life-repo';
import { appendAudit } from '../db/audit-repo';
import { disputeNames, findDispute, insertDispute, listDisputes, saveDispute, type DisputeFilter, type DisputeRow } from '../db/dispute-repo';
import { runCaseEvent, type CaseBinding } from '../workflow/run-case-event';
import { caseActorOf, isSystemActor } from '../workflow/actor';
import { runAgreementEvent } from '../agreement-lifecycle/run-agreement-event';
import type { CaseContext } from '../domain/workflow/case-type';

const binding: CaseBinding<DisputeState, DisputeEvent, DisputeCase, CaseContext> = {
  def: DISPUTE_CASE,
  entityType: 'dispute',
  notFound: '争议不存在',
  stale: '争议已被他人处理，请刷新后重试',
  async load(db, id, actor) {
    const row = await findDispute(db, id, isSystemActor(actor) ? null : scopeOf(actor));
    if (!row) return null;
    return { id: row.id, data: row.data as DisputeCase, version: row.version, regionCode: row.regionCode, institutionId: row.institutionId, issuer: null };
  },
  async context(ctx, loaded, actor, today) {
    const a = await findAgreementLife(ctx.db, (loaded.data as DisputeCase).agreementId);
    return { actor: caseActorOf(actor), today, layers: workflowProfileOf(a?.profileId ?? null) };
  },
  save: (tx, loaded, next, state, version, now) => saveDispute(tx, loaded.id, next, state, loaded.version, version, now),
};

export async function raiseDispute(ctx: AppContext, user: SessionUser, input: { agreementId: string; subject: DisputeSubject; text: string }): Promise<string> {
  if (!user.institutionId) throw new AppError('FORBIDDEN', '只有定点医药机构可以提出争议');
  const agreement = await findAgreementLife(ctx.db, input.agreementId, agreementScopeWhere(scopeOf(user)));
  if (!agreement) throw new AppError('NOT_FOUND', '协议不存在');
  const now = ctx.clock.now();
  const id = randomUUID();
  const data: DisputeCase = {
    id, agreementId: agreement.id, institutionId: agreement.institutionId, regionCode: agreement.regionCode, state: 'raised', subject: input.subject,
    text: input.text.trim(), raisedOn: chinaDate(now), notes: [], review: null, outcome: null, outcomeReference: null, closedOn: null, reversedOn: null,
  };
  await ctx.db.transaction(async (tx) => {
    await insertDispute(tx, { id, agreementId: agreement.id, institutionId: agreement.institutionId, regionCode: agreement.regionCode, subject: input.subject, state: 'raised', data, createdBy: user.id, createdAt: now, updatedAt: now });
    await appendAudit(tx, now, {
      actor: { id: user.id, orgId: user.orgId }, action: 'dispute.create', entityType: 'dispute', entityId: id, regionCode: agreement.regionCode,
      before: null, after: { agreementId: agreement.id, subject: input.subject }, reason: data.text,
    });
  });
  return id;
}

export const runDisputeEvent = (ctx: AppContext, user: SessionUser, id: string, event: DisputeEvent, version: number) =>
  runCaseEvent(ctx, binding, user, id, event, version);

export function disputeView(row: DisputeRow, user: SessionUser, names: { institutionName: string; agreementNumber: string }) {
  const c = row.data as DisputeCase;
  return {
    id: row.id, agreementId: c.agreementId, institutionId: c.institutionId, regionCode: c.regionCode, version: row.version,
    institutionName: names.institutionName, agreementNumber: names.agreementNumber, updatedAt: row.updatedAt.toISOString(),
    state: c.state, stateLabel: disputeStateLabel[c.state], subject: c.subject, subjectLabel: disputeSubjectLabel[c.subject], text: c.text, raisedOn: c.raisedOn,
    notes: c.notes, review: c.review, outcome: c.outcome, outcomeLabel: c.outcome ? disputeOutcomeLabel[c.outcome] : null, outcomeReference: c.outcomeReference,
    closedOn: c.closedOn, reversedOn: c.reversedOn, mayReverse: mayReverse(c),
    allowedEvents: eventsFrom(DISPUTE_CASE, c, caseActorOf(user)).map((e) => ({ event: e, label: disputeEventLabel[e] })),
  };
}

export async function getDispute(ctx: AppContext, user: SessionUser, id: string) {
  const row = await findDispute(ctx.db, id, scopeOf(user));
  if (!row) throw new AppError('NOT_FOUND', '争议不存在');
  return disputeView(row, user, await disputeNames(ctx.db, row.id));
}

export async function listDisputesFor(ctx: AppContext, user: SessionUser, f: DisputeFilter) {
  const { rows, total } = await listDisputes(ctx.db, scopeOf(user), f);
  return { items: rows.map((r) => disputeView(r.row, user, r)), total, page: f.page, pageSize: f.pageSize };
}

/**
 * 京医保发〔2021〕30号 第四十六条: the dispute overturned the suspension or termination — the agency runs the
 * agreement's `reverse_decision` with the dispute id; the dispute records when.
 */
export async function reverseByDispute(ctx: AppContext, user: SessionUser, id: string, agreementVersion: number) {
  const row = await findDispute(ctx.db, id, scopeOf(user));
  if (!row) throw new AppError('NOT_FOUND', '争议不存在');
  const c = row.data as DisputeCase;
  if (!mayReverse(c)) throw new AppError('CONFLICT', '仅撤销中止或解除决定、且尚未恢复的已办结争议可据以恢复协议');
  const r = await runAgreementEvent(ctx, user, c.agreementId, {
    type: 'reverse_decision', outcome: `争议处理结果：${disputeOutcomeLabel.overturned}`, reference: c.outcomeReference ?? row.id, disputeId: row.id,
  }, agreementVersion);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const next = { ...c, reversedOn: chinaDate(now) };
    if (!(await saveDispute(tx, row.id, next, c.state, row.version, row.version + 1, now))) throw new AppError('STALE_VERSION', '争议已被他人处理，请刷新后重试');
    await appendAudit(tx, now, {
      actor: { id: user.id, orgId: user.orgId }, action: 'dispute.reverse', entityType: 'dispute', entityId: row.id, regionCode: row.regionCode,
      before: { reversedOn: null }, after: { reversedOn: next.reversedOn, agreementId: c.agreementId, agreementVersion: r.version }, reason: null,
    });
  });
  return { agreementState: r.lifeState, agreementVersion: r.version };
}
