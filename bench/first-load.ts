/**
 * `npm run bench:web` — what a first visit costs: JavaScript bytes over the wire and decoded, and
 * first contentful paint, for the public portal (/public, which opens /public/conditions) and the
 * login page (/login; an anonymous visit to / lands there too), in headless Chromium (issue 7).
 *
 * 1. starts the real server (embedded PGlite in a temp folder, demo data, the built web app in
 *    dist/web — run `npm run build:web` first; `npm run bench:web` does) on a loopback port;
 * 2. for each page and each of two ways of asking, BENCH_WEB_RUNS (5) cold visits, each in a fresh
 *    browser context (empty cache):
 *    - baseline: the browser sends `Accept-Encoding: identity`, so the same files come uncompressed;
 *    - as served: the browser's own `Accept-Encoding` (gzip, deflate, br, zstd);
 *    then one repeat visit in the same context, counting the requests that still reached the server
 *    (a cached, immutable asset is not asked for again; `max-age=0` revalidates every one);
 * 3. reads the Resource Timing entries (transferSize = on the wire incl. headers, decodedBodySize)
 *    and the `first-contentful-paint` paint entry, and prints medians and ratios to the baseline.
 *
 * Each of those on two networks: loopback as it is, and an emulated office link (Chromium's
 * network emulation: 10 Mbit/s down, 5 Mbit/s up, 40 ms round trip), where bytes cost time.
 *
 * Env: BENCH_WEB_RUNS (5), CHROMIUM_PATH (/usr/bin/chromium), BENCH_WEB_DIST (another built web
 * app to serve, e.g. a copy of an older build, for a before/after in one sitting),
 * BENCH_WEB_NETWORKS (loopback,office). A benchmark, not a test: FCP on a shared 2-core machine
 * moves by tens of ms between runs; the byte counts do not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/client';
import { systemClock } from '../src/domain/clock/clock';
import { buildApp } from '../src/server/app';
import { WEB_DIST } from '../src/server/web';
import { seedDemoIfEmpty } from '../src/seed/demo';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
const PAGES = [
  { name: '公开门户 /public', path: '/public', ready: '/public/conditions' },
  { name: '登录 /login', path: '/login', ready: '/login' },
];
const NETWORKS = {
  loopback: null,
  office: { offline: false, latency: 40, downloadThroughput: (10e6 / 8), uploadThroughput: (5e6 / 8) },
} as const;
type Network = keyof typeof NETWORKS;
const CHOSEN = (process.env.BENCH_WEB_NETWORKS ?? 'loopback,office').split(',') as Network[];

async function openPage(context: BrowserContext, network: Network) {
  const page = await context.newPage();
  const conditions = NETWORKS[network];
  if (conditions) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', conditions);
  }
  return page;
}

const MODES = [
  { name: 'baseline (identity)', headers: { 'accept-encoding': 'identity' } as Record<string, string> },
  { name: 'as served', headers: {} as Record<string, string> },
];

interface Visit {
  jsTransferred: number;
  jsDecoded: number;
  jsFiles: number;
  allTransferred: number;
  fcp: number;
  encodings: string[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function visit(context: BrowserContext, network: Network, url: string, ready: string): Promise<Visit> {
  const page = await openPage(context, network);
  const encodings = new Set<string>();
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) encodings.add(r.headers()['content-encoding'] ?? 'identity');
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForURL((u) => u.pathname === ready);
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 10_000 });
  const m = await page.evaluate(() => {
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const nav = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    const js = res.filter((r) => new URL(r.name).pathname.endsWith('.js'));
    return {
      jsTransferred: js.reduce((a, r) => a + r.transferSize, 0),
      jsDecoded: js.reduce((a, r) => a + r.decodedBodySize, 0),
      jsFiles: js.length,
      allTransferred: [...res, ...nav].reduce((a, r) => a + r.transferSize, 0),
      fcp: performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
    };
  });
  await page.close();
  return { ...m, encodings: [...encodings] };
}

/**
 * Requests that reached the server on a second visit in the same context (cache warm): Resource
 * Timing's transferSize is 0 for a response taken from the cache and > 0 for one that went to the
 * server, a 304 revalidation included.
 */
