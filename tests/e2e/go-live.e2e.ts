import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { signIn, startStack } from './harness';
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
let stack: Awaited<ReturnType<typeof startStack>>;
before(async () => {
  stack = await startStack();
  stack.ctx.config.REGISTRATION_POW_BITS = 14; // the page's proof of work stays short here
});
after(async () => {
  await stack?.stop();
});

const AGENCY = '曲靖市医疗保障局';
const CLINIC = '麒麟区惠民诊所';
const CLINIC_USCC = withUsccCheck('92530302MA0GL0001');
const pdf = () => Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function newPage(): Promise<Page> {
  return (await stack.browser.newContext({ acceptDownloads: true })).newPage();
}

async function firstLogin(username: string, temporary: string, newPassword: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(temporary);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByText('您正在使用临时密码').waitFor();
  await page.getByLabel('临时密码').fill(temporary);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByRole('button', { name: /修改密码/ }).waitFor();
  return page;
}

async function signInWith(page: Page, username: string, password: string) {
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /退出/ }).waitFor();
}

async function createAccount(page: Page, fields: { org?: string; username: string; displayName: string; role: string }): Promise<string> {
  await page.getByRole('button', { name: '新建账号' }).click();
  const dialog = page.getByRole('dialog', { name: '新建账号' });
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
  await page.getByRole('button', { name: '我已记下' }).click();
  return password;
}

