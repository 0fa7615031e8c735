/**
 * Imports of external indicators (issue #11, decision 0040): a JSON batch from another system
 * (idempotent by the client's batch id and by the value's key; all or nothing, 400 with every bad
 * row) or an Excel upload by an agency's clerk (all or nothing, or the valid rows only; the rejected
 * rows as a workbook with 错误说明). Every row is checked by the pure rules
 * (src/domain/indicators/row.ts), then against the registry: the institution must exist inside the
 * importer's territory, its 医保编码 and 统一社会信用代码 (when both are given) must name the same one,
 * and a key (institution, kind, period) may appear once. Nothing is half-imported: the import row,
 * its values, their audit and the rejected rows are one transaction.
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import type { SessionUser } from '../domain/identity/roles';
import { scopeContainsRegion, scopeOf } from '../domain/identity/territory';
import { checkIndicatorRow, indicatorColumnLabel, indicatorKey, INDICATOR_COLUMNS, type IndicatorRaw, type IndicatorRecord } from '../domain/indicators/row';
import { appendAudit } from '../db/audit-repo';
import {
  findImportByBatch, institutionsByCodes, insertImport, insertRejects, updateImportCounts, writeIndicators,
  type IndicatorImportRow, type IndicatorReject, type WriteItem,
} from '../db/indicators-repo';
import { uniqueViolation } from '../db/unique-violation';

/** Rows per file or batch: a province's institutions × the kinds of a year fit; more is split. */
export const MAX_ROWS = 200_000;
export type ImportMode = 'all_or_nothing' | 'valid_rows';

export interface IncomingRow {
  /** the row's line (Excel: as the spreadsheet shows it; JSON: the item's index + 1) */
  line: number;
  raw: IndicatorRaw;
  /** the row as read, by the file's headers (for the rejected-rows workbook) */
  cells: [string, string][];
  /** headers of cells that hold a formula saved without its result */
  formulasWithoutResult?: string[];
}

export interface ImportOptions {
  channel: 'api' | 'xlsx';
  mode: ImportMode;
  fileName?: string;
  clientBatchId?: string;
}

export interface ImportResult {
  import: IndicatorImportRow;
  /** the batch id was seen before: the earlier import's result, nothing written now */
  replayed: boolean;
  /** the first rejected rows (the whole list is in the workbook) */
  rejects: IndicatorReject[];
}

export function assertCanImport(user: SessionUser): void {
  const scope = scopeOf(user);
  if (user.orgKind !== 'agency' || (scope.kind !== 'region' && scope.kind !== 'all')) throw new AppError('FORBIDDEN', '只有经办机构可以导入指标数据');
}

const label = (k: 'ybCode' | 'uscc') => indicatorColumnLabel(k);
const CODE_CHUNK = 1000;

/** A JSON item's values as the template's cells (one check for both channels). */
export function cellsOf(raw: IndicatorRaw): [string, string][] {
  return INDICATOR_COLUMNS.map((c) => [c.header, raw[c.key] ?? '']);
}

