/**
 * The transactional outbox (decision 0033): facts the settlement side follows, written in the
 * transaction of the change that caused them; read in id order by the feed and the deliverer.
 */
import { and, asc, gt, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
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
  const others = also.map((q, i) => tx.$with(`ob_also_${i}`, { n: sql<number>`n` }).as(q));
  if (rows.length === 0) {
    if (others.length === 1) await tx.execute(also[0]!);
    else if (others.length) await tx.with(...others).select({ n: sql<number>`1` }).from(others[0]!);
    return [];
  }
  const ins = tx.$with('ob_rows').as(tx.insert(outboxEvents).values([...rows]).returning({ id: outboxEvents.id }));
  const out = await tx.with(ins, ...others).select({ id: ins.id }).from(ins);
  return out.map((r) => r.id).sort((a, b) => a - b);
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
