/**
 * 线上授权委托 (云医保〔2022〕6号 第十八条; decision 0017): the institution's registered 法定代表人,
 * signed in with their own account, grants a named staff account of the same institution the
 * mandate to sign this agreement within a validity period; the grant is active at once and the
 * legal representative may revoke it until it has been used.
 */
import { createHash } from 'node:crypto';
import { chinaDate } from '../domain/clock/clock';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { grantStatement } from '../domain/signing/mandate';
import { appendAudit } from '../db/audit-repo';
import { signaturesOf } from '../db/agreement-repo';
import { findMandate, insertMandate, institutionStaff, setMandateStatus } from '../db/mandate-repo';
import type { AppContext } from '../context';
import { loadSignableAgreementFor } from './load-agreement';
import { assertLegalRepresentative, signingBasis } from './institution-signature';

const refuse = (ruleId: string, message: string, citation: string) => new AppError('RULE_REFUSED', message, { reasons: [{ ruleId, citation, message }] });

/** Validity of a mandate: from ≤ to, and not ended before today. */
export function checkValidity(validFrom: string, validTo: string, today: string): { validFrom: string; validTo: string } {
  if (validTo < validFrom) throw new AppError('INVALID_INPUT', '授权有效期的截止日期不能早于起始日期', { field: 'validTo' });
  if (validTo < today) throw new AppError('INVALID_INPUT', '授权有效期已过，请填写今日或以后的截止日期', { field: 'validTo' });
  return { validFrom, validTo };
}

export async function grantMandate(
  ctx: AppContext, user: SessionUser, agreementId: string, input: { agentUserId: string; validFrom?: string; validTo?: string },
) {
  const ag = await loadSignableAgreementFor(ctx, user, agreementId);
  if (user.orgKind !== 'institution') throw new AppError('FORBIDDEN', '授权委托由医药机构法定代表人办理');
  if (ag.status !== 'draft' && ag.status !== 'fixed') throw new AppError('CONFLICT', ag.status === 'void' ? '协议已作废' : '协议已签订');
  const principal = await assertLegalRepresentative(ctx, user.id, ag.institutionId, await signingBasis(ctx, ag));
  const staff = await institutionStaff(ctx.db, ag.institutionId);
  const agent = staff.find((s) => s.userId === input.agentUserId);
  if (!agent) throw new AppError('INVALID_INPUT', '受托人须为本机构的在用账号', { field: 'agentUserId' });
  if (!agent.personId || !agent.personName) throw refuse('mandate.agent-person', `受托人账号（${agent.displayName}）未关联登记的本人身份（身份证号），不能接受授权委托`, await signingBasis(ctx, ag));
  if (agent.personId === principal.personId) throw new AppError('INVALID_INPUT', '法定代表人本人签署无须授权委托', { field: 'agentUserId' });
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const validity = checkValidity(input.validFrom ?? today, input.validTo ?? ag.termTo, today);
  const statement = grantStatement({
    agreementId: ag.id, agreementNumber: ag.number, principalPersonId: principal.personId, principalName: principal.name,
    agentPersonId: agent.personId, agentName: agent.personName, ...validity, grantedAt: now.toISOString(),
  });
  const sha256 = createHash('sha256').update(statement).digest('hex');
  return ctx.db.transaction(async (tx) => {
    const row = await insertMandate(tx, {
      agreementId: ag.id, userId: agent.userId, source: 'online', status: 'active', principalPersonId: principal.personId, principalName: principal.name,
      agentPersonId: agent.personId, ...validity, createdBy: user.id, sha256, at: now,
    });
    await appendAudit(tx, now, {
      actor: user, action: 'agreement.mandate.grant', entityType: 'agreement', entityId: ag.id, regionCode: ag.regionCode,
      after: { mandateId: row.id, sha256, principal: principal.personId, agent: agent.personId, agentUserId: agent.userId, ...validity },
    });
    return { id: row.id, status: row.status, source: row.source, principalName: principal.name, agentName: agent.personName, ...validity, sha256 };
  });
}

export async function revokeMandate(ctx: AppContext, user: SessionUser, agreementId: string, mandateId: string) {
  const ag = await loadSignableAgreementFor(ctx, user, agreementId);
  if (user.orgKind !== 'institution') throw new AppError('FORBIDDEN', '授权委托由医药机构法定代表人撤销');
  const m = await findMandate(ctx.db, ag.id, mandateId);
  if (!m) throw new AppError('NOT_FOUND', '授权委托不存在');
  await assertLegalRepresentative(ctx, user.id, ag.institutionId, await signingBasis(ctx, ag));
  if ((await signaturesOf(ctx.db, ag.id)).some((s) => s.mandateId === m.id)) throw new AppError('CONFLICT', '该授权委托已用于签署协议，不能撤销');
  if (m.status === 'revoked' || m.status === 'rejected') throw new AppError('CONFLICT', m.status === 'revoked' ? '授权委托已撤销' : '授权委托书核验未通过，无须撤销');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await setMandateStatus(tx, m.id, m.status, { status: 'revoked', revokedBy: user.id, revokedAt: now });
    if (!row) throw new AppError('CONFLICT', '授权委托已被他人处理，请刷新后重试');
    await appendAudit(tx, now, {
      actor: user, action: 'agreement.mandate.revoke', entityType: 'agreement', entityId: ag.id, regionCode: ag.regionCode,
      before: { mandateId: m.id, status: m.status }, after: { mandateId: m.id, status: 'revoked' },
    });
    return { id: row.id, status: row.status };
  });
}
