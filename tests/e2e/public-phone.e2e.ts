import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useStack } from './harness';

/**
 * The public portal on a phone (390 × 844, issue #7): the menu opens from a button, nothing scrolls
 * sideways, the directory is a list of cards with a region picker, and an anonymous visitor's
 * pages ask nothing that answers 401 (no /api/auth/me).
 */
const stack = useStack();

async function phone(): Promise<{ page: Page; unauthorised: string[] }> {
  const context = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const unauthorised: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 401) unauthorised.push(r.url());
  });
  return { page, unauthorised };
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('public portal on a phone', () => {
  it('home: the menu opens from the menu button and leads to the directory; nothing scrolls sideways', async () => {
    const { page, unauthorised } = await phone();
    await page.goto(`${stack.baseUrl}/public`);
    await page.getByRole('button', { name: '菜单' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.ok((await sideways(page)) <= 390, `home scrolls sideways: ${await sideways(page)}px`);
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('menuitem', { name: '定点机构名录' }).click();
    await page.waitForURL(/\/public\/directory$/);
    await page.getByTestId('directory-card').first().waitFor();
    assert.deepEqual(unauthorised, [], 'no request on the public pages answered 401');
    await page.context().close();
  });

  it('directory: cards with name, 医保编码, address, phone and payment tags; the region picker filters', async () => {
    const { page, unauthorised } = await phone();
    await page.goto(`${stack.baseUrl}/public/directory`);
    const card = page.getByTestId('directory-card').first();
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    for (const label of ['医保编码', '地址', '服务电话']) assert.ok(text.includes(label), `card shows ${label}: ${text}`);
    assert.ok((await card.locator('.ant-tag').count()) > 0, 'card shows payment category tags');
    await page.waitForLoadState('networkidle');
    assert.ok((await sideways(page)) <= 390, `directory scrolls sideways: ${await sideways(page)}px`);
    const before = Number(((await page.getByTestId('directory-total').textContent()) ?? '').replace(/\D/g, ''));

    await page.getByLabel('地区').click();
    const answer = page.waitForResponse((r) => r.url().includes('/api/public/directory') && r.url().includes('region=220000'));
    await page.getByRole('menuitemcheckbox', { name: '吉林省' }).or(page.locator('.ant-cascader-menu-item', { hasText: '吉林省' })).first().click();
    const filtered = (await (await answer).json()) as { total: number; items: { regionCode: string }[] };
    assert.ok(filtered.total > 0 && filtered.total < before, `region filter narrows the list: ${filtered.total} of ${before}`);
    assert.ok(filtered.items.every((i) => i.regionCode.startsWith('22')), 'only institutions of 吉林省');
    await page.getByTestId('directory-total').filter({ hasText: `共 ${filtered.total} 家` }).waitFor();
    assert.deepEqual(unauthorised, [], 'no request on the public pages answered 401');
    await page.context().close();
  });

  it('every public page fits 390 px: no sideways scroll, and no 401', async () => {
    const { page, unauthorised } = await phone();
    for (const path of ['conditions', 'standards', 'publicity', 'directory', 'terminated', 'resources', 'complaint-status']) {
      await page.goto(`${stack.baseUrl}/public/${path}`);
      await page.waitForLoadState('networkidle');
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' }).catch(() => undefined);
      if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/public-${path}.png`, fullPage: true });
      assert.ok((await sideways(page)) <= 390, `/public/${path} scrolls sideways: ${await sideways(page)}px`);
    }
    assert.deepEqual(unauthorised, [], 'no request on the public pages answered 401');
    await page.context().close();
  });

  it('云人社发〔2016〕308号 二(四): the beds per 1,000 insured are public — anyone reads them on a phone', async () => {
    const { page, unauthorised } = await phone();
    await page.goto(`${stack.baseUrl}/public/resources`);
    await page.getByText('定点医疗机构资源配置').waitFor();
    await page.getByText(/依据：云人社发〔2016〕308号 二\(四\)/).waitFor();
    assert.ok((await page.getByText('每千参保人床位数').count()) > 0, 'a card per 统筹地区');
    assert.deepEqual(unauthorised, [], 'no request answered 401');
    await page.context().close();
  });
});
