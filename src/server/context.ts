import type { Database, Db } from '../db/client';
import type { Clock } from '../domain/clock/clock';
import type { Config } from '../config';
import type { SessionUser } from '../domain/identity/roles';

/** What every route and use case receives: the database, the clock, the configuration. */
export interface AppContext {
  database: Database;
  db: Db;
  clock: Clock;
  config: Config;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
}
