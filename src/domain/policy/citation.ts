import { DOCUMENTS, type DocId } from './documents';

/**
 * A citation is data, never free text: document + article (条) + clause (款) + item (项) + point (目).
 * Section-structured texts (通知: 一、(一)1.) use `part` instead of `article`.
 * `verified: false` marks a citation not checked against the official text (see policy README).
 */
export interface Citation {
  doc: DocId;
  article?: number;
  part?: number;
  clause?: number;
  item?: number;
  point?: number;
  /** a short quote of the cited words */
  text?: string;
  verified?: boolean;
  /** a pooling region's own document that sets the value this article delegates (decision 0031): its 文号 */
  localDoc?: string;
  /** the document is a county's 实施细则 (云医保〔2022〕6号 第三十三条; decision 0043), not the pooling region's */
  localCounty?: true;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 43 → 四十三, 101 → 一百零一. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`不支持的数字：${n}`);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  const head = `${DIGITS[Math.floor(n / 100)]}百`;
  if (rest === 0) return head;
  return rest < 10 ? `${head}零${DIGITS[rest]}` : `${head}${rest < 20 ? '一' : ''}${chineseNumeral(rest)}`;
}

/** The location inside the document: `第十二条(七)`, `第四十二条第二款(一)`, `三(三)`, `二(二)6`, `第十四条(二)3`. */
export function formatLocation(c: Omit<Citation, 'doc'>): string {
  let s = '';
  if (c.article !== undefined) s += `第${chineseNumeral(c.article)}条`;
  else if (c.part !== undefined) s += chineseNumeral(c.part);
  if (c.clause !== undefined) s += `第${chineseNumeral(c.clause)}款`;
  if (c.item !== undefined) s += `(${chineseNumeral(c.item)})`;
  if (c.point !== undefined) s += String(c.point);
  return s;
}

/** `京医保发〔2021〕30号 第十二条(七)`; a draft is labelled 草案; an unlocated citation says 条号待核. */
export function formatCitation(c: Citation): string {
  const doc = DOCUMENTS[c.doc];
  const name = doc.draft ? `${c.doc}（草案）` : c.doc;
  const loc = formatLocation(c);
  const base = loc ? `${name} ${loc}` : `${name}（条号待核）`;
  return c.localDoc ? `${base}；${c.localCounty ? '县（市、区）实施细则' : '统筹地区'} ${c.localDoc}` : base;
}
