/**
 * Signing the renewed agreements (issue #11, decision 0045), the designation's signing as the model
 * (src/agreements/sign-agreement.ts; 云医保〔2022〕6号 第十八条: 由双方法定代表人或法定代表人授权委托人签订; 2025 draft
 * 一(四): 线上签订). The institution signs one renewed agreement — its legal representative, or an agent
 * with a mandate, the password re-entered, the exact text signed with the user's SM2 key (or a paper scan's
 * SHA-256, counted offline); the agency head counter-signs in bulk: the institution-signed agreements of the
 * campaign under a filter, confirmed by their count (another count now is a 409), the password once, one
 * transaction per batch of 200, each signature a real SM2 signature of that agreement's text with the
 * head's key. Both signed → the agreement's life begins 待生效; the sweep makes it 生效 on its first day,
 * the day after the old one ends (src/agreement-lifecycle/sweep-agreements.ts).
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { signAgreement } from '../domain/signing/agreement-signature';
import { appendAudit } from '../db/audit-repo';
import { insertSignature, setAgreementStatus, signaturesOf } from '../db/agreement-repo';
import { findCampaign } from '../db/renewal-campaign-repo';
import { awaitingCountersign, textsOf } from '../db/renewal-sign-repo';
import { uniqueViolation } from '../db/unique-violation';
import { checkSigningPassword, partyOf } from '../agreements/sign-agreement';
import { institutionSignature, signingBasis, type SignInput } from '../agreements/institution-signature';
import { keyForSigning } from '../agreements/signing-keys';
import { loadAgreementFor } from '../agreements/load-agreement';
import { lifeStartPatch } from '../agreement-lifecycle/start-life';

/** The institution signs its renewed agreement (online with SM2, or a paper scan recorded as offline). */
export async function signRenewal(ctx: AppContext, user: SessionUser, agreementId: string, input: SignInput) {
  const ag = await loadAgreementFor(ctx, user, agreementId);
  if (!ag.renewsAgreementId) throw new AppError('CONFLICT', '该协议不是续签协议');
  if (partyOf(user) !== 'institution') throw new AppError('FORBIDDEN', '续签协议由医药机构先行签署，经办机构负责人在续签工作中批量签署');
  if (ag.status === 'signed') throw new AppError('CONFLICT', '协议已由双方签订');
  if (ag.status !== 'fixed') throw new AppError('CONFLICT', '协议不在待签署状态');
  if ((await signaturesOf(ctx.db, ag.id)).some((s) => s.party === 'institution')) throw new AppError('CONFLICT', '医药机构已签署');
  if (input.version !== undefined && input.version !== ag.version) throw new AppError('STALE_VERSION', '协议已被他人修改，请刷新后重试');
  await checkSigningPassword(ctx, user, input.password);
  const now = ctx.clock.now();
  // 第十八条: the legal representative, or an agent under a mandate of this renewed agreement (institution-signature.ts)
  const { role, mandate, record, keyId, online, paperSha256 } = await institutionSignature(ctx, user, ag, input, await signingBasis(ctx, ag), now);
  try {
    return await ctx.db.transaction(async (tx) => {
      // the version moves with the signature: a concurrent signing of the same agreement loses here (or on the party's unique index)
      const moved = await setAgreementStatus(tx, ag.id, 'fixed', { updatedAt: now });
      if (!moved || moved.version !== ag.version + 1) throw new AppError('STALE_VERSION', '协议已被他人修改，请刷新后重试');
      const sig = await insertSignature(tx, {
        agreementId: ag.id, party: 'institution', userId: user.id, online, record, keyId, mandateId: mandate?.id ?? null,
        paperSha256, regionCode: ag.regionCode, signedAt: now,
      });
      await appendAudit(tx, now, {
        actor: user, action: 'agreement.renew_sign', entityType: 'agreement', entityId: ag.id, regionCode: ag.regionCode,
        after: { party: 'institution', mode: input.mode, role, textSm3: ag.textSm3, keyId, mandateSha256: mandate?.sha256 ?? null, paperSha256, renews: ag.renewsAgreementId },
      });
      return { signature: { id: sig.id, party: 'institution' as const, online: sig.online, signedAt: now.toISOString() }, agreementStatus: 'fixed', version: moved.version };
    });
  } catch (e) {
    if (uniqueViolation(e)) throw new AppError('STALE_VERSION', '医药机构已签署，请刷新后查看');
    throw e;
  }
}

