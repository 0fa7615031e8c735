/**
 * Who signed what, and whether the text is still the signed one. Each online signature is
 * checked against the stored canonical text and the key registered for its signer
 * (verifyAgreement with registeredKey): 'valid', 'text_changed' (the record is genuine but the
 * text differs from what was signed) or 'bad_signature'. Paper signatures are listed as such.
 */
import { canonicalAgreementText, type CanonicalDocument } from '../domain/signing/canonical-text';
import { sm3Hex } from '../domain/signing/digest';
import { SIGNATURE_STATUS_LABEL, verifyAgreement, type Signature } from '../domain/signing/agreement-signature';
import type { SessionUser } from '../domain/identity/roles';
import { keysByIds, signaturesOf } from '../db/agreement-repo';
import type { AppContext } from '../context';
import { loadAgreementFor } from './load-agreement';

export type OverallStatus = 'valid' | 'text_changed' | 'bad_signature' | 'incomplete' | 'imported';

export const OVERALL_LABEL: Record<OverallStatus, string> = {
  valid: '双方签名有效，协议文本自签署后未被改动',
  text_changed: '协议文本在签署后已被改动',
  bad_signature: '存在无法验证的签名',
  incomplete: '协议尚未由双方签署',
  imported: '导入的存量协议：纸质协议在启用本系统前已签订，没有可验证的电子签名',
};

function modelText(model: unknown): string | null {
  try {
    return canonicalAgreementText(model as CanonicalDocument);
  } catch {
    return null;
  }
}

export async function verifyStoredAgreement(ctx: AppContext, user: SessionUser, agreementId: string) {
  const ag = await loadAgreementFor(ctx, user, agreementId);
  const sigs = await signaturesOf(ctx.db, ag.id);
  const keys = new Map((await keysByIds(ctx.db, sigs.flatMap((s) => (s.keyId ? [s.keyId] : [])))).map((k) => [k.id, k.publicKey]));
  const online = sigs.filter((s) => s.online && s.record);
  const registered = new Map(online.map((s) => [(s.record as Signature).signature, s.keyId ? keys.get(s.keyId) : undefined]));
  const checks = verifyAgreement(ag.canonicalText, online.map((s) => s.record as Signature), { registeredKey: (s) => registered.get(s.signature) });
  const currentSm3 = sm3Hex(ag.canonicalText);
  const parties = sigs.map((s) => {
    if (!s.online || !s.record) {
      return { party: s.party, online: false, status: 'paper' as const, statusLabel: '线下纸质签署', message: `线下签署，扫描件 SHA-256 ${s.paperSha256 ?? ''}`, signedAt: s.signedAt.toISOString(), signerName: null, roleLabel: null, org: null, digest: null };
    }
    const c = checks[online.indexOf(s)]!;
    return {
      party: s.party, online: true, status: c.status, statusLabel: SIGNATURE_STATUS_LABEL[c.status], message: c.message,
      signedAt: c.signedAt, signerName: c.signerName, roleLabel: c.roleLabel, org: c.org, digest: (s.record as Signature).digest,
    };
  });
  const statuses = parties.map((p) => p.status);
  // an agreement imported from an existing registry (issue #9) has no signature to verify
  const overall: OverallStatus = ag.source === 'import' && sigs.length === 0 ? 'imported'
    : statuses.includes('bad_signature') ? 'bad_signature'
    : statuses.includes('text_changed') || currentSm3 !== ag.textSm3 ? 'text_changed'
      : sigs.length < 2 ? 'incomplete' : 'valid';
  return {
    agreementId: ag.id, number: ag.number, status: ag.status, overall, overallLabel: OVERALL_LABEL[overall],
    text: { sm3Now: currentSm3, sm3Fixed: ag.textSm3, unchangedSinceFixed: currentSm3 === ag.textSm3, matchesModel: modelText(ag.model) === ag.canonicalText },
    signatures: parties,
  };
}
