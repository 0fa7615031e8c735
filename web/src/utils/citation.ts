import type { Citation } from '../api/types';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..999 as legal texts write them: 6 → 六, 12 → 十二, 35 → 三十五, 105 → 一百零五. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 1000) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let s = '';
  if (h) s += `${DIGITS[h]}百`;
  if (t) s += `${h === 0 && t === 1 ? '' : DIGITS[t]}十`;
  else if (h && u) s += '零';
  if (u) s += DIGITS[u];
  return s;
}

/**
 * "京医保发〔2021〕30号 第六条(一)". The server normally sends `label`
 * (src/domain/policy/citation.ts formats it); this is the fallback.
 */
export function formatCitation(c: Citation | string | null | undefined): string {
  if (!c) return '';
  if (typeof c === 'string') return c;
  if (c.label) return c.label;
  let loc = '';
  if (c.article != null) loc += `第${toChineseNumeral(c.article)}条`;
  else if (c.part != null) loc += toChineseNumeral(c.part);
  if (c.clause != null) loc += `第${toChineseNumeral(c.clause)}款`;
  if (c.item != null) loc += `(${toChineseNumeral(c.item)})`;
  if (c.point != null) loc += String(c.point);
  return loc ? `${c.doc} ${loc}` : c.doc;
}
