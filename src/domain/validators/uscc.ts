/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set
 * (0-9, A-Z without I, O, S, V, Z). Character 18 is a check character:
 * weights W_i = 3^(i-1) mod 31, C18 = 31 - (Σ C_i·W_i mod 31), with 31 written as '0'.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** The check character for the first 17 characters, or null if a character is outside the set. */
export function usccCheckChar(body17: string): string | null {
  if (body17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(body17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET[c === 31 ? 0 : c]!;
}

export type UsccProblem = 'length' | 'charset' | 'check';

/** Why a code is not a valid 统一社会信用代码, or null when it is. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!USCC_CHARSET.includes(ch)) return 'charset';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

export const isValidUscc = (code: string): boolean => usccProblem(code) === null;

export const usccMessage: Record<UsccProblem, string> = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码含有无效字符（只允许数字和除 I、O、S、V、Z 以外的大写字母）',
  check: '统一社会信用代码校验位错误',
};

/**
 * 组织机构代码 (GB 11714) check character for 8 characters (digits / A-Z): weights
 * 3,7,9,10,5,8,4,2; C9 = 11 - (Σ mod 11), 10 → 'X', 11 → '0'. Used to build realistic demo codes.
 */
export function orgCodeCheckChar(body8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i]!, 36) * w[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** A complete code from its 17-character body (for factories and the demo). */
export function withUsccCheck(body17: string): string {
  const c = usccCheckChar(body17);
  if (!c) throw new Error(`invalid USCC body: ${body17}`);
  return body17 + c;
}
