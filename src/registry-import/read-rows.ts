/**
 * Streams the rows of an import file (Excel: exceljs' streaming WorkbookReader, first worksheet;
 * CSV: csv-parse, UTF-8 with or without BOM). Never the whole file in memory. The first row is the
 * header: each column is matched to an import key by its Chinese header, national field name or key
 * (the registry's columns by default; another import passes its own `ColumnSet`, decision 0040).
 */
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { AppError } from '../domain/errors';
import { xlsxStreamReader } from '../uploads/xlsx-stream';
import { IMPORT_COLUMNS, columnOfHeader, type ImportKey } from '../domain/registry/import-columns';

export type ImportFormat = 'xlsx' | 'csv';

export interface ReadRow<K extends string = ImportKey> {
  /** the row's line in the file (1 = the header) */
  line: number;
  raw: Partial<Record<K, string>>;
  /** the row as read, by the file's own headers (for the rejected-rows workbook) */
  cells: Record<string, string>;
  /** the headers of the cells holding a formula saved without its result (Excel: read as empty) */
  formulasWithoutResult?: string[];
}

/** The columns an import knows: a header → its key, and the check of the header row (throws when unusable). */
export interface ColumnSet<K extends string> {
  keyOf: (header: string) => K | undefined;
  /** the missing required columns' names, to name in the error */
  missing: (keys: readonly (K | undefined)[]) => string[];
  /** the hint after the list of missing columns */
  hint: string;
}

const REGISTRY_COLUMNS: ColumnSet<ImportKey> = {
  keyOf: columnOfHeader,
  // fixmedins_type (kind) may be missing from a national CSV when 机构类型 is given: still required here
  missing: (keys) => IMPORT_COLUMNS.filter((c) => c.required && !keys.includes(c.key)).map((c) => c.header + (c.national ? `（${c.national}）` : '')),
  hint: '请使用导入模板或国家平台字段名',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel cell as text: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    const o = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
    return '';
  }
  return String(value);
}

function headerMap<K extends string>(headers: string[], cols: ColumnSet<K>): (K | undefined)[] {
  const keys = headers.map((h) => cols.keyOf(h));
  const missing = cols.missing(keys);
  if (missing.length) {
    throw new AppError('INVALID_INPUT', `文件缺少必填列：${missing.join('、')}。${cols.hint}`, { field: 'file' });
  }
  return keys;
}

function toRow<K extends string>(line: number, headers: string[], keys: (K | undefined)[], values: string[], noResult?: string[]): ReadRow<K> | null {
  const raw: Partial<Record<K, string>> = {};
  const cells: Record<string, string> = {};
  let any = false;
  headers.forEach((h, i) => {
    const s = values[i] ?? '';
    if (s.trim()) any = true;
    cells[h] = s;
    const k = keys[i];
    if (k && !raw[k]) raw[k] = s;
  });
  if (!any) return null;
  const row = { line, raw, cells } as ReadRow<K>;
  if (noResult?.length) row.formulasWithoutResult = noResult;
  return row;
}

/** A formula cell saved without a result (a file written by a program that does not calculate). */
const formulaWithoutResult = (v: unknown): boolean =>
  !!v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v) && ((v as { result?: unknown }).result === undefined || (v as { result?: unknown }).result === null);

async function* readCsv<K extends string>(path: string, cols: ColumnSet<K>): AsyncGenerator<ReadRow<K>> {
  const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }));
  let headers: string[] | null = null;
  let keys: (K | undefined)[] = [];
  let line = 0; // the record's number (the header is 1), as a spreadsheet shows it
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      line++;
      if (!headers) {
        headers = rec.map((h) => h.replace(/^\uFEFF/, '').trim());
        keys = headerMap(headers, cols);
        continue;
      }
      const r = toRow(line, headers, keys, rec);
      if (r) yield r;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_INPUT', `CSV 文件无法解析：${(e as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED' ? '引号未闭合' : '格式有误'}（请保存为 UTF-8 编码的 CSV）`, { field: 'file' });
  }
  if (!headers) throw new AppError('INVALID_INPUT', '文件为空', { field: 'file' });
}

async function* readXlsx<K extends string>(path: string, cols: ColumnSet<K>): AsyncGenerator<ReadRow<K>> {
  const reader = xlsxStreamReader(createReadStream(path), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
  let headers: string[] | null = null;
  let keys: (K | undefined)[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const cellsRead = (row.values as unknown[]).slice(1);
        const values = cellsRead.map(cellText);
        if (!headers) {
          headers = values.map((h) => h.trim());
          keys = headerMap(headers, cols);
          continue;
        }
        const noResult = headers.filter((_, i) => formulaWithoutResult(cellsRead[i]));
        const r = toRow(row.number, headers, keys, values, noResult);
        if (r) yield r;
      }
      break; // the first worksheet only (the template's second sheet is 字段说明)
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_INPUT', 'Excel 文件无法读取，请使用 .xlsx 格式（可下载导入模板）', { field: 'file' });
  }
  if (!headers) throw new AppError('INVALID_INPUT', '文件为空', { field: 'file' });
}

/** The rows of a file under another import's columns. */
export function readRows<K extends string>(path: string, format: ImportFormat, cols: ColumnSet<K>): AsyncGenerator<ReadRow<K>> {
  return format === 'csv' ? readCsv(path, cols) : readXlsx(path, cols);
}

/** The rows of a registry import file (the registry's columns). */
export function readImportRows(path: string, format: ImportFormat): AsyncGenerator<ReadRow> {
  return readRows(path, format, REGISTRY_COLUMNS);
}
