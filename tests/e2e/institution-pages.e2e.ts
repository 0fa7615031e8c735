import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, useStack } from './harness';

/**
 * The institution's pages (issue #7): no second application offered while one is open, the draft's
 * declaration edited with the phone checked, categories that fit the kind, the progress stepper,
 * and dialogs that answer invalid input at the field without an uncaught error.
 */
const stack = useStack();

describe('the institution in the browser', () => {
  it('the demo hospital continues its open draft, corrects its phone, and dialogs refuse empty input without uncaught errors', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    const uncaught: string[] = [];
    page.on('pageerror', (e) => uncaught.push(e.message));
    await signIn(page, stack.baseUrl, 'inst_hosp');

    // 我的申请: the seeded draft is open, so no second application is offered
    await page.getByRole('menuitem', { name: '我的申请' }).click();
    await page.getByRole('button', { name: /查看办理中的申请/ }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await page.getByTestId('progress-steps').getByText('填报申请').waitFor();

    // 修改申请声明: a wrong phone is refused at the field; a right one is saved
    await page.getByRole('button', { name: '修改申请声明' }).click();
    const dialog = page.getByRole('dialog');
    assert.equal(await dialog.getByLabel('长期护理').count(), 0, 'a hospital is not offered 长期护理');
    await dialog.getByLabel('联系电话').fill('12');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('联系电话格式错误（手机号或带区号的固定电话）').waitFor();
    await dialog.getByLabel('联系电话').fill('0871-65123456');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存申请声明').waitFor();
    await page.getByText('0871-65123456').waitFor();

    // 撤回申请 with no reason: the field says why, nothing is thrown
    await page.getByRole('button', { name: '撤回申请', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认撤回申请' }).click();
    await page.getByRole('dialog').getByText('请填写撤回理由').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();

    assert.deepEqual(uncaught, [], 'no uncaught error in the page');
    await context.close();
  });
});
