/**
 * The pull feed `GET /api/feeds/agreement-events?after=` (decision 0033): the outbox in id order
 * after a cursor. Who reads what:
 * - the system administrator: every event;
 * - agency and administrative-department users: events whose region code lies in their territory
 *   (events without a region are national and not theirs);
 * - an integration client by a subscription's bearer token: that subscription's topics and region prefix.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../context';
import { outboxAfter } from '../db/outbox-repo';
import { OUTBOX_GAP_GRACE_MS, firstYoungGap } from '../db/webhook-repo';
import { visiblePrefix } from '../domain/outbox/visible-prefix';
import { outboxEvents } from '../db/schema/index';
import { prefixLike } from '../db/territory';
import type { Scope } from '../domain/identity/territory';
import { eventView, type EventView } from './event-view';

export type FeedReader = { kind: 'scope'; scope: Scope } | { kind: 'subscription'; topics: readonly string[]; regionPrefix: string | null };

function readerWhere(r: FeedReader): SQL | undefined {
  if (r.kind === 'subscription') return r.regionPrefix ? prefixLike(outboxEvents.regionCode, r.regionPrefix) : undefined;
  switch (r.scope.kind) {
    case 'all':
      return undefined;
    case 'region':
      return prefixLike(outboxEvents.regionCode, r.scope.prefix);
    default:
      return sql`false`;
  }
}

export async function readFeed(ctx: AppContext, reader: FeedReader, after: number, limit: number): Promise<{ events: EventView[]; next: number }> {
  const topics = reader.kind === 'subscription' ? reader.topics : undefined;
  const where = readerWhere(reader);
  const rows = await outboxAfter(ctx.db, after, limit, where, topics);
  // never move a reader's cursor past an id that may still commit (see visiblePrefix)
  let safe = visiblePrefix(rows, after, ctx.clock.now(), OUTBOX_GAP_GRACE_MS);
  const last = rows.at(-1)?.id;
  if (last !== undefined && (where || topics?.length)) {
    // a filtered reader does not see the other rows' ids: look for a young gap among all of them
    const gap = await firstYoungGap(ctx.db, after, last, ctx.clock.now());
    safe = gap === undefined ? rows : rows.filter((r) => r.id < gap);
  }
  const events = safe.map(eventView);
  // the cursor moves past what was answered; an empty page keeps it where it was
  return { events, next: events.length ? events[events.length - 1]!.id : after };
}
