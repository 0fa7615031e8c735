/**
 * 纸质授权委托书: a staff member (the agent) uploads the signed power of attorney given by the
 * institution's registered 法定代表人 (云医保〔2022〕6号 第十八条). PDF or image, ≤ 10 MB, type
 * checked by content, stored with its SHA-256. It names no free-text principal: the principal is
 * the registered legal representative (by person), the agent the uploader's own registered person.
 * It counts only after an agency officer verifies it (review-mandate.ts; decision 0017).
 */
import { signingBasis } from './institution-signature';
import { createHash } from 'node:crypto';
import { chinaDate } from '../domain/clock/clock';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { insertMandate, legalRepresentatives, personOfUser } from '../db/mandate-repo';
import type { AppContext } from '../context';
import { loadSignableAgreementFor } from './load-agreement';
import { checkValidity } from './grant-mandate';

export const MANDATE_MAX_BYTES = 10 * 1024 * 1024;

function sniff(buf: Buffer): string | null {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  return null;
}

const refuse = (ruleId: string, message: string, citation: string) => new AppError('RULE_REFUSED', message, { reasons: [{ ruleId, citation, message }] });

export async function uploadMandate(
  ctx: AppContext, user: SessionUser, agreementId: string,
  input: { fileName: string; content: Buffer; principalPersonId?: string; validFrom?: string; validTo?: string },
) {
  const ag = await loadSignableAgreementFor(ctx, user, agreementId);
  if (user.orgKind !== 'institution') throw new AppError('FORBIDDEN', '授权委托书由医药机构上传');
  if (ag.status !== 'draft' && ag.status !== 'fixed') throw new AppError('CONFLICT', ag.status === 'void' ? '协议已作废' : '协议已签订');
  if (input.content.length === 0) throw new AppError('INVALID_INPUT', '上传的文件为空', { field: 'file' });
  if (input.content.length > MANDATE_MAX_BYTES) throw new AppError('INVALID_INPUT', '授权委托书不能超过10MB', { field: 'file' });
  const mime = sniff(input.content);
  if (!mime) throw new AppError('INVALID_INPUT', '授权委托书须为PDF、PNG或JPEG文件', { field: 'file' });
  const reps = await legalRepresentatives(ctx.db, ag.institutionId);
  if (reps.length === 0) throw refuse('mandate.principal', '本机构尚未登记法定代表人，不能办理授权委托', await signingBasis(ctx, ag));
  const principal = input.principalPersonId ? reps.find((r) => r.personId === input.principalPersonId) : reps.length === 1 ? reps[0] : undefined;
  if (!principal) {
    throw refuse('mandate.principal', `授权委托书的委托人须为本机构登记的法定代表人（${reps.map((r) => r.name).join('、')}）`, await signingBasis(ctx, ag));
  }
  const agent = await personOfUser(ctx.db, user.id);
  if (!agent) throw refuse('mandate.agent-person', '您的账号未关联登记的本人身份（身份证号），不能作为授权委托人', await signingBasis(ctx, ag));
  if (reps.some((r) => r.personId === agent.personId)) throw refuse('mandate.agent', '法定代表人本人签署无须授权委托书', await signingBasis(ctx, ag));
  const today = chinaDate(ctx.clock.now());
  const validity = checkValidity(input.validFrom ?? today, input.validTo ?? ag.termTo, today);
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await insertMandate(tx, {
      agreementId: ag.id, userId: user.id, source: 'paper', status: 'pending', principalPersonId: principal.personId, principalName: principal.name,
      agentPersonId: agent.personId, ...validity, createdBy: user.id, fileName: input.fileName, mime, size: input.content.length, sha256, content: input.content, at: now,
    });
    await appendAudit(tx, now, {
      actor: user, action: 'agreement.mandate.upload', entityType: 'agreement', entityId: ag.id, regionCode: ag.regionCode,
      after: { mandateId: row.id, sha256, size: row.size, mime, principal: principal.personId, agent: agent.personId, ...validity, status: 'pending' },
    });
    return { id: row.id, sha256, fileName: row.fileName, size: row.size, at: row.at, status: row.status, principalName: principal.name, agentName: agent.name, mime };
  });
}
