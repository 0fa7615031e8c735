/**
 * The files of the indicator import (decision 0040): the Excel template (the columns with their notes,
 * a 指标说明 sheet from the vocabulary), the upload read as rows by the registry import's streaming
 * reader under the indicators' own columns, and the rejected rows as a workbook with 错误说明.
 */
import type { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { INDICATOR_KINDS, KIND_SPEC } from '../domain/indicators/kinds';
import { INDICATOR_COLUMNS, indicatorColumnOfHeader, missingIndicatorColumns, type IndicatorColumnKey } from '../domain/indicators/row';
import { readRows, type ColumnSet } from '../registry-import/read-rows';
import { rejectsWorkbook } from '../registry-import/import-files';
import { rejectsAfter } from '../db/indicators-repo';
import { findImportFor } from './read-indicators';
import type { IncomingRow } from './import-indicators';

const COLUMNS: ColumnSet<IndicatorColumnKey> = {
  keyOf: indicatorColumnOfHeader,
  missing: missingIndicatorColumns,
  hint: '请使用「外部数据导入模板」的列名',
};

const EXAMPLE: Record<IndicatorColumnKey, string> = {
  ybCode: 'H53010200001', uscc: '', kind: '医保结算费用', period: '2025', value: '1286500.00', note: '', source: '结算系统', sourceDate: '2026-01-15',
};

export async function indicatorTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'dingdian';
  const sheet = book.addWorksheet('外部数据');
  sheet.columns = INDICATOR_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(EXAMPLE).font = { color: { argb: 'FF888888' }, italic: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // text columns stay text: a 医保编码 or a date typed by a clerk is not turned into a number or a date
  for (const k of ['ybCode', 'uscc', 'period', 'sourceDate'] as const) sheet.getColumn(k).numFmt = '@';
  const cols = book.addWorksheet('列说明');
  cols.columns = [{ header: '列名', key: 'header', width: 18 }, { header: '说明', key: 'note', width: 90 }];
  cols.getRow(1).font = { bold: true };
  for (const c of INDICATOR_COLUMNS) cols.addRow({ header: c.header, note: c.note });
  const kinds = book.addWorksheet('指标说明');
  kinds.columns = [
    { header: '指标', key: 'label', width: 28 }, { header: '期间', key: 'period', width: 16 }, { header: '数值', key: 'value', width: 16 },
    { header: '说明', key: 'note', width: 70 }, { header: '筛查依据', key: 'article', width: 30 }, { header: '常见来源', key: 'source', width: 16 },
  ];
  kinds.getRow(1).font = { bold: true };
  const valueText = { amount: '金额（元）', flag: '是 / 否', count: '次数（整数）', risk: '低 / 中 / 高', grade: '好 / 合格 / 不合格' } as const;
  for (const k of INDICATOR_KINDS) {
    const s = KIND_SPEC[k];
    kinds.addRow({
      label: s.label, period: s.period === 'year' ? '协议年度（YYYY）' : '截至日期（YYYY-MM-DD）', value: valueText[s.value], note: s.note,
      article: s.article ?? '（供经办机构参考，不参与筛查）', source: s.source,
    });
  }
  kinds.addRow({});
  kinds.addRow({ label: '说明', note: '每行一家机构的一项指标；示例行（灰色）请删除后再导入。只读取第一个工作表。同一机构、指标和期间再次导入时，数值相同的不做修改，数值不同的更新并留痕。' });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The rows of an uploaded workbook, streamed, as the import use case reads them. */
export async function* indicatorRows(path: string): AsyncGenerator<IncomingRow> {
  for await (const r of readRows(path, 'xlsx', COLUMNS)) {
    yield { line: r.line, raw: r.raw, cells: Object.entries(r.cells), formulasWithoutResult: r.formulasWithoutResult };
  }
}

/** An import's rejected rows as a workbook (the importer's organisation only). */
export async function indicatorRejects(ctx: AppContext, user: SessionUser, importId: string): Promise<{ stream: PassThrough; fileName: string }> {
  const imp = await findImportFor(ctx, user, importId);
  const stream = rejectsWorkbook((after, limit) => rejectsAfter(ctx.db, imp.id, after, limit));
  return { stream, fileName: `未导入的行-${(imp.fileName ?? imp.clientBatchId ?? '外部数据').replace(/\.[^.]+$/, '')}.xlsx` };
}
