/**
 * The agreement register (协议台账): every signed agreement in the reader's territory with its life
 * state, a termination the system proposes and a pending request; the institution's own list; and
 * the streamed Excel export of exactly the filtered register.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { formatCites } from '../domain/designation/cite';
import { institutionKindLabel } from '../domain/registry/enums';
import { lifeStateLabel } from '../domain/agreement/lifecycle';
import { TERMINATION_SITUATIONS, findSituation } from '../domain/agreement/situations';
import { listRegister, registerBatches, type AgreementLifeRow, type RegisterFilter } from '../db/agreement-life-repo';
import { caseOfRow } from './binding';

export function registerItem(row: AgreementLifeRow) {
  const a = caseOfRow(row);
  return {
    id: row.id, number: row.number, institutionId: row.institutionId, institutionName: row.institutionName, uscc: row.uscc, ybCode: row.ybCode,
    kind: row.institutionKind, regionCode: row.regionCode, regionName: row.regionName, termFrom: row.termFrom, termTo: row.termTo,
    lifeState: a.state, lifeStateLabel: lifeStateLabel[a.state], lifeSince: row.lifeSince, dualChannel: row.dualChannel,
    proposal: a.proposal ? {
      situation: a.proposal.situation, label: findSituation(TERMINATION_SITUATIONS, a.proposal.situation)?.label ?? a.proposal.situation,
      since: a.proposal.since, citation: formatCites(a.proposal.cites),
    } : null,
    pendingRequest: a.request ? { kind: a.request.kind, receivedOn: a.request.receivedOn, effectiveOn: a.request.effectiveOn } : null,
  };
}
export type RegisterItem = ReturnType<typeof registerItem>;

export async function listAgreementRegister(ctx: AppContext, user: SessionUser, f: RegisterFilter, page: number, pageSize: number) {
  const { items, total } = await listRegister(ctx.db, scopeOf(user), f, page, pageSize);
  return { items: items.map(registerItem), total, page, pageSize };
}

/** The institution's own agreements (an institution may hold several: regions, 双通道). */
export async function myAgreements(ctx: AppContext, user: SessionUser) {
  if (!user.institutionId) throw new AppError('FORBIDDEN', '仅医药机构用户可查看本机构协议');
  const { items } = await listRegister(ctx.db, scopeOf(user), { institutionId: user.institutionId, sort: '-termTo' }, 1, 100);
  return { items: items.map(registerItem) };
}

export const EXPORT_CAP = 50_000;

const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '协议编号', key: 'number', width: 26 },
  { header: '机构名称', key: 'institutionName', width: 32 },
  { header: '统一社会信用代码', key: 'uscc', width: 22 },
  { header: '医保编码', key: 'ybCode', width: 16 },
  { header: '机构类别', key: 'kind', width: 10 },
  { header: '统筹区', key: 'region', width: 16 },
  { header: '协议起始日', key: 'termFrom', width: 12 },
  { header: '协议终止日', key: 'termTo', width: 12 },
  { header: '协议状态', key: 'state', width: 10 },
  { header: '状态起始日', key: 'lifeSince', width: 12 },
  { header: '双通道', key: 'dualChannel', width: 8 },
  { header: '系统提示的解除情形', key: 'proposal', width: 40 },
  { header: '待处理申请', key: 'request', width: 30 },
];

export async function exportAgreementRegister(ctx: AppContext, user: SessionUser, f: RegisterFilter) {
  const today = chinaDate(ctx.clock.now());
  const { total } = await listRegister(ctx.db, scopeOf(user), f, 1, 1);
  if (total > EXPORT_CAP) throw new AppError('INVALID_INPUT', `筛选结果共 ${total} 条，超过导出上限 ${EXPORT_CAP} 条，请缩小筛选范围后再导出`, { field: 'q' });
  const stream = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  book.creator = 'dingdian';
  const sheet = book.addWorksheet('医保协议台账');
  sheet.columns = COLUMNS;
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for await (const rows of registerBatches(ctx.db, scopeOf(user), f)) {
      for (const row of rows) {
        const it = registerItem(row);
        sheet.addRow({
          number: it.number, institutionName: it.institutionName, uscc: it.uscc, ybCode: it.ybCode ?? '', kind: institutionKindLabel[it.kind] ?? it.kind,
          region: `${it.regionName ?? ''}（${it.regionCode}）`, termFrom: it.termFrom, termTo: it.termTo, state: it.lifeStateLabel, lifeSince: it.lifeSince ?? '',
          dualChannel: it.dualChannel ? '是' : '否', proposal: it.proposal ? `${it.proposal.label}（${it.proposal.citation}）` : '',
          request: it.pendingRequest ? `${it.pendingRequest.kind === 'suspend' ? '中止' : '解除'}申请，${it.pendingRequest.receivedOn} 收到，拟 ${it.pendingRequest.effectiveOn} 生效` : '',
        }).commit();
      }
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e))));
  return { stream, fileName: `医保协议台账-${today}.xlsx`, total };
}
