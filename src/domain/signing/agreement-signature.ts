/**
 * Online signing of an agreement by both parties (2025 draft 一(四) 网上签约; issue 3 step 8).
 *
 * Each signer signs a short statement that binds the SM3 digest of the exact agreement text
 * (canonicalAgreementText) to who signs, in which role, for which organisation and when:
 *
 *   dingdian-signature/v1
 *   algorithm: SM2-with-SM3
 *   digest-sm3: <SM3 of the text>
 *   signer: <name>
 *   role: legal_representative | authorized_agent | agency
 *   org: <organisation>
 *   signed-at: <ISO 8601 instant>
 *   public-key: <04…>
 *   [mandate: <checksum of the 授权委托书>]
 *
 * Verification can then tell three things apart: the record was not signed by that key or was
 * altered (bad signature), the record is intact but the text is no longer the signed one
 * (text changed), or all is well (valid).
 */
import { AppError } from '../errors';
import { sm3Hex } from './digest';
import { SIGNATURE_ALGORITHM, signText, verifySignature, type SignatureAlgorithm } from './sm2';

export type SignerRole = 'legal_representative' | 'authorized_agent' | 'agency';

export const SIGNER_ROLE_LABEL: Record<SignerRole, string> = {
  legal_representative: '法定代表人',
  authorized_agent: '授权委托人',
  agency: '经办机构',
};

export interface Signature {
  signerName: string;
  role: SignerRole;
  org: string;
  /** ISO 8601 instant from the injected clock. */
  signedAt: string;
  /** SM2 public key, '04' + 128 hex. */
  publicKey: string;
  /** SM2 signature (r‖s hex) of the statement above. */
  signature: string;
  /** SM3 of the exact agreement text the signer saw. */
  digest: string;
  algorithm: SignatureAlgorithm;
  /** For an authorized agent: the checksum of the uploaded 授权委托书. */
  mandate?: string;
}

export type SignatureStatus = 'valid' | 'text_changed' | 'bad_signature';

export const SIGNATURE_STATUS_LABEL: Record<SignatureStatus, string> = {
  valid: '签名有效',
  text_changed: '协议文本在签署后已被改动',
  bad_signature: '签名无效',
};

export interface SignatureCheck {
  signerName: string;
  role: SignerRole;
  roleLabel: string;
  org: string;
  signedAt: string;
  status: SignatureStatus;
  message: string;
}

export interface Signer {
  name: string;
  role: SignerRole;
  org: string;
  privateKey: string;
  publicKey: string;
  mandate?: string;
}

type StatementFields = Omit<Signature, 'signature'>;

export function signingStatement(s: StatementFields): string {
  const line = (tag: string, v: string) => `${tag}: ${v.normalize('NFC').replace(/[\r\n]+/g, ' ').trim()}`;
  const lines = [
    'dingdian-signature/v1',
    line('algorithm', s.algorithm),
    line('digest-sm3', s.digest),
    line('signer', s.signerName),
    line('role', s.role),
    line('org', s.org),
    line('signed-at', s.signedAt),
    line('public-key', s.publicKey),
  ];
  if (s.mandate) lines.push(line('mandate', s.mandate));
  return `${lines.join('\n')}\n`;
}

/** Signs `text` (the canonical agreement text) as `signer` at `signedAt`. */
export function signAgreement(text: string, signer: Signer, signedAt: Date): Signature {
  if (!signer.name.trim() || !signer.org.trim()) {
    throw new AppError('INVALID_INPUT', '签署人姓名和单位不能为空', { field: 'signer' });
  }
  if (signer.role === 'authorized_agent' && !signer.mandate) {
    throw new AppError('INVALID_INPUT', '授权委托人签署须有授权委托书', { field: 'mandate' });
  }
  const fields: StatementFields = {
    signerName: signer.name.trim(),
    role: signer.role,
    org: signer.org.trim(),
    signedAt: signedAt.toISOString(),
    publicKey: signer.publicKey,
    digest: sm3Hex(text),
    algorithm: SIGNATURE_ALGORITHM,
    ...(signer.mandate ? { mandate: signer.mandate } : {}),
  };
  const { signature } = signText(signingStatement(fields), signer.privateKey, signer.publicKey);
  if (!verifySignature(signingStatement(fields), signature, signer.publicKey)) {
    // The public key given does not belong to the private key.
    throw new AppError('INVALID_INPUT', '签署人的公钥与私钥不匹配', { field: 'publicKey' });
  }
  return { ...fields, signature };
}

export interface VerifyOptions {
  /**
   * The key the system has registered for this signer (key registry or certificate); when given,
   * a record carrying any other key is a bad signature even if it verifies against its own key.
   */
  registeredKey?: (s: Signature) => string | undefined;
}

/** Checks every signature against the current text; one result per signature, in order. */
export function verifyAgreement(text: string, signatures: Signature[], options: VerifyOptions = {}): SignatureCheck[] {
  const digest = sm3Hex(text);
  return signatures.map((s) => {
    const status = check(s, digest, options);
    const who = `${s.org} ${SIGNER_ROLE_LABEL[s.role] ?? s.role} ${s.signerName}`;
    const message =
      status === 'valid'
        ? `${who} 于 ${s.signedAt} 签署的正是当前文本`
        : status === 'text_changed'
          ? `${who} 签署的文本与当前文本不一致：签署后文本已被改动`
          : `${who} 的签名无法验证：签名记录被改动或不是该签署人的密钥所签`;
    return {
      signerName: s.signerName,
      role: s.role,
      roleLabel: SIGNER_ROLE_LABEL[s.role] ?? s.role,
      org: s.org,
      signedAt: s.signedAt,
      status,
      message,
    };
  });
}

function check(s: Signature, currentDigest: string, options: VerifyOptions): SignatureStatus {
  if (s.algorithm !== SIGNATURE_ALGORITHM) return 'bad_signature';
  const registered = options.registeredKey?.(s);
  if (options.registeredKey && registered !== s.publicKey) return 'bad_signature';
  const { signature, ...fields } = s;
  if (!verifySignature(signingStatement(fields), signature, s.publicKey)) return 'bad_signature';
  return s.digest === currentDigest ? 'valid' : 'text_changed';
}
