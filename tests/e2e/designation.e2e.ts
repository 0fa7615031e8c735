import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startStack } from './harness';
import { DEMO_PASSWORD } from '../../src/seed/demo-users';

/**
 * One designation application in the browser, as the people involved do it: the hospital's staff
 * create it, upload a material and submit; the 五华区 officer takes it from the work queue and
 * accepts it (受理通知书); the steps that follow go as far as the server supports.
 * Every step waits for visible Chinese text; no sleeps.
 */
let stack: Awaited<ReturnType<typeof startStack>>;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

/** A one-page PDF 1.4 with a correct cross-reference table, built byte by byte. */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
  ];
  const stream = 'BT /F1 12 Tf 20 100 Td (licence) Tj ET';
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function loginAs(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /退出/ }).waitFor();
  return page;
}

/** Click an allowed step, confirm its modal, wait for the success toast naming it. */
async function step(page: Page, label: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(label, { exact: true }).first().waitFor();
  if (fill) await fill();
  await dialog.getByRole('button', { name: `确认${label}` }).click();
  await page.getByText(`已办理：${label}`).first().waitFor();
}

async function stateIs(page: Page, label: string): Promise<void> {
  await page.locator('.ant-card-head-title .ant-tag', { hasText: label }).first().waitFor();
}

describe('designation pipeline in the browser', () => {
  let appUrl = '';

  it('the hospital creates an application, uploads a PDF and submits it', async () => {
    const page = await loginAs(stack.browser, 'inst_hosp');
    await page.getByRole('menuitem', { name: '新建定点申请' }).click();
    await page.getByText('申请的医保支付类别').waitFor();
    await page.getByLabel('普通门诊', { exact: true }).check();
    await page.getByLabel('住院', { exact: true }).check();
    await page.getByLabel('职工基本医疗保险（含生育保险）').check();
    await page.getByLabel('城乡居民基本医疗保险').check();
    await page.getByRole('button', { name: '保存申请并上传材料' }).click();

    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    appUrl = new URL(page.url()).pathname;
    await stateIs(page, '填报中');
    await page.getByText('依据：').first().waitFor();

    // a wrong type is refused in Chinese before anything is stored
    const input = page.locator('input[type=file]').first();
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a pdf') });
    await page.getByText(/文件类型不支持/).waitFor();

    await input.setInputFiles({ name: '执业许可证.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await page.getByRole('link', { name: '执业许可证.pdf' }).waitFor();
    await page.getByText('已上传', { exact: true }).first().waitFor();

    // the same bytes under another name: the server finds the duplicate by checksum
    await page.locator('input[type=file]').first().setInputFiles({ name: '副本.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await page.getByText(/请勿重复上传/).waitFor();
    // text dressed up as a PDF: the server reads the content, not the name
    await page.locator('input[type=file]').first().setInputFiles({ name: '伪装.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<b>not a pdf</b>') });
    await page.getByText(/按文件内容识别/).waitFor();

    await step(page, '提交申请');
    await page.locator('.ant-card-head-title .ant-tag').filter({ hasText: /材料审核中|筛查拟不予受理/ }).waitFor();
    await page.getByRole('tab', { name: /办理时限/ }).click();
    await page.getByText('材料不全一次性告知期限').waitFor();
    await page.getByText(/云医保〔2022〕6号/).first().waitFor();
    await page.context().close();
  });

  it('the 五华区 officer finds it in the work queue and accepts it', async () => {
    const page = await loginAs(stack.browser, 'wuhua');
    await page.getByRole('menuitem', { name: '定点工作台' }).click();
    await page.getByText('按最近到期的办理时限排序').waitFor();
    await page.locator(`a[href="${appUrl}"]`).first().click();
    await page.getByText('可办理事项').waitFor();

    if (await page.getByRole('button', { name: '改判继续受理', exact: true }).isVisible()) {
      await step(page, '改判继续受理', async () => {
        await page.getByLabel('改判理由（必填，记入审计）').fill('经核实，命中情形不成立');
      });
    }
    await stateIs(page, '材料审核中');
    await step(page, '受理签收');
    await stateIs(page, '已受理');
    await page.getByRole('tab', { name: /文书/ }).click();
    await page.getByText('受理通知书').first().waitFor();
    await page.getByRole('link', { name: /PDF/ }).first().waitFor();
    await page.context().close();
  });
});
