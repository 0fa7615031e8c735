/**
 * A real HTTP receiver on loopback for the outbox tests (decision 0033): records every request,
 * checks its signature the way a subscriber would, and answers what the test tells it to.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Received {
  eventId: string;
  idempotencyKey: string;
  timestamp: string;
  signatureValid: boolean;
  body: { id: number; topic: string; caseId: string; idempotencyKey: string; [k: string]: unknown };
  status: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** the HMAC key the receiver checks with (set after the subscription is created) */
  secret: string;
  /** the status to answer; default 200 */
  respond: (body: Received['body'], nth: number) => number;
  /** delay before answering, milliseconds (a slow receiver) */
  delayMs: number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const r: Receiver = { url: '', received: [], secret: '', respond: () => 200, delayMs: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-dingdian-timestamp'] ?? '');
      const given = Buffer.from(String(req.headers['x-dingdian-signature'] ?? ''));
      const want = Buffer.from(`sha256=${createHmac('sha256', r.secret).update(`${timestamp}.${raw}`).digest('hex')}`);
      const body = JSON.parse(raw) as Received['body'];
      const status = r.respond(body, r.received.filter((x) => x.body.id === body.id).length);
      r.received.push({
        eventId: String(req.headers['x-dingdian-event-id'] ?? ''),
        idempotencyKey: String(req.headers['x-dingdian-idempotency-key'] ?? ''),
        timestamp,
        signatureValid: given.length === want.length && timingSafeEqual(given, want),
        body,
        status,
      });
      const answer = () => {
        res.statusCode = status;
        res.end(status < 300 ? 'ok' : 'error');
      };
      if (r.delayMs) setTimeout(answer, r.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return r;
}
