/**
 * `npm run bench:renewal:browse` — the campaign page at national scale, in a real browser (issue #11,
 * "open a campaign in the browser at that scale and show that the table pages server-side"). Runs
 * after `npm run bench:renewal`, on the campaigns it left in `dingdian_bench_renewal`: the real server
 * (PostgreSQL, the built web app) on a loopback port, the largest province's officer signs in through the
 * login form, opens the campaign, and the script times what a clerk waits for — the first page of items,
 * the next page, a filter by outcome, a search by agreement number and by part of a name — and the bytes of each answer, to
 * show that a page is 20 rows whatever the campaign's size. Prints a table for docs/benchmarks.md.
 *
 * Env: BENCH_RENEWAL_URL (postgres://…/dingdian_bench_renewal). Needs `npm run build:web` first.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Response } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/client';
import { systemClock } from '../../src/domain/clock/clock';
import { hashPassword } from '../../src/identity/password';
import { buildApp } from '../../src/server/app';

const url = process.env.BENCH_RENEWAL_URL ?? 'postgres://postgres@127.0.0.1:5432/dingdian_bench_renewal';
const PASSWORD = 'Bench-renewal-2026!';

async function main() {
  if (!/bench/.test(new URL(url).pathname)) throw new Error(`refusing to use ${url}: the database name must contain "bench"`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // the largest campaign the benchmark opened, and its officer (given a password to sign in with)
  const { rows: [camp] } = await c.query<{ id: string; created_by: string; n: string; title: string }>(`
    SELECT c.id, c.created_by, c.title, (c.counts->>'total') AS n FROM renewal_campaigns c
     WHERE c.title <> 'SQL pass' ORDER BY (c.counts->>'total')::int DESC NULLS LAST LIMIT 1`);
  if (!camp) throw new Error('no campaign: run `npm run bench:renewal` first');
  const { rows: [user] } = await c.query<{ username: string }>(`UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1 RETURNING username`, [camp.created_by, await hashPassword(PASSWORD)]);
  const { rows: [one] } = await c.query<{ number: string; name: string }>(`SELECT a.number, n.name FROM renewal_items i JOIN agreements a ON a.id = i.agreement_id JOIN institutions n ON n.id = i.institution_id WHERE i.campaign_id = $1 ORDER BY a.number DESC LIMIT 1`, [camp.id]);
  // part of that institution's name (4 characters from its middle), and a word thousands of names contain
  const chars = Array.from(one!.name);
  const part = chars.slice(Math.max(0, Math.floor(chars.length / 2) - 2), Math.max(0, Math.floor(chars.length / 2) - 2) + 4).join('');
  await c.end();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-bench-browse-'));
  const config = loadConfig({ NODE_ENV: 'production', SEED_DEMO: '0', DATABASE_URL: url, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', COOKIE_SECURE: '0' });
  const database = await openDatabase({ url, migrate: false });
  const app = await buildApp({ database, db: database.db, clock: systemClock, config }, { serveWeb: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const rows: string[] = [];
  try {
    const page = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(user!.username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('button', { name: /退出/ }).waitFor();

    /** runs `act`, waits for the items answer and for the table to show it; the answer's time and size */
    const table = page.getByTestId('renewal-items');
    const totals: string[] = [];
    const step = async (what: string, act: () => Promise<unknown>, expect: () => Promise<unknown>, query = '') => {
      const t = performance.now();
      const answer: Promise<Response> = page.waitForResponse((r) => /\/api\/renewal-campaigns\/[^/]+\/items\?/.test(r.url()) && r.url().includes(query), { timeout: 120_000 });
      answer.catch(() => undefined); // a failing step reports its own error, not this wait's
      await act();
      const r = await answer;
      const body = await r.body();
      await expect();
      const ms = performance.now() - t;
      const timing = r.request().timing();
      const shown = await table.locator('.ant-table-row').count();
      totals.push((await table.locator('.ant-pagination-total-text').first().textContent().catch(() => null))?.trim() ?? '');
      rows.push(`| ${what} | ${r.status()} | ${(timing.responseEnd > 0 ? timing.responseEnd - timing.requestStart : NaN).toFixed(0)} | ${ms.toFixed(0)} | ${(body.length / 1024).toFixed(1)} | ${shown} | ${totals[totals.length - 1]} |`);
    };
    await step('open the campaign (first page)', () => page.goto(`${base}/renewal/${camp.id}`), () => table.locator('.ant-table-row').first().waitFor());
    await step('next page', () => table.locator('.ant-pagination-next').first().click(), () => table.locator('.ant-pagination-item-active', { hasText: '2' }).first().waitFor());
    await step('filter: proposal 不再签订', async () => {
      await page.getByRole('combobox', { name: '筛查建议' }).click();
      await page.locator('.ant-select-dropdown:visible').getByText('不再签订', { exact: true }).click();
    }, () => table.locator('.ant-table-row', { hasText: '不再签订' }).first().waitFor(), 'proposed=');
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await step('search by agreement number', async () => {
      await page.getByLabel('查询').fill(one!.number);
      await page.getByLabel('查询').press('Enter');
    }, () => table.locator('.ant-table-row', { hasText: one!.number }).waitFor(), 'q=');
    await step(`search by part of a name (「${part}」)`, async () => {
      await page.getByLabel('查询').fill(part);
      await page.getByLabel('查询').press('Enter');
    }, () => table.locator('.ant-table-row', { hasText: part }).first().waitFor(), `q=${encodeURIComponent(part)}`);
    await step('search by a common word (「诊所」)', async () => {
      await page.getByLabel('查询').fill('诊所');
      await page.getByLabel('查询').press('Enter');
    }, () => table.locator('.ant-table-row', { hasText: '诊所' }).first().waitFor(), `q=${encodeURIComponent('诊所')}`);
    console.log(`\n# Renewal campaign page at scale — ${camp.title}: ${Number(camp.n).toLocaleString('en')} items`);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
    console.log('| step | status | server answer (ms) | until shown (ms) | answer (KiB) | rows shown | the table says |');
    console.log('|---|--:|--:|--:|--:|--:|---|');
    for (const r of rows) console.log(r);
  } finally {
    await browser.close();
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
