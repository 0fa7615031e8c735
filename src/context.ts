import type { Database, Db } from './db/client';
import type { Clock } from './domain/clock/clock';
import type { Config } from './config';

/**
 * What every use case receives: the database, the clock, the configuration. It lives here, above
 * `db/` and `domain/` and below `server/`, so that use cases need nothing from the HTTP layer.
 */
export interface AppContext {
  database: Database;
  db: Db;
  clock: Clock;
  config: Config;
}
