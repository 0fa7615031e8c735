/**
 * The institution corrects its draft's declaration — contact, phone, payment categories, schemes,
 * note — until it submits: after submission the declaration is what the agency received (409).
 * One statement: the version-checked UPDATE with its audit row (decision 0012).
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { chinaDate } from '../domain/clock/clock';
import { stateLabel, type State } from '../domain/designation/states';
import { paymentCategoryMismatch, type InstitutionKind, type InsuranceScheme } from '../domain/registry/enums';
import { findApplicationWithHead, updateDraftDeclaration, type ApplicationRow, type Declaration } from '../db/designation-repo';
import { auditRowAfter } from '../db/audit-repo';
import { whereFor } from './build-context';
import { staleMessage } from './run-event';
import { schemeReasons } from './create-application';
import type { DeclaredConditions } from '../domain/designation/conditions';

export interface DeclarationPatch {
  version: number;
  paymentCategories?: string[];
  insuranceSchemes?: InsuranceScheme[];
  note?: string;
  contactName?: string;
  contactPhone?: string;
  conditions?: DeclaredConditions;
}

export async function updateDeclaration(ctx: AppContext, user: SessionUser, id: string, patch: DeclarationPatch): Promise<ApplicationRow> {
  const found = await findApplicationWithHead(ctx.db, id, whereFor(user));
  if (!found) throw new AppError('NOT_FOUND', '申请不存在');
  const { row, head } = found;
  if (!user.roles.includes('institution_staff') || user.institutionId !== row.institutionId) {
    throw new AppError('FORBIDDEN', '仅申请机构的经办人可修改申请声明');
  }
  if (row.state !== 'draft') {
    throw new AppError('CONFLICT', `当前状态为「${stateLabel[row.state as State] ?? row.state}」，申请已提交，申请声明不能再修改`);
  }
  if (row.version !== patch.version) throw new AppError('STALE_VERSION', staleMessage(row));
  const { version: _v, ...changes } = patch;
  const before = row.declaration as Declaration;
  const next: Declaration = { ...before, ...changes };
  const mismatch = paymentCategoryMismatch(row.kind as InstitutionKind, next.paymentCategories);
  if (mismatch) throw new AppError('RULE_REFUSED', mismatch, { field: 'paymentCategories' });
  const reasons = schemeReasons(row.profileId, row.kind as InstitutionKind, next.insuranceSchemes, chinaDate(ctx.clock.now()));
  if (reasons.length) throw new AppError('RULE_REFUSED', `申请的险种不符合规定：${reasons.map((r) => r.message).join('；')}`, { reasons });
  const now = ctx.clock.now();
  const updated = await updateDraftDeclaration(ctx.db, row.id, row.version, next, now, auditRowAfter(head, now, {
    actor: { id: user.id, orgId: user.orgId }, action: 'application.declaration.update', entityType: 'application', entityId: row.id,
    regionCode: row.regionCode, before: { version: row.version, declaration: before }, after: { version: row.version + 1, declaration: next },
  }));
  if (!updated) throw new AppError('STALE_VERSION', staleMessage(row));
  return updated;
}
