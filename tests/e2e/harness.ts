import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page, type Response } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/client';
import { SandboxClock, systemClock } from '../../src/domain/clock/clock';
import { buildApp } from '../../src/server/app';
import { seedDemoIfEmpty } from '../../src/seed/demo';
import { DEMO_PASSWORD } from '../../src/seed/demo-users';
import { guardClicks } from './frames';

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
  // a page whose renderer stopped producing frames hung a click for its whole budget once in CI (frames.ts)
  const first = await browser.newPage();
  guardClicks(first.locator('body'));
  await first.close();
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

export type Stack = Awaited<ReturnType<typeof startStack>>;

/**
 * One stack for the test file: started before its tests (then `setup` runs on it), stopped after.
 * The object is filled in when the stack is up, so a file writes `const stack = useStack();`.
 */
export function useStack(setup?: (stack: Stack) => void | Promise<void>): Stack {
  const stack = {} as Stack;
  before(async () => {
    Object.assign(stack, await startStack());
    await setup?.(stack);
  });
  after(async () => {
    await stack.stop?.();
  });
  return stack;
}

/**
 * Clicks `button` and returns the dialog named `name` once it is open. A click can be lost on a page
 * that is still settling on a busy machine (seen in CI on two pages, never locally), so it clicks
 * again, up to three times; if the dialog never opens, the error says where the page was.
 */
export async function openDialog(page: Page, button: Locator, name: string | RegExp): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!(await dialog.isVisible())) await button.click();
    try {
      await dialog.waitFor({ timeout: 10_000 });
      return dialog;
    } catch {
      // not open yet: click again
    }
  }
  throw new Error(`对话框「${String(name)}」没有打开；页面在 ${page.url()}，标题「${await page.title()}」`);
}

/**
 * Clicks `button` and returns the response it sends. Like `openDialog`, a click on a confirmation that is still
 * zooming in was lost once in eight runs (no request within 30 s); while the button is still there and nothing was
 * sent, it clicks again, up to three times. A second click cannot send twice: the button is loading (and then gone)
 * once its request is under way.
 */
export async function clickForResponse(page: Page, button: Locator, urlIs: (url: string) => boolean): Promise<Response> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const sent = page.waitForRequest((r) => urlIs(r.url()), { timeout: 10_000 }).catch(() => null);
    const answered = page.waitForResponse((r) => urlIs(r.url()));
    await button.click();
    if (await sent) return answered;
    answered.catch(() => undefined); // abandoned: another attempt waits afresh
    if (!(await button.isVisible())) return answered;
  }
  throw new Error(`点击「${String(button)}」后没有发出请求；页面在 ${page.url()}`);
}

/**
 * The table row whose institution is `name` — the whole name, in its own cell line: a hospital's name also begins its
 * branch's (北京市东城区人民医院 / …人民医院东四分院), and a substring match (`hasText`) found both rows.
 */
export function rowNamed(page: Page, name: string): Locator {
  const whole = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('.ant-table-row').filter({ has: page.locator('.ant-space-item', { hasText: whole }) });
}
