/**
 * The public list of institutions whose agreement was terminated (京医保发〔2021〕30号 第四十三条
 * 「向社会公布解除医保协议的医疗机构名单」; decision 0034): name, region, 医保编码, date and situation —
 * no personal data, no 统一社会信用代码, no decision text. Paged for the page; CSV and xlsx as open data.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import { listTerminatedPublic, type TerminatedFilter, type TerminatedPublicRow } from '../db/public-repo';
import { csvCell } from '../registry-import/export-registry';
import { terminationLabel } from './situation-label';

/** The open-data export's cap: the whole list of a province for many years fits. */
export const OPEN_DATA_MAX_ROWS = 50_000;

export interface TerminatedItem {
  name: string;
  ybCode: string | null;
  regionCode: string;
  regionName: string | null;
  terminatedOn: string;
  situationLabel: string;
  /** the institution asked for it (第四十三条(十二)): shown as such, never as a sanction */
  onRequest: boolean;
}

const item = (r: TerminatedPublicRow): TerminatedItem => ({
  name: r.name, ybCode: r.ybCode, regionCode: r.regionCode, regionName: r.regionName, terminatedOn: r.terminatedOn,
  situationLabel: terminationLabel(r), onRequest: r.situation === 'on_request',
});

export async function listTerminatedInstitutions(ctx: AppContext, f: TerminatedFilter & { page: number; pageSize: number }) {
  const { items, total } = await listTerminatedPublic(ctx.db, f, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: items.map(item), total, page: f.page, pageSize: f.pageSize };
}

const COLUMNS: { key: keyof TerminatedItem; header: string; width: number }[] = [
  { key: 'name', header: '机构名称', width: 36 },
  { key: 'ybCode', header: '医保编码', width: 16 },
  { key: 'regionCode', header: '行政区划代码', width: 12 },
  { key: 'regionName', header: '所在地区', width: 14 },
  { key: 'terminatedOn', header: '解除日期', width: 12 },
  { key: 'situationLabel', header: '解除情形', width: 60 },
];
const cell = (v: TerminatedItem, k: keyof TerminatedItem) => String(v[k] ?? '');

export async function exportTerminatedInstitutions(ctx: AppContext, f: TerminatedFilter, format: 'csv' | 'xlsx') {
  const today = chinaDate(ctx.clock.now());
  const { items } = await listTerminatedPublic(ctx.db, f, OPEN_DATA_MAX_ROWS, 0);
  const rows = items.map(item);
  const name = `解除医保协议的定点医药机构名单-${today}`;
  if (format === 'csv') {
    const lines = [COLUMNS.map((c) => csvCell(c.header)).join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(cell(r, c.key))).join(','))];
    return { body: `\uFEFF${lines.join('\r\n')}\r\n`, fileName: `${name}.csv`, mime: 'text/csv; charset=utf-8' };
  }
  const stream = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  book.creator = 'dingdian';
  const sheet = book.addWorksheet('解除名单');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for (const r of rows) sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, cell(r, c.key)]))).commit();
    sheet.commit();
    await book.commit();
  };
  write().catch((e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e))));
  return { body: stream, fileName: `${name}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}
