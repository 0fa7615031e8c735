import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isValidUscc, usccCheckChar, usccProblem, withUsccCheck, orgCodeCheckChar, USCC_CHARSET } from './uscc';
import { idNumberProblem, isValidIdNumber, maskIdNumber, withIdCheck, isValidDate } from './id-number';
import { isValidPhone, isValidYbCode } from './codes';
import { zDate, zIdNumber, zOptPhone, zText, zUscc, zEnum } from './schemas';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts a published code', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });
  it('rejects a wrong check character, a changed body, bad length and forbidden letters', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('check');
    expect(usccProblem('91350100M000200Y43')).toBe('check');
    expect(usccProblem('91350100M000100Y4')).toBe('length');
    expect(usccProblem('91350100M000100I43')).toBe('charset'); // I is not in the set
    expect(usccProblem('91350100m000100Y43')).toBe('charset'); // lower case
  });
  it("maps a remainder of 0 to check character '0'", () => {
    // find a body whose weighted sum is ≡ 0 (mod 31): then 31 - 0 = 31 → '0'
    const base = '1253010200000000';
    const body = [...USCC_CHARSET].map((c) => base + c).find((b) => usccCheckChar(b) === '0')!;
    expect(body).toBeDefined();
    expect(isValidUscc(`${body}0`)).toBe(true);
    expect(isValidUscc(`${body}1`)).toBe(false);
  });
  it('every corrupted single character is caught', () => {
    const good = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const c of USCC_CHARSET) {
        if (c === good[i]) continue;
        expect(isValidUscc(good.slice(0, i) + c + good.slice(i + 1))).toBe(false);
      }
    }
  });
  it('builds codes with withUsccCheck and GB 11714 organisation-code checks', () => {
    expect(isValidUscc(withUsccCheck('12530102MB0123456'))).toBe(true);
    expect(orgCodeCheckChar('D2143569')).toBe('X'); // a classic example: D2143569-X
  });
});

describe('身份证号 (GB 11643-1999)', () => {
  it('accepts valid numbers incl. check X', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(false); // born 1880: before 1900
    expect(isValidIdNumber(withIdCheck('53010219850615123'))).toBe(true);
  });
  it('rejects a wrong check digit, an impossible birth date, bad format', () => {
    expect(idNumberProblem('110105194912310021')).toBe('check');
    expect(idNumberProblem(withIdCheck('53010219851315123'))).toBe('birth'); // month 13
    expect(idNumberProblem(withIdCheck('53010219850230123'))).toBe('birth'); // 30 Feb
    expect(idNumberProblem('5301021985061512')).toBe('format');
    expect(idNumberProblem('11010519491231002x')).toBe('format'); // lower-case x (the zod schema upper-cases first)
    expect(idNumberProblem(withIdCheck('53010220300615123'), '2025-09-25')).toBe('birth'); // in the future
  });
  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('53010219850615123X')).toBe('5301**********123X');
  });
  it('checks calendar dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('2025-13-01')).toBe(false);
    expect(isValidDate('2025-1-01')).toBe(false);
  });
});

describe('医保编码 and phone', () => {
  it('医保 codes: H/P + 6-digit 区划 + 5-digit serial', () => {
    expect(isValidYbCode('H53010200001')).toBe(true);
    expect(isValidYbCode('P53019900012')).toBe(true);
    expect(isValidYbCode('X53010200001')).toBe(false);
    expect(isValidYbCode('H5301020001')).toBe(false);
  });
  it('phones: mobile, landline, service numbers', () => {
    for (const p of ['13812345678', '+86 13812345678', '0871-65123456', '010-62345678', '087165123456', '0871-6512345-801', '12345'])
      expect(isValidPhone(p), p).toBe(true);
    for (const p of ['12812345678', '1381234567', 'abc', '0871-0123456', '<script>']) expect(isValidPhone(p), p).toBe(false);
  });
});

describe('zod schemas carry Chinese messages', () => {
  const msg = (s: z.ZodType, v: unknown) => {
    const r = s.safeParse(v);
    return r.success ? null : r.error.issues[0]!.message;
  };
  it('names the field', () => {
    expect(msg(zUscc(), '91350100M000100Y44')).toBe('统一社会信用代码校验位错误');
    expect(zUscc().parse(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(msg(zIdNumber('法定代表人身份证号'), '110105194912310021')).toBe('法定代表人身份证号：身份证号校验位错误');
    expect(msg(zDate('成立日期'), '2025-13-01')).toBe('成立日期应为有效日期（YYYY-MM-DD）');
    expect(msg(zText('机构名称', 5), '一二三四五六')).toBe('机构名称不能超过5个字符');
    expect(msg(zText('机构名称', 5), undefined)).toBe('机构名称为必填项');
    expect(msg(zEnum(['a', 'b'] as const, '类型', { a: '甲', b: '乙' }), 'c')).toBe('类型取值无效：甲、乙');
    expect(zOptPhone().parse('')).toBeNull();
    expect(msg(zOptPhone(), '123')).toContain('联系电话格式错误');
  });
});
