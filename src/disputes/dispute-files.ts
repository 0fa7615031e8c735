/**
 * Evidence of a dispute (decision 0042; 京医保发〔2021〕30号 第四十六条): either side — the institution that
 * raised it, the agency, the administrative department coordinating it — uploads files while the dispute is
 * open, with the shared check (`checkEvidenceFile`: PDF/JPEG/PNG by content, 1 byte – 10 MB, one copy per
 * dispute), stored with the dispute's audit row in one transaction; read and downloaded inside the territory.
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { disputeStateLabel, type DisputeState } from '../domain/dispute/dispute-case';
import { checkEvidenceFile } from '../uploads/evidence-file';
import { appendAudit } from '../db/audit-repo';
import { disputeFilesOf, findDispute, findDisputeFile, insertDisputeFile, type DisputeFileInfo } from '../db/dispute-repo';

export const disputeSideLabel = { institution: '医药机构', agency: '经办机构', admin_dept: '行政部门' } as const;
type Side = keyof typeof disputeSideLabel;

async function disputeFor(ctx: AppContext, user: SessionUser, id: string) {
  const row = await findDispute(ctx.db, id, scopeOf(user));
  if (!row) throw new AppError('NOT_FOUND', '争议不存在');
  return row;
}

const sideOf = (user: SessionUser): Side | null =>
  user.orgKind === 'institution' ? 'institution' : user.orgKind === 'agency' ? 'agency' : user.orgKind === 'admin_dept' ? 'admin_dept' : null;

export async function uploadDisputeFile(ctx: AppContext, user: SessionUser, id: string, fileName: string, content: Buffer): Promise<DisputeFileInfo> {
  const row = await disputeFor(ctx, user, id);
  const side = sideOf(user);
  if (!side || (side === 'institution' && user.institutionId !== row.institutionId)) throw new AppError('FORBIDDEN', '只有争议双方及协调的行政部门可以上传争议材料');
  if (row.state === 'closed') throw new AppError('CONFLICT', `当前状态为「${disputeStateLabel[row.state as DisputeState]}」，不能再上传材料`);
  const f = checkEvidenceFile(fileName, content);
  const now = ctx.clock.now();
  const duplicate = (name: string) => new AppError('INVALID_INPUT', `该文件已上传过（${name}），请勿重复上传`, { field: 'file' });
  try {
    return await ctx.db.transaction(async (tx) => {
      const dup = (await disputeFilesOf(tx, row.id)).find((x) => x.sha256 === f.sha256);
      if (dup) throw duplicate(dup.fileName);
      const saved = await insertDisputeFile(tx, { disputeId: row.id, fileName: f.fileName, mime: f.mime, size: f.size, sha256: f.sha256, content, uploadedBy: user.id, side, at: now });
      await appendAudit(tx, now, {
        actor: { id: user.id, orgId: user.orgId }, action: 'dispute.file.upload', entityType: 'dispute', entityId: row.id, regionCode: row.regionCode,
        before: null, after: { fileId: saved.id, fileName: f.fileName, mime: f.mime, size: f.size, sha256: f.sha256, side }, reason: null,
      });
      return saved;
    });
  } catch (e) {
    // two uploads of one file at once: the unique index catches the second
    if (!(e instanceof AppError) && /dispute_files_sha_uq|unique/i.test(String((e as { message?: string }).message ?? e))) throw duplicate(f.fileName);
    throw e;
  }
}

export async function listDisputeFiles(ctx: AppContext, user: SessionUser, id: string) {
  const row = await disputeFor(ctx, user, id);
  return (await disputeFilesOf(ctx.db, row.id)).map((f) => ({
    id: f.id, fileName: f.fileName, mime: f.mime, size: f.size, side: f.side, sideLabel: disputeSideLabel[f.side], at: f.at.toISOString(),
  }));
}

export async function disputeFileFor(ctx: AppContext, user: SessionUser, id: string, fileId: string) {
  const row = await disputeFor(ctx, user, id);
  const f = await findDisputeFile(ctx.db, row.id, fileId);
  if (!f) throw new AppError('NOT_FOUND', '材料不存在');
  return f;
}
