import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { signIn, useStack } from './harness';
import {
  addExpert, createAccount, createAgency, firstLogin, newPage, openFromWorkQueue, registerClinic, signInWith, startApplication, step, verifyRegistration,
} from './steps';
import { withUsccCheck } from '../../src/domain/validators/uscc';
import { withIdCheck } from '../../src/domain/validators/id-number';

/**
 * Issue #9's "Done when" as one journey on one fresh stack, in the order the people meet it:
 * the system administrator creates the 曲靖 agency and its head; the head creates an officer (both change
 * their temporary password); a clinic in 麒麟区 (no county agency there, so the nearest agency is the new
 * prefecture one) registers on the public site and the new officer verifies it; the clinic starts an
 * application; the province adds an expert to the pool and a panel is drawn; the new officer imports 1,000
 * institutions with agreements (3 bad rows) and re-imports the file without change; each role's home page
 * shows its due items. Every step waits for what the user sees; no sleeps.
 */
const stack = useStack((s) => {
  s.ctx.config.REGISTRATION_POW_BITS = 14; // the page's proof of work stays short here
});

const AGENCY = '曲靖市医疗保障局';
const CLINIC = '麒麟区惠民诊所';
const CLINIC_USCC = withUsccCheck('92530302MA0GL0001');

/** A figure of the import result (created, unchanged, agreementsCreated …). */
async function resultOf(page: Page, key: string): Promise<string> {
  return ((await page.getByTestId(`import-${key}`).textContent()) ?? '').trim();
}

