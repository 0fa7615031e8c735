/**
 * The complainant's own status page (decision 0019): receipt number + the phone given when filing
 * → status and the agency's finding once resolved. An unknown number and a wrong phone answer the
 * same 404, so the page cannot be used to find out which numbers exist; no personal data returns.
 */
import { AppError } from '../domain/errors';
import { findComplaintStatus } from '../db/complaint-repo';
import type { AppContext } from '../context';

export const COMPLAINT_NOT_FOUND = '未查到该投诉，请核对受理编号和投诉时填写的联系电话';

export async function lookupComplaint(ctx: AppContext, number: string, phone: string) {
  const r = await findComplaintStatus(ctx.db, number.trim(), phone.trim());
  if (!r) throw new AppError('NOT_FOUND', COMPLAINT_NOT_FOUND);
  const resolved = r.status === 'resolved';
  return {
    number: r.number!, institutionName: r.institutionName, receivedAt: r.receivedAt.toISOString(),
    status: r.status, statusLabel: resolved ? '已办结' : '调查核实中',
    result: resolved
      ? { foundTrue: r.foundTrue ?? false, conclusion: r.foundTrue ? '经调查核实，举报投诉情况属实' : '经调查核实，举报投诉情况不属实', finding: r.finding ?? '', resolvedAt: r.resolvedAt?.toISOString() ?? null }
      : null,
  };
}
