import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { xlsxStreamReader } from './xlsx-stream';

/** An exceljs-written workbook (xl/workbook.xml is its zip's last entry) with that entry gone, as the stream sometimes loses it. */
async function withoutWorkbookXml(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('外部数据');
  sheet.addRow(['医保编码', '结算日期', '金额']);
  sheet.addRow(['H53010200001', new Date(Date.UTC(2026, 0, 15)), 1200.5]);
  sheet.getCell('B2').numFmt = 'yyyy-mm-dd';
  book.addWorksheet('字段说明').addRow(['说明']);
  const entries = unzipSync(new Uint8Array(await book.xlsx.writeBuffer()));
  expect(Object.keys(entries).at(-1)).toBe('xl/workbook.xml');
  delete entries['xl/workbook.xml'];
  return Buffer.from(zipSync(entries));
}

async function firstSheet(reader: ExcelJS.stream.xlsx.WorkbookReader): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) rows.push((row.values as unknown[]).slice(1));
    break;
  }
  return rows;
}

const options = { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' } as const;

describe('reading an uploaded Excel file whose last zip entry the stream lost (exceljs/exceljs#3064)', () => {
  it('exceljs alone throws a TypeError on a valid file; if it stops, the workaround can go', async () => {
    const file = await withoutWorkbookXml();
    await expect(firstSheet(new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), options))).rejects.toThrow(TypeError);
  });

  it('our reader reads the first sheet, its text, number and date cells', async () => {
    const rows = await firstSheet(xlsxStreamReader(Readable.from([await withoutWorkbookXml()]), options));
    expect(rows).toEqual([
      ['医保编码', '结算日期', '金额'],
      ['H53010200001', new Date(Date.UTC(2026, 0, 15)), 1200.5],
    ]);
  });
});
