/**
 * The node-postgres client of src/db/client.ts sends a transaction's BEGIN with the transaction's first
 * statement (decision 0049). What must not change: every statement of a transaction runs inside it, a
 * failure rolls everything back, the isolation level holds, and the pool's connections stay usable.
 * PostgreSQL only (PGlite has no wire protocol): skipped without TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { rowsOf } from './client';

describe.skipIf(!process.env.TEST_DATABASE_URL)('a transaction\'s BEGIN sent with its first statement (PostgreSQL)', () => {
  let ctx: TestContext;
  let sent = 0;
  const original = pg.Client.prototype.query;
  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.db.execute(sql`CREATE TABLE deferred_begin_t (a int PRIMARY KEY)`);
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      sent++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  });
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await ctx.close();
  });
  const rows = async () => rowsOf<{ a: number }>(await ctx.db.execute(sql`SELECT a FROM deferred_begin_t ORDER BY a`)).map((r) => r.a);

  it('the first statement already runs inside the transaction, and BEGIN costs no message of its own', async () => {
    sent = 0;
    await ctx.db.transaction(async (tx) => {
      const [first] = rowsOf<{ intx: boolean; begun: boolean }>(await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${1})
        RETURNING txid_current_if_assigned() IS NOT NULL AS intx, now() < statement_timestamp() AS begun`));
      expect(first).toEqual({ intx: true, begun: true });
      const [second] = rowsOf<{ level: string }>(await tx.execute(sql`SELECT current_setting('transaction_isolation') AS level`));
      expect(second!.level).toBe('read committed');
    });
    expect(sent).toBe(3); // INSERT (with its BEGIN), SELECT, COMMIT
    expect(await rows()).toEqual([1]);
  });

  it('a failure after the first statement rolls the first statement back', async () => {
    await expect(ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${2})`);
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${1})`); // duplicate key
    })).rejects.toThrow();
    expect(await rows()).toEqual([1]);
  });

  it('a failing first statement fails the transaction, and the connection serves the next one', async () => {
    await expect(ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${1})`);
    })).rejects.toThrow();
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${3})`);
    });
    expect(await rows()).toEqual([1, 3]);
  });

  it('an isolation level asked for is the transaction\'s', async () => {
    await ctx.db.transaction(async (tx) => {
      const [r] = rowsOf<{ level: string }>(await tx.execute(sql`SELECT current_setting('transaction_isolation') AS level`));
      expect(r!.level).toBe('serializable');
    }, { isolationLevel: 'serializable' });
  });

  it('a transaction without a statement sends nothing; a multi-statement first text still runs inside the transaction', async () => {
    sent = 0;
    await ctx.db.transaction(async () => {});
    expect(sent).toBe(0);
    await expect(ctx.db.transaction(async (tx) => {
      await tx.execute(sql.raw('INSERT INTO deferred_begin_t VALUES (5); INSERT INTO deferred_begin_t VALUES (6)'));
      throw new Error('abandon');
    })).rejects.toThrow('abandon');
    expect(await rows()).toEqual([1, 3]);
  });

  it('concurrent transactions each keep their own statements', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${100 + i})`);
      if (i % 3 === 0) tx.rollback();
    }).catch(() => undefined)));
    expect((await rows()).filter((a) => a >= 100)).toHaveLength(20);
  });
});
