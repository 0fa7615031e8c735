import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';

export type { AppContext };

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
}
