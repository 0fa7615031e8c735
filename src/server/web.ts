import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * Vite names every file under assets/ after a hash of its content, so a browser may keep it for a
 * year without asking again; a new build links new names from index.html, which is therefore
 * revalidated on every visit (decision 0018).
 */
export const CACHE_HASHED = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';

const isHashedAsset = (root: string, file: string) => path.relative(root, file).split(path.sep)[0] === 'assets';

/**
 * Serves the built SPA from `root` (dist/web); returns false when it is not built. The build wrote
 * brotli and gzip copies next to the files (`npm run build:web`, scripts/precompress.ts): the
 * variant the browser accepts is sent as it is, never compressed per request.
 */
export async function serveWeb(app: FastifyInstance, root = WEB_DIST): Promise<boolean> {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    app.log.warn(`web app not built (${root}); run npm run build:web`);
    return false;
  }
  // The files' Cache-Control is decided here, whatever an earlier onSend hook set for the request
  // (a signed-in user's answers are made no-store elsewhere): a hashed asset is never personal.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/assets/') && reply.statusCode < 400) reply.header('cache-control', CACHE_HASHED);
    return payload;
  });
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    // the compressed copies are variants of their file, not URLs of their own
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply, file) => {
      reply.header('cache-control', isHashedAsset(root, file) ? CACHE_HASHED : CACHE_REVALIDATE);
    },
  });
  return true;
}
