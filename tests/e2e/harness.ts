import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/client';
import { SandboxClock, systemClock } from '../../src/domain/clock/clock';
import { buildApp } from '../../src/server/app';
import { seedDemoIfEmpty } from '../../src/seed/demo';
import { DEMO_PASSWORD } from '../../src/seed/demo-users';

/** Signs a demo account in on `page` through the login form, as a person does, and waits for the signed-in shell. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /退出/ }).waitFor();
}

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
  // every page asks for reduced motion, which the app honours by turning antd's animations off: a
  // click on a dialog that is still zooming in was lost under load, and the next wait timed out
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options: BrowserContextOptions = {}) => newContext({ reducedMotion: 'reduce', ...options });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    browser,
    ctx,
    /** A fresh browser context (its own cookies) signed in as a demo account. */
    async loginAs(username: string, options: BrowserContextOptions = {}): Promise<Page> {
      const page = await (await browser.newContext(options)).newPage();
      await signIn(page, baseUrl, username);
      return page;
    },
    async stop() {
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
