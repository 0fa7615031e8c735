/**
 * The transactional outbox (decision 0033): facts the settlement side follows, written in the
 * transaction of the change that caused them; read in id order by the feed and the deliverer.
 */
import { and, asc, gt, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from './client';
import { outboxEvents } from './schema/index';

export type OutboxRow = typeof outboxEvents.$inferSelect;
export type OutboxInsert = Omit<typeof outboxEvents.$inferInsert, 'id'>;

export async function insertOutbox(tx: Tx, rows: readonly OutboxInsert[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const out = await tx.insert(outboxEvents).values([...rows]).returning({ id: outboxEvents.id });
  return out.map((r) => r.id);
}

/**
 * The outbox rows and other writes of the step (`also`: statements ending in `RETURNING 1 AS n`, e.g.
 * its audit row as `auditInsertSql`) in one statement: each `also` runs as a CTE whether or not there
 * are rows. Answers the rows' ids.
 */
export async function insertOutboxWith(tx: Tx, rows: readonly OutboxInsert[], also: readonly SQL[]): Promise<number[]> {
  // plain SQL text, not drizzle's query builders: this is every engine step's last statement (decision 0058)
  const others = also.map((q, i) => sql`${sql.raw(`ob_also_${i}`)} AS (${q})`);
  if (rows.length === 0) {
    if (also.length === 1) await tx.execute(also[0]!);
    else if (also.length) await tx.execute(sql`WITH ${sql.join(others, sql`, `)} SELECT 1 AS n FROM ob_also_0`);
    return [];
  }
  const values = rows.map((r) => sql`(${r.topic}, ${r.caseType}, ${r.caseId}::uuid, ${r.institutionId ?? null}::uuid, ${r.regionCode ?? null}, ${JSON.stringify(r.payload)}::jsonb,
  ${r.idempotencyKey}, ${r.occurredAt.toISOString()}::timestamptz)`);
  const out = rowsOf<{ id: string | number }>(await tx.execute(sql`WITH ob_rows AS (
INSERT INTO outbox_events (topic, case_type, case_id, institution_id, region_code, payload, idempotency_key, occurred_at)
VALUES ${sql.join(values, sql`, `)}
RETURNING id)${others.length ? sql`, ${sql.join(others, sql`, `)}` : sql``}
SELECT id FROM ob_rows ORDER BY id`));
  return out.map((r) => Number(r.id));
}

/** The feed after a cursor, oldest first; `where` narrows (territory, topics). */
export async function outboxAfter(db: Db, after: number, limit: number, where?: SQL, topics?: readonly string[]): Promise<OutboxRow[]> {
  const conds = [gt(outboxEvents.id, after)];
  if (where) conds.push(where);
  if (topics && topics.length) conds.push(inArray(outboxEvents.topic, [...topics]));
  return db.select().from(outboxEvents).where(and(...conds)).orderBy(asc(outboxEvents.id)).limit(limit);
}

export async function outboxOfCase(db: Db, caseType: string, caseId: string): Promise<OutboxRow[]> {
  return db.select().from(outboxEvents).where(and(eq(outboxEvents.caseType, caseType), eq(outboxEvents.caseId, caseId))).orderBy(asc(outboxEvents.id));
}
