/**
 * The exact text an agreement's signatures cover: a stable, line-based serialisation of the
 * document model (what the PDF and DOCX show, in order), independent of layout and fonts.
 *
 * Format 'dingdian-agreement-text/v1', one element per line as `tag: value`. Values are
 * Unicode NFC with '\' and line breaks escaped, so no value can forge another line; table rows
 * are JSON arrays. Signing state (who signed, when) and render-only data are not part of it,
 * so adding a signature never changes the text the other party signed.
 */
import { AppError } from '../errors';

/** The parts of a document model (src/documents/model.ts) that the text covers. */
export interface CanonicalDocument {
  kind: string;
  number: string;
  title: string;
  issuer: string;
  recipient?: string;
  date: string;
  sections: {
    heading?: string;
    paragraphs: string[];
    list?: { ordered: boolean; items: string[] };
    table?: { columns: string[]; rows: string[][] };
    note?: string;
  }[];
  citations: string[];
  signatures: { label: string; org: string; signerLine?: string }[];
  warnings: string[];
  meta: Record<string, string | string[]>;
}

export const CANONICAL_FORMAT = 'dingdian-agreement-text/v1';

/** Template and supplement identity are signed too: which 范本 version the parties agreed on. */
const SIGNED_META = ['templateId', 'templateVersion', 'supplementId', 'supplementVersion'] as const;

function value(s: string): string {
  return s.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\\/g, '\\\\').replace(/\n/g, '\\n').trim();
}

/**
 * Throws CONFLICT if the document still carries warnings (e.g. a supplement that overrides a
 * locked template clause): such a text must not be signed.
 */
export function canonicalAgreementText(doc: CanonicalDocument): string {
  if (doc.kind !== 'agreement') {
    throw new AppError('INVALID_INPUT', '只有医保协议需要在线签署', { field: 'kind' });
  }
  if (doc.warnings.length > 0) {
    throw new AppError('CONFLICT', `协议文本存在问题，不能签署：${doc.warnings.join('；')}`);
  }
  const lines: string[] = [CANONICAL_FORMAT];
  const put = (tag: string, v: string) => lines.push(`${tag}: ${value(v)}`);
  put('number', doc.number);
  put('title', doc.title);
  put('issuer', doc.issuer);
  if (doc.recipient) put('recipient', doc.recipient);
  put('date', doc.date);
  for (const key of SIGNED_META) {
    const v = doc.meta[key];
    if (typeof v === 'string') put(`meta.${key}`, v);
  }
  for (const s of doc.sections) {
    lines.push('section');
    if (s.heading) put('heading', s.heading);
    for (const p of s.paragraphs) put('p', p);
    if (s.list) for (const item of s.list.items) put(s.list.ordered ? 'ol' : 'ul', item);
    if (s.table) {
      lines.push(`th: ${JSON.stringify(s.table.columns.map(value))}`);
      for (const row of s.table.rows) lines.push(`tr: ${JSON.stringify(row.map(value))}`);
    }
    if (s.note) put('note', s.note);
  }
  for (const c of doc.citations) put('citation', c);
  for (const p of doc.signatures) {
    lines.push(`party: ${JSON.stringify([value(p.label), value(p.org), value(p.signerLine ?? '')])}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The agreement as the canonical text states it — the structure a page renders, read back from the signed text itself. */
export interface ParsedAgreementText {
  format: typeof CANONICAL_FORMAT;
  number: string;
  title: string;
  issuer: string;
  recipient?: string;
  date: string;
  /** the signed template / supplement identity (meta.* lines) */
  meta: Record<string, string>;
  sections: CanonicalDocument['sections'];
  citations: string[];
  signatures: { label: string; org: string; signerLine?: string }[];
}

const unescape = (s: string) => s.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));

/**
 * Reads a canonical agreement text back into its structure (the inverse of canonicalAgreementText:
 * `canonicalAgreementText({ ...parsed, kind: 'agreement', warnings: [] })` gives the same text, byte
 * for byte — a test holds it). Pages render the agreement from this, so what a 法定代表人 reads is
 * exactly what is hashed and signed. Throws INVALID_INPUT on a text of another format.
 */
export function parseCanonicalAgreementText(text: string): ParsedAgreementText {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines[0] !== CANONICAL_FORMAT) throw new AppError('INVALID_INPUT', '协议文本格式无法识别', { field: 'canonicalText' });
  const out: ParsedAgreementText = { format: CANONICAL_FORMAT, number: '', title: '', issuer: '', date: '', meta: {}, sections: [], citations: [], signatures: [] };
  let section: CanonicalDocument['sections'][number] | null = null;
  const need = () => {
    if (!section) throw new AppError('INVALID_INPUT', '协议文本格式无法识别：条款内容不在任何章节内', { field: 'canonicalText' });
    return section;
  };
  for (const line of lines.slice(1)) {
    if (line === 'section') {
      section = { paragraphs: [] };
      out.sections.push(section);
      continue;
    }
    const i = line.indexOf(': ');
    if (i < 0) throw new AppError('INVALID_INPUT', `协议文本格式无法识别：${line.slice(0, 40)}`, { field: 'canonicalText' });
    const tag = line.slice(0, i);
    const raw = line.slice(i + 2);
    const v = unescape(raw);
    if (tag === 'number' || tag === 'title' || tag === 'issuer' || tag === 'recipient' || tag === 'date') out[tag] = v;
    else if (tag.startsWith('meta.')) out.meta[tag.slice(5)] = v;
    else if (tag === 'heading') need().heading = v;
    else if (tag === 'p') need().paragraphs.push(v);
    else if (tag === 'ol' || tag === 'ul') {
      const s = need();
      s.list ??= { ordered: tag === 'ol', items: [] };
      s.list.items.push(v);
    } else if (tag === 'th') need().table = { columns: (JSON.parse(raw) as string[]).map(unescape), rows: [] };
    else if (tag === 'tr') {
      const s = need();
      if (!s.table) throw new AppError('INVALID_INPUT', '协议文本格式无法识别：表格缺少表头', { field: 'canonicalText' });
      s.table.rows.push((JSON.parse(raw) as string[]).map(unescape));
    } else if (tag === 'note') need().note = v;
    else if (tag === 'citation') out.citations.push(v);
    else if (tag === 'party') {
      const [label, org, signerLine] = (JSON.parse(raw) as string[]).map(unescape);
      out.signatures.push({ label: label ?? '', org: org ?? '', ...(signerLine ? { signerLine } : {}) });
    } else throw new AppError('INVALID_INPUT', `协议文本格式无法识别：${tag}`, { field: 'canonicalText' });
  }
  return out;
}
