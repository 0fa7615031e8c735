import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './harness';
import { buildUser } from '../../src/testing/factories';
import { DEMO_PASSWORD } from '../../src/seed/demo-users';
import { institutions } from '../../src/db/schema/index';
import { createApplication } from '../../src/designation/create-application';
import { buildSessionUser } from '../../src/testing/factories';

/**
 * 地区评估标准和流程 (自治区医保局〔2025〕征求意见稿 一(一); decision 0043) in the browser. The demo runs the
 * 2025 draft in 广西壮族自治区; 南宁市's head is the demo's own login (nn_head, 南宁市医疗保障事业管理中心). The
 * head publishes 南宁市's standard with its 文号 and 生效日期; a citizen on the public site picks the draft and
 * 南宁市 and reads the standard under that region, with its layer. Every step waits for visible text; no sleeps.
 */
const stack = useStack();

describe('地区评估标准和流程 in the browser', () => {
  it('自治区医保局〔2025〕征求意见稿 一(一): the 南宁市 head publishes its standard; the public site shows it under 南宁市', async () => {
    const page = await stack.loginAs('nn_head');
    await page.goto(`${stack.baseUrl}/region-standards?region=450100`);
    await page.getByText('新增定点：未发布').waitFor();
    await page.getByRole('button', { name: '发布评估标准' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('标准名称').fill('南宁市新增定点医药机构评估标准');
    await dialog.getByLabel('文号').fill('南医保〔2026〕3号');
    await dialog.getByLabel('评估项目1').fill('基本条件');
    await dialog.getByLabel('评估流程').fill('受理 → 书面评估 → 现场评估 → 公示');
    await dialog.getByRole('button', { name: /发\s*布/ }).click();
    await page.getByText('新增定点：南宁市新增定点医药机构评估标准').waitFor();
    await page.getByText('统筹地区（南医保〔2026〕3号）').first().waitFor();
    const row = page.getByRole('row', { name: /新增定点 南宁市新增定点医药机构评估标准 南医保〔2026〕3号/ });
    await row.getByText('现行').waitFor();
    assert.match((await row.textContent()) ?? '', /新增定点/);
    await page.context().close();

    const pub = await (await stack.browser.newContext()).newPage();
    await pub.goto(`${stack.baseUrl}/public/standards`);
    await pub.getByLabel('地区政策').click();
    await pub.locator('.ant-select-item-option', { hasText: '征求意见稿' }).first().click();
    await pub.getByLabel('市', { exact: true }).click();
    await pub.locator('.ant-select-item-option', { hasText: '南宁市' }).first().click();
    await pub.getByText('统筹地区（南医保〔2026〕3号）').first().waitFor();
    await pub.getByText('南医保〔2026〕3号，自', { exact: false }).waitFor();
    await pub.getByRole('cell', { name: '基本条件' }).waitFor();
    await pub.context().close();

    // a 南宁市 pharmacy's application made after publication is held against it: its page names the standard
    const now = stack.ctx.clock.now();
    const [inst] = await stack.ctx.db.insert(institutions).values({
      name: '南宁示例大药房', uscc: 'ZZQE2E450100000000', kind: 'pharmacy', subtype: 'pharmacy_single', ownership: 'private', adminLevel: 'county',
      status: 'designated', regionCode: '450100', address: '南宁市示例路1号', openedOn: '2020-01-01', createdAt: now, updatedAt: now,
    } as typeof institutions.$inferInsert).returning({ id: institutions.id });
    const staff = await buildSessionUser(stack.ctx, { kind: 'institution', regionCode: '450100', institutionId: inst!.id }, ['institution_staff']);
    const app = await createApplication(stack.ctx, staff, { route: 'add_category', paymentCategories: ['dual_channel'], insuranceSchemes: ['employee'] } as Parameters<typeof createApplication>[2]);
    await buildUser(stack.ctx, staff.orgId, ['institution_staff'], { username: 'nn_pharmacy', password: DEMO_PASSWORD });
    const inPage = await stack.loginAs('nn_pharmacy');
    await inPage.goto(`${stack.baseUrl}/applications/${app.id}`);
    const standard = inPage.getByTestId('evaluation-standard');
    await standard.getByText('统筹地区', { exact: true }).waitFor();
    assert.match((await standard.textContent()) ?? '', /南宁市新增定点医药机构评估标准.*南医保〔2026〕3号.*起施行/);
    await inPage.context().close();
  });

  it('自治区医保局〔2025〕征求意见稿 一(一): a 续签 standard published with the wrong 文号 is withdrawn with a reason; it no longer applies', async () => {
    const page = await stack.loginAs('nn_head');
    await page.goto(`${stack.baseUrl}/region-standards?region=450100`);
    await page.getByText('续签协议：未发布').waitFor();
    await page.getByRole('button', { name: '发布评估标准' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('评估类别').click();
    await page.locator('.ant-select-item-option', { hasText: '续签' }).click();
    await dialog.getByLabel('标准名称').fill('南宁市续签协议评估标准');
    await dialog.getByLabel('文号').fill('南医保〔2062〕9号');
    await dialog.getByLabel('评估项目1').fill('协议履行情况');
    await dialog.getByLabel('评估流程').fill('书面评估 → 综合评价');
    await dialog.getByRole('button', { name: /发\s*布/ }).click();
    await page.getByText('续签协议：南宁市续签协议评估标准').waitFor();

    const row = page.getByRole('row', { name: /南宁市续签协议评估标准 南医保〔2062〕9号/ });
    await row.getByRole('button', { name: /撤\s*回/ }).click();
    const confirm = page.getByRole('dialog', { name: /撤回「南宁市续签协议评估标准」/ });
    await confirm.getByText('自今日起不再施行').waitFor();
    await confirm.getByRole('button', { name: /撤\s*回/ }).click();
    await confirm.getByText('请填写撤回理由').waitFor(); // the reason is required
    await confirm.getByLabel('撤回理由').fill('文号有误，重新发文');
    await confirm.getByRole('button', { name: /撤\s*回/ }).click();
    await page.getByText('续签协议：未发布').waitFor();
    await row.getByText(/已撤回/).waitFor();
    assert.equal(await row.getByRole('button', { name: /撤\s*回/ }).count(), 0);
    await page.context().close();
  });
});
