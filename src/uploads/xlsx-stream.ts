/**
 * exceljs' streaming workbook reader, for every uploaded Excel file (imports, the expert pool).
 *
 * exceljs 4.4.0's reader loses, now and then, the zip's last entry (exceljs/exceljs#3064: its single streaming
 * pass through unzipper does not always deliver it). exceljs itself writes `xl/workbook.xml` last — our templates
 * and exports, and any file a program wrote with it — and when that entry is lost the reader reads
 * `this.model.sheets` (in `_parseWorksheet`) and `this.properties.model` (for a date cell) of nothing and throws a
 * TypeError: a valid file came back as 「Excel 文件无法读取」, 2 times in 600 reads of a one-sheet file here, and once
 * in CI. Our readers need neither the sheet names nor the workbook's properties (they take the first worksheet), so
 * the reader starts with empty ones, which `workbook.xml` replaces when it arrives. The one thing that entry could
 * change for us is the 1904 date system, which only old Mac Excel files use — and Excel writes `workbook.xml` near
 * the start of the zip, where it is not lost.
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

type ReaderOptions = ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1];

export function xlsxStreamReader(input: Readable, options: ReaderOptions): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, options);
  // the fields exceljs fills from xl/workbook.xml (workbook-reader.js _parseWorkbook); see above
  Object.assign(reader, { model: { sheets: [] }, properties: {} });
  return reader;
}
