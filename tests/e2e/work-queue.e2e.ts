import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, isNotNull, like } from 'drizzle-orm';
import { useStack } from './harness';
import { applications, complaints } from '../../src/db/schema/index';

/**
 * The work queue in the browser (decision 0019): the 昆明 officer searches by 申请编号, uses a filter
 * chip, sorts by a column (the server sorts), reads the remaining 工作日 and exports Excel (a
 * download, parsed back); a complainant looks up a complaint by its receipt number and phone on
 * the public site. Every step waits for visible Chinese text or the server's answer; no sleeps.
 */
const stack = useStack();


describe('work queue in the browser', () => {
  it('the officer searches by 申请编号, filters, sorts, sees remaining 工作日 and exports Excel', async () => {
    const [seeded] = await stack.ctx.db.select({ no: applications.applicationNo }).from(applications)
      .where(and(isNotNull(applications.applicationNo), like(applications.regionCode, '5301%'))).limit(1);
    assert.ok(seeded?.no, 'the demo seed submits applications in 昆明');
    const page = await stack.loginAs('km_city', { acceptDownloads: true });
    await page.getByRole('menuitem', { name: '定点工作台' }).click();
    await page.getByText('按最近到期的办理时限排序').waitFor();

    // search by the number people say on the phone
    await page.getByPlaceholder('机构名称、申请编号、统一社会信用代码或医保编码').fill(seeded.no);
    const searched = page.waitForResponse((r) => r.url().includes('/api/applications?') && r.url().includes('q='));
    await page.getByPlaceholder('机构名称、申请编号、统一社会信用代码或医保编码').press('Enter');
    await searched;
    await page.locator('.ant-table-row', { hasText: seeded.no }).waitFor();
    assert.equal(await page.locator('.ant-table-row').count(), 1);
    await page.getByText('共 1 件').waitFor();

    // the remaining working days to the nearest deadline
    await page.locator('.ant-table-row').getByText(/剩 \d+ 个工作日|已超 \d+ 个工作日|公示期满，待办理/).first().waitFor();

    // clear the search, then a filter chip: 待我办理
    await page.getByPlaceholder('机构名称、申请编号、统一社会信用代码或医保编码').fill('');
    const cleared = page.waitForResponse((r) => r.url().includes('/api/applications') && !r.url().includes('q='));
    await page.getByPlaceholder('机构名称、申请编号、统一社会信用代码或医保编码').press('Enter');
    await cleared;
    const filtered = page.waitForResponse((r) => r.url().includes('mine=todo'));
    await page.getByText('待我办理', { exact: true }).click();
    assert.equal((await filtered).status(), 200);
    const unfiltered = page.waitForResponse((r) => r.url().includes('/api/applications') && !r.url().includes('mine='));
    await page.getByText('待我办理', { exact: true }).click(); // off again
    await unfiltered;

    // sort by 申请编号 on the server
    const sorted = page.waitForResponse((r) => r.url().includes('sort=applicationNo'));
    await page.locator('.ant-table-thead th', { hasText: '申请编号' }).click();
    const body = (await (await sorted).json()) as { items: { applicationNo: string | null }[] };
    assert.ok(body.items.length > 0);

    // Excel of exactly the filtered list
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /定点工作台-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await file.path())!);
    const sheet = book.getWorksheet('定点工作台')!;
    assert.equal(sheet.getRow(1).getCell(1).value, '申请编号');
    const total = Number(/共 (\d+) 件/.exec((await page.getByText(/共 \d+ 件/).first().textContent()) ?? '')?.[1]);
    assert.equal(sheet.actualRowCount - 1, total);
    await page.context().close();
  });

  it('a complainant looks up a complaint by its receipt number and phone', async () => {
    const [app] = await stack.ctx.db.select({ id: applications.id, regionCode: applications.regionCode }).from(applications)
      .where(isNotNull(applications.applicationNo)).limit(1);
    const number = '五华医保投诉〔2026〕99号';
    await stack.ctx.db.insert(complaints).values({
      id: randomUUID(), applicationId: app!.id, regionCode: app!.regionCode, content: '床位数与公示不符', contactName: '王某',
      phone: '13800138000', receivedAt: new Date(), number,
    });
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/public/complaint-status`);
    await page.getByLabel('受理编号').fill(number);
    await page.getByLabel('联系电话').fill('13900139000');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByText('未查到该投诉，请核对受理编号和投诉时填写的联系电话').waitFor();
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByTestId('complaint-status').getByText('调查核实中').waitFor();
    assert.equal(await page.getByText('王某').count(), 0);
    await context.close();
  });
});
