import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { openDialog, useStack } from './harness';
import { agreements, institutions } from '../../src/db/schema/index';
import { SIGNED_DEMO_APPLICANT } from '../../src/seed/demo-institutions';
import { withUsccCheck } from '../../src/domain/validators/uscc';
import { withIdCheck } from '../../src/domain/validators/id-number';
import { csvCell } from '../../src/registry-import/export-registry';
import { applicationStateIs, call, lifeStateIs, newPage, registerClinic, signInWith, startApplication, step, verifyRegistration } from './steps';

/**
 * The agreement's life after signing in the browser (issue #10), on the living demo's one signed
 * agreement: 盘龙区仁济门诊部 (昆明市盘龙区, 云南; a private outpatient department, so 云医保〔2022〕6号
 * 第三十条's bar on public institutions does not apply; its legal representative signs in as
 * inst_renji_rep). 云南 suspends on receipt (第三十条), so no agency decision is needed:
 * the clinic asks to suspend for 180 days and sees the rules first → the agreement is 中止 with its
 * 中止协议通知书 → the administrator moves the sandbox clock 181 days and the sweep runs → the agreement
 * is 终止 (the national rule 云南 follows: 中止超过180日未申请继续履行, 协议终止) with its 协议终止通知书 →
 * the payment feed says paused, then shut. Every step waits for visible Chinese text or the server's
 * answer; no sleeps.
 *
 * Written against the lifecycle HTTP contract before its routes were merged: the steps on
 * GET /api/feeds/agreement-events (helper outbox) and GET /api/public/terminated-institutions (helper bans)
 * are marked; an ending (终止) is not a termination (解除), so the clinic must NOT be on the public list
 * of 解除 (京医保发〔2021〕30号 第四十三条), and its legal representative is not barred from applying again.
 *
 * Then the issue's journey with a 解除, on a second clinic brought in as a real agency would: the 盘龙区
 * officer imports it from the existing registry with its legal representative and its agreement
 * (decision 0029; an imported agreement 履行中 is 生效) → terminates it for 欺诈骗保 with the facts
 * (解除协议通知书) → the public list shows it without personal data → a new clinic registered by the
 * same legal representative (身份证号) is verified, applies, and is refused at screening (第十二条(七)).
 */
let agreementId = '';
let agreementNumber = '';

const stack = useStack(async (s) => {
  const [row] = await s.ctx.db
    .select({ id: agreements.id, number: agreements.number })
    .from(agreements).innerJoin(institutions, eq(institutions.id, agreements.institutionId))
    .where(eq(institutions.name, SIGNED_DEMO_APPLICANT)).limit(1);
  assert.ok(row, `the demo seed signs ${SIGNED_DEMO_APPLICANT}'s agreement`);
  agreementId = row.id;
  agreementNumber = row.number;
});

/** In 协议管理: searches `name` and opens the agreement `number`'s detail page. */
async function openAgreement(officer: Page, name: string, number: string): Promise<void> {
  await officer.getByRole('menuitem', { name: '协议管理' }).click();
  await officer.getByText('辖区内的医保服务协议').waitFor();
  const searched = officer.waitForResponse((r) => r.url().includes('/api/agreement-register?') && r.url().includes('q='));
  await officer.getByPlaceholder('机构名称、协议编号、统一社会信用代码或医保编码').fill(name);
  await officer.getByPlaceholder('机构名称、协议编号、统一社会信用代码或医保编码').press('Enter');
  assert.equal((await searched).status(), 200);
  const row = officer.locator('.ant-table-row', { hasText: number });
  await row.waitFor();
  await row.getByRole('link', { name: number }).click();
  await officer.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  await officer.getByText(`医保协议 ${number}`).waitFor();
}

