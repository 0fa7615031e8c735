import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index';
import { acquireDirLock, type DirLock } from './dir-lock';

export type Schema = typeof schema;
/** One type for both drivers: PGlite (embedded) and node-postgres. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, Schema, any>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The rows of a raw `db.execute(sql…)`: drizzle answers `{ rows }` on both drivers (PGlite and node-postgres). */
export function rowsOf<T>(res: unknown): T[] {
  return (res as { rows: T[] }).rows;
}

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** raw SQL, for the benchmark baselines and admin tools */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * LISTEN on `channel` (decision 0049): `onNotify` for every notification, delivered after its writer
   * committed; `onState(false)` as soon as notifications may be missed (the listening connection is lost —
   * the caller must then stop trusting what it cached) and `onState(true)` once listening (again). On
   * PostgreSQL a dedicated connection outside the pool, reconnecting with backoff; on PGlite the one
   * connection (its notifications arrive before the writing statement's promise resolves). close() ends it.
   */
  listen(channel: string, onNotify: (payload: string) => void, onState: (listening: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A LISTEN channel name: plain identifiers only (it is spliced into the statement). */
const channelName = (channel: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  return channel;
};

export const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface OpenOptions {
  /** postgres://… ; undefined = PGlite */
  url?: string;
  /** PGlite data folder; 'memory://' for an in-memory database (tests) */
  dataDir?: string;
  migrate?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const database = opts.url ? await openPostgres(opts.url) : await openPglite(opts.dataDir ?? 'memory://');
  if (opts.migrate !== false) await runMigrations(database);
  return database;
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let lock: DirLock | undefined;
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(dataDir, { recursive: true });
    // PGlite has no lock of its own: two processes on one folder silently lose writes.
    lock = acquireDirLock(dataDir);
  }
  try {
    const client = new PGlite(dataDir.startsWith('memory://') ? undefined : path.join(dataDir, 'pglite'));
    await client.waitReady;
    const db = drizzle({ client, schema }) as unknown as Db;
    return {
      db,
      driver: 'pglite',
      query: async (text, params) => (await client.query(text, params)).rows as never[],
      listen: async (channel, onNotify, onState) => {
        const unlisten = await client.listen(channelName(channel), onNotify);
        onState(true);
        return async () => {
          onState(false);
          await unlisten();
        };
      },
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

/**
 * The connection pool's size unless PG_POOL_MAX says otherwise: 4 per core of this host, at least 4 (decision 0059).
 * More connections than the database's cores can run only wait on one another's row locks and the WAL while holding
 * theirs: on 2 cores, 8 connections carried more lifecycle steps at 16 and 64 clients than 20 did, with a lower p99.
 */
export const defaultPoolSize = (): number => Math.max(4, 4 * os.availableParallelism());

async function openPostgres(url: string): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.default.Pool({ connectionString: url, max: Number(process.env.PG_POOL_MAX ?? defaultPoolSize()), Client: deferredBeginClient(pg.default) });
  // a client goes back to the pool with no BEGIN still waiting for a statement to ride on
  pool.on('release', (_err: unknown, client: unknown) => (client as { dropDeferredBegin?: () => void }).dropDeferredBegin?.());
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  const listeners = new Set<ReturnType<typeof listenPostgres>>();
  return {
    db,
    driver: 'postgres',
    query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
    listen: async (channel, onNotify, onState) => {
      const listener = listenPostgres(pg.default, url, channelName(channel), onNotify, onState);
      listeners.add(listener);
      await listener.ready;
      return async () => {
        listeners.delete(listener);
        await listener.stop();
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((l) => l.stop()));
      await pool.end();
    },
  };
}

/**
 * Marks the transaction `tx` so that its next statement carries the COMMIT (decision 0058): the statement
 * and a COMMIT go out in one write and come back in one round trip, and the transaction's own `commit`
 * later answers at once. Only for the step's LAST statement, when nothing after it may still decide to
 * roll back: once that statement answered, the transaction has committed. A failure of the statement
 * skips the COMMIT (the transaction is left aborted and rolled back as before); a failure of the COMMIT
 * fails the statement with the COMMIT's error. A no-op on PGlite (no messages) and outside a transaction.
 */
export function commitWithNext(tx: Db | Tx): void {
  const client = (tx as unknown as { session?: { client?: { commitWithNext?: () => void } } }).session?.client;
  if (client && typeof client.commitWithNext === 'function') client.commitWithNext();
}

/**
 * Marks the transaction `tx` so that its next statement is sent as a named prepared statement, named after its
 * text (decision 0059): PostgreSQL parses and plans it once per connection instead of on every step. For a hot
 * statement whose TEXT repeats step after step (a case type's version-checked save with its serials) — never for
 * a statement whose text varies with its data, which would leave one prepared statement per variant on every
 * pooled connection. A no-op on PGlite and outside a transaction, like `commitWithNext`.
 */
export function prepareNext(tx: Db | Tx): void {
  const client = (tx as unknown as { session?: { client?: { prepareNext?: () => void } } }).session?.client;
  if (client && typeof client.prepareNext === 'function') client.prepareNext();
}

/** The name a statement is prepared under: its text's hash, so that the same text on one connection is parsed once. */
const preparedName = (prefix: string, text: string) => `${prefix}${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;

/**
 * A node-postgres Client whose transaction's BEGIN travels with the transaction's first statement
 * (decision 0049) and whose COMMIT can travel with its last (decision 0058, `commitWithNext`): one
 * message and one round trip fewer each. drizzle sends `begin`, awaits it, then the first statement;
 * here `begin` answers at once and is remembered, and the next statement is sent as Parse/Bind/Execute
 * of the BEGIN followed by its own messages and one Sync — one write, one round trip. PostgreSQL runs
 * them in order: the BEGIN opens the transaction block, the statement runs in it; an error in either
 * fails the statement (and drizzle rolls back, as before). The BEGIN's own completion is not reported
 * as a second result. A transaction that ends before any statement (COMMIT or ROLLBACK right after
 * BEGIN) sends nothing. A first statement that cannot ride along (a COPY or other submittable, a
 * multi-statement text, a callback) gets its BEGIN sent first, as before.
 * The COMMIT the same way at the other end: after `commitWithNext()`, the next statement's Execute is
 * followed by Parse/Bind/Execute of COMMIT before the Sync. PostgreSQL skips the COMMIT when the
 * statement fails (an error discards everything up to the Sync): the transaction stays open and
 * aborted, and drizzle's ROLLBACK is sent as before. When both succeed, drizzle's `commit` answers at
 * once; a ROLLBACK then has nothing left to undo (answered at once too), and any other statement is
 * refused — it would run outside the transaction. A statement carrying the COMMIT alone (its BEGIN went
 * with an earlier one) is sent as a named prepared statement, named after its text: it is a step's last,
 * the same text step after step, so each connection parses it once.
 */
function deferredBeginClient(pg: typeof import('pg').default): typeof import('pg').Client {
  type QueryArgs = [config: unknown, values?: unknown, callback?: unknown];
  const answer = (command: string) => ({ command, rowCount: null, oid: 0, rows: [], fields: [] });
  class DeferredBeginClient extends pg.Client {
    private deferredBegin: string | null = null;
    /** the next statement carries the COMMIT */
    private commitNext = false;
    /** the transaction committed with its last statement: drizzle's COMMIT / ROLLBACK answer at once */
    private committedAlong = false;

    /** the next statement is sent named (prepared once per connection) */
    private prepareNextFlag = false;

    dropDeferredBegin(): void {
      this.deferredBegin = null;
      this.commitNext = false;
      this.committedAlong = false;
      this.prepareNextFlag = false;
    }

    commitWithNext(): void {
      this.commitNext = true;
    }

    prepareNext(): void {
      this.prepareNextFlag = true;
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: any[]): any {
      const [config, values, callback] = args as QueryArgs;
      const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
      const params = Array.isArray(values) ? values : (config as { values?: unknown[] } | null)?.values;
      const plain = typeof text === 'string' && typeof (config as { submit?: unknown }).submit !== 'function' && typeof values !== 'function' && callback === undefined
        && !(config as { name?: unknown }).name && !(config as { rows?: unknown }).rows;
      const noParams = !params || params.length === 0;
      const ending = plain && noParams && /^(commit|rollback)$/i.test(text.trim());
      if (this.committedAlong) {
        this.committedAlong = false;
        if (ending) return Promise.resolve(answer(text.trim().toUpperCase()));
        return Promise.reject(new Error('the transaction already committed with its last statement (commitWithNext): no statement may follow'));
      }
      if (plain && noParams && /^begin(\s|$)/i.test(text) && this.deferredBegin === null) {
        this.deferredBegin = text;
        return Promise.resolve(answer('BEGIN'));
      }
      // node-postgres's own query (looked up at each call: the pipeline bench counts the statements there)
      const send = (...a: unknown[]): unknown => (pg.Client.prototype.query as (...x: unknown[]) => unknown).apply(this, a);
      const begin = this.deferredBegin;
      const commit = this.commitNext;
      this.deferredBegin = null;
      this.commitNext = false;
      const prepare = this.prepareNextFlag && plain && !noParams;
      this.prepareNextFlag = false;
      // a statement asked to be prepared (prepareNext): named after its text, parsed and planned once per connection
      const namedConfig = (prefix: string) => ({ ...(typeof config === 'string' ? { text: config } : (config as object)), name: preparedName(prefix, String(text)) });
      if (begin === null && !commit) return prepare ? send(namedConfig('dd_prep_'), values) : send(...args);
      if (ending) {
        // a transaction ending with no statement (after its BEGIN): nothing was sent, nothing to end
        if (begin !== null) return Promise.resolve(answer(text.trim().toUpperCase()));
        return send(...args);
      }
      if (!plain || (noParams && text.includes(';'))) {
        // cannot ride along: the BEGIN first, in the queue's order; the COMMIT is left to drizzle
        if (begin !== null) (send(begin) as Promise<unknown>).catch(() => undefined);
        return send(...args);
      }
      // the statement carrying the COMMIT is a step's last, whose text repeats for every step of the same shape: prepared
      // under a name taken from its text, it is parsed (and, once PostgreSQL settles on a generic plan, planned) once per connection
      const named = commit && begin === null ? namedConfig('dd_last_') : prepare ? namedConfig('dd_prep_') : config;
      const query = new pg.Query(named as never, values as never) as unknown as {
        queryMode?: string; callback?: (err: Error | null, res?: unknown) => void;
        submit: (c: PgConnection) => Error | null; handleCommandComplete: (msg: { text?: string }, c: PgConnection) => void;
      };
      query.queryMode = 'extended'; // one statement without parameters: the same answer by the extended protocol
      const submit = query.submit.bind(query);
      query.submit = (connection: PgConnection) => {
        connection.stream.cork();
        const sync = connection.sync;
        try {
          if (begin !== null) {
            connection.parse({ text: begin, name: '', types: [] });
            connection.bind({ portal: '', statement: '', values: [] });
            connection.execute({ portal: '', rows: 0 });
          }
          if (commit) {
            // the statement's own Sync is preceded by the COMMIT (query.js sends its Sync right after its Execute)
            connection.sync = () => {
              connection.sync = sync;
              connection.parse({ text: 'COMMIT', name: '', types: [] });
              connection.bind({ portal: '', statement: '', values: [] });
              connection.execute({ portal: '', rows: 0 });
              sync.call(connection);
            };
          }
          return submit(connection);
        } finally {
          connection.sync = sync;
          connection.stream.uncork();
        }
      };
      let beginAnswered = begin === null;
      let statementAnswered = false;
      const complete = query.handleCommandComplete.bind(query);
      query.handleCommandComplete = (msg, connection) => {
        if (!beginAnswered) {
          beginAnswered = true;
          if (msg.text === 'BEGIN') return;
        }
        if (commit && statementAnswered) return; // the COMMIT's completion: not a second result
        statementAnswered = true;
        complete(msg, connection);
      };
      const result = new Promise((resolve, reject) => {
        query.callback = (err, res) => {
          if (err) return reject(err);
          // a COMMIT that ran: drizzle's commit (or rollback) that follows has nothing left to send
          if (commit) this.committedAlong = true;
          resolve(res);
        };
      });
      send(query);
      return result;
    }
  }
  return DeferredBeginClient as unknown as typeof import('pg').Client;
}

/** The parts of node-postgres's Connection that the deferred BEGIN writes with (not in its typings). */
interface PgConnection {
  stream: { cork(): void; uncork(): void };
  sync(): void;
  parse(msg: { text: string; name: string; types: unknown[] }): void;
  bind(msg: { portal: string; statement: string; values: unknown[] }): void;
  execute(msg: { portal: string; rows: number }): void;
}

/**
 * A dedicated connection LISTENing on `channel`, reconnecting after a loss (0.1 s, doubling to 5 s).
 * `ready` resolves after the first attempt, listening or not: a caller that started without it only
 * trusts nothing until `onState(true)`.
 */
function listenPostgres(pg: typeof import('pg').default, url: string, channel: string, onNotify: (payload: string) => void, onState: (listening: boolean) => void) {
  let stopped = false;
  let client: import('pg').Client | null = null;
  let timer: NodeJS.Timeout | undefined;
  let delay = 100;
  const lost = (c: import('pg').Client) => {
    if (client !== c) return;
    client = null;
    onState(false);
    c.end().catch(() => undefined);
    if (!stopped) timer = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 5000);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: 'dingdian-listen' });
    client = c;
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    c.on('notification', (n) => onNotify(n.payload ?? ''));
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (stopped || client !== c) return;
      delay = 100;
      onState(true);
    } catch {
      lost(c);
    }
  };
  const ready = connect();
  return {
    ready,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      onState(false);
      await ready;
      if (c) await c.end().catch(() => undefined);
    },
  };
}

/** Applies the migrations of `folder` (default: the app's) that the database lacks; the restore tool passes a prefix of them. */
export async function runMigrations(database: Database, folder: string = MIGRATIONS): Promise<void> {
  if (database.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder: folder });
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(database.db as never, { migrationsFolder: folder });
  }
}
