import { describe, expect, it } from 'vitest';

import { buildSearchTokens, nameBigrams, queryTokens, regionTokens } from './search-tokens';

describe('nameBigrams', () => {
  it('gives the distinct character bigrams of a Chinese name', () => {
    expect(nameBigrams('昆明市第一人民医院')).toEqual(['昆明', '明市', '市第', '第一', '一人', '人民', '民医', '医院']);
    expect(nameBigrams('人民人民')).toEqual(['人民', '民人']);
  });

  it('mixes Chinese and ASCII, lower-cased, without whitespace', () => {
    expect(nameBigrams('ABC 大药房')).toEqual(['ab', 'bc', 'c大', '大药', '药房']);
  });

  it('normalises full-width letters, digits and brackets (NFKC)', () => {
    expect(nameBigrams('益丰大药房（Ａ１店）')).toEqual(nameBigrams('益丰大药房(a1店)'));
    expect(nameBigrams('Ａ１')).toEqual(['a1']);
  });

  it('gives nothing for a single character', () => {
    expect(nameBigrams('院')).toEqual([]);
    expect(queryTokens('院')).toEqual([]);
  });

  it('counts supplementary-plane characters as one character', () => {
    expect(nameBigrams('𠀋村')).toEqual(['𠀋村']);
  });
});

describe('regionTokens', () => {
  it('gives the province, prefecture and county tokens of a county code', () => {
    expect(regionTokens('530102')).toEqual(['r:53', 'r:5301', 'r:530102']);
  });
});

describe('buildSearchTokens / queryTokens', () => {
  it('puts name bigrams and region tokens in one array', () => {
    expect(buildSearchTokens('五华区人民医院', '530102')).toEqual([
      '五华', '华区', '区人', '人民', '民医', '医院', 'r:53', 'r:5301', 'r:530102',
    ]);
  });

  it('a query matches when its tokens are contained in the row tokens', () => {
    const row = new Set(buildSearchTokens('一心堂大药房（人民中路店）', '530102'));
    for (const q of ['药房', '大药房', '人民中路', '（人民']) {
      expect(queryTokens(q).every((t) => row.has(t)), q).toBe(true);
    }
    expect(queryTokens('医院').every((t) => row.has(t))).toBe(false);
  });
});
