/** Downloads of a change request: its evidence files and its 变更确认通知书 (rendered from the stored model). */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import type { DocumentModel } from '../documents/model';
import { renderDocx } from '../documents/render-docx';
import { renderPdf } from '../documents/render-pdf';
import { changeDocumentsOf, findChangeFile, findChangeRequest } from '../db/change-request-repo';

const TYPES = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;

async function requestFor(ctx: AppContext, user: SessionUser, id: string) {
  const row = await findChangeRequest(ctx.db, id, scopeOf(user));
  if (!row) throw new AppError('NOT_FOUND', '变更申请不存在');
  return row;
}

export async function changeFileFor(ctx: AppContext, user: SessionUser, id: string, fileId: string) {
  const row = await requestFor(ctx, user, id);
  const f = await findChangeFile(ctx.db, row.id, fileId);
  if (!f) throw new AppError('NOT_FOUND', '材料不存在');
  return f;
}

export async function changeDocumentFor(ctx: AppContext, user: SessionUser, id: string, file: string) {
  const row = await requestFor(ctx, user, id);
  const m = /^(.+)\.(pdf|docx)$/.exec(file);
  const doc = m ? (await changeDocumentsOf(ctx.db, row.id)).find((d) => d.id === m[1]) : undefined;
  if (!m || !doc) throw new AppError('NOT_FOUND', '文书不存在');
  const format = m[2] as keyof typeof TYPES;
  const model = doc.model as DocumentModel;
  const body = format === 'pdf' ? await renderPdf(model) : await renderDocx(model);
  return { body, mime: TYPES[format], fileName: `${doc.title}-${doc.number}.${format}`.replace(/[\\/:*?"<>|\s]+/g, '_') };
}
