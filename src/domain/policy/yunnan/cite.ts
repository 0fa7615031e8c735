import type { Citation } from '../citation';

export const YN_FROM = '2022-03-01';
export const YN308_FROM = '2017-01-01';
/** 云医保〔2022〕6号 */
export const yn = (article: number, loc: Omit<Citation, 'doc' | 'article'> = {}): Citation => ({
  doc: '云医保〔2022〕6号', article, ...loc,
});
/** 云人社发〔2016〕308号 (sections 一、(一)) */
export const yn308 = (part: number, loc: Omit<Citation, 'doc' | 'part' | 'article'> = {}): Citation => ({
  doc: '云人社发〔2016〕308号', part, ...loc,
});
