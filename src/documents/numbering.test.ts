import { describe, expect, it } from 'vitest';
import { DEFAULT_TYPE_CODE, formatDocumentNumber, parseDocumentNumber } from './numbering';
import { articleLabel, chineseNumeral, formatChinaDate, formatChinaDateTime } from './text-format';

describe('document numbers (发文字号)', () => {
  it('formats 代字 + type code + 〔year〕 + serial + 号', () => {
    expect(formatDocumentNumber({ agencyShort: '昆医保', typeCode: '定受', year: 2025, serial: 12 })).toBe('昆医保定受〔2025〕12号');
    expect(
      formatDocumentNumber({ agencyShort: '京医保', typeCode: DEFAULT_TYPE_CODE.refusal_decision, year: 2026, serial: 1 }),
    ).toBe('京医保定不受〔2026〕1号');
  });
  it('parses its own output back', () => {
    expect(parseDocumentNumber('昆医保定受〔2025〕12号')).toEqual({ prefix: '昆医保定受', year: 2025, serial: 12 });
    expect(parseDocumentNumber('昆医保定受[2025]12号')).toBeNull();
    expect(parseDocumentNumber('昆医保定受〔2025〕012号')).toBeNull();
  });
  it('refuses bad parts with a Chinese message', () => {
    expect(() => formatDocumentNumber({ agencyShort: '', typeCode: '定受', year: 2025, serial: 1 })).toThrow('机关代字不能为空');
    expect(() => formatDocumentNumber({ agencyShort: '昆医保', typeCode: '定受', year: 2025, serial: 0 })).toThrow(/序号/);
    expect(() => formatDocumentNumber({ agencyShort: '昆医保', typeCode: '定〔受', year: 2025, serial: 1 })).toThrow(/〔〕/);
  });
  it('gives every kind a distinct default type code', () => {
    const codes = Object.values(DEFAULT_TYPE_CODE);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('Chinese text formatters', () => {
  it('writes dates as in official documents', () => {
    expect(formatChinaDate('2025-03-05')).toBe('2025年3月5日');
    expect(() => formatChinaDate('2025-02-30')).toThrow('日期不正确');
    expect(formatChinaDateTime('2025-12-31T16:05:00Z')).toBe('2026年1月1日 00:05（北京时间）');
  });
  it('writes article numbers in Chinese numerals', () => {
    expect([1, 10, 14, 20, 23, 100, 105, 110, 119].map(chineseNumeral)).toEqual([
      '一', '十', '十四', '二十', '二十三', '一百', '一百零五', '一百一十', '一百一十九',
    ]);
    expect(articleLabel(52)).toBe('第五十二条');
  });
});
