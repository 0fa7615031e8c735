/**
 * DOCX rendering with the docx package: an editable Word file (A4, 宋体 body / 黑体 headings as the
 * East-Asian fonts, zh-CN language) with the same words as the PDF (layout.ts).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { DOCX_FONTS } from './fonts';
import { applicationNoLine, citationsLine, DRAFT_BANNER, listItemText, recipientLine, signatureLines } from './layout';
import type { DocSection, DocTable, DocumentModel } from './model';

const PT = 2; // docx sizes are half-points
const BODY = 12 * PT;
const INDENT_TWIPS = 480; // two characters at 12 pt
const MM = 56.7; // twips per millimetre

export async function renderDocx(doc: DocumentModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (doc.warnings.length > 0) {
    children.push(para(DRAFT_BANNER, { bold: true, color: 'B00000' }));
    for (const w of doc.warnings) children.push(para(`· ${w}`, { color: 'B00000' }));
  }
  children.push(
    para(doc.title, { size: 18 * PT, bold: true, align: AlignmentType.CENTER, heading: true, after: 120 }),
    para(doc.number, { size: 11 * PT, align: AlignmentType.CENTER, after: doc.applicationNo ? 80 : 320 }),
  );
  const appNo = applicationNoLine(doc);
  if (appNo) children.push(para(appNo, { size: 10 * PT, align: AlignmentType.CENTER, after: 320 }));
  const recipient = recipientLine(doc);
  if (recipient) children.push(para(recipient, { after: 120 }));
  for (const section of doc.sections) children.push(...sectionBlocks(section));
  const basis = citationsLine(doc);
  if (basis) children.push(para(basis, { size: 10 * PT, before: 280 }));
  children.push(...signatureBlocks(doc));

  const document = new Document({
    creator: 'dingdian',
    title: doc.title,
    subject: doc.number,
    description: `${doc.issuer} ${doc.number}`,
    styles: {
      default: {
        document: {
          run: { font: DOCX_FONTS.body, size: BODY, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: 360 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(25 * MM), bottom: Math.round(25 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${doc.number}    第 `, size: 9 * PT }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 9 * PT }),
                  new TextRun({ text: ' 页 / 共 ', size: 9 * PT }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 9 * PT }),
                  new TextRun({ text: ' 页', size: 9 * PT }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

interface ParaOptions {
  size?: number;
  bold?: boolean;
  color?: string;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  indent?: number;
  firstLine?: boolean;
  heading?: boolean;
  before?: number;
  after?: number;
}

function para(text: string, o: ParaOptions = {}): Paragraph {
  return new Paragraph({
    ...(o.align ? { alignment: o.align } : {}),
    spacing: { before: o.before ?? 0, after: o.after ?? 60 },
    indent: {
      ...(o.indent ? { left: o.indent } : {}),
      ...(o.firstLine ? { firstLine: INDENT_TWIPS } : {}),
    },
    children: [
      new TextRun({
        text,
        ...(o.size ? { size: o.size } : {}),
        ...(o.bold ? { bold: true } : {}),
        ...(o.color ? { color: o.color } : {}),
        ...(o.heading ? { font: DOCX_FONTS.heading } : {}),
      }),
    ],
  });
}

function sectionBlocks(section: DocSection): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (section.heading) out.push(para(section.heading, { bold: true, heading: true, size: 13 * PT, before: 200, after: 80 }));
  for (const p of section.paragraphs) out.push(para(p, { firstLine: true }));
  if (section.list) {
    const list = section.list;
    list.items.forEach((item, i) => out.push(para(listItemText(list, i, item), { indent: INDENT_TWIPS })));
  }
  if (section.table) out.push(table(section.table), para('', { after: 0 }));
  if (section.note) out.push(para(`注：${section.note}`, { size: 9 * PT, color: '666666', indent: INDENT_TWIPS }));
  return out;
}

function table(t: DocTable): Table {
  const weights = t.widths ?? t.columns.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const pct = weights.map((w) => Math.round((w / sum) * 100));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: pct[i] ?? 10, type: WidthType.PERCENTAGE },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'EEEEEE', color: 'auto' } } : {}),
      children: [
        new Paragraph({
          spacing: { before: 40, after: 40, line: 300 },
          children: [new TextRun({ text, size: 10.5 * PT, ...(header ? { bold: true } : {}) })],
        }),
      ],
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: t.columns.map((c, i) => cell(c, i, true)) }),
      ...t.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

function signatureBlocks(doc: DocumentModel): Paragraph[] {
  const out: Paragraph[] = [para('', { after: 360 })];
  const align = doc.kind === 'agreement' ? AlignmentType.LEFT : AlignmentType.RIGHT;
  for (const block of doc.signatures) {
    for (const line of signatureLines(block)) out.push(para(line, { align, after: 80 }));
    out.push(para('', { after: 240 }));
  }
  return out;
}
