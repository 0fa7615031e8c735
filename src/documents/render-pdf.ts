/**
 * PDF rendering with pdfmake 0.3 (Node API: the module is a configured singleton whose
 * createPdf(def).getBuffer() resolves to a Buffer). Fonts come from node_modules (fonts.ts);
 * remote URLs are refused and local file access is limited to the font folder, so a document's
 * text can never make the renderer fetch or read anything.
 */
import pdfMake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { notoSansScDir, notoSansScFiles, PDF_FONT_FAMILY } from './fonts';
import { applicationNoLine, citationsLine, DRAFT_BANNER, footerText, listItemText, recipientLine, signatureLines } from './layout';
import type { DocSection, DocTable, DocumentModel } from './model';

let configured = false;

function configure(): void {
  if (configured) return;
  const { normal, bold } = notoSansScFiles();
  const dir = notoSansScDir();
  pdfMake.setFonts({ [PDF_FONT_FAMILY]: { normal, bold, italics: normal, bolditalics: bold } });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((path: string) => path.startsWith(dir));
  configured = true;
}

const INDENT = 24; // two characters at 12 pt

export async function renderPdf(doc: DocumentModel): Promise<Buffer> {
  configure();
  return pdfMake.createPdf(toDefinition(doc)).getBuffer();
}

export function toDefinition(doc: DocumentModel): TDocumentDefinitions {
  const content: Content[] = [];
  if (doc.warnings.length > 0) content.push(warningBox(doc.warnings));
  content.push(
    { text: doc.title, style: 'title' },
    { text: doc.number, style: 'number' },
  );
  const appNo = applicationNoLine(doc);
  if (appNo) content.push({ text: appNo, alignment: 'center', fontSize: 10, margin: [0, -6, 0, 10] });
  const recipient = recipientLine(doc);
  if (recipient) content.push({ text: recipient, margin: [0, 0, 0, 6] });
  for (const section of doc.sections) content.push(...sectionContent(section));
  const basis = citationsLine(doc);
  if (basis) content.push({ text: basis, style: 'citations' });
  content.push(signatureContent(doc));

  return {
    pageSize: 'A4',
    pageMargins: [79, 72, 74, 72],
    info: { title: doc.title, author: doc.issuer, subject: doc.number, creator: 'dingdian' },
    language: 'zh-CN',
    defaultStyle: { font: PDF_FONT_FAMILY, fontSize: 12, lineHeight: 1.35 },
    styles: {
      title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
      number: { fontSize: 11, alignment: 'center', margin: [0, 0, 0, 16] },
      heading: { fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
      note: { fontSize: 9, color: '#666666', margin: [INDENT, 0, 0, 4] },
      tableHeader: { bold: true, fontSize: 10.5, fillColor: '#eeeeee' },
      tableCell: { fontSize: 10.5 },
      citations: { fontSize: 10, color: '#333333', margin: [0, 14, 0, 0] },
      warning: { fontSize: 10.5, color: '#b00000' },
    },
    footer: (page: number, pages: number) => ({
      text: footerText(doc, page, pages),
      alignment: 'center',
      fontSize: 9,
      color: '#666666',
      margin: [0, 24, 0, 0],
    }),
    content,
  };
}

function warningBox(warnings: string[]): Content {
  return {
    table: {
      widths: ['*'],
      body: [[{ stack: [{ text: DRAFT_BANNER, bold: true }, ...warnings.map((w) => `· ${w}`)], style: 'warning' }]],
    },
    layout: {
      hLineColor: () => '#b00000',
      vLineColor: () => '#b00000',
    },
    margin: [0, 0, 0, 12],
  };
}

function sectionContent(section: DocSection): Content[] {
  const out: Content[] = [];
  if (section.heading) out.push({ text: section.heading, style: 'heading' });
  for (const p of section.paragraphs) out.push({ text: p, leadingIndent: INDENT, margin: [0, 0, 0, 4] });
  if (section.list) {
    const list = section.list;
    list.items.forEach((item, i) => out.push({ text: listItemText(list, i, item), margin: [INDENT, 0, 0, 2] }));
  }
  if (section.table) out.push(tableContent(section.table));
  if (section.note) out.push({ text: `注：${section.note}`, style: 'note' });
  return out;
}

function tableContent(table: DocTable): Content {
  const weights = table.widths ?? table.columns.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const header: TableCell[] = table.columns.map((c) => ({ text: c, style: 'tableHeader' }));
  const body: TableCell[][] = table.rows.map((row) => row.map((cell) => ({ text: cell, style: 'tableCell' })));
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: weights.map((w) => `${((w / sum) * 100).toFixed(2)}%`),
      body: [header, ...body],
    },
    margin: [0, 4, 0, 8],
  };
}

function signatureContent(doc: DocumentModel): Content {
  const blocks = doc.signatures.map((b) => signatureLines(b));
  // Agreements: each party's block in full width (the signed stamp carries a 64-char digest);
  // notices: the issuing agency and the date, right-aligned.
  const alignment = doc.kind === 'agreement' ? 'left' : 'right';
  return {
    stack: blocks.map((lines) => ({ stack: lines, alignment, unbreakable: true, margin: [0, 0, 0, 16] })),
    margin: [0, 32, 0, 0],
  };
}
