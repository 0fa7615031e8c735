/**
 * The node-postgres client of src/db/client.ts sends a transaction's BEGIN with the transaction's first
 * statement (decision 0049). What must not change: every statement of a transaction runs inside it, a
 * failure rolls everything back, the isolation level holds, and the pool's connections stay usable.
 * The same for the COMMIT sent with a transaction's last statement (decision 0058, `commitWithNext`).
 * PostgreSQL only (PGlite has no wire protocol): skipped without TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { commitWithNext, prepareNext, rowsOf } from './client';

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

  // decision 0058: the COMMIT sent in the same write as the transaction's last statement
  it('a statement marked last carries the COMMIT: one message for a one-statement transaction, committed when it answers', async () => {
    sent = 0;
    let seenBefore: number[] = [];
    await ctx.db.transaction(async (tx) => {
      commitWithNext(tx);
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${200})`);
      // already committed: another connection sees the row before drizzle's own COMMIT
      seenBefore = rowsOf<{ a: number }>(await ctx.db.execute(sql`SELECT a FROM deferred_begin_t WHERE a = 200`)).map((r) => r.a);
    });
    expect(sent).toBe(2); // BEGIN + INSERT + COMMIT in one; the reading SELECT on another connection
    expect(seenBefore).toEqual([200]);
    expect(await rows()).toContain(200);
  });

  it('the same last statement, step after step, commits each time and is prepared once per connection under a name from its text', async () => {
    for (let i = 0; i < 8; i++) {
      await ctx.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${600 + i})`); // with the BEGIN
        commitWithNext(tx);
        await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${500 + i})`); // with the COMMIT
      });
    }
    expect((await rows()).filter((a) => a >= 500 && a < 700)).toEqual([500, 501, 502, 503, 504, 505, 506, 507, 600, 601, 602, 603, 604, 605, 606, 607]);
    // the pool hands back the connection released last: the statement is prepared there
    const [p] = rowsOf<{ n: number }>(await ctx.db.execute(sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'dd_last_%'`));
    expect(p!.n).toBeGreaterThanOrEqual(1);
  });

  it('a last statement that fails skips its COMMIT: everything before it is rolled back and the error is the statement\'s', async () => {
    sent = 0;
    const err = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${201})`);
      commitWithNext(tx);
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${200})`); // duplicate key
    }).catch((e: unknown) => e);
    expect(String((err as { cause?: unknown }).cause ?? err)).toMatch(/duplicate key/);
    expect(sent).toBe(3); // the first INSERT (with BEGIN), the second (with COMMIT, skipped), ROLLBACK
    expect(await rows()).not.toContain(201);
    // the pool's connections serve the next transaction, which commits the normal way
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${202})`);
    });
    expect(await rows()).toContain(202);
  });

  it('a COMMIT that fails fails the last statement with the COMMIT\'s error, and nothing is kept', async () => {
    await ctx.db.execute(sql`CREATE TABLE deferred_commit_t (a int UNIQUE DEFERRABLE INITIALLY DEFERRED)`);
    const err = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO deferred_commit_t VALUES (${1})`);
      commitWithNext(tx);
      // the duplicate is only checked at COMMIT (deferred constraint)
      await tx.execute(sql`INSERT INTO deferred_commit_t VALUES (${1})`);
    }).catch((e: unknown) => e);
    expect(String((err as { cause?: unknown }).cause ?? err)).toMatch(/duplicate key/);
    expect(rowsOf(await ctx.db.execute(sql`SELECT a FROM deferred_commit_t`))).toEqual([]);
  });

  it('a statement after the one that carried the COMMIT is refused (it would run outside the transaction)', async () => {
    const err = await ctx.db.transaction(async (tx) => {
      commitWithNext(tx);
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${203})`);
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${204})`);
    }).catch((e: unknown) => e);
    expect(String((err as { cause?: unknown }).cause ?? err)).toMatch(/already committed/);
    const now = await rows();
    expect(now).toContain(203); // committed with its statement
    expect(now).not.toContain(204);
  });

  it('concurrent transactions ending with a COMMIT-carrying statement each commit their own', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${300 + i})`);
      if (i % 3 === 0) tx.rollback();
      commitWithNext(tx);
      await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${400 + i})`);
    }).catch(() => undefined)));
    const now = await rows();
    expect(now.filter((a) => a >= 300 && a < 400)).toHaveLength(20);
    expect(now.filter((a) => a >= 400 && a < 500)).toHaveLength(20);
  });

  it('a statement marked prepareNext is prepared on its connection under its text\'s name, with or without the BEGIN riding along; an unmarked one is not (decision 0059)', async () => {
    const prepared = async (tx: Parameters<Parameters<typeof ctx.db.transaction>[0]>[0]) => rowsOf<{ name: string; statement: string }>(
      await tx.execute(sql`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'dd_prep_%'`));
    for (const a of [800, 801]) {
      await ctx.db.transaction(async (tx) => {
        prepareNext(tx); // the transaction's first statement: its BEGIN rides with it
        await tx.execute(sql`INSERT INTO deferred_begin_t VALUES (${a})`);
        prepareNext(tx); // a later one
        await tx.execute(sql`UPDATE deferred_begin_t SET a = a WHERE a = ${a}`);
        await tx.execute(sql`DELETE FROM deferred_begin_t WHERE a = ${-a}`); // not marked
        const names = await prepared(tx);
        // the same text on this connection is one statement, whichever transaction prepared it
        expect(names.filter((n) => n.statement.startsWith('INSERT INTO deferred_begin_t'))).toHaveLength(1);
        expect(names.filter((n) => n.statement.startsWith('UPDATE deferred_begin_t'))).toHaveLength(1);
        expect(names.some((n) => n.statement.startsWith('DELETE'))).toBe(false);
      });
    }
    expect((await rows()).filter((a) => a >= 800 && a < 900)).toEqual([800, 801]);
  });
});