const HEADERS = ['fixmedins_code', 'fixmedins_name', 'uscc', 'fixmedins_type', '机构类型', 'admdvs', '地址', '协议编号', 'begntime', 'endtime'];
async function registryWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('存量登记簿');
  sheet.addRow(HEADERS);
  for (let i = 1; i <= 1000; i++) {
    const row = [`H530302${10000 + i}`, `曲靖存量诊所${i}号`, withUsccCheck(`92530302MAF${String(i).padStart(6, '0')}`), '1', '诊所', '530302',
      `麒麟区存量路${i}号`, `曲靖医保协〔2025〕${i}号`, '2025-01-01', '2027-12-31'];
    if (i === 10) row[5] = '530102'; // 五华区: outside the 曲靖 agency's territory
    if (i === 500) row[2] = row[2]!.slice(0, 17) + (row[2]!.endsWith('1') ? '2' : '1'); // a wrong check character
    if (i === 999) row[1] = ''; // no name
    sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function importOnce(page: Page, file: Buffer) {
  await page.getByRole('menuitem', { name: '数据导入' }).click();
  await page.getByText('导入存量登记簿及服务协议').waitFor();
  await page.locator('input[type=file]').setInputFiles({ name: '曲靖存量登记簿.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await page.getByLabel(/只导入正确的行/).check();
  const started = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/import'));
  await page.getByRole('button', { name: '开始导入' }).click();
  assert.ok((await started).ok(), 'the upload is accepted');
  await page.getByTestId('import-status').getByText('已完成').waitFor({ timeout: 180_000 });
}

describe('go-live journey (issue #9 "Done when")', () => {
  let officer: Page;
  let clinic: Page;

  it('1–2. the administrator creates the 曲靖 agency and its head; the head creates an officer; both change the temporary password', async () => {
    const admin = await stack.loginAs('admin');
    await createAgency(admin, AGENCY, ['云南省', '曲靖市'], '地市级');
    await admin.getByRole('menuitem', { name: '账号管理' }).click();
    const headPassword = await createAccount(admin, { org: AGENCY, username: 'qj_head', displayName: '曲靖市经办负责人', role: '经办机构负责人' });
    await admin.context().close();

    const head = await firstLogin(stack, 'qj_head', headPassword, 'qujing-head-golive-2026');
    await head.getByRole('menuitem', { name: '账号管理' }).click();
    const officerPassword = await createAccount(head, { username: 'qj_officer', displayName: '曲靖市经办员', role: '经办机构工作人员' });
    await head.getByRole('cell', { name: 'qj_officer' }).waitFor();
    await head.context().close();

    officer = await firstLogin(stack, 'qj_officer', officerPassword, 'qujing-officer-golive-2026');
  });

  it('3. a clinic in 麒麟区 registers on the public site; the new 曲靖 officer sees it at home and verifies it; the clinic starts an application', async () => {
    clinic = await newPage(stack);
    await registerClinic(stack, clinic, {
      uscc: CLINIC_USCC, name: CLINIC, region: ['云南省', '曲靖市', '麒麟区'], address: '曲靖市麒麟区南宁西路18号',
      legalRepName: '孙惠民', legalRepIdNumber: withIdCheck('53030219800502123'), contactName: '李联系', contactPhone: '13887654321',
      username: 'huimin_clinic', password: 'huimin-zhensuo-2026',
    });

    // the officer's home: the registration waiting (it landed at the nearest agency, the new one)
    await officer.goto(`${stack.baseUrl}/`);
    await officer.getByTestId('home-section-agency.registrations').getByText(CLINIC).waitFor();
    await verifyRegistration(officer, CLINIC);

    await signInWith(stack, clinic, 'huimin_clinic', 'huimin-zhensuo-2026');
    await clinic.goto(`${stack.baseUrl}/registration/mine`);
    await clinic.getByTestId('registration-status').getByText('已核实').waitFor();
    await startApplication(clinic);
  });

  let drawnExpert = '';
  it('4. the province adds an expert to the pool; a panel is drawn for an accepted application', async () => {
    const prov = await stack.loginAs('yn_prov');
    await prov.getByRole('menuitem', { name: '专家库' }).click();
    await prov.locator('.ant-table-row', { hasText: '评估专家4（法律）' }).waitFor();
    await addExpert(prov, {
      name: '曲靖新专家', idNumber: withIdCheck('53030219750101333'), specialty: '医疗保障', employer: '曲靖医学高等专科学校',
      employerUscc: withUsccCheck('12530300MB0000777'), username: 'qj_expert',
    });
    await prov.getByRole('button', { name: /知道了|确\s*定|OK/ }).click();
    await prov.locator('.ant-table-row', { hasText: '曲靖新专家' }).waitFor();
    await prov.context().close();

    // the new clinic's application is a draft (materials to upload, 受理 by the agency): the draw is shown
    // on the demo's accepted 昆明 application
    const km = await stack.loginAs('km_head');
    await openFromWorkQueue(km, '已受理');
    await step(km, '组建评估小组', async (form) => {
      await form.getByText('医疗保障', { exact: true }).first().waitFor();
    });
    await km.getByRole('tab', { name: /评估、公示与协商/ }).click();
    await km.getByText(/随机抽取种子/).waitFor();
    const members = (await km.locator('.ant-table-tbody tr td:first-child').allTextContents()).filter((n) => /^(评估专家\d+|曲靖新专家|导入专家)/.test(n));
    assert.ok(members.length >= 5, `the panel covers the five specialties (drawn: ${members.join('、')})`);
    const names = members.filter((n) => /^评估专家\d+/.test(n));
    drawnExpert = `expert${/^评估专家(\d+)/.exec(names[0]!)![1]}`;
    await km.context().close();
  });

  it('5. the 曲靖 officer imports 1,000 institutions with agreements (3 bad rows), downloads the rejected rows, and a re-import changes nothing', async () => {
    const file = await registryWorkbook();
    await importOnce(officer, file);
    assert.equal(await resultOf(officer, 'created'), '997');
    assert.equal(await resultOf(officer, 'agreementsCreated'), '997');
    assert.equal(await officer.getByTestId('import-rejected').textContent(), '3');

    const download = officer.waitForEvent('download');
    await officer.getByRole('button', { name: /下载错误行/ }).click();
    const dl = await download;
    assert.match(dl.suggestedFilename(), /^未导入的行-曲靖存量登记簿\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await dl.path());
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.getRow(1).getCell(2).text, '错误说明');
    assert.deepEqual([2, 3, 4].map((r) => Number(sheet.getRow(r).getCell(1).text)).sort((a, b) => a - b), [11, 501, 1000], 'the file lines of the bad rows');
    for (const r of [2, 3, 4]) assert.ok(sheet.getRow(r).getCell(2).text.length > 0, 'each rejected row says why');

    // the same file again: nothing new, nothing changed
    await officer.reload();
    await importOnce(officer, file);
    assert.equal(await resultOf(officer, 'created'), '0');
    assert.equal(await resultOf(officer, 'updated'), '0');
    assert.equal(await resultOf(officer, 'agreementsCreated'), '0');
    assert.equal(await resultOf(officer, 'agreementsUpdated'), '0');
    assert.equal(await resultOf(officer, 'unchanged'), '997');
    assert.equal(await officer.getByTestId('import-rejected').textContent(), '3');
  });

  it('6. each role\'s home page shows its due items', async () => {
    // officer: the files waiting (the 昆明 head, whose demo files wait) and the registrations (none left for 曲靖)
    const km = await stack.loginAs('km_head');
    await km.getByTestId('home-section-applications.waiting').getByTestId('home-item').first().waitFor();
    await km.context().close();
    await officer.goto(`${stack.baseUrl}/`);
    await officer.getByTestId('home-section-agency.registrations').getByText('没有待审核').waitFor();
    // institution: its application
    await clinic.goto(`${stack.baseUrl}/`);
    await clinic.getByTestId('home-section-institution.applications').getByTestId('home-item').getByText('填报中').waitFor();
    // expert: the panel just drawn
    const expert = await stack.loginAs(drawnExpert);
    await expert.getByTestId('home-section-expert.panels').getByTestId('home-item').first().waitFor();
    await expert.context().close();
    // sysadmin: the checklist
    const admin = await newPage(stack);
    await signIn(admin, stack.baseUrl, 'admin');
    await admin.getByTestId('home-section-sysadmin.checklist').waitFor();
    await admin.context().close();
    await officer.context().close();
    await clinic.context().close();
  });
});
