import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** Serves the built SPA from dist/web; returns false when it is not built. */
export async function serveWeb(app: FastifyInstance): Promise<boolean> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.log.warn(`web app not built (${WEB_DIST}); run npm run build:web`);
    return false;
  }
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false });
  return true;
}
