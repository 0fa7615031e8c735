import type { Citation } from '../citation';

export const JL_FROM = '2023-07-01';
export const jl = (article: number, loc: Omit<Citation, 'doc' | 'article'> = {}): Citation => ({
  doc: '吉医保规〔2023〕1号', article, ...loc,
});
