/**
 * 核验纸质授权委托书 (云医保〔2022〕6号 第十八条; decision 0017): an agency officer compares the
 * uploaded paper mandate with the registry (principal = the registered 法定代表人, agent = the
 * account's registered person, scope and validity) and verifies it — only then does it count — or
 * rejects it with a reason. Audited.
 */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { findMandate, setMandateStatus } from '../db/mandate-repo';
import type { AppContext } from '../context';
import { loadSignableAgreementFor } from './load-agreement';

export async function reviewMandate(
  ctx: AppContext, user: SessionUser, agreementId: string, mandateId: string, input: { approve: boolean; reason?: string },
) {
  const ag = await loadSignableAgreementFor(ctx, user, agreementId);
  if (user.orgKind !== 'agency') throw new AppError('FORBIDDEN', '纸质授权委托书由经办机构核验');
  const m = await findMandate(ctx.db, ag.id, mandateId);
  if (!m) throw new AppError('NOT_FOUND', '授权委托不存在');
  if (m.source !== 'paper') throw new AppError('CONFLICT', '线上授权由法定代表人本人账号办理，无须核验');
  if (m.status !== 'pending') throw new AppError('CONFLICT', '该授权委托书已核验');
  const reason = input.reason?.trim();
  if (!input.approve && !reason) throw new AppError('INVALID_INPUT', '核验不通过须说明理由', { field: 'reason' });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await setMandateStatus(tx, m.id, 'pending', {
      status: input.approve ? 'active' : 'rejected', reviewedBy: user.id, reviewedAt: now, rejectReason: input.approve ? null : reason!,
    });
    if (!row) throw new AppError('CONFLICT', '该授权委托书已被他人核验，请刷新后重试');
    await appendAudit(tx, now, {
      actor: user, action: input.approve ? 'agreement.mandate.verify' : 'agreement.mandate.reject', entityType: 'agreement', entityId: ag.id, regionCode: ag.regionCode,
      before: { mandateId: m.id, status: 'pending' }, after: { mandateId: m.id, status: row.status, reason: reason ?? null, sha256: m.sha256 },
    });
    return { id: row.id, status: row.status, rejectReason: row.rejectReason };
  });
}
