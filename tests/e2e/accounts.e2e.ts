import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './harness';
import { createAccount, createAgency, firstLogin } from './steps';

/**
 * Accounts and organisations in the browser (issue #9): the system administrator creates a
 * prefecture agency and its head; the head signs in with the temporary password, must change it,
 * and creates an officer; the officer signs in and must change the temporary password too.
 */
const stack = useStack();

const NEW_AGENCY = '曲靖市医疗保障经办中心（测试）';

describe('accounts and organisations (issue #9)', () => {
  it('sysadmin → prefecture agency and its head → the head creates an officer → the officer must change the temporary password', async () => {
    const admin = await stack.loginAs('admin');
    await createAgency(admin, NEW_AGENCY, ['云南省', '曲靖市'], '地市级');
    const searched = admin.waitForResponse((r) => r.url().includes('/api/admin/organizations?') && r.url().includes(`q=${encodeURIComponent('曲靖')}`));
    await admin.getByPlaceholder('机构名称').fill('曲靖');
    await admin.getByPlaceholder('机构名称').press('Enter');
    assert.ok(((await (await searched).json()) as { total: number }).total >= 1, 'the new agency is found by name');
    await admin.getByRole('cell', { name: NEW_AGENCY }).waitFor();
    await admin.getByRole('cell', { name: '曲靖市（530300）' }).waitFor();

    await admin.getByRole('menuitem', { name: '账号管理' }).click();
    const headPassword = await createAccount(admin, { org: NEW_AGENCY, username: 'qj_head', displayName: '曲靖经办负责人', role: '经办机构负责人' });
    await admin.context().close();

    const head = await firstLogin(stack, 'qj_head', headPassword, 'qujing-head-chunjie-2026');
    await head.getByRole('menuitem', { name: '账号管理' }).click();
    const officerPassword = await createAccount(head, { username: 'qj_officer', displayName: '曲靖经办员', role: '经办机构工作人员' });
    await head.getByRole('cell', { name: 'qj_officer' }).waitFor();
    if (process.env.E2E_SCREENSHOTS) await head.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/accounts-head.png`, fullPage: true });
    await head.context().close();

    const officer = await firstLogin(stack, 'qj_officer', officerPassword, 'qujing-officer-mima-2026');
    const me = await officer.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { user: { orgName: string; mustChangePassword: boolean; roles: string[] } });
    assert.equal(me.user.orgName, NEW_AGENCY);
    assert.deepEqual(me.user.roles, ['agency_officer']);
    assert.equal(me.user.mustChangePassword, false);
    await officer.context().close();
  });
});
