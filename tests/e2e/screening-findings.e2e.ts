import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './harness';
import { applicationStateIs, openFromWorkQueue, step } from './steps';

/**
 * 材料审核发现 in the browser (decision 0024): the 昆明 head opens the seeded application in 材料审核中,
 * records 「造成其它不良社会影响」 with its source, date and a note (云人社发〔2016〕308号 二(二)); the
 * screening runs again and names the item with its article; the application is 筛查拟不予受理 and the
 * refusal is confirmed with a 不予受理决定书. Every step waits for visible Chinese text; no sleeps.
 */
const stack = useStack();

describe('screening findings in the browser', () => {
  it('云人社发〔2016〕308号 二(二): an officer\'s finding at 材料审核 refuses the application, citing the item', async () => {
    const page = await stack.loginAs('km_head');
    await openFromWorkQueue(page, '材料审核中');
    await applicationStateIs(page, '材料审核中');

    await page.getByRole('tab', { name: '审核发现' }).click();
    await page.getByText('暂无审核发现').waitFor();
    await page.getByLabel('情形').click();
    await page.locator('.ant-select-item-option', { hasText: '造成其它不良社会影响' }).click();
    const picker = page.getByLabel('发现、认定或处罚决定日期');
    await picker.click();
    await picker.fill('2025-09-01');
    await picker.press('Enter');
    await page.getByLabel('来源或文号（如行政处罚决定书文号）').fill('昆明市卫生健康委通报〔2025〕5号');
    await page.getByLabel('情况说明').fill('违规宣传引发群体投诉');
    await page.getByRole('button', { name: '记录并重新筛查' }).click();

    await page.getByText(/重新筛查命中不予受理情形：.*造成其它不良社会影响（昆明市卫生健康委通报〔2025〕5号，2025-09-01）.*云人社发〔2016〕308号 二\(二\)/).waitFor();
    await applicationStateIs(page, '筛查拟不予受理');
    await page.locator('.ant-table-row', { hasText: '昆明市卫生健康委通报〔2025〕5号' }).waitFor();
    assert.equal(await page.getByRole('button', { name: '记录并重新筛查' }).count(), 0, 'no more findings outside 材料审核');

    await step(page, '确认不予受理');
    await applicationStateIs(page, '不予受理');
    await page.getByRole('tab', { name: /文书/ }).click();
    await page.getByText('不予受理决定书').first().waitFor();
    await page.context().close();
  });
});
