import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../db/client';
import { FixedClock } from '../domain/clock/clock';
import { loadConfig } from '../config';
import type { AppContext } from '../context';

/**
 * A fresh, migrated database for one test file, with a fixed clock.
 * Default: in-memory PGlite. With TEST_DATABASE_URL=postgres://… (CI's second pass),
 * a throwaway UTF-8 database is created on that server and dropped by close().
 */
export interface TestContext extends AppContext {
  clock: FixedClock;
  close(): Promise<void>;
}

export async function createTestContext(start = '2025-09-25T09:00:00+08:00'): Promise<TestContext> {
  const clock = new FixedClock(start);
  const config = loadConfig({ NODE_ENV: 'test', SANDBOX: '1', SEED_DEMO: '0' });
  const adminUrl = process.env.TEST_DATABASE_URL;
  let database: Database;
  let dropDb: (() => Promise<void>) | undefined;
  if (adminUrl) {
    const name = `dd_test_${randomBytes(6).toString('hex')}`;
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString() });
    dropDb = async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      // pg-pool's end() resolves once it has asked its clients to close, not once they have: wait for
      // their backends to go, or FORCE would terminate them and their 57P01 would surface as errors
      for (let i = 0; i < 100; i++) {
        const r = await a.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (r.rows[0]!.n === 0) break;
        await new Promise((res) => setTimeout(res, 20));
      }
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  return {
    database,
    db: database.db,
    clock,
    config,
    close: async () => {
      await database.close();
      await dropDb?.();
    },
  };
}
