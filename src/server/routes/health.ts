import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: '健康检查', response: { 200: z.object({ ok: z.boolean(), driver: z.string(), now: z.string() }) } } },
    async () => ({ ok: true, driver: app.ctx.database.driver, now: app.ctx.clock.now().toISOString() }),
  );
};
export default routes;
