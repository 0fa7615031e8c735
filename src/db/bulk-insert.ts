/**
 * Bulk INSERT of many rows inside the caller's transaction (registry import, issue #9, decision 0029).
 *
 * On PostgreSQL the rows are streamed with `COPY … FROM STDIN` (text format) on the transaction's own
 * connection: no statement of thousands of bind parameters to build and parse, one round trip per
 * table and batch. On PGlite (no COPY from a client stream) they are written as multi-row INSERTs in
 * chunks that fit the parameter limit. Either way the rows land in the same transaction, triggers and
 * constraints apply as usual.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import type { Tx } from './client';

/** The node-postgres connection under a drizzle transaction, or undefined (PGlite). */
export function pgClientOf(tx: Tx): PoolClient | undefined {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client as { query?: unknown; release?: unknown } | undefined;
  // a PGlite session's client has no release(); node-postgres' pool client does
  return client && typeof client.query === 'function' && typeof client.release === 'function' ? (client as PoolClient) : undefined;
}

/** One value in COPY's text format. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

type Col = { name: string; mapToDriverValue(v: unknown): unknown };

/**
 * Inserts `rows` into `table`. Columns are those the first row sets (a key left undefined takes the
 * column's default, as with drizzle's insert); every row must set the same keys.
 */
export async function bulkInsert<T extends PgTable>(tx: Tx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (!rows.length) return;
  const client = pgClientOf(tx);
  if (!client) {
    const cols = Object.keys(rows[0] as object).length || 1;
    const chunk = Math.max(1, Math.floor(30_000 / cols));
    for (let i = 0; i < rows.length; i += chunk) await tx.insert(table).values(rows.slice(i, i + chunk) as never);
    return;
  }
  const all = getTableColumns(table) as unknown as Record<string, Col>;
  const keys = Object.keys(rows[0] as object).filter((k) => (rows[0] as Record<string, unknown>)[k] !== undefined);
  const cols = keys.map((k) => {
    const c = all[k];
    if (!c) throw new Error(`bulkInsert: ${k} is not a column`);
    return c;
  });
  const tableName = (table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')]!;
  const lines = function* () {
    let buf = '';
    for (const r of rows as Record<string, unknown>[]) {
      let line = '';
      for (let i = 0; i < keys.length; i++) {
        const v = r[keys[i]!];
        if (v === undefined) throw new Error(`bulkInsert: ${tableName}.${keys[i]} missing on a row`);
        line += (i ? '\t' : '') + copyText(v === null ? null : cols[i]!.mapToDriverValue(v));
      }
      buf += `${line}\n`;
      if (buf.length > 64 * 1024) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  };
  const stream = client.query(copyFrom(`COPY "${tableName}" (${cols.map((c) => `"${c.name}"`).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(lines()), stream);
}
