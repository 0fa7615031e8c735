import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openDialog, startStack } from './harness';

/**
 * Accounts and organisations in the browser (issue #9): the system administrator creates a
 * prefecture agency and its head; the head signs in with the temporary password, must change it,
 * and creates an officer; the officer signs in and must change the temporary password too.
 */
let stack: Awaited<ReturnType<typeof startStack>>;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

const NEW_AGENCY = '曲靖市医疗保障经办中心（测试）';

/** Signs in with a temporary password, meets the forced change page, sets `newPassword`, lands in the shell. */
async function firstLogin(username: string, temporary: string, newPassword: string): Promise<Page> {
  const page = await (await stack.browser.newContext()).newPage();
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(temporary);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByText('您正在使用临时密码').waitFor();
  // the server refuses everything else until the password is changed
  const refused = await page.evaluate(async () => (await fetch('/api/institutions')).status);
  assert.equal(refused, 403, 'API refused while the temporary password is unchanged');
  await page.getByLabel('临时密码').fill(temporary);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '保存新密码' }).click();
  // the shell (its header's 修改密码 button), once the temporary password is gone
  await page.getByRole('button', { name: /修改密码/ }).waitFor();
  await page.getByText('您正在使用临时密码').waitFor({ state: 'detached' });
  return page;
}

/** On the account page: 新建账号 with the given fields; returns the temporary password shown once. */
async function createAccount(page: Page, fields: { org?: string; username: string; displayName: string; role: string }): Promise<string> {
  const dialog = await openDialog(page, page.getByRole('button', { name: '新建账号' }), '新建账号');
  if (fields.org) {
    await dialog.getByLabel('所属机构').click();
    await dialog.getByLabel('所属机构').fill(fields.org.slice(0, 4));
    await page.locator('.ant-select-item-option', { hasText: fields.org }).first().click();
  }
  await dialog.getByLabel('用户名').fill(fields.username);
  await dialog.getByLabel('姓名').fill(fields.displayName);
  await dialog.getByRole('checkbox', { name: fields.role }).check();
  await dialog.getByRole('button', { name: /创\s*建/ }).click();
  const shown = page.getByTestId('temporary-password');
  await shown.waitFor();
  const password = ((await shown.textContent()) ?? '').trim();
  assert.match(password, /^\w{4}-\w{4}-\w{4}$/);
  await page.getByRole('button', { name: '我已记下' }).click();
  return password;
}

describe('accounts and organisations (issue #9)', () => {
  it('sysadmin → prefecture agency and its head → the head creates an officer → the officer must change the temporary password', async () => {
    const admin = await stack.loginAs('admin');
    await admin.getByRole('menuitem', { name: '机构管理' }).click();
    const dialog = await openDialog(admin, admin.getByRole('button', { name: '新增机构' }), '新增机构');
    await dialog.getByLabel('机构名称').fill(NEW_AGENCY);
    await dialog.getByLabel('所属行政区划').click();
    // the dropdown opens with a motion during which a click can be lost: click until the children show
    const yunnan = admin.locator('.ant-cascader-menu-item', { hasText: '云南省' }).first();
    const qujing = admin.locator('.ant-cascader-menu-item', { hasText: '曲靖市' }).first();
    for (let attempt = 0; ; attempt++) {
      await yunnan.click();
      const shown = await qujing.waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (shown) break;
      assert.ok(attempt < 4, '云南省 的下级区划未显示');
    }
    await qujing.click();
    await dialog.getByText('层级：地市级').waitFor();
    await dialog.getByText('新增机构').click(); // closes the cascader's dropdown, which covers the buttons
    const created = admin.waitForResponse((r) => r.url().endsWith('/api/admin/organizations') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    assert.equal((await created).status(), 201);
    await dialog.waitFor({ state: 'hidden' });
    const searched = admin.waitForResponse((r) => r.url().includes('/api/admin/organizations?') && r.url().includes(`q=${encodeURIComponent('曲靖')}`));
    await admin.getByPlaceholder('机构名称').fill('曲靖');
    await admin.getByPlaceholder('机构名称').press('Enter');
    assert.ok(((await (await searched).json()) as { total: number }).total >= 1, 'the new agency is found by name');
    await admin.getByRole('cell', { name: NEW_AGENCY }).waitFor();
    await admin.getByRole('cell', { name: '曲靖市（530300）' }).waitFor();

    await admin.getByRole('menuitem', { name: '账号管理' }).click();
    const headPassword = await createAccount(admin, { org: NEW_AGENCY, username: 'qj_head', displayName: '曲靖经办负责人', role: '经办机构负责人' });
    await admin.context().close();

    const head = await firstLogin('qj_head', headPassword, 'qujing-head-chunjie-2026');
    await head.getByRole('menuitem', { name: '账号管理' }).click();
    const officerPassword = await createAccount(head, { username: 'qj_officer', displayName: '曲靖经办员', role: '经办机构工作人员' });
    await head.getByRole('cell', { name: 'qj_officer' }).waitFor();
    if (process.env.E2E_SCREENSHOTS) await head.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/accounts-head.png`, fullPage: true });
    await head.context().close();

    const officer = await firstLogin('qj_officer', officerPassword, 'qujing-officer-mima-2026');
    const me = await officer.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { user: { orgName: string; mustChangePassword: boolean; roles: string[] } });
    assert.equal(me.user.orgName, NEW_AGENCY);
    assert.deepEqual(me.user.roles, ['agency_officer']);
    assert.equal(me.user.mustChangePassword, false);
    await officer.context().close();
  });
});
