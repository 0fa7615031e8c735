import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/client';
import { SandboxClock, systemClock } from '../../src/domain/clock/clock';
import { buildApp } from '../../src/server/app';
import { seedDemoIfEmpty } from '../../src/seed/demo';

/**
 * Starts the real server (embedded PGlite in a temp folder, demo data, built web app)
 * on a free loopback port, and a headless Debian Chromium. Browser tests drive it as a person would.
 */
export async function startStack() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-e2e-'));
  const config = loadConfig({ NODE_ENV: 'test', SANDBOX: '1', SEED_DEMO: '1', DATA_DIR: dataDir });
  const database = await openDatabase({ dataDir });
  const clock = new SandboxClock(systemClock, 0);
  const ctx = { database, db: database.db, clock, config };
  await seedDemoIfEmpty(ctx);
  const app = await buildApp(ctx, { serveWeb: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    ctx,
    async stop() {
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
