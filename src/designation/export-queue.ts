/**
 * Excel export of exactly the filtered work queue (decision 0019): the same filter and territory
 * as the list, in the list's order, streamed with exceljs' WorkbookWriter page by page — never the
 * whole sheet in memory. Capped at EXPORT_CAP rows: beyond, a clear 400 asks to narrow the filter.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { STATES } from '../domain/designation/states';
import { institutionKindLabel, type InstitutionKind } from '../domain/registry/enums';
import { listQueueRows } from '../db/application-queue-repo';
import { loadWorkCalendar } from '../db/calendar-repo';
import { queueFilterFor, queueItem, type QueueQuery } from './list-queue';

export const EXPORT_CAP = 50_000;
const PAGE = 2_000;

const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '申请编号', key: 'applicationNo', width: 26 },
  { header: '机构名称', key: 'institutionName', width: 32 },
  { header: '统一社会信用代码', key: 'uscc', width: 22 },
  { header: '医保编码', key: 'ybCode', width: 16 },
  { header: '机构类别', key: 'kind', width: 12 },
  { header: '行政区划', key: 'regionCode', width: 10 },
  { header: '办理状态', key: 'stateLabel', width: 18 },
  { header: '提交时间', key: 'submittedAt', width: 18 },
  { header: '最近时限', key: 'deadline', width: 30 },
  { header: '到期日', key: 'due', width: 12 },
  { header: '剩余工作日', key: 'remaining', width: 12 },
  { header: '时限状态', key: 'dueStatus', width: 18 },
];

/** 'YYYY-MM-DD HH:mm' in China time. */
const chinaDateTime = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

/** The workbook as a stream, after the count check (so that a refusal is an ordinary JSON error). */
export async function exportQueue(
  ctx: AppContext, user: SessionUser, q: Omit<QueueQuery, 'page' | 'pageSize'>, cap = EXPORT_CAP,
): Promise<{ stream: PassThrough; fileName: string; total: number }> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const filter = queueFilterFor(user, q, today);
  const { total } = await listQueueRows(ctx.db, { ...filter, limit: 0, offset: 0 }, STATES);
  if (total > cap) {
    throw new AppError('INVALID_INPUT', `筛选结果共 ${total} 条，超过导出上限 ${cap} 条，请缩小筛选范围后再导出`, { field: 'q' });
  }
  const calendar = await loadWorkCalendar(ctx.db);
  const stream = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  book.creator = 'dingdian';
  const sheet = book.addWorksheet('定点工作台');
  sheet.columns = COLUMNS;
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for (let offset = 0; offset < total; offset += PAGE) {
      const { items } = await listQueueRows(ctx.db, { ...filter, limit: PAGE, offset }, STATES);
      for (const r of items) {
        const it = queueItem(r, calendar, now);
        sheet.addRow({
          applicationNo: it.applicationNo ?? '（未提交）', institutionName: it.institutionName, uscc: it.uscc, ybCode: it.ybCode ?? '',
          kind: institutionKindLabel[it.kind as InstitutionKind] ?? it.kind, regionCode: it.regionCode, stateLabel: it.stateLabel,
          submittedAt: chinaDateTime(it.submittedAt), deadline: it.next?.label ?? '', due: it.next?.due ?? '',
          remaining: it.next ? it.next.remainingWorkdays : '', dueStatus: it.next?.statusLabel ?? '',
        }).commit();
      }
      if (items.length < PAGE) break;
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e))));
  return { stream, fileName: `定点工作台-${today}.xlsx`, total };
}
