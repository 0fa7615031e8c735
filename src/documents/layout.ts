/**
 * The words both renderers put around the model's content, so that the DOCX and the PDF
 * of one document say exactly the same thing.
 */
import { DOCUMENT_KIND_LABEL, type DocList, type DocumentModel, type SignatureBlock } from './model';
import { formatChinaDate, formatChinaDateTime } from './text-format';

export const DRAFT_BANNER = '草稿：以下问题解决前不得印发或签署';

export function listItemText(list: DocList, index: number, item: string): string {
  return list.ordered ? `${index + 1}. ${item}` : `· ${item}`;
}

export function recipientLine(doc: DocumentModel): string | undefined {
  if (doc.kind === 'agreement' || !doc.recipient) return undefined;
  return `${doc.recipient}：`;
}

/** '申请编号：…' under the document number, when the document belongs to an application. */
export function applicationNoLine(doc: DocumentModel): string | undefined {
  return doc.applicationNo ? `申请编号：${doc.applicationNo}` : undefined;
}

export function citationsLine(doc: DocumentModel): string | undefined {
  if (doc.citations.length === 0) return undefined;
  return `依据：${doc.citations.join('；')}`;
}

/** The lines of one signature block, top to bottom. */
export function signatureLines(block: SignatureBlock): string[] {
  const lines = [block.label === '（盖章）' ? `${block.org}（盖章）` : `${block.label}：${block.org}`];
  if (block.signerLine) lines.push(`${block.signerLine}：${block.signed ? block.signed.signerName : ''}`);
  if (block.signed) {
    lines.push(
      `已于${formatChinaDateTime(block.signed.signedAt)}由${block.signed.signerName}（${block.signed.roleLabel}）在线签署`,
      `${block.signed.algorithm} 文本摘要：${block.signed.digestHex}`,
    );
  }
  if (block.date) lines.push(formatChinaDate(block.date));
  else if (block.signed) lines.push(`日期：${formatChinaDateTime(block.signed.signedAt).split(' ')[0]}`);
  else lines.push('日期：    年  月  日');
  return lines;
}

export function footerText(doc: DocumentModel, page: number, pages: number): string {
  return `${doc.number}    第 ${page} 页 / 共 ${pages} 页`;
}

/** Download name, e.g. '受理通知书-昆医保定受〔2025〕12号.pdf' (no path separators). */
export function documentFileName(doc: DocumentModel, ext: 'pdf' | 'docx'): string {
  const safe = `${DOCUMENT_KIND_LABEL[doc.kind]}-${doc.number}`.replace(/[\\/:*?"<>|\s]+/g, '_');
  return `${safe}.${ext}`;
}
