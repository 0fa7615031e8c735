/**
 * Streams the rows of an import file (Excel: exceljs' streaming WorkbookReader, first worksheet;
 * CSV: csv-parse, UTF-8 with or without BOM). Never the whole file in memory. The first row is the
 * header: each column is matched to an import key by its Chinese header, national field name or key.
 */
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { AppError } from '../domain/errors';
import { IMPORT_COLUMNS, columnOfHeader, type ImportKey } from '../domain/registry/import-columns';
import type { RawRow } from '../domain/registry/import-row';

export type ImportFormat = 'xlsx' | 'csv';

export interface ReadRow {
  /** the row's line in the file (1 = the header) */
  line: number;
  raw: RawRow;
  /** the row as read, by the file's own headers (for the rejected-rows workbook) */
  cells: Record<string, string>;
}

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

function headerMap(headers: string[]): (ImportKey | undefined)[] {
  const keys = headers.map((h) => columnOfHeader(h));
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !keys.includes(c.key)
    // fixmedins_type (kind) may be missing from a national CSV when 机构类型 is given: still required here
  );
  if (missing.length) {
    throw new AppError('INVALID_INPUT', `文件缺少必填列：${missing.map((c) => c.header + (c.national ? `（${c.national}）` : '')).join('、')}。请使用导入模板或国家平台字段名`, { field: 'file' });
  }
  return keys;
}

function toRow(line: number, headers: string[], keys: (ImportKey | undefined)[], values: string[]): ReadRow | null {
  const raw: RawRow = {};
  const cells: Record<string, string> = {};
  let any = false;
  headers.forEach((h, i) => {
    const s = values[i] ?? '';
    if (s.trim()) any = true;
    cells[h] = s;
    const k = keys[i];
    if (k && !raw[k]) raw[k] = s;
  });
  return any ? { line, raw, cells } : null;
}

async function* readCsv(path: string): AsyncGenerator<ReadRow> {
  const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }));
  let headers: string[] | null = null;
  let keys: (ImportKey | undefined)[] = [];
  let line = 0; // the record's number (the header is 1), as a spreadsheet shows it
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      line++;
      if (!headers) {
        headers = rec.map((h) => h.replace(/^\uFEFF/, '').trim());
        keys = headerMap(headers);
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

async function* readXlsx(path: string): AsyncGenerator<ReadRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
  let headers: string[] | null = null;
  let keys: (ImportKey | undefined)[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (!headers) {
          headers = values.map((h) => h.trim());
          keys = headerMap(headers);
          continue;
        }
        const r = toRow(row.number, headers, keys, values);
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

export function readImportRows(path: string, format: ImportFormat): AsyncGenerator<ReadRow> {
  return format === 'csv' ? readCsv(path) : readXlsx(path);
}
