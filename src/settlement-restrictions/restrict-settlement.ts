/**
 * The agency suspends (中止) or ends (终止) the 医保 settlement of one department or one named
 * practitioner of a designated institution holding an agreement in force or suspended — the
 * agreement itself untouched (京医保发〔2021〕30号 第四十五条, 云医保〔2022〕6号 第二十五条; decision 0035).
 * The row is created and its first step (suspend / terminate) runs on the engine in one transaction:
 * the outbox fact, the numbered 暂停医保结算通知书 and the audit row come with it.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import type { RestrictionCase, RestrictionTarget } from '../domain/settlement-restriction/restriction-case';
import { agreementScopeWhere } from '../db/agreement-repo';
import { findAgreementLife } from '../db/agreement-life-repo';
import { insertRestriction } from '../db/restriction-repo';
import { appendAudit } from '../db/audit-repo';
import { runCaseEvent } from '../workflow/run-case-event';
import { restrictionBinding } from './binding';

export interface RestrictInput {
  mode: 'suspend' | 'terminate';
  target: RestrictionTarget;
  reason: string;
  fromOn: string;
  untilOn?: string | null | undefined;
}

export async function restrictSettlement(ctx: AppContext, user: SessionUser, agreementId: string, input: RestrictInput) {
  const agreement = await findAgreementLife(ctx.db, agreementId, agreementScopeWhere(scopeOf(user)));
  if (!agreement) throw new AppError('NOT_FOUND', '协议不存在');
  if (input.mode === 'terminate' && input.untilOn) throw new AppError('INVALID_INPUT', '终止结算不设截止日期', { field: 'untilOn' });
  if (input.target.kind === 'person' && !input.target.idNumber && !input.target.certificateNo) {
    throw new AppError('INVALID_INPUT', '请填写身份证号或执业证书编号', { field: 'target.idNumber' });
  }
  const now = ctx.clock.now();
  const id = randomUUID();
  const data: RestrictionCase = {
    id, agreementId: agreement.id, agreementNumber: agreement.number, institutionId: agreement.institutionId, regionCode: agreement.regionCode,
    state: 'new', target: input.target, reason: input.reason.trim(), fromOn: input.mode === 'terminate' ? chinaDate(now) : input.fromOn,
    untilOn: input.mode === 'terminate' ? null : (input.untilOn ?? null),
    decidedOn: null, liftedOn: null, liftReason: null, endedOn: null, endReason: null, cites: [],
  };
  const name = input.target.kind === 'department' ? input.target.department : input.target.name;
  return ctx.db.transaction(async (tx) => {
    await insertRestriction(tx, {
      id, agreementId: agreement.id, institutionId: agreement.institutionId, regionCode: agreement.regionCode, targetKind: input.target.kind,
      targetName: name, state: 'new', fromOn: data.fromOn, untilOn: data.untilOn, data, createdBy: user.id, createdAt: now, updatedAt: now,
    });
    await appendAudit(tx, now, {
      actor: { id: user.id, orgId: user.orgId }, action: 'settlement_restriction.create', entityType: 'settlement_restriction', entityId: id,
      regionCode: agreement.regionCode, before: null, after: { agreementId: agreement.id, target: input.target, fromOn: data.fromOn, untilOn: data.untilOn }, reason: data.reason,
    });
    const event = input.mode === 'suspend' ? { type: 'suspend' as const } : { type: 'terminate' as const, reason: data.reason };
    const step = await runCaseEvent(ctx, restrictionBinding(), user, id, event, 1, { tx, reason: data.reason });
    return { id, ...step };
  });
}
