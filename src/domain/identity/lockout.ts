/**
 * Password-guessing throttle, counted in the database so that every node agrees.
 *
 * Keyed by account AND source (client address): failures from one source slow down that source
 * only, so nobody can lock a colleague out by typing wrong passwords for their username from
 * another desk (a fixed account lockout was a weapon — issue #8). The first FREE_FAILURES failures
 * within the window cost nothing; each further one doubles the wait before the next attempt from
 * that source is even looked at (right password included — otherwise the wait would not slow
 * guessing), from BASE_DELAY_MS up to MAX_DELAY_MS. A success clears the source's failures.
 *
 * The same policy guards the password re-entry when signing an agreement (key: the user and
 * 'signing'), where the user is already signed in.
 */
export const THROTTLE_WINDOW_MS = 60 * 60_000;
export const FREE_FAILURES = 3;
export const BASE_DELAY_MS = 15_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** How many recent failures the policy needs to see (enough to reach the longest delay). */
export const FAILURES_TO_READ = FREE_FAILURES + Math.ceil(Math.log2(MAX_DELAY_MS / BASE_DELAY_MS)) + 1;

export type ThrottleState = { throttled: false } | { throttled: true; retryAt: Date; failures: number };

/** The wait after `failures` failures in the window (0 while they are free). */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES));
}

/** `recent`: times of this key's failures, newest first. */
export function throttleState(recent: readonly Date[], now: Date): ThrottleState {
  const inWindow = recent.filter((t) => now.getTime() - t.getTime() < THROTTLE_WINDOW_MS);
  const wait = delayAfter(inWindow.length);
  if (wait === 0) return { throttled: false };
  const retryAt = new Date(inWindow[0]!.getTime() + wait);
  return retryAt > now ? { throttled: true, retryAt, failures: inWindow.length } : { throttled: false };
}

/** "HH:mm:ss" in China Standard Time, for the refusal message. */
export function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 19);
}

/** The refusal a throttled caller reads. */
export function throttleMessage(s: Extract<ThrottleState, { throttled: true }>, now: Date, what = '登录'): string {
  const seconds = Math.max(1, Math.ceil((s.retryAt.getTime() - now.getTime()) / 1000));
  const wait = seconds < 120 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
  return `${what}密码连续错误 ${s.failures} 次，请于 ${chinaTime(s.retryAt)}（约 ${wait}后）再试；其他电脑上的登录不受影响`;
}
