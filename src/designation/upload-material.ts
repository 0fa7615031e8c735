/**
 * Application materials (申请材料): PDF/JPEG/PNG recognised by their first bytes (not by the
 * name or the client's Content-Type), 1 byte – 10 MB, one copy per file (sha256), stored with
 * the audit row in one transaction — nothing half-stored. Only the applying institution, and
 * only while it is filling in (填报中) or answering a 一次性告知 (待补正材料).
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { stateLabel, type State } from '../domain/designation/states';
import { materialListOf } from './application-materials';
import { loadLocalLayer } from '../db/local-parameters-repo';
import type { LocalValue } from '../domain/policy/resolve';
import { appendAudit } from '../db/audit-repo';
import { deleteMaterial, findMaterialBySha, insertMaterial, materialsOf, type MaterialInfo } from '../db/upload-repo';
import type { ApplicationRow } from '../db/designation-repo';
import type { Application, SupplementNotice } from '../domain/designation/application';
import { namesItem } from '../domain/designation/context';
import { checkEvidenceFile } from '../uploads/evidence-file';
import { loadApplicationFor } from './run-event';

// the one check of an uploaded file lives in src/uploads/evidence-file.ts (decision 0042); re-exported for the callers that import it from here
export { MAX_UPLOAD_BYTES, sniffMime, cleanFileName } from '../uploads/evidence-file';
const EDITABLE: State[] = ['draft', 'needs_supplement'];

async function editableApplication(ctx: AppContext, user: SessionUser, id: string) {
  const row = await loadApplicationFor(ctx, user, id);
  if (!user.roles.includes('institution_staff') || user.institutionId !== row.institutionId) {
    throw new AppError('FORBIDDEN', '只有申请机构的经办人可以上传或删除申请材料');
  }
  if (!EDITABLE.includes(row.state as State)) {
    throw new AppError('CONFLICT', `当前状态为「${stateLabel[row.state as State] ?? row.state}」，不能修改申请材料；填报中或待补正材料时可以上传`);
  }
  return row;
}

export interface UploadInput {
  itemKey: string;
  fileName: string;
  content: Buffer;
}

export async function uploadMaterial(ctx: AppContext, user: SessionUser, applicationId: string, input: UploadInput): Promise<MaterialInfo> {
  const row = await editableApplication(ctx, user, applicationId);
  const items = materialListOf(row, await loadLocalLayer(ctx.db, row.regionCode));
  if (items.length > 0 && !items.some((m) => m.id === input.itemKey)) {
    throw new AppError('INVALID_INPUT', `材料项目「${input.itemKey}」不在本类机构的申请材料清单中`, { field: 'itemKey' });
  }
  const { mime, sha256, fileName } = checkEvidenceFile(input.fileName, input.content);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const dup = await findMaterialBySha(tx, row.id, sha256);
      if (dup) throw duplicate(dup.fileName);
      const m = await insertMaterial(tx, {
        applicationId: row.id, itemKey: input.itemKey, fileName, mime, size: input.content.length, sha256, content: input.content,
        uploadedBy: user.id, at: now,
      });
      await appendAudit(tx, now, {
        actor: { id: user.id, orgId: user.orgId }, action: 'application.material.upload', entityType: 'application_material', entityId: m.id,
        regionCode: row.regionCode, after: { applicationId: row.id, itemKey: m.itemKey, fileName, mime, size: m.size, sha256 },
      });
      return m;
    });
  } catch (e) {
    // two uploads of one file at once: the unique index catches the second
    if (!(e instanceof AppError) && /application_materials_sha_uq|unique/i.test(String((e as { message?: string }).message ?? e))) throw duplicate(fileName);
    throw e;
  }
}

const duplicate = (name: string) => new AppError('INVALID_INPUT', `该文件已上传过（${name}），请勿重复上传`, { field: 'file' });

export async function removeMaterial(ctx: AppContext, user: SessionUser, applicationId: string, materialId: string): Promise<void> {
  const row = await editableApplication(ctx, user, applicationId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const m = /^[0-9a-f-]{36}$/i.test(materialId) ? await deleteMaterial(tx, row.id, materialId) : null;
    if (!m) throw new AppError('NOT_FOUND', '材料不存在');
    if (row.state === 'needs_supplement') keepsUnlistedItem(row, m.itemKey, await materialsOf(tx, row.id), await loadLocalLayer(tx, row.regionCode));
    await appendAudit(tx, now, {
      actor: { id: user.id, orgId: user.orgId }, action: 'application.material.delete', entityType: 'application_material', entityId: m.id,
      regionCode: row.regionCode, before: { applicationId: row.id, itemKey: m.itemKey, fileName: m.fileName, sha256: m.sha256 },
    });
  });
}

/**
 * While answering a 一次性告知 the institution changes the items the notice lists; removing the
 * last file of a required item the notice does not list would leave the application incomplete
 * with no notice able to ask for it again (a repeat request may only repeat the first notice's
 * items), so that is refused (decision 0016). Throws inside the deleting transaction: nothing is removed.
 */
function keepsUnlistedItem(row: ApplicationRow, itemKey: string, remaining: readonly { itemKey: string }[], local: readonly LocalValue[]): void {
  const notice = (row.data as Application & { supplementNotice?: SupplementNotice }).supplementNotice;
  const item = materialListOf(row, local).find((i) => i.id === itemKey);
  if (!notice || !item?.required || remaining.some((r) => r.itemKey === itemKey)) return;
  if (notice.items.some((l) => namesItem(l, item))) return;
  throw new AppError('CONFLICT', `补正期间只能更换一次性告知书列明的材料；「${item.label}」不在告知书中，删除后将缺少该项必备材料`);
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
