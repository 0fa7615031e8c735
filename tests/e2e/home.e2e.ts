import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './harness';

/**
 * Role home pages as work queues (issue #9) on the living demo: the 昆明 agency head sees what is
 * overdue with the article and remaining 工作日 and follows an item to the application; the
 * department sees its unread filings; the hospital's menu has no 第三方备案; a citizen finds a
 * 双通道 pharmacy in 昆明市 in the public directory. Every step waits for visible Chinese text; no sleeps.
 */
const stack = useStack();

describe('home pages in the browser', () => {
  it('the agency head sees overdue items, the chart and the files waiting, and an item leads to the application', async () => {
    const page = await stack.loginAs('km_head');
    const overdue = page.getByTestId('home-section-deadlines.overdue');
    await overdue.getByTestId('home-item').first().waitFor();
    const text = (await overdue.textContent()) ?? '';
    assert.match(text, /已逾期 \d+ 个工作日/);
    assert.match(text, /依据：/);
    await page.getByTestId('home-chart').waitFor();
    await page.getByTestId('home-section-applications.waiting').getByText('材料审核中').waitFor();
    await overdue.getByTestId('home-item').first().getByRole('link').first().click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await page.context().close();
  });

  it('the department sees its unread filings; the hospital\'s menu offers no 第三方备案', async () => {
    const dept = await stack.loginAs('km_dept');
    await dept.getByTestId('home-section-dept.filings').getByText('协议签订情况备案表', { exact: false }).first().waitFor();
    await dept.context().close();
    const hosp = await stack.loginAs('inst_hosp');
    await hosp.getByTestId('home-section-institution.applications').waitFor();
    await hosp.getByRole('menuitem', { name: '我的申请' }).waitFor();
    assert.equal(await hosp.getByRole('menuitem', { name: '第三方备案' }).count(), 0);
    await hosp.context().close();
  });

  it('a citizen finds a 双通道 pharmacy in 昆明市: the filters are in the URL', async () => {
    const page = await stack.browser.newPage();
    const answer = page.waitForResponse((r) => r.url().includes('/api/public/directory') && r.url().includes('category=dual_channel'));
    await page.goto(`${stack.baseUrl}/public/directory?region=530100&kind=pharmacy&category=dual_channel`);
    const body = (await (await answer).json()) as { total: number; items: { regionCode: string; categories: string[] }[] };
    assert.ok(body.total > 0, 'the demo has 双通道 pharmacies in 昆明');
    assert.ok(body.items.every((i) => i.regionCode.startsWith('5301') && i.categories.includes('dual_channel')));
    await page.getByText('双通道药品').first().waitFor();
    await page.close();
  });
});
