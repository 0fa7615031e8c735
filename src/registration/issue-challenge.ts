/**
 * Hands out a proof-of-work challenge for the public registration form (decision 0027): random,
 * single use, valid for ten minutes; its difficulty comes from REGISTRATION_POW_BITS.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../context';
import { CHALLENGE_TTL_MS, challengeMessage, challengeText, leadingZeroBits, type ChallengeProblem } from '../domain/registration/challenge';
import { consumeChallenge, findChallenge, insertChallenge, isUuid } from '../db/registration-repo';
import type { Tx } from '../db/client';
import { AppError } from '../domain/errors';
import { sessionClock } from '../domain/clock/clock';

export async function issueChallenge(ctx: AppContext) {
  const now = sessionClock(ctx.clock).now();
  const row = await insertChallenge(ctx.db, {
    salt: randomBytes(16).toString('hex'), bits: ctx.config.REGISTRATION_POW_BITS, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
  }, now);
  return { id: row.id, salt: row.salt, bits: row.bits, expiresAt: row.expiresAt.toISOString() };
}

/** Checks the answer and uses the challenge up, inside the caller's transaction; 400 naming the problem otherwise. */
export async function redeemChallenge(ctx: AppContext, tx: Tx, answer: { id: string; nonce: string }): Promise<void> {
  const now = sessionClock(ctx.clock).now();
  const fail = (p: ChallengeProblem) => new AppError('INVALID_INPUT', challengeMessage[p], { field: 'challenge' });
  const row = isUuid(answer.id) ? await findChallenge(tx, answer.id) : null;
  if (!row) throw fail('missing');
  if (row.usedAt) throw fail('used');
  if (row.expiresAt.getTime() <= now.getTime()) throw fail('expired');
  const digest = createHash('sha256').update(challengeText(row.id, row.salt, answer.nonce)).digest();
  if (leadingZeroBits(digest) < row.bits) throw fail('wrong');
  if (!(await consumeChallenge(tx, row.id, now))) throw fail('used');
}
