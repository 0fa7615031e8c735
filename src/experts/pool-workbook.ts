/**
 * The Excel side of the expert pool (exceljs, streaming reader and writer): the import template with
 * Chinese headers, the reading of a filled-in file into plain text cells, and the workbook of rejected
 * rows with a message column. No hand-written parsing of the file format.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../domain/errors';
import { xlsxStreamReader } from '../uploads/xlsx-stream';
import { specialtyVocabulary } from '../domain/experts/expert';
import type { ImportKey, RawRow } from '../domain/experts/import-plan';

/** The template's columns: key, Chinese header, width, and what the 填写说明 sheet says. */
export const IMPORT_COLUMNS: readonly { key: ImportKey; header: string; width: number; note: string }[] = [
  { key: 'name', header: '姓名', width: 12, note: '必填' },
  { key: 'idNumber', header: '身份证号', width: 22, note: '必填，18位，末位校验码；请以文本格式填写' },
  { key: 'specialties', header: '专业', width: 24, note: `必填，可填多个，用“、”分隔；可选：${specialtyVocabulary()}` },
  { key: 'employer', header: '工作单位', width: 28, note: '必填' },
  { key: 'employerUscc', header: '工作单位统一社会信用代码', width: 24, note: '必填，18位；申请机构为该单位时不抽取该专家（利益冲突回避）' },
  { key: 'phone', header: '联系电话', width: 16, note: '选填，手机号或带区号的固定电话' },
  { key: 'termFrom', header: '聘期起始日期', width: 14, note: '必填，YYYY-MM-DD' },
  { key: 'termTo', header: '聘期截止日期', width: 14, note: '必填，YYYY-MM-DD，不早于起始日期' },
  { key: 'username', header: '登录用户名', width: 18, note: '选填，3～40位小写字母、数字、下划线；不填则为 expert_ 加身份证号后6位' },
];

export const MAX_IMPORT_ROWS = 5_000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Writes a workbook with exceljs' streaming writer and answers its bytes. */
async function writeBook(fill: (book: ExcelJS.stream.xlsx.WorkbookWriter) => void): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  book.creator = 'dingdian';
  fill(book);
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}

export function importTemplate(poolName: string): Promise<Buffer> {
  return writeBook((book) => {
    const sheet = book.addWorksheet('专家名单');
    sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    sheet.commit();
    const help = book.addWorksheet('填写说明');
    help.columns = [{ header: '列', key: 'header', width: 26 }, { header: '填写要求', key: 'note', width: 90 }];
    help.addRow({ header: '专家库', note: poolName }).commit();
    for (const c of IMPORT_COLUMNS) help.addRow({ header: c.header, note: c.note }).commit();
    help.addRow({ header: '重复导入', note: '以身份证号识别同一专家：信息相同的行不作改动，信息有变的行更新；同一文件重复导入不产生任何变化' }).commit();
    help.commit();
  });
}

/** Rejected rows as they were in the file, with the row number and a message column. */
export function rejectedWorkbook(rows: (RawRow & { message: string })[]): Promise<Buffer> {
  return writeBook((book) => {
    const sheet = book.addWorksheet('未导入的行');
    sheet.columns = [
      { header: '原行号', key: 'row', width: 8 },
      ...IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } })),
      { header: '错误说明', key: 'message', width: 60 },
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (const r of rows) sheet.addRow(r).commit();
    sheet.commit();
  });
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const DATE_KEYS: ReadonlySet<string> = new Set(['termFrom', 'termTo']);

/** A cell as the text a person typed: dates as YYYY-MM-DD, rich text joined, formulas by their result. */
function cellText(v: unknown, key: string): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDay(v);
  if (typeof v === 'number') {
    // an Excel date serial in a date column (1900 system, day 0 = 1899-12-30)
    if (DATE_KEYS.has(key) && v > 20_000 && v < 80_000) return isoDay(new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86_400_000));
    // a 身份证号 typed as a number has lost its last digits already: keep what is there, the check will say so
    return Number.isInteger(v) ? v.toFixed(0) : String(v);
  }
  if (typeof v === 'string') {
    const s = v.trim();
    return DATE_KEYS.has(key) ? s.replace(/^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/, (_m, y: string, m: string, d: string) => `${y}-${pad(+m)}-${pad(+d)}`) : s;
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join('').trim();
    if ('result' in o) return cellText(o.result, key);
    if (typeof o.text === 'string') return o.text.trim();
  }
  return String(v).trim();
}

const notXlsx = () => new AppError('INVALID_INPUT', '文件不是有效的 Excel（.xlsx）文件，请使用下载的导入模板填写', { field: 'file' });

/**
 * The rows of the first sheet, by the template's Chinese headers (in any order; unknown columns are
 * ignored, a missing one is refused). Empty rows are skipped; row numbers are the sheet's.
 */
export async function readImportFile(content: Buffer): Promise<RawRow[]> {
  if (content.length < 4 || content.readUInt32BE(0) !== 0x504b0304) throw notXlsx();
  const rows: RawRow[] = [];
  try {
    const reader = xlsxStreamReader(Readable.from([content]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) {
      let columns: Map<number, ImportKey> | null = null;
      for await (const row of sheet) {
        const values = row.values as unknown[];
        if (!columns) {
          const found = new Map<number, ImportKey>();
          values.forEach((v, i) => {
            const col = IMPORT_COLUMNS.find((c) => c.header === cellText(v, ''));
            if (col) found.set(i, col.key);
          });
          columns = found;
          const missing = IMPORT_COLUMNS.filter((c) => c.key !== 'phone' && c.key !== 'username' && ![...found.values()].includes(c.key));
          if (missing.length) throw new AppError('INVALID_INPUT', `文件第1行缺少表头：${missing.map((c) => c.header).join('、')}（请使用下载的导入模板）`, { field: 'file' });
          continue;
        }
        const raw = { row: row.number } as RawRow;
        for (const c of IMPORT_COLUMNS) raw[c.key] = '';
        for (const [i, key] of columns) raw[key] = cellText(values[i], key);
        if (IMPORT_COLUMNS.every((c) => raw[c.key] === '')) continue;
        rows.push(raw);
        if (rows.length > MAX_IMPORT_ROWS) throw new AppError('INVALID_INPUT', `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`, { field: 'file' });
      }
      break; // the first sheet only
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw notXlsx();
  }
  if (rows.length === 0) throw new AppError('INVALID_INPUT', '文件中没有专家数据（第1行为表头，自第2行起每行一名专家）', { field: 'file' });
  return rows;
}
