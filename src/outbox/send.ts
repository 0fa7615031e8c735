/**
 * One signed POST to a subscriber. Never throws: the outcome (status or error) is what the
 * deliverer records. The request is cut off after `timeoutMs` (a hanging receiver must not hold
 * the lease past its end) and redirects are not followed (the signed URL is the one registered).
 */
import { EVENT_ID_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody } from './sign';

export interface SendOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/**
 * `now` stamps X-Dingdian-Timestamp: the real time even on a training deployment's simulated clock
 * (callers pass sessionClock(ctx.clock)), so that a receiver's freshness check holds.
 */
export async function postSigned(
  url: string,
  secret: string,
  ids: { eventId: string; idempotencyKey: string },
  body: string,
  now: Date,
  timeoutMs: number,
): Promise<SendOutcome> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  try {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'dingdian-outbox/1',
        [EVENT_ID_HEADER]: ids.eventId,
        [IDEMPOTENCY_HEADER]: ids.idempotencyKey,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signBody(secret, timestamp, body),
      },
      body,
    });
    // drain the body so the connection is released; its content is not needed
    await res.arrayBuffer().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, error: ok ? null : `HTTP ${res.status}` };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const msg = err.name === 'TimeoutError' ? `超时（${timeoutMs} 毫秒）` : `${err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`;
    return { ok: false, status: null, error: msg.slice(0, 500) };
  }
}
