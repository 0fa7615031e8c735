import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { startStack } from './harness';
import { institutions, registrations } from '../../src/db/schema/index';
import { withUsccCheck } from '../../src/domain/validators/uscc';
import { withIdCheck } from '../../src/domain/validators/id-number';

/**
 * Institution self-registration in the browser (issue #9; decision 0027): a new clinic registers on
 * the public site (the page does the proof of work), signs in and sees only 我的注册 (待审核); the
 * 五华区 officer finds it in 注册审核, opens the licence and verifies it; the clinic, now an institution
 * user, starts a designation application. Every step waits for visible Chinese text; no sleeps.
 */
let stack: Awaited<ReturnType<typeof startStack>>;
before(async () => {
  stack = await startStack();
  stack.ctx.config.REGISTRATION_POW_BITS = 14; // the browser's work stays well under a second here
});
after(async () => {
  await stack?.stop();
});

const pdf = () => Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const USCC = withUsccCheck('92530102MA0E2E001');
const NAME = '五华区康和诊所';
const USERNAME = 'kanghe_clinic';
const PASSWORD = 'kanghe-zhensuo-2026';

async function choose(page: Page, label: string, option: string, search = false) {
  await page.getByLabel(label, { exact: true }).click();
  if (search) await page.getByLabel(label, { exact: true }).fill(option); // a long list is virtual: type to find
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

async function signInAs(page: Page, username: string, password: string) {
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /退出/ }).waitFor();
}

describe('institution self-registration in the browser', () => {
  it('a new clinic registers, the 五华区 officer verifies it, the clinic signs in and starts an application', async () => {
    // ── the public form, reached from the login page ──
    const clinic = await (await stack.browser.newContext()).newPage();
    await clinic.goto(`${stack.baseUrl}/login`);
    await clinic.getByRole('link', { name: '医药机构注册' }).click();
    await clinic.getByText('尚未在本系统登记的医疗机构').waitFor();
    await clinic.getByLabel('统一社会信用代码').fill(USCC);
    await clinic.getByLabel('机构名称').fill(NAME);
    await choose(clinic, '机构类别', '医疗机构');
    await choose(clinic, '机构类型', '诊所', true);
    await choose(clinic, '所有制形式', '民营');
    await clinic.getByLabel('所在区县').click();
    await clinic.locator('.ant-cascader-menu-item', { hasText: '云南省' }).click();
    await clinic.locator('.ant-cascader-menu-item', { hasText: '昆明市' }).click();
    await clinic.locator('.ant-cascader-menu-item', { hasText: '五华区' }).click();
    await clinic.getByLabel('机构地址').fill('昆明市五华区青年路88号');
    await clinic.getByLabel('法定代表人姓名').fill('赵康和');
    await clinic.getByLabel('法定代表人身份证号').fill(withIdCheck('53010219790301123'));
    await clinic.getByLabel('联系人姓名').fill('钱联系');
    await clinic.getByLabel('联系人电话').fill('13987654321');
    await clinic.locator('input[type=file]').first().setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await clinic.getByText('营业执照.pdf').waitFor();
    await clinic.getByLabel('用户名').fill(USERNAME);
    await clinic.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await clinic.getByLabel('确认密码').fill(PASSWORD);
    await clinic.getByRole('button', { name: '提交注册' }).click();
    await clinic.getByText('注册已提交，等待属地医保经办机构审核').waitFor({ timeout: 60_000 });
    const [reg] = await stack.ctx.db.select().from(registrations).where(eq(registrations.uscc, USCC));
    assert.equal(reg?.status, 'pending');

    // ── the pending account: 我的注册 only ──
    await signInAs(clinic, USERNAME, PASSWORD);
    await clinic.waitForURL(/\/registration\/mine$/);
    await clinic.getByTestId('registration-status').getByText('待审核').waitFor();
    assert.equal(await clinic.getByRole('menuitem', { name: '新建定点申请' }).count(), 0);
    assert.equal(await clinic.getByRole('menuitem', { name: '机构名录' }).count(), 0);

    // ── the 五华区 officer verifies ──
    const officer = await stack.loginAs('wuhua');
    await officer.getByRole('menuitem', { name: '注册审核' }).click();
    await officer.locator('.ant-table-row', { hasText: NAME }).getByText(NAME).click();
    await officer.getByRole('link', { name: /营业执照.*营业执照\.pdf/ }).waitFor();
    await officer.getByRole('button', { name: '核实通过' }).click();
    await officer.locator('.ant-modal-confirm').getByRole('button', { name: /核\s*实/ }).click();
    await officer.getByText('已核实：机构已登记入库，账号已开通').waitFor();
    const [inst] = await stack.ctx.db.select().from(institutions).where(eq(institutions.uscc, USCC));
    assert.equal(inst?.name, NAME);

    // ── the clinic, now an institution user, starts a designation application ──
    await clinic.reload();
    await clinic.getByTestId('registration-status').getByText('已核实').waitFor();
    await clinic.getByRole('menuitem', { name: '新建定点申请' }).click();
    await clinic.getByText('申请的医保支付类别').waitFor();
    await clinic.getByLabel('普通门诊', { exact: true }).check();
    await clinic.getByLabel('职工基本医疗保险（含生育保险）').check();
    await clinic.getByRole('button', { name: '保存申请并上传材料' }).click();
    await clinic.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await clinic.getByText('填报中').first().waitFor();
  });
});
