/**
 * What a receiver checks (decision 0033): `X-Dingdian-Signature: sha256=<hex>` is the HMAC-SHA256,
 * keyed by the subscription's secret, of `<X-Dingdian-Timestamp>.<raw body>`. The timestamp inside
 * the signed text lets a receiver refuse old replays.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-dingdian-signature';
export const TIMESTAMP_HEADER = 'x-dingdian-timestamp';
export const EVENT_ID_HEADER = 'x-dingdian-event-id';
export const IDEMPOTENCY_HEADER = 'x-dingdian-idempotency-key';

export function signBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The webhook's HMAC key (shown once). */
export const newSecret = () => `whsec_${randomBytes(32).toString('hex')}`;
/** The pull feed's bearer token (shown once, stored hashed). */
export const newFeedToken = () => `ddfeed_${randomBytes(32).toString('hex')}`;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
