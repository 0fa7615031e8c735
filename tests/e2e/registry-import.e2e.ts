import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, useStack } from './harness';
import { withUsccCheck } from '../../src/domain/validators/uscc';
import { csvCell } from '../../src/registry-import/export-registry';

/**
 * 数据导入 (issue #9) in the browser: the 五华区 officer uploads a CSV with the national platform's
 * field names in 只导入正确的行 mode, sees the job finish with one rejected row and downloads it, then
 * exports the registry from 机构名录. Waits for visible text and downloads; no sleeps.
 */
const stack = useStack();

const HEADERS = ['fixmedins_code', 'fixmedins_name', 'uscc', 'fixmedins_type', '机构类型', 'admdvs', '地址', '协议编号', 'begntime', 'endtime'];
function file(): Buffer {
  const rows = Array.from({ length: 10 }, (_, k) => {
    const i = k + 1;
    return [`H530102${String(90000 + i)}`, `导入测试诊所${i}号`, withUsccCheck(`92530102MAE${String(i).padStart(6, '0')}`), '1', '诊所', '530102',
      `五华区导入路${i}号`, `五华医保协〔2025〕导入${i}号`, '2025-01-01', '2025-12-31'];
  });
  rows[4]![5] = '530103'; // 盘龙区: outside 五华区
  return Buffer.from(`\uFEFF${[HEADERS, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);
}

describe('registry import in the browser', () => {
  it('the 五华区 officer imports a CSV (valid rows), downloads the rejected row, and exports the registry', async () => {
    const context = await stack.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const uncaught: string[] = [];
    page.on('pageerror', (e) => uncaught.push(e.message));
    await signIn(page, stack.baseUrl, 'wuhua');

    await page.getByRole('menuitem', { name: '数据导入' }).click();
    await page.getByText('导入存量登记簿及服务协议').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: '存量登记簿.csv', mimeType: 'text/csv', buffer: file() });
    await page.getByLabel(/只导入正确的行/).check();
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByTestId('import-status').getByText('已完成').waitFor();
    assert.equal(await page.getByTestId('import-rejected').textContent(), '1');

    const rejected = page.waitForEvent('download');
    await page.getByRole('button', { name: /下载错误行/ }).click();
    assert.match((await rejected).suggestedFilename(), /^未导入的行-存量登记簿\.xlsx$/);

    // the imported agreement on the institution's page
    await page.getByRole('menuitem', { name: '机构名录' }).click();
    await page.getByPlaceholder('名称关键字').fill('导入测试诊所1号');
    await page.getByPlaceholder('名称关键字').press('Enter');
    await page.getByRole('link', { name: '导入测试诊所1号' }).click();
    await page.getByRole('tab', { name: '服务协议' }).click();
    await page.getByText('五华医保协〔2025〕导入1号').waitFor();
    await page.getByText('导入的存量协议').waitFor();

    await page.getByRole('menuitem', { name: '机构名录' }).click();
    const exported = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const dl = await exported;
    assert.match(dl.suggestedFilename(), /^定点医药机构登记簿-\d{4}-\d{2}-\d{2}\.csv$/);

    assert.deepEqual(uncaught, [], 'no uncaught error in the page');
    await context.close();
  });
});
