/**
 * 授权委托书: an institution user who is not the 法定代表人 uploads the signed power of attorney
 * before signing as 授权委托人 (云医保〔2022〕6号 第十八条). PDF or image, ≤ 10 MB, type checked by
 * content, stored with its SHA-256 — the checksum goes into the signed statement.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { insertMandate } from '../db/agreement-repo';
import type { AppContext } from '../server/context';
import { loadAgreementFor } from './load-agreement';

export const MANDATE_MAX_BYTES = 10 * 1024 * 1024;

function sniff(buf: Buffer): string | null {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  return null;
}

export async function uploadMandate(
  ctx: AppContext, user: SessionUser, agreementId: string, input: { fileName: string; principalName: string; content: Buffer },
) {
  const ag = await loadAgreementFor(ctx, user, agreementId);
  if (user.orgKind !== 'institution') throw new AppError('FORBIDDEN', '授权委托书由医药机构上传');
  if (ag.status === 'signed') throw new AppError('CONFLICT', '协议已签订');
  if (input.content.length === 0) throw new AppError('INVALID_INPUT', '上传的文件为空', { field: 'file' });
  if (input.content.length > MANDATE_MAX_BYTES) throw new AppError('INVALID_INPUT', '授权委托书不能超过10MB', { field: 'file' });
  const mime = sniff(input.content);
  if (!mime) throw new AppError('INVALID_INPUT', '授权委托书须为PDF、PNG或JPEG文件', { field: 'file' });
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await insertMandate(tx, {
      agreementId: ag.id, userId: user.id, principalName: input.principalName, fileName: input.fileName, mime, size: input.content.length, sha256, content: input.content, at: now,
    });
    await appendAudit(tx, now, {
      actor: user, action: 'agreement.mandate.upload', entityType: 'agreement', entityId: ag.id, regionCode: ag.regionCode,
      after: { mandateId: row.id, sha256, size: row.size, mime, principalName: input.principalName },
    });
    return { ...row, mime };
  });
}