async function choose(page: Page, label: string, option: string, search = false) {
  await page.getByLabel(label, { exact: true }).click();
  if (search) await page.getByLabel(label, { exact: true }).fill(option);
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

/** Clicks through a cascader, retrying the first level while the dropdown is still opening. */
async function cascade(page: Page, levels: string[]) {
  const first = page.locator('.ant-cascader-menu-item', { hasText: levels[0] }).first();
  const second = page.locator('.ant-cascader-menu-item', { hasText: levels[1] }).first();
  for (let attempt = 0; ; attempt++) {
    await first.click();
    if (await second.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
    assert.ok(attempt < 4, `${levels[0]} 的下级区划未显示`);
  }
  for (const l of levels.slice(1)) await page.locator('.ant-cascader-menu-item', { hasText: l }).first().click();
}

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
    await admin.getByRole('menuitem', { name: '机构管理' }).click();
    await admin.getByRole('button', { name: '新增机构' }).click();
    const dialog = admin.getByRole('dialog', { name: '新增机构' });
    await dialog.getByLabel('机构名称').fill(AGENCY);
    await dialog.getByLabel('所属行政区划').click();
    await cascade(admin, ['云南省', '曲靖市']);
    await dialog.getByText('层级：地市级').waitFor();
    await dialog.getByText('新增机构').click(); // closes the cascader's dropdown over the buttons
    const created = admin.waitForResponse((r) => r.url().endsWith('/api/admin/organizations') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    assert.equal((await created).status(), 201);
    await dialog.waitFor({ state: 'hidden' });
    await admin.getByRole('menuitem', { name: '账号管理' }).click();
    const headPassword = await createAccount(admin, { org: AGENCY, username: 'qj_head', displayName: '曲靖市经办负责人', role: '经办机构负责人' });
    await admin.context().close();

    const head = await firstLogin('qj_head', headPassword, 'qujing-head-golive-2026');
    await head.getByRole('menuitem', { name: '账号管理' }).click();
    const officerPassword = await createAccount(head, { username: 'qj_officer', displayName: '曲靖市经办员', role: '经办机构工作人员' });
    await head.getByRole('cell', { name: 'qj_officer' }).waitFor();
    await head.context().close();

    officer = await firstLogin('qj_officer', officerPassword, 'qujing-officer-golive-2026');
  });

  it('3. a clinic in 麒麟区 registers on the public site; the new 曲靖 officer sees it at home and verifies it; the clinic starts an application', async () => {
    clinic = await newPage();
    await clinic.goto(`${stack.baseUrl}/login`);
    await clinic.getByRole('link', { name: '医药机构注册' }).click();
    await clinic.getByText('尚未在本系统登记的医疗机构').waitFor();
    await clinic.getByLabel('统一社会信用代码').fill(CLINIC_USCC);
    await clinic.getByLabel('机构名称').fill(CLINIC);
    await choose(clinic, '机构类别', '医疗机构');
    await choose(clinic, '机构类型', '诊所', true);
    await choose(clinic, '所有制形式', '民营');
    await clinic.getByLabel('所在区县').click();
    await cascade(clinic, ['云南省', '曲靖市', '麒麟区']);
    await clinic.getByLabel('机构地址').fill('曲靖市麒麟区南宁西路18号');
    await clinic.getByLabel('法定代表人姓名').fill('孙惠民');
    await clinic.getByLabel('法定代表人身份证号').fill(withIdCheck('53030219800502123'));
    await clinic.getByLabel('联系人姓名').fill('李联系');
    await clinic.getByLabel('联系人电话').fill('13887654321');
    await clinic.locator('input[type=file]').first().setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await clinic.getByText('营业执照.pdf').waitFor();
    await clinic.getByLabel('用户名').fill('huimin_clinic');
    await clinic.getByLabel('密码', { exact: true }).fill('huimin-zhensuo-2026');
    await clinic.getByLabel('确认密码').fill('huimin-zhensuo-2026');
    await clinic.getByRole('button', { name: '提交注册' }).click();
    await clinic.getByText('注册已提交，等待属地医保经办机构审核').waitFor({ timeout: 60_000 });

    // the officer's home: the registration waiting (it landed at the nearest agency, the new one)
    await officer.goto(`${stack.baseUrl}/`);
    await officer.getByTestId('home-section-agency.registrations').getByText(CLINIC).waitFor();
    await officer.getByRole('menuitem', { name: '注册审核' }).click();
    await officer.locator('.ant-table-row', { hasText: CLINIC }).getByText(CLINIC).click();
    await officer.getByRole('link', { name: /营业执照.*营业执照\.pdf/ }).waitFor();
    await officer.getByRole('button', { name: '核实通过' }).click();
    await officer.locator('.ant-modal-confirm').getByRole('button', { name: /核\s*实/ }).click();
    await officer.getByText('已核实：机构已登记入库，账号已开通').waitFor();
    // the review drawer closes by itself once the registration is verified
    await officer.locator('.ant-drawer-mask').waitFor({ state: 'hidden' });

    await signInWith(clinic, 'huimin_clinic', 'huimin-zhensuo-2026');
    await clinic.goto(`${stack.baseUrl}/registration/mine`);
    await clinic.getByTestId('registration-status').getByText('已核实').waitFor();
    await clinic.getByRole('menuitem', { name: '新建定点申请' }).click();
    await clinic.getByText('申请的医保支付类别').waitFor();
    await clinic.getByLabel('普通门诊', { exact: true }).check();
    await clinic.getByLabel('职工基本医疗保险（含生育保险）').check();
    await clinic.getByRole('button', { name: '保存申请并上传材料' }).click();
    await clinic.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await clinic.getByText('填报中').first().waitFor();
  });

  let drawnExpert = '';
  it('4. the province adds an expert to the pool; a panel is drawn for an accepted application', async () => {
    const prov = await stack.loginAs('yn_prov');
    await prov.getByRole('menuitem', { name: '专家库' }).click();
    await prov.locator('.ant-table-row', { hasText: '评估专家4（法律）' }).waitFor();
    await prov.getByRole('button', { name: /新增专家/ }).click();
    const dialog = prov.getByRole('dialog', { name: '新增专家' });
    await dialog.getByLabel('姓名').fill('曲靖新专家');
    await dialog.getByLabel('身份证号').fill(withIdCheck('53030219750101333'));
    await dialog.getByLabel('专业（评估小组抽取依据）').click();
    await prov.locator('.ant-select-item-option', { hasText: '医疗保障' }).click();
    await prov.keyboard.press('Escape');
    await dialog.getByLabel('工作单位', { exact: true }).fill('曲靖医学高等专科学校');
    await dialog.getByLabel('工作单位统一社会信用代码').fill(withUsccCheck('12530300MB0000777'));
    await dialog.getByPlaceholder('开始日期').fill('2025-01-01');
    await dialog.getByPlaceholder('结束日期').fill('2028-12-31');
    await dialog.getByPlaceholder('结束日期').press('Enter');
    await dialog.getByLabel('登录用户名').fill('qj_expert');
    const added = prov.waitForResponse((r) => r.url().endsWith('/experts') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    assert.equal((await added).status(), 201);
    await prov.getByText('临时密码仅在此显示一次').waitFor();
    await prov.getByRole('button', { name: /知道了|确\s*定|OK/ }).click();
    await prov.locator('.ant-table-row', { hasText: '曲靖新专家' }).waitFor();
    await prov.context().close();

    // the new clinic's application is a draft (materials to upload, 受理 by the agency): the draw is shown
    // on the demo's accepted 昆明 application
    const km = await stack.loginAs('km_head');
    await km.getByRole('menuitem', { name: '定点工作台' }).click();
    await km.getByText('按最近到期的办理时限排序').waitFor();
    await km.locator('.ant-table-row', { hasText: '已受理' }).first().getByRole('link').first().click();
    await km.getByText('可办理事项').waitFor();
    await km.getByRole('button', { name: '组建评估小组', exact: true }).click();
    const form = km.getByRole('dialog');
    await form.getByText('组建评估小组', { exact: true }).first().waitFor();
    await form.getByText('医疗保障', { exact: true }).first().waitFor();
    await form.getByRole('button', { name: '确认组建评估小组' }).click();
    await km.getByText('已办理：组建评估小组').first().waitFor();
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
    const admin = await newPage();
    await signIn(admin, stack.baseUrl, 'admin');
    await admin.getByTestId('home-section-sysadmin.checklist').waitFor();
    await admin.context().close();
    await officer.context().close();
    await clinic.context().close();
  });
});
