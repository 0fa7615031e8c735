/**
 * Outbox ids come from an identity column: a transaction that took id 10 may commit after another
 * that took id 11. A reader that moved its cursor past 11 as soon as it saw it would never see 10.
 * So a cursor only moves over a gap in the ids once the row after the gap is older than `graceMs`:
 * by then the missing id belonged to a transaction that rolled back (identity values are not reused)
 * — the engine's transactions last milliseconds. Pure; used by the fan-out and the pull feed.
 */
export function visiblePrefix<T extends { id: number; occurredAt: Date }>(rows: readonly T[], after: number, now: Date, graceMs: number): T[] {
  const out: T[] = [];
  let expected = after + 1;
  for (const r of rows) {
    if (r.id !== expected && now.getTime() - r.occurredAt.getTime() < graceMs) break;
    out.push(r);
    expected = r.id + 1;
  }
  return out;
}