export async function importIndicators(ctx: AppContext, user: SessionUser, rows: AsyncIterable<IncomingRow> | Iterable<IncomingRow>, opts: ImportOptions): Promise<ImportResult> {
  assertCanImport(user);
  if (opts.clientBatchId) {
    const earlier = await findImportByBatch(ctx.db, user.orgId, opts.clientBatchId);
    if (earlier) return { import: earlier, replayed: true, rejects: [] };
  }
  const scope = scopeOf(user);
  const now = ctx.clock.now();
  const today = chinaDate(now);

  // 1. each row on its own
  const rejects = new Map<number, { cells: [string, string][]; messages: string[] }>();
  const reject = (r: IncomingRow, m: string[]) => {
    const cur = rejects.get(r.line);
    if (cur) cur.messages.push(...m);
    else rejects.set(r.line, { cells: r.cells, messages: [...m] });
  };
  const good: { row: IncomingRow; record: IndicatorRecord }[] = [];
  let total = 0;
  for await (const row of rows) {
    total++;
    if (total > MAX_ROWS) throw new AppError('INVALID_INPUT', `一次最多导入 ${MAX_ROWS} 行，请拆分后分批导入`, { field: 'file' });
    const res = checkIndicatorRow(row.raw, today);
    const formula = (row.formulasWithoutResult ?? []).map((h) => `「${h}」是公式但文件中没有保存计算结果，请在 Excel 中重新计算并保存，或粘贴为数值`);
    if (!res.ok || formula.length) reject(row, [...formula, ...(res.ok ? [] : res.errors)]);
    else good.push({ row, record: res.record });
  }
  if (total === 0) throw new AppError('INVALID_INPUT', opts.channel === 'api' ? '批次中没有数据行' : '文件中没有数据行', { field: opts.channel === 'api' ? 'rows' : 'file' });

  // 2. against the registry, inside the territory (an institution outside it reads as unknown)
  const byYb = new Map<string, { id: string; regionCode: string }>();
  const byUscc = new Map<string, { id: string; regionCode: string }>();
  const ybs = [...new Set(good.flatMap((g) => (g.record.ybCode ? [g.record.ybCode] : [])))];
  const usccs = [...new Set(good.flatMap((g) => (g.record.uscc ? [g.record.uscc] : [])))];
  for (let i = 0; i < Math.max(ybs.length, usccs.length); i += CODE_CHUNK) {
    for (const inst of await institutionsByCodes(ctx.db, ybs.slice(i, i + CODE_CHUNK), usccs.slice(i, i + CODE_CHUNK))) {
      if (!scopeContainsRegion(scope, inst.regionCode)) continue;
      const v = { id: inst.id, regionCode: inst.regionCode };
      if (inst.ybCode) byYb.set(inst.ybCode, v);
      byUscc.set(inst.uscc, v);
    }
  }
  const firstLine = new Map<string, number>();
  const items: WriteItem[] = [];
  for (const { row, record } of good) {
    const a = record.ybCode ? byYb.get(record.ybCode) : undefined;
    const b = record.uscc ? byUscc.get(record.uscc) : undefined;
    const problems: string[] = [];
    if (record.ybCode && !a) problems.push(`本辖区内没有${label('ybCode')}为 ${record.ybCode} 的医药机构`);
    if (record.uscc && !b) problems.push(`本辖区内没有${label('uscc')}为 ${record.uscc} 的医药机构`);
    if (a && b && a.id !== b.id) problems.push(`「${label('ybCode')}」与「${label('uscc')}」不是同一家机构`);
    const inst = a ?? b;
    if (!problems.length && inst) {
      const key = indicatorKey(inst.id, record.kind, record.period);
      const first = firstLine.get(key);
      if (first !== undefined) problems.push(`与第 ${first} 行重复（同一机构、指标和期间）`);
      else {
        firstLine.set(key, row.line);
        items.push({ institutionId: inst.id, regionCode: inst.regionCode, record });
        continue;
      }
    }
    reject(row, problems);
  }

  const rejectRows: IndicatorReject[] = [...rejects.entries()].sort(([x], [y]) => x - y)
    .map(([line, r]) => ({ line, raw: r.cells, message: r.messages.join('；') }));
  if (opts.channel === 'api' && rejectRows.length) {
    throw new AppError('INVALID_INPUT', `批次中有 ${rejectRows.length} 行错误，本批次未导入任何数据`, {
      field: 'rows', rows: rejectRows.slice(0, 200).map((r) => ({ index: r.line - 1, message: r.message })),
    });
  }
  const refused = opts.mode === 'all_or_nothing' && rejectRows.length > 0;

  // 3. one transaction: the import, its values, their audit, the rejected rows
  try {
    const done = await ctx.db.transaction(async (tx) => {
      const imp = await insertImport(tx, {
        channel: opts.channel, clientBatchId: opts.clientBatchId ?? null, fileName: opts.fileName ?? null, mode: opts.mode,
        status: refused ? 'rejected' : 'done', rowsTotal: total, rejected: rejectRows.length, orgId: user.orgId, createdBy: user.id, createdAt: now,
        message: refused ? `共 ${rejectRows.length} 行有错误，按“全部或不导入”方式，本次未导入任何数据` : null,
      });
      const counts = refused ? { created: 0, updated: 0, unchanged: 0 } : await writeIndicators(tx, imp.id, items, user, now);
      if (!refused) await updateImportCounts(tx, imp.id, counts);
      await insertRejects(tx, imp.id, rejectRows);
      await appendAudit(tx, now, {
        actor: user, action: 'indicator_import.run', entityType: 'indicator_import', entityId: imp.id, regionCode: user.orgRegionCode,
        after: { channel: opts.channel, fileName: opts.fileName ?? null, clientBatchId: opts.clientBatchId ?? null, mode: opts.mode, status: imp.status, rowsTotal: total, rejected: rejectRows.length, ...counts },
      });
      return { ...imp, ...counts };
    });
    return { import: done, replayed: false, rejects: rejectRows.slice(0, 50) };
  } catch (e) {
    const u = uniqueViolation(e);
    if (u?.index.includes('indicator_imports_batch_uq')) throw new AppError('CONFLICT', '同一批次编号的导入正在进行或已完成，请查询该批次的结果');
    if (u) throw new AppError('CONFLICT', '另一导入同时写入了相同机构、指标和期间的数据，请稍后重新导入');
    throw e;
  }
}
