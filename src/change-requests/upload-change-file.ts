/**
 * Evidence of a change request (the authority's approval document, licences): the same checks as
 * the application materials (`checkEvidenceFile`, src/uploads/evidence-file.ts) — type by the first bytes, 1 byte
 * to 10 MB, one copy per file — stored with the audit row in one transaction; only the requesting
 * institution, only while the request is a draft or returned.
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { changeStateLabel, type ChangeState } from '../domain/change-request/change-case';
import { checkEvidenceFile } from '../uploads/evidence-file';
import { appendAudit } from '../db/audit-repo';
import { filesOf, findChangeRequest, insertChangeFile, type ChangeFileInfo } from '../db/change-request-repo';

export async function uploadChangeFile(ctx: AppContext, user: SessionUser, id: string, fileName: string, content: Buffer): Promise<ChangeFileInfo> {
  const row = await findChangeRequest(ctx.db, id, scopeOf(user));
  if (!row) throw new AppError('NOT_FOUND', '变更申请不存在');
  if (user.institutionId !== row.institutionId) throw new AppError('FORBIDDEN', '只有申请机构可以上传变更材料');
  if (row.state !== 'draft' && row.state !== 'returned') {
    throw new AppError('CONFLICT', `当前状态为「${changeStateLabel[row.state as ChangeState] ?? row.state}」，不能上传材料；草稿或已退回时可以上传`);
  }
  const { mime, sha256, fileName: name } = checkEvidenceFile(fileName, content);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const dup = (await filesOf(tx, row.id)).find((f) => f.sha256 === sha256);
    if (dup) throw new AppError('CONFLICT', `该文件已上传（${dup.fileName}）`);
    const f = await insertChangeFile(tx, { changeRequestId: row.id, fileName: name, mime, size: content.length, sha256, content, uploadedBy: user.id, at: now });
    await appendAudit(tx, now, {
      actor: { id: user.id, orgId: user.orgId }, action: 'change_request.file.upload', entityType: 'change_request', entityId: row.id, regionCode: row.regionCode,
      before: null, after: { fileId: f.id, fileName: f.fileName, mime, size: f.size, sha256 }, reason: null,
    });
    return f;
  });
}
