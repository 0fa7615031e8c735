import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signIn, useStack } from './harness';

/**
 * The foundation in the browser, as a person uses it: login, the registry with its territory,
 * the detail page with masked identity numbers, the rules page, the calendar's deadline tool,
 * and the audit-chain verification.
 */
const stack = useStack();

const login = (page: Page, username: string): Promise<void> => signIn(page, stack.baseUrl, username);

async function searchRegistry(page: Page, q: string): Promise<void> {
  await page.goto(`${stack.baseUrl}/institutions`);
  await page.getByPlaceholder('名称关键字').fill(q);
  await page.getByPlaceholder('名称关键字').press('Enter');
}

describe('foundation in the browser', () => {
  it('a county officer finds an institution of its county and sees masked persons', async () => {
    const page = await stack.browser.newPage();
    await login(page, 'wuhua');
    await searchRegistry(page, '人民医院');
    await page.getByRole('link', { name: '昆明市五华区人民医院' }).first().click();
    await page.getByText('统一社会信用代码').waitFor();
    await page.getByRole('tab', { name: /人员/ }).click();
    const idCell = page.getByText(/^\d{4}\*+\d{3}[\dX]$/).first();
    await idCell.waitFor();
    assert.match((await idCell.textContent()) ?? '', /\*{4,}/, '身份证号 is masked');
    await page.close();
  });

  it('属地管理: another county officer does not find it, and its URL answers 未找到', async () => {
    const page = await stack.browser.newPage();
    await login(page, 'wuhua');
    await searchRegistry(page, '五华区人民医院');
    const link = page.getByRole('link', { name: '昆明市五华区人民医院' }).first();
    await link.waitFor();
    const href = await link.getAttribute('href');
    assert.ok(href?.startsWith('/institutions/'));
    await page.getByRole('button', { name: /退出/ }).click();
    await page.getByLabel('用户名').waitFor();

    await login(page, 'panlong');
    const answer = page.waitForResponse((r) => r.url().includes('/api/institutions?') && r.url().includes('q='));
    await searchRegistry(page, '五华区人民医院');
    assert.equal((await (await answer).json()).total, 0, 'the other county sees none');
    await page.getByText('暂无数据').filter({ visible: true }).first().waitFor();
    await page.goto(`${stack.baseUrl}${href}`);
    await page.getByText('未找到该机构').waitFor();
    await page.close();
  });

  it('the rules page shows each rule with its citation', async () => {
    const page = await stack.browser.newPage();
    await login(page, 'km_city');
    await page.goto(`${stack.baseUrl}/rules`);
    await page.getByText('国家医疗保障局令第2号 第六条(一)').first().waitFor();
    await page.close();
  });

  it('the deadline tool counts 5 工作日 across National Day 2025 (云医保〔2022〕6号 第九条)', async () => {
    const page = await stack.browser.newPage();
    await login(page, 'admin');
    await page.goto(`${stack.baseUrl}/calendar`);
    await page.getByRole('tab', { name: '期限计算' }).click();
    const from = page.getByLabel('起算日');
    await from.click();
    await from.fill('2025-09-25');
    await from.press('Enter');
    await page.getByRole('button', { name: /计\s*算/ }).click();
    await page.getByText('2025-10-09').first().waitFor();
    await page.close();
  });

  it('the administrator verifies the audit chain', async () => {
    const page = await stack.browser.newPage();
    await login(page, 'admin');
    await page.goto(`${stack.baseUrl}/audit`);
    await page.getByRole('button', { name: /校验审计链/ }).click();
    await page.getByText('审计链完整').waitFor();
    await page.close();
  });
});
