/**
 * The agency verifies a third-party service's filing (吉医保规〔2023〕1号 第三十三条第二款: 医保经办机构
 * 核验后, designated institutions may contract with it): each of licence, equipment list and staff
 * certificates passes or fails with a note; then the filing is accepted — in effect, the registry
 * shows the institution as 已备案 — only when all three passed, or returned with the reason.
 * Agency roles only, inside the agency's territory (404 outside); each step is version-checked
 * and audited in the same transaction.
 */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import {
  assertCheckable, decisionReasons, filingCheckLabel, FILING_CITATION, type FilingCheckItem, type FilingChecks, type FilingStatus,
} from '../domain/registry/third-party-filing';
import { appendAudit } from '../db/audit-repo';
import { findFiling, markInstitutionFiled, updateFiling } from '../db/third-party-filing-repo';
import type { AppContext } from '../context';
import { filingView } from './read-filings';

const AGENCY_ROLES = ['agency_officer', 'agency_head'] as const;

async function load(ctx: AppContext, user: SessionUser, id: string) {
  if (user.orgKind !== 'agency' || !AGENCY_ROLES.some((r) => user.roles.includes(r))) {
    throw new AppError('FORBIDDEN', '第三方服务机构备案由经办机构核验');
  }
  const found = await findFiling(ctx.db, scopeOf(user), id);
  if (!found) throw new AppError('NOT_FOUND', '备案不存在');
  return found;
}

const stale = () => new AppError('CONFLICT', '备案已被他人处理，请刷新后重试');

export async function recordFilingCheck(
  ctx: AppContext, user: SessionUser, id: string, input: { item: FilingCheckItem; pass: boolean; note: string | null; version?: number },
) {
  const found = await load(ctx, user, id);
  const f = found.filing;
  assertCheckable(f.status);
  if (input.version !== undefined && input.version !== f.version) throw stale();
  if (!input.pass && !input.note) throw new AppError('INVALID_INPUT', `${filingCheckLabel[input.item]}核验未通过的，须填写核验意见`, { field: 'body.note' });
  const now = ctx.clock.now();
  const before = (f.checks ?? {}) as FilingChecks;
  const checks: FilingChecks = { ...before, [input.item]: { pass: input.pass, note: input.note, by: user.displayName, on: chinaDate(now) } };
  return ctx.db.transaction(async (tx) => {
    const row = await updateFiling(tx, f.id, f.version, { checks, updatedAt: now });
    if (!row) throw stale();
    await appendAudit(tx, now, {
      actor: user, action: 'third_party_filing.check', entityType: 'third_party_filing', entityId: f.id, regionCode: f.regionCode,
      before: { [input.item]: before[input.item] ?? null }, after: { item: input.item, pass: input.pass, note: input.note, cite: FILING_CITATION },
    });
    return filingView({ ...found, filing: row });
  });
}

export async function decideFiling(
  ctx: AppContext, user: SessionUser, id: string, input: { accept: boolean; note: string | null; version?: number },
) {
  const found = await load(ctx, user, id);
  const f = found.filing;
  if (input.version !== undefined && input.version !== f.version) throw stale();
  const reasons = decisionReasons(f.status, f.checks as FilingChecks, input.accept, input.note);
  if (reasons.length) {
    if (f.status !== 'submitted') throw new AppError('CONFLICT', reasons[0]!.message);
    throw new AppError('RULE_REFUSED', input.accept ? '核验未全部通过，不能备案' : '退回备案须说明理由', { reasons });
  }
  const now = ctx.clock.now();
  const status: FilingStatus = input.accept ? 'accepted' : 'returned';
  return ctx.db.transaction(async (tx) => {
    const row = await updateFiling(tx, f.id, f.version, { status, decisionNote: input.note, decidedBy: user.id, decidedAt: now, updatedAt: now });
    if (!row) throw stale();
    if (input.accept) await markInstitutionFiled(tx, f.institutionId, now);
    await appendAudit(tx, now, {
      actor: user, action: input.accept ? 'third_party_filing.accept' : 'third_party_filing.return', entityType: 'third_party_filing',
      entityId: f.id, regionCode: f.regionCode, before: { status: f.status }, after: { status, note: input.note, checks: row.checks, cite: FILING_CITATION },
    });
    return filingView({ ...found, filing: row });
  });
}