/** the most a head counter-signs at once, and the batch of one transaction */
export const COUNTERSIGN_CAP = 5000;
export const COUNTERSIGN_BATCH = 200;

/** The agency head counter-signs the institution-signed renewed agreements of a campaign, confirmed by their count. */
export async function countersignRenewals(ctx: AppContext, user: SessionUser, campaignId: string, input: { expectedCount: number; regionCode?: string; password: string }) {
  if (partyOf(user) !== 'agency') throw new AppError('FORBIDDEN', '续签协议由经办机构负责人签署');
  const scope = scopeOf(user);
  const c = await findCampaign(ctx.db, campaignId, scope);
  if (!c) throw new AppError('NOT_FOUND', '续签工作不存在');
  const selected = await awaitingCountersign(ctx.db, campaignId, scope, input.regionCode, COUNTERSIGN_CAP + 1);
  if (selected.length > COUNTERSIGN_CAP) throw new AppError('INVALID_INPUT', `一次最多签署 ${COUNTERSIGN_CAP} 份，请按统筹区分批签署`, { field: 'regionCode' });
  if (selected.length !== input.expectedCount) {
    throw new AppError('STALE_VERSION', `待经办机构签署的续签协议现为 ${selected.length} 份（确认时为 ${input.expectedCount} 份），请刷新后重新确认`);
  }
  await checkSigningPassword(ctx, user, input.password);
  const { key, privateKey } = await keyForSigning(ctx, user.id);
  let signed = 0;
  for (let i = 0; i < selected.length; i += COUNTERSIGN_BATCH) {
    const batch = selected.slice(i, i + COUNTERSIGN_BATCH);
    const now = ctx.clock.now();
    try {
      await ctx.db.transaction(async (tx) => {
        const texts = await textsOf(tx, batch.map((a) => a.id));
        for (const ag of batch) {
          const text = texts.get(ag.id);
          if (text === undefined) throw new AppError('STALE_VERSION', `协议 ${ag.number} 已不存在，请刷新后重试`);
          const record = signAgreement(text, { name: user.displayName, role: 'agency', org: user.orgName, privateKey, publicKey: key.publicKey }, now);
          const row = await setAgreementStatus(tx, ag.id, 'fixed', { status: 'signed', updatedAt: now, ...lifeStartPatch(now) });
          if (!row || row.version !== ag.version + 1) throw new AppError('STALE_VERSION', `协议 ${ag.number} 已被他人修改，本批未签署，请刷新后重试`);
          await insertSignature(tx, { agreementId: ag.id, party: 'agency', userId: user.id, online: true, record, keyId: key.id, mandateId: null, paperSha256: null, regionCode: ag.regionCode, signedAt: now });
          await appendAudit(tx, now, {
            actor: user, action: 'agreement.renew_sign', entityType: 'agreement', entityId: ag.id, regionCode: ag.regionCode,
            after: { party: 'agency', mode: 'online', role: 'agency', textSm3: ag.textSm3, keyId: key.id, bulk: true, campaignId },
          });
        }
      });
    } catch (e) {
      if (uniqueViolation(e)) throw new AppError('STALE_VERSION', `已签署 ${signed} 份；其余协议中有已由他人签署的，请刷新后重新确认`);
      if (e instanceof AppError && signed > 0) throw new AppError(e.code, `已签署 ${signed} 份；${e.message}`);
      throw e;
    }
    signed += batch.length;
  }
  return { signed };
}
