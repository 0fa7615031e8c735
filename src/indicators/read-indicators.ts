/**
 * Reading the indicator imports (decision 0040): an agency sees its own organisation's imports (an
 * import's rows may name any institution of its territory, so another organisation's import is not
 * shown even to a superior level), and an institution's current values inside the reader's territory.
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { KIND_SPEC, indicatorKindLabel, valueText, type IndicatorKind, type IndicatorValue } from '../domain/indicators/kinds';
import { findImport, indicatorsOfInstitution, listImports, type ImportFilter, type IndicatorImportRow } from '../db/indicators-repo';
import { institutionInScope } from '../db/institution-repo';
import { assertCanImport } from './import-indicators';

export async function findImportFor(ctx: AppContext, user: SessionUser, id: string): Promise<IndicatorImportRow> {
  assertCanImport(user);
  const imp = /^[0-9a-f-]{36}$/i.test(id) ? await findImport(ctx.db, id) : null;
  if (!imp || imp.orgId !== user.orgId) throw new AppError('NOT_FOUND', '未找到该导入记录');
  return imp;
}

export async function listImportsFor(ctx: AppContext, user: SessionUser, f: ImportFilter) {
  assertCanImport(user);
  return listImports(ctx.db, user.orgId, f);
}

export interface IndicatorView {
  kind: IndicatorKind;
  label: string;
  period: string;
  value: IndicatorValue;
  valueText: string;
  article: string | null;
  source: string;
  sourceDate: string;
  importId: string;
  updatedAt: string;
}

/** An institution's imported values, newest period first per kind (404 outside the reader's territory). */
export async function institutionIndicators(ctx: AppContext, user: SessionUser, institutionId: string): Promise<IndicatorView[]> {
  if (!(await institutionInScope(ctx.db, scopeOf(user), institutionId))) throw new AppError('NOT_FOUND', '未找到该机构');
  const rows = await indicatorsOfInstitution(ctx.db, institutionId);
  return rows.map((r) => {
    const kind = r.kind as IndicatorKind;
    const value = r.value as IndicatorValue;
    return {
      kind, label: indicatorKindLabel[kind] ?? r.kind, period: r.period, value, valueText: valueText(kind, value),
      article: KIND_SPEC[kind]?.article ?? null,
      source: r.source, sourceDate: String(r.sourceDate).slice(0, 10), importId: r.importId, updatedAt: r.updatedAt.toISOString(),
    };
  });
}
