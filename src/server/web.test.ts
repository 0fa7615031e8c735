import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../testing/context';
import { precompressDir } from '../../scripts/precompress';
import { buildApp } from './app';

/** A built web app in miniature: index.html and one hashed script, precompressed as `npm run build:web` does. */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-web-'));
const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "机构${i}" }`).join(', ')}];\n`;
const html = `<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div>${'<!-- 定点 -->'.repeat(100)}</body></html>`;

let ctx: TestContext;
let app: FastifyInstance;
beforeAll(async () => {
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), html);
  fs.writeFileSync(path.join(root, 'assets/index-Ab12Cd34.js'), script);
  fs.writeFileSync(path.join(root, 'assets/tiny-Zz99Yy88.js'), 'export {};\n');
  precompressDir(root);
  ctx = await createTestContext();
  app = await buildApp(ctx, { serveWeb: true, webRoot: root });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('static web app: compression and caching (decision 0018)', () => {
  it('precompresses at build: .br and .gz next to each text file above 1 KiB, none for tiny ones', () => {
    expect(fs.existsSync(path.join(root, 'assets/index-Ab12Cd34.js.br'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'assets/index-Ab12Cd34.js.gz'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'index.html.br'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'assets/tiny-Zz99Yy88.js.br'))).toBe(false);
  });

  it('sends a hashed asset brotli-compressed when accepted, immutable for a year', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(script.length / 4);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(script);
  });

  it('a hashed asset stays immutable for a signed-in user (it is never personal)', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'br', cookie: 'dd_session=anything' } });
    expect([res.statusCode, res.headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
  });

  it('falls back to gzip, then to the plain file, by Accept-Encoding', async () => {
    const gz = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await get('/assets/index-Ab12Cd34.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const tiny = await get('/assets/tiny-Zz99Yy88.js', 'br');
    expect([tiny.statusCode, tiny.headers['content-encoding'], tiny.headers['cache-control']]).toEqual([200, undefined, 'public, max-age=31536000, immutable']);
  });

  it('index.html is revalidated on every visit (no-cache), also as the SPA fallback of a client route', async () => {
    for (const url of ['/', '/index.html', '/applications/queue', '/public/conditions']) {
      const res = await get(url, 'br');
      expect([url, res.statusCode, res.headers['cache-control']]).toEqual([url, 200, 'no-cache']);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(html);
    }
  });

  it('does not expose the compressed copies as URLs, and a missing asset is a 404, not the page', async () => {
    expect((await get('/assets/index-Ab12Cd34.js.br')).statusCode).toBe(404);
    const missing = await get('/assets/index-OLD00000.js', 'br');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('文件不存在');
  });
});
