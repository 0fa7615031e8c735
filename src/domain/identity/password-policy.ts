import { COMMON_PASSWORDS } from './common-passwords';

/**
 * The password policy for every password a person chooses (issue #9): at least 10 characters,
 * not one of the common passwords shipped with the project, not the username (nor the username
 * with a few digits around it), and not a single repeated character. Length, not character
 * classes: NIST SP 800-63B §5.1.1.2 advises against composition rules, and a clerk's long
 * pinyin phrase is stronger than `Aa1!aaaa`.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** What is wrong with `password` for `username`, in Chinese, one message per problem; [] when fine. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`);
  const lower = password.toLowerCase();
  const user = username.trim().toLowerCase();
  if (user && (lower === user || lower.replace(/^\d+|\d+$/g, '') === user)) problems.push('密码不能与用户名相同');
  else if (COMMON_PASSWORDS.has(lower)) problems.push('密码过于常见，容易被猜中，请换一个');
  else if (length > 0 && new Set(lower).size === 1) problems.push('密码不能由同一个字符重复组成');
  return problems;
}
