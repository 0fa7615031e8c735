/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence,
 * check character by ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11; value 10 is written 'X').
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckChar(body17: string): string | null {
  if (!/^\d{17}$/.test(body17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** True for a real calendar date written YYYY-MM-DD (or YYYYMMDD with `compact`). */
export function isValidDate(s: string, compact = false): boolean {
  const m = compact ? /^(\d{4})(\d{2})(\d{2})$/.exec(s) : /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

export type IdNumberProblem = 'format' | 'birth' | 'check';

/** Why a 身份证号 is invalid, or null. `today` (YYYY-MM-DD), if given, rejects future birth dates. */
export function idNumberProblem(id: string, today?: string): IdNumberProblem | null {
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return 'format';
  const birth = id.slice(6, 14);
  if (!isValidDate(birth, true) || birth < '19000101') return 'birth';
  if (today && `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}` > today) return 'birth';
  return idCheckChar(id.slice(0, 17)) === id[17] ? null : 'check';
}

export const isValidIdNumber = (id: string, today?: string): boolean => idNumberProblem(id, today) === null;

export const idNumberMessage: Record<IdNumberProblem, string> = {
  format: '身份证号应为18位（前17位数字，末位为数字或大写 X）',
  birth: '身份证号中的出生日期无效',
  check: '身份证号校验位错误',
};

/** 5301**********123X: the first 4 and last 4 characters stay visible. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** A complete number from its 17-digit body (for factories and the demo). */
export function withIdCheck(body17: string): string {
  const c = idCheckChar(body17);
  if (!c) throw new Error(`invalid ID body: ${body17}`);
  return body17 + c;
}
