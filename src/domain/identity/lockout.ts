/**
 * Login lockout policy (per account, counted in the database so that every node agrees):
 * after LOCKOUT_MAX_FAILURES failed attempts within LOCKOUT_WINDOW_MS, further attempts are
 * refused — even with the right password — until the oldest of those failures leaves the window.
 * Refused attempts are not counted, so a lockout lasts at most one window after the last failure.
 */
export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;

export type LockoutState = { locked: false } | { locked: true; retryAt: Date };

/** `recent`: times of failures inside the window, newest first. */
export function lockoutState(recent: readonly Date[], now: Date): LockoutState {
  const inWindow = recent.filter((t) => now.getTime() - t.getTime() < LOCKOUT_WINDOW_MS);
  if (inWindow.length < LOCKOUT_MAX_FAILURES) return { locked: false };
  // once the MAX-th newest failure leaves the window, fewer than MAX remain
  const pivot = inWindow[LOCKOUT_MAX_FAILURES - 1]!;
  return { locked: true, retryAt: new Date(pivot.getTime() + LOCKOUT_WINDOW_MS) };
}

/** "HH:mm" in China Standard Time, for the lockout message. */
export function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}
