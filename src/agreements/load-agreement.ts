/** An agreement the user may see (属地; institution users their own), or 404. */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { agreementScopeWhere, findAgreement, type AgreementRow } from '../db/agreement-repo';
import type { AppContext } from '../context';

export async function loadAgreementFor(ctx: AppContext, user: SessionUser, id: string): Promise<AgreementRow> {
  const row = await findAgreement(ctx.db, id, agreementScopeWhere(scopeOf(user)));
  if (!row) throw new AppError('NOT_FOUND', '协议不存在');
  return row;
}

/** A generated agreement: it has an application and a 范本, so the pipeline's steps apply to it. */
export type PipelineAgreement = AgreementRow & { applicationId: string; templateId: string };

/**
 * An agreement the designation pipeline acts on (study, mandates, signing). An agreement imported from
 * an existing registry (source 'import', issue #9) was signed on paper before dingdian: 409.
 */
export async function loadPipelineAgreementFor(ctx: AppContext, user: SessionUser, id: string): Promise<PipelineAgreement> {
  const row = await loadAgreementFor(ctx, user, id);
  if (row.renewsAgreementId) {
    throw new AppError('CONFLICT', '该协议为续签协议：在「续签情况」中签署（经办机构负责人批量签署）');
  }
  if (row.source === 'import' || !row.applicationId || !row.templateId) {
    throw new AppError('CONFLICT', '该协议为导入的存量协议（纸质协议已签订），不适用协议学习和在线签署');
  }
  return row as PipelineAgreement;
}

/**
 * An agreement the institution signs under 云医保〔2022〕6号 第十八条, so mandates apply to it: a
 * designation's generated agreement or a renewed one (decision 0045). Imported ones: 409.
 */
export async function loadSignableAgreementFor(ctx: AppContext, user: SessionUser, id: string): Promise<AgreementRow> {
  const row = await loadAgreementFor(ctx, user, id);
  if (row.renewsAgreementId) return row;
  return loadPipelineAgreementFor(ctx, user, id);
}
