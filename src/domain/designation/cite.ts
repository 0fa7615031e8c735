/**
 * Citations as data. The shape matches the policy module's `Citation` (doc + article/part +
 * item + point + verified), so the integration passes them through unchanged; this folder keeps
 * its own copy so that it does not import another feature folder.
 */

export const YN = '云医保〔2022〕6号';
export const JL = '吉医保规〔2023〕1号';
export const BJ = '京医保发〔2021〕30号';
export const ZZQ = '自治区医保局〔2025〕征求意见稿';
export const NHSA2 = '国家医疗保障局令第2号';

export type DesignationDocId = typeof YN | typeof JL | typeof BJ | typeof ZZQ | typeof NHSA2;

export interface Cite {
  doc: DesignationDocId;
  /** 第N条 */
  article?: number;
  /** 一、二、 … of a section-structured 通知 (the 2025 draft) */
  part?: number;
  /** (一)(二) … */
  item?: number;
  /** 1. 2. … */
  point?: number;
  /** false: not checked against the official text, or a value the text leaves to the region */
  verified?: false;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 13 → 十三, 21 → 二十一 (articles here stay below 100). */
export function numeral(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

/** `云医保〔2022〕6号 第十三条`, `吉医保规〔2023〕1号 第十四条(二)`, `自治区医保局〔2025〕征求意见稿 一(二)`. */
export function formatCite(c: Cite): string {
  let loc = '';
  if (c.article !== undefined) loc += `第${numeral(c.article)}条`;
  else if (c.part !== undefined) loc += numeral(c.part);
  if (c.item !== undefined) loc += `(${numeral(c.item)})`;
  if (c.point !== undefined) loc += String(c.point);
  return `${c.doc} ${loc}`.trim();
}

export const formatCites = (cs: readonly Cite[]): string => cs.map(formatCite).join('；');

export const art = (doc: DesignationDocId, article: number, item?: number, point?: number): Cite =>
  item === undefined ? { doc, article } : point === undefined ? { doc, article, item } : { doc, article, item, point };
