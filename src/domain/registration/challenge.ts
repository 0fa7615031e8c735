/**
 * The challenge against scripted sign-ups (decision 0027): a server-issued proof of work
 * (hashcash). The server hands out a random challenge with a difficulty; the page's script finds
 * a nonce such that SHA-256("<id>:<salt>:<nonce>") begins with `bits` zero bits; the server checks
 * it once (single use, expiring). No outside service, no image a screen reader cannot read.
 * Pure: the caller supplies the digest function (node:crypto on the server, WebCrypto in the page).
 */
export const CHALLENGE_TTL_MS = 10 * 60_000;
export const DEFAULT_POW_BITS = 18;

export const challengeText = (id: string, salt: string, nonce: string) => `${id}:${salt}:${nonce}`;

/** How many leading zero bits a digest has. */
export function leadingZeroBits(digest: Uint8Array): number {
  let n = 0;
  for (const byte of digest) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

export type ChallengeProblem = 'missing' | 'expired' | 'used' | 'wrong';
export const challengeMessage: Record<ChallengeProblem, string> = {
  missing: '人机验证已失效，请刷新页面重新验证',
  expired: '人机验证已过期，请重新验证',
  used: '人机验证已使用过，请重新验证',
  wrong: '人机验证未通过，请重新验证',
};
