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
import { chinaDate, sessionClock } from '../domain/clock/clock';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { signAgreement, type SignerRole } from '../domain/signing/agreement-signature';
import { appendAudit } from '../db/audit-repo';
import { insertSignature, setAgreementStatus, signaturesOf } from '../db/agreement-repo';
import { findMandate, legalRepresentatives, type MandateRow } from '../db/mandate-repo';
import { applications, users } from '../db/schema/index';
import { workflowProfileFor } from '../designation/build-context';
import { stepBasis } from '../domain/designation/step-basis';
import { mandateRefusals } from '../domain/signing/mandate';
import { verifyPassword } from '../identity/password';
import { pruneLoginFailures, recentLoginFailures, recordLoginFailure } from '../db/session-repo';
import { FAILURES_TO_READ, THROTTLE_WINDOW_MS, throttleMessage, throttleState } from '../domain/identity/lockout';
import type { AppContext } from '../context';
import { keyForSigning } from './signing-keys';
import { loadPipelineAgreementFor } from './load-agreement';
import { runStep } from './run-step';
import { lifeStartPatch } from '../agreement-lifecycle/start-life';

export interface SignInput {
  mode: 'online' | 'paper';
  capacity: 'legal_rep' | 'authorised_agent';
  mandateId?: string;
  password: string;
  /** paper signing: SHA-256 of the scanned signed agreement */
  paperSha256?: string;
  version?: number;
}

const refuse = (ruleId: string, message: string, citation: string) => new AppError('RULE_REFUSED', message, { reasons: [{ ruleId, citation, message }] });

/**
 * The article a signing refusal cites: the signing step's own citations under the application's
 * profile (云医保〔2022〕6号 第十八条 in Yunnan, the national order elsewhere) — never another region's.
 */
export async function signingBasis(ctx: AppContext, ag: { applicationId: string }): Promise<string> {
  const [app] = await ctx.db.select({ profileId: applications.profileId }).from(applications).where(eq(applications.id, ag.applicationId));
  return stepBasis(workflowProfileFor(app?.profileId ?? 'national'), 'signing', 'institution_sign');
}

/**
 * Refuses unless the account belongs to the institution's registered 法定代表人 (users.person_id =
 * the person of a current legal_rep link). A display name equal to the representative's proves
 * nothing: accounts are named by whoever creates them.
 */
export async function assertLegalRepresentative(ctx: AppContext, userId: string, institutionId: string, basis: string): Promise<{ personId: string; name: string }> {
  const [u] = await ctx.db.select({ personId: users.personId }).from(users).where(eq(users.id, userId));
  const reps = await legalRepresentatives(ctx.db, institutionId);
  const me = u?.personId ? reps.find((r) => r.personId === u.personId) : undefined;
  if (me) return me;
  const names = reps.map((r) => r.name).join('、');
  throw refuse('signing.legal-rep', `您的账号未认证为本机构登记的法定代表人${names ? `（${names}）` : ''}本人，须以授权委托人身份签署（法定代表人线上授权，或经经办机构核验的纸质授权委托书）`, basis);
}

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

  let role: SignerRole = 'agency';
  let mandate: MandateRow | null = null;
  if (party === 'institution') {
    if (input.capacity === 'legal_rep') {
      await assertLegalRepresentative(ctx, user.id, ag.institutionId, await signingBasis(ctx, ag));
      role = 'legal_representative';
    } else {
      mandate = input.mandateId ? await findMandate(ctx.db, ag.id, input.mandateId) : null;
      if (!mandate) throw refuse('signing.mandate', '授权委托人签订须有法定代表人的线上授权或经核验的纸质授权委托书', await signingBasis(ctx, ag));
      const [me] = await ctx.db.select({ personId: users.personId }).from(users).where(eq(users.id, user.id));
      const reasons = mandateRefusals(mandate, {
        userId: user.id, personId: me?.personId ?? null, legalReps: await legalRepresentatives(ctx.db, ag.institutionId), today: chinaDate(ctx.clock.now()),
      }, await signingBasis(ctx, ag));
      if (reasons.length) throw new AppError('RULE_REFUSED', `授权委托不能用于本次签署：${reasons.map((r) => r.message).join('；')}`, { reasons });
      role = 'authorized_agent';
    }
  }
  if (input.mode === 'paper' && !/^[0-9a-f]{64}$/.test(input.paperSha256 ?? '')) {
    throw new AppError('INVALID_INPUT', '线下签署须登记纸质协议扫描件的SHA-256校验值', { field: 'paperSha256' });
  }

  const now = ctx.clock.now();
  let record = null;
  let keyId: string | null = null;
  if (input.mode === 'online') {
    const { key, privateKey } = await keyForSigning(ctx, user.id);
    record = signAgreement(ag.canonicalText, {
      name: user.displayName, role, org: user.orgName, privateKey, publicKey: key.publicKey, ...(mandate ? { mandate: mandate.sha256 } : {}),
    }, now);
    keyId = key.id;
  }
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
      const sig = await insertSignature(tx, {
        agreementId: ag.id, party, userId: user.id, online: input.mode === 'online', record, keyId, mandateId: mandate?.id ?? null,
        paperSha256: input.mode === 'paper' ? input.paperSha256! : null, regionCode: ag.regionCode, signedAt: now,
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
      out = { signature: { id: sig.id, party, online: sig.online, signedAt: now.toISOString() }, agreementStatus: signed ? 'signed' : 'fixed', applicationState: step.application.state };
    },
  });
  return out!;
}
