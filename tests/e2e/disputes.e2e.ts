import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './harness';
import { choose, minimalPdf } from './steps';

/**
 * 争议 and 评价建议 in the browser (decisions 0035, 0042), on the living demo's 盘龙区仁济门诊部 (its legal
 * representative signs in as inst_renji_rep) and the 盘龙区 officer: the clinic raises a dispute about the
 * agency's own breach of the agreement (京医保发〔2021〕30号 第三十九条) and attaches its evidence → the officer
 * sees it in 争议处理 with the file, records 协商 and closes it 和解 (第四十六条) → the clinic sees 已办结;
 * the clinic rates the agency online (云医保〔2022〕6号 第二十三条) → the officer answers (反馈) in 机构评价 →
 * the clinic reads the answer. Every step waits for visible Chinese text; no sleeps.
 */
const stack = useStack();
const CLINIC = '盘龙区仁济门诊部';

describe('disputes and ratings in the browser (issue #10 leftovers)', () => {
  it('the clinic raises a dispute with evidence; the officer negotiates and closes it', async () => {
    const clinic = await stack.loginAs('inst_renji_rep');
    await clinic.getByRole('menuitem', { name: '协议争议' }).click();
    await clinic.getByText('提出协议争议').first().waitFor();
    await choose(clinic, '协议', '（');
    await choose(clinic, '争议事项', '经办机构违反协议');
    await clinic.getByLabel('异议内容及理由').fill('经办机构未按协议约定时限拨付2026年10月医保费用');
    await clinic.getByRole('button', { name: '提出争议' }).click();
    await clinic.getByText('争议已提出').first().waitFor();
    const row = clinic.locator('.ant-table-row', { hasText: '经办机构违反协议' }).first();
    await row.getByText('已提出').waitFor();
    await row.getByText('办理', { exact: true }).click();
    const drawer = clinic.getByTestId('dispute-detail');
    await drawer.getByText('经办机构未按协议约定时限拨付').waitFor();
    await drawer.locator('input[type=file]').setInputFiles({ name: '拨付记录.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
    await clinic.getByText('已上传「拨付记录.pdf」').first().waitFor();
    await drawer.getByText('拨付记录.pdf').waitFor();

    const officer = await stack.loginAs('panlong');
    await officer.getByRole('menuitem', { name: '争议处理' }).click();
    await officer.getByText('辖区医药机构提出的协议争议').waitFor();
    const searched = officer.waitForResponse((r) => r.url().includes('/api/disputes?') && r.url().includes('search='));
    await officer.getByPlaceholder('机构名称、协议编号或异议内容').fill(CLINIC);
    await officer.getByPlaceholder('机构名称、协议编号或异议内容').press('Enter');
    assert.equal((await searched).status(), 200);
    const mine = officer.locator('.ant-table-row', { hasText: '经办机构违反协议' }).first();
    await mine.getByText(CLINIC, { exact: true }).click();
    const detail = officer.getByTestId('dispute-detail');
    await detail.getByText('拨付记录.pdf').waitFor();
    await detail.getByText('医药机构', { exact: true }).first().waitFor();

    await detail.getByRole('button', { name: /^协\s?商$/ }).click();
    let dialog = officer.getByRole('dialog', { name: '协商' });
    await dialog.getByLabel('协商情况').fill('经办机构承认拨付延迟，已于11月5日补付');
    await dialog.getByRole('button', { name: /^确\s?定$/ }).click();
    await officer.getByText('已协商').first().waitFor();
    await detail.getByTestId('dispute-state').filter({ hasText: '协商中' }).waitFor();

    await detail.getByRole('button', { name: '办结争议' }).click();
    dialog = officer.getByRole('dialog', { name: '办结争议' });
    await dialog.getByLabel('和解').check();
    await dialog.getByLabel('处理结果说明').fill('已补付，双方和解');
    await dialog.getByRole('button', { name: /^确\s?定$/ }).click();
    await detail.getByTestId('dispute-state').filter({ hasText: '已办结' }).waitFor();
    await detail.getByText('已补付，双方和解').waitFor();

    await clinic.reload();
    await clinic.locator('.ant-table-row', { hasText: '经办机构违反协议' }).first().getByText('已办结').waitFor();
  });

  it('the clinic rates the agency online; the officer answers (反馈)', async () => {
    const clinic = await stack.loginAs('inst_renji_rep');
    await clinic.getByRole('menuitem', { name: '评价经办机构' }).click();
    await clinic.getByText('定点医药机构可对经办机构履行协议情况开展评价').waitFor();
    await clinic.locator('.ant-form .ant-rate-star').nth(3).click();
    await clinic.getByLabel('评价建议').fill('结算审核及时，希望增加政策培训');
    await clinic.getByRole('button', { name: '提交评价' }).click();
    await clinic.getByText('评价建议已提交').first().waitFor();
    await clinic.locator('.ant-table-row', { hasText: '希望增加政策培训' }).getByText('待反馈').waitFor();

    const officer = await stack.loginAs('panlong');
    await officer.getByRole('menuitem', { name: '机构评价' }).click();
    const row = officer.locator('.ant-table-row', { hasText: '希望增加政策培训' });
    await row.getByText(CLINIC).waitFor();
    await row.getByRole('button', { name: /^反\s?馈$/ }).click();
    const dialog = officer.getByRole('dialog', { name: '反馈评价建议' });
    await dialog.getByLabel('反馈内容').fill('下月起每季度组织一次政策培训');
    await dialog.getByRole('button', { name: '提交反馈' }).click();
    await officer.getByText('已反馈').first().waitFor();

    await clinic.reload();
    await clinic.locator('.ant-table-row', { hasText: '希望增加政策培训' }).getByText('下月起每季度组织一次政策培训').waitFor();
  });
});
