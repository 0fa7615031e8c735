import type { Citation } from '../citation';

export const BJ_FROM = '2022-01-01';
export const bj = (article: number, loc: Omit<Citation, 'doc' | 'article'> = {}): Citation => ({
  doc: '京医保发〔2021〕30号', article, ...loc,
});
