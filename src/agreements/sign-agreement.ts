/**
 * Signing the fixed agreement text (云医保〔2022〕6号 第十八条: 由双方法定代表人或法定代表人授权
 * 委托人签订; 2025 draft 一(四): 线上签订). The institution signs by its 法定代表人 (the user whose
 * account is linked to the person registered as its current legal representative — by 身份证号,
 * never by a name anyone can type) or by an agent with an uploaded 授权委托书; the
 * agency by its head. The user re-enters the password; online, the server signs the exact text
 * with the user's SM2 key; on paper, the scan's SHA-256 is recorded (counted as offline in the
 * online-signing rate). The pipeline step (institution_sign / agency_sign) goes through runEvent.
 */
import { eq } from 'drizzle-orm';
import { sessionClock } from '../domain/clock/clock';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { insertSignature, setAgreementStatus, signaturesOf } from '../db/agreement-repo';
import { users } from '../db/schema/index';
import { verifyPassword } from '../identity/password';
import { pruneLoginFailures, recentLoginFailures, recordLoginFailure } from '../db/session-repo';
import { FAILURES_TO_READ, THROTTLE_WINDOW_MS, throttleMessage, throttleState } from '../domain/identity/lockout';
import type { AppContext } from '../context';
import { institutionSignature, signatureOf, signingBasis, type PreparedSignature, type SignInput } from './institution-signature';
import { loadPipelineAgreementFor } from './load-agreement';
import { runStep } from './run-step';
import { lifeStartPatch } from '../agreement-lifecycle/start-life';

export function partyOf(user: SessionUser): 'institution' | 'agency' {
  if (user.orgKind === 'institution' && user.roles.includes('institution_staff')) return 'institution';
  if (user.orgKind === 'agency' && user.roles.includes('agency_head')) return 'agency';
  throw new AppError('FORBIDDEN', '协议由医药机构法定代表人（或授权委托人）和经办机构负责人签订');
}

/**
 * The password re-entered to sign, guarded like the login (decision 0004): failures are counted per
 * account under the key `signing:<user id>` in `login_failures`, and after three the next attempts
 * wait a growing delay — the signature key cannot be tried at full speed from a stolen session.
 */
export async function checkSigningPassword(ctx: AppContext, user: SessionUser, password: string): Promise<void> {
  const key = `signing:${user.id}`;
  const now = sessionClock(ctx.clock).now();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const held = throttleState(await recentLoginFailures(ctx.db, key, 'signing', since, FAILURES_TO_READ), now);
  if (held.throttled) throw new AppError('TOO_MANY_REQUESTS', throttleMessage(held, now, '签署验证'), { field: 'password' });
  const [u] = await ctx.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!u || !(await verifyPassword(u.hash, password))) {
    await recordLoginFailure(ctx.db, key, 'signing', now);
    throw new AppError('INVALID_INPUT', '登录密码不正确：签署协议须重新验证身份', { field: 'password' });
  }
  await pruneLoginFailures(ctx.db, key, 'signing', now);
}

export async function signStoredAgreement(ctx: AppContext, user: SessionUser, agreementId: string, input: SignInput) {
  const ag = await loadPipelineAgreementFor(ctx, user, agreementId);
  const party = partyOf(user);
  if (ag.status === 'draft') throw new AppError('CONFLICT', '协议文本尚未经协议学习确定，不能签署');
  if (ag.status === 'signed') throw new AppError('CONFLICT', '协议已由双方签订');
  if (ag.status === 'void') throw new AppError('CONFLICT', '协议已作废，不能签署');
  if ((await signaturesOf(ctx.db, ag.id)).some((s) => s.party === party)) {
    throw new AppError('CONFLICT', `${party === 'institution' ? '医药机构' : '经办机构'}已签署`);
  }
  await checkSigningPassword(ctx, user, input.password);

  const now = ctx.clock.now();
  // 第十八条 lives in institution-signature.ts; the agency signs by its head (partyOf)
  const sig: PreparedSignature = party === 'institution'
    ? await institutionSignature(ctx, user, ag, input, await signingBasis(ctx, ag), now)
    : await signatureOf(ctx, user, ag, input, 'agency', null, now);
  const { role, mandate, record, keyId } = sig;
  type Signed = { signature: { id: string; party: typeof party; online: boolean; signedAt: string }; agreementStatus: string; applicationState: string };
  let out: Signed | undefined;
  // the signature, the agreement's status and the pipeline step commit together
  await runStep(ctx, user, ag.applicationId, {
    type: party === 'institution' ? 'institution_sign' : 'agency_sign',
    signer: user.displayName,
    capacity: input.capacity === 'authorised_agent' && party === 'institution' ? 'authorised_agent' : 'legal_rep',
    ...(mandate ? { authorisationFileId: mandate.id } : {}),
    online: input.mode === 'online',
    textHash: ag.textSm3,
  }, input.version, {
    within: async (tx, step) => {
      const row = await insertSignature(tx, {
        agreementId: ag.id, party, userId: user.id, online: sig.online, record, keyId, mandateId: mandate?.id ?? null,
        paperSha256: sig.paperSha256, regionCode: ag.regionCode, signedAt: now,
      });
      const signed = step.application.state === 'signed';
      // issue #10: both parties signed → the agreement's life begins, 待生效 until the payment is opened
      if (signed) await setAgreementStatus(tx, ag.id, 'fixed', { status: 'signed', updatedAt: now, ...lifeStartPatch(now) });
      await appendAudit(tx, now, {
        actor: user, action: 'agreement.sign', entityType: 'agreement', entityId: ag.id, regionCode: ag.regionCode,
        after: {
          party, mode: input.mode, role, textSm3: ag.textSm3, keyId, mandateSha256: mandate?.sha256 ?? null,
          paperSha256: input.mode === 'paper' ? input.paperSha256 : null, applicationState: step.application.state,
        },
      });
      out = { signature: { id: row.id, party, online: row.online, signedAt: now.toISOString() }, agreementStatus: signed ? 'signed' : 'fixed', applicationState: step.application.state };
    },
  });
  return out!;
}
