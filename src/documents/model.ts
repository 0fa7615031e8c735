/**
 * The structured model every notice and agreement is built into before it is rendered.
 * Builders (build-*.ts) fill it from plain data; renderers (render-docx.ts, render-pdf.ts)
 * and the signing text (domain/signing/canonical-text.ts) read it. Nothing here knows
 * about HTTP, the database or the output format.
 */

export type DocumentKind =
  | 'acceptance_notice'
  | 'supplement_notice'
  | 'refusal_decision'
  | 'evaluation_result'
  | 'evaluation_minutes'
  | 'publicity'
  | 'agreement'
  /** the agreement's life after signing: 中止 / 恢复 / 解除 / 终止 notices (issue #10) */
  | 'agreement_notice'
  | 'change_confirmation'
  /** 暂停人员/科室医保结算 (decision 0035) */
  | 'settlement_notice';

export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = {
  acceptance_notice: '受理通知书',
  supplement_notice: '一次性告知书',
  refusal_decision: '不予受理决定书',
  evaluation_result: '评估结果告知书',
  evaluation_minutes: '评估会议纪要',
  publicity: '公示',
  agreement: '医疗保障服务协议',
  agreement_notice: '医保协议通知书',
  change_confirmation: '变更确认通知书',
  settlement_notice: '暂停医保结算通知书',
};

export interface DocTable {
  columns: string[];
  rows: string[][];
  /** Relative column widths (same length as columns); equal widths when absent. */
  widths?: number[];
}

export interface DocList {
  ordered: boolean;
  items: string[];
}

export interface DocSection {
  /** Stable id, e.g. a template clause id; not shown. */
  id?: string;
  heading?: string;
  paragraphs: string[];
  list?: DocList;
  table?: DocTable;
  /** A small line shown under the section, e.g. where a local supplement comes from. */
  note?: string;
}

/** One party's signature block (甲方 / 乙方 / the issuing agency's seal line). */
export interface SignatureBlock {
  /** e.g. '甲方（盖章）', '乙方（盖章）', or the issuer line of a notice. */
  label: string;
  org: string;
  /** e.g. '法定代表人或授权委托人（签字）'. */
  signerLine?: string;
  /** China date 'YYYY-MM-DD' shown under the block; blank line when absent. */
  date?: string;
  /** Filled once signed online: shown as a stamp-like text, never part of the signed text. */
  signed?: {
    signerName: string;
    roleLabel: string;
    signedAt: string;
    algorithm: string;
    digestHex: string;
  };
}

export interface DocumentModel {
  kind: DocumentKind;
  /** Document number, e.g. '昆医保定受〔2025〕12号'. */
  number: string;
  title: string;
  /** The issuing agency's full name. */
  issuer: string;
  /** 主送: the institution (or 社会各界 for a publicity). */
  recipient?: string;
  /** China date 'YYYY-MM-DD' (成文日期). */
  date: string;
  /** 申请编号 of the application the document belongs to, printed under the number (decision 0019). */
  applicationNo?: string;
  sections: DocSection[];
  /** The legal basis of the whole document, each a citation as text, e.g. '云医保〔2022〕6号 第十条'. */
  citations: string[];
  signatures: SignatureBlock[];
  /**
   * Problems that make the document a draft that must not be issued or signed
   * (e.g. a local supplement overriding a locked template clause). Renderers show them on top.
   */
  warnings: string[];
  /** Trace data for audit (rule ids, template version …); never rendered. */
  meta: Record<string, string | string[]>;
}

/** Citations arrive as text; this keeps the list free of blanks and duplicates, in order. */
export function uniqueCitations(citations: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of citations) {
    const t = c.trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}
