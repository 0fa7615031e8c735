import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './harness';

/**
 * 统筹地区参数 (decision 0031) on the demo: the 昆明 agency head sees the signing limit on the
 * province's example value (云医保〔2022〕6号 第十八条), sets 昆明市's own with its 文号, and the page then
 * shows the value from the 统筹地区 layer. Every step waits for visible Chinese text; no sleeps.
 */
const stack = useStack();

describe('统筹地区参数 in the browser', () => {
  it('云医保〔2022〕6号 第十八条: the 昆明 head sets the signing limit with a 文号; the page shows the 统筹地区 layer', async () => {
    const page = await stack.loginAs('km_head');
    await page.goto(`${stack.baseUrl}/local-parameters?region=530100`);
    const row = page.getByRole('row', { name: /协议签订时限/ }).first();
    await row.getByText('示例值，待统筹地区确认', { exact: true }).waitFor();
    await row.getByRole('button', { name: '设置新值' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/取值/).fill('15');
    await dialog.getByLabel('文号').fill('昆医保〔2026〕9号');
    await dialog.getByLabel('依据').fill('昆明市定点医药机构协议签订时限的通知');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await row.getByText('统筹地区（昆医保〔2026〕9号）').waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /15个工作日/);
    await page.getByRole('cell', { name: '昆医保〔2026〕9号' }).first().waitFor();
    await page.context().close();
  });

  it('云医保〔2022〕6号 第三十三条: the 五华区 head shortens the limit in its 实施细则; the public conditions page shows it for 五华区 with its layer', async () => {
    const page = await stack.loginAs('wuhua_head');
    await page.goto(`${stack.baseUrl}/local-parameters?region=530102`);
    await page.getByText('县（市、区）实施细则只能在统筹地区的规定内细化', { exact: false }).waitFor();
    const row = page.getByRole('row', { name: /协议签订时限/ }).first();
    await row.getByText('统筹地区（昆医保〔2026〕9号）').waitFor();
    await row.getByRole('button', { name: '设置新值' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/只能不长于现行取值/).waitFor();
    await dialog.getByLabel(/取值/).fill('12');
    await dialog.getByLabel('文号').fill('五医保〔2026〕2号');
    await dialog.getByLabel('依据').fill('五华区定点医药机构经办实施细则');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await row.getByText('县（市、区）（五医保〔2026〕2号）').waitFor();
    assert.match((await row.textContent()) ?? '', /12个工作日/);
    await page.context().close();

    const pub = await (await stack.browser.newContext()).newPage();
    await pub.goto(`${stack.baseUrl}/public/conditions`);
    await pub.getByLabel('统筹地区').click();
    await pub.locator('.ant-select-item-option', { hasText: '昆明市' }).first().click();
    await pub.getByText('统筹地区（昆医保〔2026〕9号）').first().waitFor();
    await pub.getByLabel('县（市、区）').click();
    await pub.locator('.ant-select-item-option', { hasText: '五华区' }).first().click();
    await pub.getByText('县（市、区）（五医保〔2026〕2号）').first().waitFor();
    await pub.context().close();
  });
});
