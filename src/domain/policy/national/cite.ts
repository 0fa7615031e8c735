import type { Citation } from '../citation';

/**
 * Citations of the national orders. The orders are referred to, not reproduced, in the project:
 * article numbers of 令第2号 第五、六、七、九、十二条 and 令第3号 第五、六、八、十一条 are attested by
 * 吉医保规〔2023〕1号 第八至十三条, which cites them; 第八、十、十一条 follow from the same order of
 * articles (京医保发〔2021〕30号 repeats it). The dynamic-management articles (change, renewal,
 * suspension, notice) are not located: they carry the quoted requirement and `verified: false`.
 * Everything of 令第3号 is `verified: false` (policy README).
 */
export const BASE_FROM = '2021-02-01';

type Loc = Omit<Citation, 'doc'>;
export const ord2 = (article: number, loc: Omit<Loc, 'article'> = {}): Citation => ({
  doc: '国家医疗保障局令第2号', article, ...loc,
});
/** 令第2号, article not located in the project's texts */
export const ord2Unlocated = (text: string): Citation => ({ doc: '国家医疗保障局令第2号', text, verified: false });
export const ord3 = (article: number | undefined, loc: Omit<Loc, 'article'> = {}): Citation => ({
  doc: '国家医疗保障局令第3号', ...(article !== undefined ? { article } : {}), ...loc, verified: false,
});
