import type { OutboxRow } from '../db/outbox-repo';

/** One event as the feed answers it and a webhook posts it (the same shape in both). */
export interface EventView {
  id: number;
  topic: string;
  idempotencyKey: string;
  occurredAt: string;
  caseType: string;
  caseId: string;
  institutionId: string | null;
  regionCode: string | null;
  payload: unknown;
}

export function eventView(e: OutboxRow): EventView {
  return {
    id: e.id,
    topic: e.topic,
    idempotencyKey: e.idempotencyKey,
    occurredAt: e.occurredAt.toISOString(),
    caseType: e.caseType,
    caseId: e.caseId,
    institutionId: e.institutionId,
    regionCode: e.regionCode,
    payload: e.payload,
  };
}
