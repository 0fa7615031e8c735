/**
 * When to try a failed delivery again: exponential backoff with "equal jitter" (half fixed, half
 * random), so that a receiver coming back after an outage is not hit by every node at the same
 * second, and never later than `maxMs`. Pure: the caller passes the random number.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, rand: number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * Math.min(1, Math.max(0, rand)));
}
