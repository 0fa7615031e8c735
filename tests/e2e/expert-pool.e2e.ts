import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { openDialog, useStack } from './harness';
import { addExpert } from './steps';
import { withIdCheck } from '../../src/domain/validators/id-number';
import { withUsccCheck } from '../../src/domain/validators/uscc';

/**
 * 专家库 in the browser (issue #9, decision 0028; 吉医保规〔2023〕1号 第十五条): the province's agency adds an
 * expert (the temporary password shown once), imports a file with one bad row in valid-rows mode and reads
 * why it was refused; the new expert signs in with the temporary password. No sleeps: every step waits
 * for visible Chinese text or the server's answer.
 */
const stack = useStack();

describe('expert pool in the browser', () => {
  it('the province agency adds an expert, imports a pool file, and the new expert signs in', async () => {
    const page = await stack.loginAs('yn_prov');
    await page.getByRole('menuitem', { name: '专家库' }).click();
    await page.locator('.ant-table-row', { hasText: '评估专家4（法律）' }).waitFor();

    // add: the form, then the temporary password shown once
    await addExpert(page, {
      name: '浏览器专家', idNumber: withIdCheck('53010219790101333'), specialty: '法律', employer: '云南大学',
      employerUscc: withUsccCheck('12530000MB0000777'), username: 'browser_expert',
    });
    const password = (await page.locator('.ant-modal-confirm code').nth(1).innerText()).trim();
    assert.ok(password.length >= 10, 'a temporary password of at least 10 characters');
    await page.getByRole('button', { name: /知道了|确\s*定|OK/ }).click();
    await page.locator('.ant-table-row', { hasText: '浏览器专家' }).getByText(/^5301\*+\d{3}[\dX]$/).waitFor();

    // import: one good row, one with a wrong check digit, valid rows only
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('专家名单');
    sheet.addRow(['姓名', '身份证号', '专业', '工作单位', '工作单位统一社会信用代码', '联系电话', '聘期起始日期', '聘期截止日期', '登录用户名']);
    sheet.addRow(['导入专家甲', withIdCheck('53010219790101444'), '财务、信息技术', '云南财经大学', withUsccCheck('12530000MB0000888'), '', '2025-01-01', '2028-12-31', 'import_jia']);
    const good = withIdCheck('53010219790101555');
    sheet.addRow(['导入专家乙', good.slice(0, 17) + (good.endsWith('1') ? '2' : '1'), '法律', '某律师事务所', withUsccCheck('12530000MB0000999'), '', '2025-01-01', '2028-12-31', '']);
    const imp = await openDialog(page, page.getByRole('button', { name: /Excel 导入/ }), '从 Excel 导入专家库');
    await imp.locator('input[type=file]').setInputFiles({ name: '专家.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await book.xlsx.writeBuffer()) });
    await imp.getByText('仅导入无误的行').click();
    const imported = page.waitForResponse((r) => r.url().includes('/import?mode=valid'));
    await imp.getByRole('button', { name: /导\s*入/ }).last().click();
    assert.equal((await imported).status(), 200);
    await imp.getByText('身份证号校验位错误').waitFor();
    await imp.getByRole('cell', { name: 'import_jia' }).waitFor();
    await imp.getByRole('button', { name: /关\s*闭/ }).first().click();
    await page.locator('.ant-table-row', { hasText: '导入专家甲' }).waitFor();

    // the new expert signs in with the temporary password
    const expertPage = await (await stack.browser.newContext()).newPage();
    await expertPage.goto(`${stack.baseUrl}/login`);
    await expertPage.getByLabel('用户名').fill('browser_expert');
    await expertPage.getByLabel('密码').fill(password);
    await expertPage.getByRole('button', { name: /登\s*录/ }).click();
    // a temporary password: the expert sets their own first (decision 0025)
    await expertPage.getByText('您正在使用临时密码').waitFor();
    await expertPage.getByLabel('临时密码').fill(password);
    await expertPage.getByLabel('新密码', { exact: true }).fill('yunnan-expert-pool-2026');
    await expertPage.getByLabel('确认新密码').fill('yunnan-expert-pool-2026');
    await expertPage.getByRole('button', { name: '保存新密码' }).click();
    await expertPage.getByRole('menuitem', { name: '我的评估' }).waitFor();
  });
});
