import { describe, expect, it } from 'vitest';
import { visiblePrefix } from './visible-prefix';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, s));
const now = at(59);

describe('visiblePrefix (the outbox cursor never skips a row still being committed)', () => {
  it('moves over contiguous ids at once', () => {
    expect(visiblePrefix([{ id: 5, occurredAt: at(58) }, { id: 6, occurredAt: at(58) }], 4, now, 30_000).map((r) => r.id)).toEqual([5, 6]);
  });
  it('stops before a young gap (id 6 may still commit) and passes it once the next row is older than the grace', () => {
    const rows = [{ id: 5, occurredAt: at(10) }, { id: 7, occurredAt: at(50) }];
    expect(visiblePrefix(rows, 4, now, 30_000).map((r) => r.id)).toEqual([5]);
    expect(visiblePrefix(rows, 4, at(81), 30_000).map((r) => r.id)).toEqual([5, 7]);
  });
  it('a gap right after the cursor holds everything while young', () => {
    expect(visiblePrefix([{ id: 9, occurredAt: at(58) }], 4, now, 30_000)).toEqual([]);
  });
});
