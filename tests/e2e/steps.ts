import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { openDialog, type Stack } from './harness';

/**
 * The steps the browser journeys share, one copy each: the forced first login with a temporary
 * password, 新建账号, the public self-registration form and the officer's verification, a new
 * designation application, a case step with its confirmation, the state tags of an application and
 * of an agreement, and a JSON request with the signed-in session. Each step waits for what the user
 * sees, never sleeps.
 */
export type { Stack };

/** A page in a fresh browser context (its own cookies), downloads allowed. */
export async function newPage(stack: Stack): Promise<Page> {
  return (await stack.browser.newContext({ acceptDownloads: true })).newPage();
}

/** Signs in with a username and password on the login page and waits for the shell. */
export async function signInWith(stack: Stack, page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /退出/ }).waitFor();
}

/**
 * Signs in with a temporary password, meets the forced change page (the server refuses every other
 * API meanwhile), sets `newPassword` and lands in the shell.
 */
export async function firstLogin(stack: Stack, username: string, temporary: string, newPassword: string): Promise<Page> {
  const page = await newPage(stack);
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(temporary);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByText('您正在使用临时密码').waitFor();
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
export async function createAccount(page: Page, fields: { org?: string; username: string; displayName: string; role: string }): Promise<string> {
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

/** In 机构管理: 新增机构 named `name` in the region reached by `levels` (省 → 市 …), whose level the dialog shows as `level`. */
export async function createAgency(admin: Page, name: string, levels: string[], level: string): Promise<void> {
  await admin.getByRole('menuitem', { name: '机构管理' }).click();
  const dialog = await openDialog(admin, admin.getByRole('button', { name: '新增机构' }), '新增机构');
  await dialog.getByLabel('机构名称').fill(name);
  await dialog.getByLabel('所属行政区划').click();
  await cascade(admin, levels);
  await dialog.getByText(`层级：${level}`).waitFor();
  await dialog.getByText('新增机构').click(); // closes the cascader's dropdown, which covers the buttons
  const created = admin.waitForResponse((r) => r.url().endsWith('/api/admin/organizations') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  assert.equal((await created).status(), 201);
  await dialog.waitFor({ state: 'hidden' });
}

/** Picks `option` in the select labelled `label` (a long list is virtual: `search` types to find it). */
export async function choose(page: Page, label: string, option: string, search = false): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  if (search) await page.getByLabel(label, { exact: true }).fill(option);
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

/** Clicks through an open cascader, retrying the first level while the dropdown is still opening (a click can be lost in its motion). */
export async function cascade(page: Page, levels: string[]): Promise<void> {
  const first = page.locator('.ant-cascader-menu-item', { hasText: levels[0] }).first();
  const second = page.locator('.ant-cascader-menu-item', { hasText: levels[1] }).first();
  for (let attempt = 0; ; attempt++) {
    await first.click();
    if (await second.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
    assert.ok(attempt < 4, `${levels[0]} 的下级区划未显示`);
  }
  for (const l of levels.slice(1)) await page.locator('.ant-cascader-menu-item', { hasText: l }).first().click();
}

export interface RegistrationFields {
  uscc: string;
  name: string;
  /** 省 → 地市 → 区县 */
  region: [string, string, string];
  address: string;
  legalRepName: string;
  legalRepIdNumber: string;
  contactName: string;
  contactPhone: string;
  username: string;
  password: string;
}

/** The smallest file the upload accepts as a PDF (its content is sniffed, not its name). */
export const minimalPdf = () => Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** From the login page to 医药机构注册: fills the form for a private clinic, uploads a 营业执照 and submits (the page does the proof of work). */
export async function registerClinic(stack: Stack, page: Page, f: RegistrationFields): Promise<void> {
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByRole('link', { name: '医药机构注册' }).click();
  await page.getByText('尚未在本系统登记的医疗机构').waitFor();
  await page.getByLabel('统一社会信用代码').fill(f.uscc);
  await page.getByLabel('机构名称').fill(f.name);
  await choose(page, '机构类别', '医疗机构');
  await choose(page, '机构类型', '诊所', true);
  await choose(page, '所有制形式', '民营');
  await page.getByLabel('所在区县').click();
  await cascade(page, f.region);
  await page.getByLabel('机构地址').fill(f.address);
  await page.getByLabel('法定代表人姓名').fill(f.legalRepName);
  await page.getByLabel('法定代表人身份证号').fill(f.legalRepIdNumber);
  await page.getByLabel('联系人姓名').fill(f.contactName);
  await page.getByLabel('联系人电话').fill(f.contactPhone);
  await page.locator('input[type=file]').first().setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
  await page.getByText('营业执照.pdf').waitFor();
  await page.getByLabel('用户名').fill(f.username);
  await page.getByLabel('密码', { exact: true }).fill(f.password);
  await page.getByLabel('确认密码').fill(f.password);
  await page.getByRole('button', { name: '提交注册' }).click();
  await page.getByText('注册已提交，等待属地医保经办机构审核').waitFor({ timeout: 60_000 });
}

/** In 注册审核: opens the registration of `name` in the review drawer (its licence link shown). */
export async function openRegistration(officer: Page, name: string): Promise<void> {
  await officer.getByRole('menuitem', { name: '注册审核' }).click();
  await officer.locator('.ant-table-row', { hasText: name }).getByText(name).click();
  await officer.getByRole('link', { name: /营业执照.*营业执照\.pdf/ }).waitFor();
}

/** Verifies the registration of `name`; the drawer closes by itself once it is done. */
export async function verifyRegistration(officer: Page, name: string): Promise<void> {
  await openRegistration(officer, name);
  await officer.getByRole('button', { name: '核实通过' }).click();
  await officer.locator('.ant-modal-confirm').getByRole('button', { name: /核\s*实/ }).click();
  await officer.getByText('已核实：机构已登记入库，账号已开通').waitFor();
  await officer.locator('.ant-drawer-content').waitFor({ state: 'detached' });
}

/** As a verified institution: 新建定点申请 for 普通门诊 and the employees' scheme; answers the application's path (填报中). */
export async function startApplication(page: Page): Promise<string> {
  await page.getByRole('menuitem', { name: '新建定点申请' }).click();
  await page.getByText('申请的医保支付类别').waitFor();
  await page.getByLabel('普通门诊', { exact: true }).check();
  await page.getByLabel('职工基本医疗保险（含生育保险）').check();
  await page.getByRole('button', { name: '保存申请并上传材料' }).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
  await page.getByText('填报中').first().waitFor();
  return new URL(page.url()).pathname;
}

/** On an application: clicks an allowed step, lets `fill` work in its dialog, confirms, and waits for the success toast naming it. */
export async function step(page: Page, label: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(label, { exact: true }).first().waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: `确认${label}` }).click();
  await page.getByText(`已办理：${label}`).first().waitFor();
}

/** An application's state, as its card's tag shows it. */
export async function applicationStateIs(page: Page, label: string): Promise<void> {
  await page.locator('.ant-card-head-title .ant-tag', { hasText: label }).first().waitFor();
}

/** An agreement's life state on its detail page; exact: 「生效」 must not match 「待生效」. */
export async function lifeStateIs(page: Page, label: string): Promise<void> {
  await page.getByTestId('life-state').filter({ hasText: new RegExp(`^${label}$`) }).first().waitFor();
}

/** A JSON request with the signed-in session (CSRF token from /api/auth/me for unsafe methods). */
export async function call(page: Page, method: 'GET' | 'POST', url: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async ({ method, url }) => {
    const csrf = method === 'POST' ? ((await (await fetch('/api/auth/me')).json()) as { csrfToken: string }).csrfToken : '';
    const res = await fetch(url, {
      method,
      headers: method === 'POST' ? { 'content-type': 'application/json', 'x-csrf-token': csrf } : {},
      body: method === 'POST' ? '{}' : undefined,
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, { method, url });
}

/** In 定点工作台: opens the first application the queue shows in `state`. */
export async function openFromWorkQueue(page: Page, state: string): Promise<void> {
  await page.getByRole('menuitem', { name: '定点工作台' }).click();
  await page.getByText('按最近到期的办理时限排序').waitFor();
  await page.locator('.ant-table-row', { hasText: state }).first().getByRole('link').first().click();
  await page.getByText('可办理事项').waitFor();
}

export interface ExpertFields {
  name: string;
  idNumber: string;
  /** one specialty (评估小组抽取依据) */
  specialty: string;
  employer: string;
  employerUscc: string;
  username: string;
}

/** In 专家库 (open): 新增专家 with a 2025–2028 term; waits for the temporary password shown once (its dialog stays open). */
export async function addExpert(page: Page, f: ExpertFields): Promise<void> {
  const dialog = await openDialog(page, page.getByRole('button', { name: /新增专家/ }), '新增专家');
  await dialog.getByLabel('姓名').fill(f.name);
  await dialog.getByLabel('身份证号').fill(f.idNumber);
  await dialog.getByLabel('专业（评估小组抽取依据）').click();
  await page.locator('.ant-select-item-option', { hasText: f.specialty }).click();
  await page.keyboard.press('Escape');
  await dialog.getByLabel('工作单位', { exact: true }).fill(f.employer);
  await dialog.getByLabel('工作单位统一社会信用代码').fill(f.employerUscc);
  await dialog.getByPlaceholder('开始日期').fill('2025-01-01');
  await dialog.getByPlaceholder('结束日期').fill('2028-12-31');
  await dialog.getByPlaceholder('结束日期').press('Enter');
  await dialog.getByLabel('登录用户名').fill(f.username);
  const added = page.waitForResponse((r) => r.url().endsWith('/experts') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  assert.equal((await added).status(), 201);
  await page.getByText('临时密码仅在此显示一次').waitFor();
}
