/**
 * The agreement as DOCX or PDF, rendered from the stored document model; each party's block
 * shows its online signature (signer, role, time, SM3 digest of the signed text). The files are
 * views: the signed object is the canonical text (docs/decisions/0008-documents-signing.md).
 */
import { SIGNER_ROLE_LABEL, type Signature } from '../domain/signing/agreement-signature';
import type { SessionUser } from '../domain/identity/roles';
import type { DocumentModel } from '../documents/model';
import { renderDocx } from '../documents/render-docx';
import { renderPdf } from '../documents/render-pdf';
import { signaturesOf } from '../db/agreement-repo';
import type { AppContext } from '../context';
import { loadAgreementFor } from './load-agreement';

export async function renderAgreement(ctx: AppContext, user: SessionUser, agreementId: string, format: 'pdf' | 'docx') {
  const ag = await loadAgreementFor(ctx, user, agreementId);
  const model = structuredClone(ag.model) as DocumentModel;
  for (const s of await signaturesOf(ctx.db, ag.id)) {
    const block = model.signatures[s.party === 'agency' ? 0 : 1];
    if (!block) continue;
    block.date = s.signedAt.toISOString().slice(0, 10);
    const r = s.record as Signature | null;
    if (r) block.signed = { signerName: r.signerName, roleLabel: SIGNER_ROLE_LABEL[r.role], signedAt: r.signedAt, algorithm: r.algorithm, digestHex: r.digest };
  }
  const body = format === 'pdf' ? await renderPdf(model) : await renderDocx(model);
  const fileName = `${ag.number}.${format}`;
  return { body, fileName, mime: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
}