async function repeatRequests(context: BrowserContext, network: Network, url: string, ready: string): Promise<{ assets: number; total: number }> {
  const page = await openPage(context, network);
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForURL((u) => u.pathname === ready);
  const counts = await page.evaluate(() => {
    const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    const hit = all.filter((r) => r.transferSize > 0);
    return { assets: hit.filter((r) => new URL(r.name).pathname.startsWith('/assets/')).length, total: hit.length };
  });
  await page.close();
  return counts;
}

async function main() {
  const dist = process.env.BENCH_WEB_DIST ?? WEB_DIST;
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`web app not built (${dist}): run npm run build:web`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-bench-web-'));
  const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: '1', DATA_DIR: dataDir });
  const database = await openDatabase({ dataDir });
  const ctx = { database, db: database.db, clock: systemClock, config };
  await seedDemoIfEmpty(ctx);
  const app = await buildApp(ctx, { serveWeb: true, webRoot: process.env.BENCH_WEB_DIST });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  try {
    const asset = (await fetch(`${base}/login`).then((r) => r.text())).match(/\/assets\/[^"]+\.js/)?.[0];
    const head = asset ? await fetch(`${base}${asset}`, { headers: { 'accept-encoding': 'br, gzip' } }) : null;
    const index = await fetch(`${base}/login`);
    console.log(`\n# First load (${new Date().toISOString()}, ${os.cpus().length} cores, ${RUNS} cold visits each, Chromium ${browser.version()})\n`);
    console.log(`- ${asset ?? '(no asset)'}: cache-control \`${head?.headers.get('cache-control')}\`, content-encoding \`${head?.headers.get('content-encoding') ?? 'identity'}\``);
    console.log(`- index.html: cache-control \`${index.headers.get('cache-control')}\`; web app from ${dist}\n`);
    console.log('| network | page | asked as | JS files | JS transferred | JS decoded | all transferred | FCP median (min–max) | JS transferred ×base | FCP ×base | repeat visit: asset / all requests to server | JS encodings |');
    console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const network of CHOSEN) for (const p of PAGES) {
      let baseline: { js: number; fcp: number } | null = null;
      for (const mode of MODES) {
        const visits: Visit[] = [];
        let repeat = { assets: 0, total: 0 };
        for (let i = 0; i < RUNS; i++) {
          const context = await browser.newContext({ extraHTTPHeaders: mode.headers, locale: 'zh-CN' });
          visits.push(await visit(context, network, base + p.path, p.ready));
          if (i === RUNS - 1) repeat = await repeatRequests(context, network, base + p.path, p.ready);
          await context.close();
        }
        const js = median(visits.map((v) => v.jsTransferred));
        const fcp = median(visits.map((v) => v.fcp));
        baseline ??= { js, fcp };
        const fcps = visits.map((v) => v.fcp);
        console.log(
          `| ${network} | ${p.name} | ${mode.name} | ${visits[0]!.jsFiles} | ${kb(js)} | ${kb(median(visits.map((v) => v.jsDecoded)))} | ${kb(median(visits.map((v) => v.allTransferred)))} | ` +
            `${fcp.toFixed(0)} ms (${Math.min(...fcps).toFixed(0)}–${Math.max(...fcps).toFixed(0)}) | ${(js / baseline.js).toFixed(2)} | ${(fcp / baseline.fcp).toFixed(2)} | ` +
            `${repeat.assets} / ${repeat.total} | ${[...new Set(visits.flatMap((v) => v.encodings))].join(', ')} |`,
        );
      }
    }
  } finally {
    await browser.close();
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