describe('agreement lifecycle in the browser (issue #10)', () => {
  it('the 盘龙区 officer finds the agreement in 协议管理 and opens payment if it is still 待生效', async () => {
    const officer = await stack.loginAs('panlong');
    await openAgreement(officer, SIGNED_DEMO_APPLICANT, agreementNumber);
    assert.equal(new URL(officer.url()).pathname, `/agreements/${agreementId}`);
    // signed and filed in the demo; payment is opened by the agency (云医保〔2022〕6号 第二十条)
    const activate = officer.getByRole('button', { name: '开通医保支付（协议生效）' });
    const isPending = activate.waitFor().then(() => true);
    const inForce = lifeStateIs(officer, '生效').then(() => false);
    const pending = await Promise.race([isPending, inForce]);
    // the loser keeps waiting until its timeout: its rejection is expected
    void isPending.catch(() => undefined);
    void inForce.catch(() => undefined);
    if (pending) {
      const drawer = await openDialog(officer, activate, '开通医保支付（协议生效）');
      await drawer.getByRole('button', { name: '确认开通医保支付（协议生效）' }).click();
      await officer.getByText('已办理：开通医保支付（协议生效）').first().waitFor();
    }
    await lifeStateIs(officer, '生效');
    await officer.context().close();
  });

  it('云医保〔2022〕6号 第三十条: the clinic sees the rules before it asks, and its request suspends the agreement on receipt', async () => {
    const clinic = await stack.loginAs('inst_renji_rep');
    await clinic.getByRole('menuitem', { name: '我的协议' }).click();
    const row = clinic.locator('.ant-table-row', { hasText: agreementNumber });
    await row.getByText('生效', { exact: true }).first().waitFor();
    await row.getByRole('link', { name: agreementNumber }).click();
    await clinic.waitForURL(new RegExp(`/institution/agreements/${agreementId}$`));
    await lifeStateIs(clinic, '生效');
    // the change requests are another page (「申请变更」)
    await clinic.getByRole('button', { name: '申请变更' }).first().waitFor();

    const drawer = await openDialog(clinic, clinic.getByRole('button', { name: '申请中止协议' }), '申请中止协议');
    // the region's rules, each with its article, before anything is submitted
    const rules = drawer.getByTestId('request-rules');
    await rules.getByText('经办机构收到申请之日即中止协议').waitFor();
    await rules.getByText(/云医保〔2022〕6号 第三十条/).first().waitFor();
    await rules.getByText(/中止时间原则上不得超过 180 日/).waitFor();
    await rules.getByText(/协议终止/).first().waitFor();
    const earliest = (await drawer.getByTestId('earliest-effective').textContent()) ?? '';
    assert.match(earliest, /最早生效日期：\d{4}-\d{2}-\d{2}/);
    // on receipt: the date is the day the agency receives it, not chosen
    assert.equal(await drawer.getByLabel('申请生效日期').isDisabled(), true);
    assert.equal(await drawer.getByLabel('中止天数').inputValue(), '180');
    await drawer.getByLabel('申请理由').fill('院区装修，暂停医保服务');
    await drawer.getByRole('button', { name: '提交中止申请' }).click();
    await clinic.getByText(/已办理：申请中止协议。协议状态：中止/).first().waitFor();
    await lifeStateIs(clinic, '中止');
    await clinic.getByText(/协议中止中（依申请中止）/).waitFor();
    await clinic.getByTestId('agreement-timeline').getByText('申请中止协议').first().waitFor();
    await clinic.getByRole('tab', { name: /文书/ }).click();
    await clinic.getByRole('cell', { name: '中止协议通知书', exact: true }).waitFor();
    // no second request while suspended; resumption is offered instead
    await clinic.getByRole('button', { name: '申请恢复履行' }).waitFor();
    assert.equal(await clinic.getByRole('button', { name: '申请中止协议' }).count(), 0);
    await clinic.context().close();
  });

  it('云医保〔2022〕6号 第三十条: the agency has nothing to agree to — the register shows the agreement 中止', async () => {
    const officer = await stack.loginAs('panlong');
    const answer = officer.waitForResponse((r) => r.url().includes('/api/agreement-register?') && r.url().includes('lifeState=suspended'));
    await officer.goto(`${stack.baseUrl}/agreements?lifeState=suspended`);
    assert.equal((await answer).status(), 200);
    await officer.locator('.ant-table-row', { hasText: agreementNumber }).getByText('中止', { exact: true }).first().waitFor();
    await officer.goto(`${stack.baseUrl}/agreements/${agreementId}`);
    await lifeStateIs(officer, '中止');
    assert.equal(await officer.getByRole('button', { name: '同意申请' }).count(), 0);
    await officer.context().close();
  });

  it('中止超过180日未申请继续履行: the sandbox clock moves 181 days, the sweep ends the agreement (终止) with its notice', async () => {
    const admin = await stack.loginAs('admin');
    const dialog = await openDialog(admin, admin.getByRole('button', { name: '时间前进' }), '时间前进');
    await dialog.getByLabel('前进天数').fill('181');
    const [advanced] = await Promise.all([
      admin.waitForResponse((r) => r.url().endsWith('/api/admin/clock/advance')),
      dialog.getByRole('button', { name: /前\s*进/ }).click(),
    ]);
    assert.equal(advanced.status(), 200, `时间前进 answered ${advanced.status()}`);
    await dialog.waitFor({ state: 'hidden' });
    // the minute timer would run it too; the administrator's sweep makes it now (idempotent: a second run does nothing)
    const swept = await call(admin, 'POST', '/api/admin/deadlines/sweep');
    assert.equal(swept.status, 200, JSON.stringify(swept.body));
    assert.equal((swept.body as { agreements?: { failed: number } }).agreements?.failed ?? 0, 0);
    await admin.context().close();

    const clinic = await stack.loginAs('inst_renji_rep');
    await clinic.goto(`${stack.baseUrl}/institution/agreements/${agreementId}`);
    await lifeStateIs(clinic, '终止');
    await clinic.getByText(/终止：中止期满未申请恢复履行/).waitFor();
    await clinic.getByTestId('agreement-timeline').getByText('中止期满未申请继续履行').first().waitFor();
    assert.equal(await clinic.getByRole('button', { name: '申请恢复履行' }).count(), 0);
    await clinic.getByRole('tab', { name: /文书/ }).click();
    await clinic.getByRole('cell', { name: '协议终止通知书', exact: true }).waitFor();
    // the numbered notice downloads as PDF with the session's cookie
    const href = await clinic.getByRole('link', { name: '协议终止通知书 PDF' }).first().getAttribute('href');
    assert.ok(href, 'the notice has a PDF link');
    const pdf = await clinic.request.get(`${stack.baseUrl}${href}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /application\/pdf/);
    // the institution's home lists the notice
    await clinic.goto(`${stack.baseUrl}/`);
    await clinic.getByTestId('home-section-institution.agreements').getByText('协议终止通知书').first().waitFor();
    await clinic.context().close();
  });

  it('[GET /api/feeds/agreement-events, helper outbox] the payment feed says paused, then shut, for this agreement', async () => {
    const admin = await stack.loginAs('admin');
    const topics: string[] = [];
    for (let after = 0, pages = 0; pages < 100; pages++) {
      const r = await call(admin, 'GET', `/api/feeds/agreement-events?after=${after}&limit=500`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const body = r.body as { events: { id: number; topic: string; caseId: string; idempotencyKey: string }[]; next: number | null };
      for (const e of body.events) if (e.caseId === agreementId) topics.push(e.topic);
      if (!body.next || body.events.length === 0) break;
      after = body.next;
    }
    const paused = topics.indexOf('agreement.payment_paused');
    const shut = topics.lastIndexOf('agreement.payment_shut');
    assert.ok(paused >= 0, `payment_paused in ${topics.join(', ')}`);
    assert.ok(shut > paused, `payment_shut after payment_paused in ${topics.join(', ')}`);
    await admin.context().close();
  });

  it('[GET /api/public/terminated-institutions, helper bans] an ending (终止) is not a 解除: the clinic is not on the public list of 解除 (京医保发〔2021〕30号 第四十三条)', async () => {
    const page = await stack.browser.newPage();
    await page.goto(`${stack.baseUrl}/login`);
    const r = await call(page, 'GET', `/api/public/terminated-institutions?q=${encodeURIComponent(SIGNED_DEMO_APPLICANT)}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const items = (r.body as { items: { name: string }[] }).items;
    assert.equal(items.filter((i) => i.name === SIGNED_DEMO_APPLICANT).length, 0);
    await page.close();
  });

  // ── the journey with a 解除: a second clinic, brought in by the registry import ──
  const KANGTAI = '盘龙区康泰诊所';
  const KANGTAI_AGREEMENT = '盘龙医保协〔2025〕导入1号';
  const REP_NAME = '周德明';
  const REP_ID = withIdCheck('53010319750315201');
  const NEW_CLINIC = '盘龙区德明诊所';
  /** the citation the screening shows in Yunnan: the national baseline and the region's own item */
  const PERSON_BAN_CITES = '国家医疗保障局令第2号 第十二条(七)；云医保〔2022〕6号 第十四条(二)4';

  it('数据导入 (decision 0029): the 盘龙区 officer imports an existing clinic with its legal representative and its agreement, which is 生效 in 协议管理', async () => {
    const officer = await stack.loginAs('panlong');
    const headers = ['fixmedins_code', 'fixmedins_name', 'uscc', 'fixmedins_type', '机构类型', 'admdvs', '地址', '法定代表人姓名', '法定代表人身份证号', '协议编号', 'begntime', 'endtime'];
    const row = ['H53010390001', KANGTAI, withUsccCheck('92530103MA0E2E101'), '1', '诊所', '530103', '昆明市盘龙区北京路100号', REP_NAME, REP_ID, KANGTAI_AGREEMENT, '2025-01-01', '2029-12-31'];
    const file = Buffer.from(`\uFEFF${[headers, row].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);
    await officer.getByRole('menuitem', { name: '数据导入' }).click();
    await officer.getByText('导入存量登记簿及服务协议').waitFor();
    await officer.locator('input[type=file]').setInputFiles({ name: '盘龙存量登记簿.csv', mimeType: 'text/csv', buffer: file });
    await officer.getByRole('button', { name: '开始导入' }).click();
    await officer.getByTestId('import-status').getByText('已完成').waitFor();
    assert.equal(((await officer.getByTestId('import-agreementsCreated').textContent()) ?? '').trim(), '1');

    await openAgreement(officer, KANGTAI, KANGTAI_AGREEMENT);
    await lifeStateIs(officer, '生效');
    await officer.context().close();
  });

  it('云医保〔2022〕6号 第三十一条, 国家医疗保障局令第2号 第三十九条(三): the officer terminates (解除) the imported agreement for 欺诈骗保 with the facts; the 解除协议通知书 is issued', async () => {
    const officer = await stack.loginAs('panlong');
    await openAgreement(officer, KANGTAI, KANGTAI_AGREEMENT);
    const drawer = await openDialog(officer, officer.getByRole('button', { name: '解除协议', exact: true }), '解除协议');
    await drawer.getByText('机构列入解除协议名单').waitFor();
    const fraud = drawer.getByRole('radio', { name: /经医疗保障部门和其他有关部门查实有欺诈骗保行为/ });
    await fraud.check();
    await drawer.getByText('（依据：国家医疗保障局令第2号 第三十九条(三)；国家医疗保障局令第3号 第三十九条(三)）', { exact: true }).waitFor();
    await drawer.getByLabel('查明的事实').fill('经市医疗保障局专项检查查实，该诊所2025年通过虚构诊疗项目骗取医保基金');
    await drawer.getByRole('button', { name: '确认解除协议' }).click();
    await officer.getByText('已办理：解除协议').first().waitFor();
    await lifeStateIs(officer, '解除');
    await officer.getByRole('tab', { name: /文书/ }).click();
    await officer.getByRole('cell', { name: '解除协议通知书', exact: true }).waitFor();
    await officer.context().close();
  });

  it('京医保发〔2021〕30号 第四十三条: the public list of terminated institutions shows it — name, region, date, situation — and no personal data', async () => {
    const page = await stack.browser.newPage();
    await page.goto(`${stack.baseUrl}/public/terminated?q=${encodeURIComponent(KANGTAI)}`);
    await page.getByText('解除医保协议的定点医药机构名单').first().waitFor();
    const row = page.locator('.ant-table-row', { hasText: KANGTAI });
    await row.waitFor();
    await row.getByText('盘龙区').first().waitFor();
    await row.getByText(/^\d{4}-\d{2}-\d{2}$/).waitFor();
    await row.getByText(/欺诈骗保/).waitFor();
    const html = await page.content();
    assert.ok(!html.includes(REP_NAME), 'the legal representative\'s name is not published');
    assert.ok(!html.includes(REP_ID) && !html.includes(REP_ID.slice(6, 14)), 'nor the 身份证号');
    await page.close();
  });

  it('国家医疗保障局令第2号 第十二条(七), 云医保〔2022〕6号 第十四条(二)4: a new clinic with the same legal representative registers and is verified; its application is refused at screening with the article', async () => {
    stack.ctx.config.REGISTRATION_POW_BITS = 14; // the page's proof of work stays short here
    const clinic = await newPage(stack);
    await registerClinic(stack, clinic, {
      uscc: withUsccCheck('92530103MA0E2E102'), name: NEW_CLINIC, region: ['云南省', '昆明市', '盘龙区'], address: '昆明市盘龙区白塔路8号',
      legalRepName: REP_NAME, legalRepIdNumber: REP_ID, contactName: '吴联系', contactPhone: '13987650001', username: 'deming_clinic', password: 'deming-zhensuo-2026',
    });
    const officer = await stack.loginAs('panlong');
    await verifyRegistration(officer, NEW_CLINIC);

    await signInWith(stack, clinic, 'deming_clinic', 'deming-zhensuo-2026');
    const appPath = await startApplication(clinic);
    await step(clinic, '提交申请');
    await applicationStateIs(clinic, '筛查拟不予受理');
    await clinic.context().close();

    // the officer sees the hit with its article and confirms the refusal (不予受理决定书)
    await officer.goto(`${stack.baseUrl}${appPath}`);
    await applicationStateIs(officer, '筛查拟不予受理');
    const banned = `法定代表人（${REP_NAME}）曾因严重违法违规导致原定点机构被解除医保协议，未满5年`;
    // the case history says why, with the articles
    await officer.getByText(`系统理由：${banned}（${PERSON_BAN_CITES}）`).first().waitFor();
    await step(officer, '确认不予受理', async (dialog) => {
      await dialog.getByText('自动筛查命中 1 项不予受理情形').waitFor();
      await dialog.getByText(`${banned}（依据：${PERSON_BAN_CITES}）`, { exact: true }).waitFor();
    });
    await applicationStateIs(officer, '不予受理');
    await officer.getByRole('tab', { name: /文书/ }).click();
    await officer.getByText('不予受理决定书').first().waitFor();
    await officer.context().close();
  });
});
