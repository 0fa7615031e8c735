/**
 * The one place of 云医保〔2022〕6号 第十八条 (协议由双方法定代表人或法定代表人授权委托人签订) for the
 * institution's side, shared by the designation's signing (sign-agreement.ts) and the renewed agreements
 * (src/renewal-campaigns/sign-renewals.ts): who may sign — the registered 法定代表人 (by 身份证号 through
 * the account's person, never by a typed name) or an agent under a mandate of this agreement that is
 * valid today — and what the signature is: online, the exact text signed with the user's SM2 key; on
 * paper, the scan's SHA-256 recorded (offline in the online-signing rate). Nothing is written here:
 * each caller writes the signature in its own transaction.
 */
import { eq } from 'drizzle-orm';
import { chinaDate } from '../domain/clock/clock';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { signAgreement, type SignerRole, type Signature } from '../domain/signing/agreement-signature';
import { mandateRefusals } from '../domain/signing/mandate';
import { renewalCite } from '../domain/renewal-campaign/fixed-annual';
import { findMandate, legalRepresentatives, type MandateRow } from '../db/mandate-repo';
import { provinceProfileOf } from '../db/region-repo';
import { applications, users } from '../db/schema/index';
import type { AgreementRow } from '../db/agreement-repo';
import { workflowProfileFor } from '../designation/build-context';
import { stepBasis } from '../domain/designation/step-basis';
import type { AppContext } from '../context';
import { keyForSigning } from './signing-keys';

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
 * The article a signing or mandate refusal cites. A designation's agreement: the signing step's own
 * citations under the application's profile (云医保〔2022〕6号 第十八条 in Yunnan, the national order
 * elsewhere) — never another region's. A renewed agreement (no application): 第十八条 with the renewal
 * article of the region's profile.
 */
export async function signingBasis(ctx: AppContext, ag: Pick<AgreementRow, 'applicationId' | 'renewsAgreementId' | 'regionCode'>): Promise<string> {
  if (ag.renewsAgreementId || !ag.applicationId) {
    return `云医保〔2022〕6号 第十八条；${renewalCite((await provinceProfileOf(ctx.db, ag.regionCode)) ?? 'national')}`;
  }
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

/** 第十八条: the capacity the institution's user signs in — legal representative, or agent under a valid mandate of this agreement. */
export async function institutionSigner(
  ctx: AppContext, user: SessionUser, ag: AgreementRow, input: Pick<SignInput, 'capacity' | 'mandateId'>, basis: string,
): Promise<{ role: SignerRole; mandate: MandateRow | null }> {
  if (input.capacity === 'legal_rep') {
    await assertLegalRepresentative(ctx, user.id, ag.institutionId, basis);
    return { role: 'legal_representative', mandate: null };
  }
  const mandate = input.mandateId ? await findMandate(ctx.db, ag.id, input.mandateId) : null;
  if (!mandate) throw refuse('signing.mandate', '授权委托人签订须有法定代表人对本协议的线上授权或经核验的纸质授权委托书', basis);
  const [me] = await ctx.db.select({ personId: users.personId }).from(users).where(eq(users.id, user.id));
  const reasons = mandateRefusals(mandate, {
    userId: user.id, personId: me?.personId ?? null, legalReps: await legalRepresentatives(ctx.db, ag.institutionId), today: chinaDate(ctx.clock.now()),
  }, basis);
  if (reasons.length) throw new AppError('RULE_REFUSED', `授权委托不能用于本次签署：${reasons.map((r) => r.message).join('；')}`, { reasons });
  return { role: 'authorized_agent', mandate };
}

export interface PreparedSignature {
  role: SignerRole;
  mandate: MandateRow | null;
  /** the SM2 record (online) or null (paper) */
  record: Signature | null;
  keyId: string | null;
  paperSha256: string | null;
  online: boolean;
}

/** The signature itself, for a signer whose capacity is settled: a paper scan's SHA-256, or the text signed with the user's SM2 key. */
export async function signatureOf(
  ctx: AppContext, user: SessionUser, ag: AgreementRow, input: Pick<SignInput, 'mode' | 'paperSha256'>, role: SignerRole, mandate: MandateRow | null, at: Date,
): Promise<PreparedSignature> {
  if (input.mode === 'paper') {
    if (!/^[0-9a-f]{64}$/.test(input.paperSha256 ?? '')) throw new AppError('INVALID_INPUT', '线下签署须登记纸质协议扫描件的SHA-256校验值', { field: 'paperSha256' });
    return { role, mandate, record: null, keyId: null, paperSha256: input.paperSha256!, online: false };
  }
  const { key, privateKey } = await keyForSigning(ctx, user.id);
  const record = signAgreement(ag.canonicalText, {
    name: user.displayName, role, org: user.orgName, privateKey, publicKey: key.publicKey, ...(mandate ? { mandate: mandate.sha256 } : {}),
  }, at);
  return { role, mandate, record, keyId: key.id, paperSha256: null, online: true };
}

/** The institution's signature of an agreement under 第十八条: its capacity checked, then signed (online) or recorded (paper). */
export async function institutionSignature(ctx: AppContext, user: SessionUser, ag: AgreementRow, input: SignInput, basis: string, at: Date): Promise<PreparedSignature> {
  const { role, mandate } = await institutionSigner(ctx, user, ag, input, basis);
  return signatureOf(ctx, user, ag, input, role, mandate, at);
}
