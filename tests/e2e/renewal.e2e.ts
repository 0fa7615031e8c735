import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { openDialog, rowNamed, useStack } from './harness';
import { call, choose, lifeStateIs } from './steps';
import { agreements, institutions, organizations, renewalItems } from '../../src/db/schema/index';
import { and, asc, ne } from 'drizzle-orm';
import { chinaDate } from '../../src/domain/clock/clock';
import { SIGNED_DEMO_APPLICANT } from '../../src/seed/demo-institutions';
import { DEMO_PASSWORD } from '../../src/seed/demo-users';
import { buildUser } from '../../src/testing/factories';

/**
 * 续签 in the browser (issue #11, decisions 0037 and 0041), on the living demo's signed agreement of
 * 盘龙区仁济门诊部 (its term ends in 2027; set 生效 here — the lifecycle's own browser test opens the
 * payment through the page): the 盘龙区 officer organises the 2027 renewal, the screening proposes
 * 需人工核定 because no assessment result is imported (无数据 never passes, 云医保〔2022〕6号 第二十九条),
 * the officer decides 续签 with a reason, the what-if shows what switching the assessment rule off would
 * change, and the clinic reads the decision with its reasons on 我的协议.
 */
let number = '';
let campaignUrl = '';
const stack = useStack(async (s) => {
  const [row] = await s.ctx.db.select({ id: agreements.id, number: agreements.number }).from(agreements)
    .innerJoin(institutions, eq(institutions.id, agreements.institutionId)).where(eq(institutions.name, SIGNED_DEMO_APPLICANT)).limit(1);
  assert.ok(row, 'the demo seed signs an agreement');
  number = row.number;
  await s.ctx.db.update(agreements).set({ lifeState: 'in_force' }).where(eq(agreements.id, row.id));
  // the 盘龙区 agency's head, who counter-signs the renewed agreements (decision 0045; the demo seed has none)
  const [org] = await s.ctx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, '盘龙区医疗保障经办中心')).limit(1);
  assert.ok(org, 'the demo seed has the 盘龙区 agency');
  await buildUser(s.ctx, org.id, ['agency_head'], { username: 'panlong_head_e2e', password: DEMO_PASSWORD });
});

describe('renewal in the browser (issue #11)', () => {
  it('decision 0040: the officer imports a settlement Excel — all or nothing refuses a file with a bad row, the valid rows go in, the clinic\'s page shows the value with its source', async () => {
    // the clinic came through this system's designation: named by its 统一社会信用代码 (it may not have its 医保编码 yet)
    const [clinic] = await stack.ctx.db.select({ id: institutions.id, uscc: institutions.uscc }).from(institutions).where(eq(institutions.name, SIGNED_DEMO_APPLICANT));
    assert.ok(clinic, 'the demo seed has the clinic');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('外部数据');
    sheet.addRow(['医保编码', '统一社会信用代码', '指标', '期间', '数值', '说明', '数据来源', '来源日期']);
    sheet.addRow(['', clinic.uscc, '医保结算费用', '2025', '1286500.5', '', '结算系统', '2026-01-15']);
    sheet.addRow(['H53010399999', '', '医保结算费用', '2025', '100', '', '结算系统', '2026-01-15']);
    const file = { name: '2025年度结算数据.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await book.xlsx.writeBuffer()) };

    const officer = await stack.loginAs('panlong');
    await officer.getByRole('menuitem', { name: /外部数据$/ }).click();
    await officer.locator('input[type=file]').setInputFiles(file);
    const refused = officer.waitForResponse((r) => r.url().includes('/api/indicators/upload'));
    await officer.getByRole('button', { name: '开始导入' }).click();
    assert.equal((await refused).status(), 200);
    const result = officer.getByTestId('indicator-result');
    await result.getByText(/本次未导入任何数据/).waitFor();
    await result.getByText('本辖区内没有医保编码为 H53010399999 的医药机构').waitFor();
    await officer.getByRole('radio', { name: /只导入正确的行/ }).check();
    const some = officer.waitForResponse((r) => r.url().includes('/api/indicators/upload'));
    await officer.getByRole('button', { name: '开始导入' }).click();
    assert.equal((await some).status(), 200);
    await result.getByText(/导入完成：新增 1 项/).waitFor();
    await officer.getByTestId('indicator-imports').getByText('共 2 次导入').waitFor();

    await officer.goto(`${stack.baseUrl}/institutions/${clinic.id}`);
    await officer.getByRole('tab', { name: '外部数据' }).click();
    const values = officer.getByTestId('institution-indicators');
    await values.getByText('1286500.50 元').waitFor();
    await values.getByText('结算系统（2026-01-15）').waitFor();
    await officer.context().close();
  });

  it('云医保〔2022〕6号 第二十九条: the officer organises the renewal, reads each proposal with its reasons and decides with a reason', async () => {
    const officer = await stack.loginAs('panlong');
    await officer.getByRole('menuitem', { name: '续签管理' }).click();
    const drawer = await openDialog(officer, officer.getByRole('button', { name: '组织续签' }), '组织续签');
    const opened = officer.waitForResponse((r) => r.url().endsWith('/api/renewal-campaigns') && r.request().method() === 'POST');
    await drawer.getByRole('button', { name: '组织续签并筛查' }).click();
    assert.equal((await opened).status(), 200);
    await officer.waitForURL(/\/renewal\/[0-9a-f-]{36}$/);
    campaignUrl = officer.url();
    await officer.getByTestId('renewal-progress').getByText('协议总数').waitFor();
    // the campaign's schedule (decision 0046): each milestone with its status and article
    const schedule = officer.getByTestId('renewal-schedule');
    await schedule.getByText(/云医保〔2022〕6号 第二十九条/).first().waitFor();
    await schedule.locator('.ant-tag', { hasText: /已完成|未到期|今日到期|已逾期/ }).first().waitFor();
    // the demo's 盘龙区 has more agreements than a page: find this one as a clerk would, by its number
    const searched = officer.waitForResponse((r) => r.url().includes('/items?') && r.url().includes('q='));
    await officer.getByLabel('查询').fill(number);
    await officer.getByLabel('查询').press('Enter');
    assert.equal((await searched).status(), 200);

    const row = officer.locator('.ant-table-row', { hasText: SIGNED_DEMO_APPLICANT });
    await row.getByText('需人工核定').waitFor();
    await row.getByText(number).waitFor();
    // the reasons: 无数据 with the article of the profile, never a silent 续签
    await row.locator('.ant-table-row-expand-icon').click();
    const reasons = officer.getByTestId('renewal-reasons');
    await reasons.getByText('无数据').first().waitFor();
    await reasons.getByText(/云医保〔2022〕6号 第二十九条/).first().waitFor();
    assert.equal(await row.getByRole('button', { name: '按建议核定' }).count(), 0, '需人工核定 is not accepted as it stands');

    const modal = await openDialog(officer, row.getByRole('button', { name: '人工核定' }), /人工核定/);
    await modal.getByRole('radio', { name: '续签' }).check();
    await modal.getByLabel('核定理由').fill('绩效考核结果已线下核实为合格');
    const decided = officer.waitForResponse((r) => r.url().includes('/api/renewal-items/') && r.url().endsWith('/decision'));
    await modal.getByRole('button', { name: /确\s*定/ }).click();
    assert.equal((await decided).status(), 200);
    await row.getByText('已调整建议').waitFor();
    await row.getByRole('button', { name: '撤回核定' }).waitFor();

    // what-if: the assessment rule switched off — the proposal would have been 续签
    const panel = officer.getByTestId('what-if');
    await choose(officer, '停用规则', '绩效考核');
    await officer.keyboard.press('Escape');
    const simulated = officer.waitForResponse((r) => r.url().endsWith('/what-if'));
    await panel.getByRole('button', { name: /模\s*拟/ }).click();
    assert.equal((await simulated).status(), 200);
    await panel.getByTestId('what-if-changed').getByText(/结果变化的协议：[1-9]\d* 份/).waitFor(); // the demo's other 盘龙区 agreements may change too
    await panel.getByTestId('bar-chart').waitFor();
    // each changed agreement names the rule that made the difference (the demo has several in 盘龙区: the first row)
    await panel.locator('.ant-table-row').first().getByText('仅当前：').waitFor();
    // the same comparison as Excel: the changed agreements with the rule that made the difference
    const download = officer.waitForEvent('download');
    await panel.getByRole('button', { name: /导出 Excel/ }).click();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await (await download).path());
    const changed = book.getWorksheet('结果改变的机构')!;
    assert.ok(changed.rowCount >= 2, 'the changed agreements are listed');
    assert.match(changed.getRow(2).getCell(5).text, /【现行】绩效考核：/);
    await officer.context().close();
  });

  it('自治区医保局〔2025〕征求意见稿 二(一): an agreement deferred (缓签) is re-evaluated from its row — not passed, it becomes 不再签订 with the finding as its reason (passed: the API test)', async () => {
    const officer = await stack.loginAs('panlong');
    await officer.goto(campaignUrl);
    // any undecided agreement of the campaign: the officer defers it with a reason
    const first = officer.locator('.ant-table-row', { hasText: '待核定' }).filter({ has: officer.getByRole('button', { name: '人工核定' }) }).first();
    const name = ((await first.locator('td').nth(1).innerText()).split('\n')[0] ?? '').trim();
    assert.ok(name, 'an undecided agreement is listed');
    const row = rowNamed(officer, name);
    const modal = await openDialog(officer, row.getByRole('button', { name: '人工核定' }), /人工核定/);
    await modal.getByRole('radio', { name: '缓签' }).check();
    await modal.getByLabel('核定理由').fill('机构名称变更待重新核定');
    const decided = officer.waitForResponse((r) => r.url().endsWith('/decision'));
    await modal.getByRole('button', { name: /确\s*定/ }).click();
    assert.equal((await decided).status(), 200);
    const evaluation = await openDialog(officer, row.getByRole('button', { name: '缓签评估' }), /缓签评估/);
    await evaluation.getByRole('radio', { name: '未通过' }).check();
    await evaluation.getByLabel('评估情况').fill('变更后不再符合定点条件');
    const recorded = officer.waitForResponse((r) => r.url().endsWith('/reevaluation'));
    await evaluation.getByRole('button', { name: /确\s*定/ }).click();
    assert.equal((await recorded).status(), 200);
    await row.getByText(/评估未通过/).waitFor();
    await row.getByText('不再签订', { exact: true }).waitFor();
    assert.equal(await row.getByRole('button', { name: '缓签评估' }).count(), 0, 'a re-evaluation is recorded once');
    await officer.context().close();
  });

  it('the clinic reads the agency\'s decision and its reasons on 我的协议', async () => {
    const clinic = await stack.loginAs('inst_renji_rep');
    await clinic.getByRole('menuitem', { name: '我的协议' }).click();
    const card = clinic.getByTestId('my-renewal');
    const row = card.locator('.ant-table-row', { hasText: number });
    await row.getByText('续签', { exact: true }).waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await card.getByText('核定理由：绩效考核结果已线下核实为合格').waitFor();
    await clinic.context().close();
  });

  it('decision 0045: the officer generates the renewed agreements in bulk, the clinic signs online, the head counter-signs in bulk', async () => {
    const officer = await stack.loginAs('panlong');
    await officer.goto(campaignUrl);
    const panel = officer.getByTestId('renewal-signing');
    const started = officer.waitForResponse((r) => r.url().endsWith('/generate-renewals'));
    await panel.getByTestId('generate-renewals').click();
    assert.equal((await started).status(), 200);
    await panel.getByTestId('generation-progress').getByText(/生成完成/).waitFor();
    await panel.getByTestId('signing-rate').getByText('应签订', { exact: true }).waitFor();
    await officer.context().close();

    const clinic = await stack.loginAs('inst_renji_rep');
    await clinic.getByRole('menuitem', { name: '我的协议' }).click();
    const row = clinic.getByTestId('my-renewal').locator('.ant-table-row', { hasText: number });
    await row.getByText(/待本机构签署/).waitFor();
    const dialog = await openDialog(clinic, row.getByTestId('sign-renewal'), /签署续签协议/);
    await dialog.getByLabel(/登录密码/).fill(DEMO_PASSWORD);
    const signed = clinic.waitForResponse((r) => r.url().includes('/api/renewal-agreements/') && r.url().endsWith('/sign'));
    await dialog.getByRole('button', { name: /^签\s*署$/ }).click();
    assert.equal((await signed).status(), 200);
    await row.getByText(/待经办机构签署/).waitFor();
    await clinic.context().close();

    const head = await stack.loginAs('panlong_head_e2e');
    await head.goto(campaignUrl);
    const hp = head.getByTestId('renewal-signing');
    const confirm = await openDialog(head, hp.getByTestId('countersign-renewals'), /批量签署 1 份续签协议/);
    await confirm.getByLabel(/登录密码/).fill(DEMO_PASSWORD);
    const countersigned = head.waitForResponse((r) => r.url().endsWith('/countersign'));
    await confirm.getByRole('button', { name: /签署 1 份/ }).click();
    assert.equal((await countersigned).status(), 200);
    await hp.getByTestId('signing-rate').getByText('100.0%').waitFor();
    await head.context().close();
  });

  it('the rules page compares the same agreement under 云南 and 北京, each side citing only its own texts (issue #11, decision 0047)', async () => {
    const officer = await stack.loginAs('panlong');
    await officer.getByRole('menuitem', { name: '政策规则' }).click();
    await officer.getByRole('tab', { name: '差异对比' }).click();
    await choose(officer, '左侧配置', '云南', true);
    await choose(officer, '右侧配置', '北京', true);
    const card = officer.getByTestId('renewal-compare');
    await card.getByLabel('协议编号').fill(number);
    const compared = officer.waitForResponse((r) => r.url().includes('/api/renewal-compare?'));
    await card.getByRole('button', { name: /对\s*比/ }).click();
    assert.equal((await compared).status(), 200);
    await card.getByText(SIGNED_DEMO_APPLICANT).waitFor();
    const yn = card.getByTestId('renewal-compare-yunnan');
    const bj = card.getByTestId('renewal-compare-beijing');
    await yn.getByText(/依据：.*云医保〔2022〕6号 第二十九条/).first().waitFor();
    await bj.getByText(/依据：.*京医保发〔2021〕30号 第四十一条/).first().waitFor();
    assert.equal(await yn.getByText(/京医保发/).count(), 0, 'the Yunnan side cites no Beijing text');
    assert.equal(await bj.getByText(/云医保/).count(), 0, 'the Beijing side cites no Yunnan text');
    await officer.context().close();
  });

  it('云医保〔2022〕6号 第三十二条, 第二十九条: one agreement decided 不再签订 ends on its last day with the payment shut; the renewed one takes over the day after, no gap', async () => {
    const campaignId = campaignUrl.split('/').pop()!;
    // another 盘龙区 agreement of the campaign, the earliest to expire
    const [other] = await stack.ctx.db.select({ id: agreements.id, number: agreements.number, termTo: agreements.termTo, proposed: renewalItems.proposed })
      .from(renewalItems).innerJoin(agreements, eq(agreements.id, renewalItems.agreementId)).innerJoin(institutions, eq(institutions.id, agreements.institutionId))
      .where(and(eq(renewalItems.campaignId, campaignId), ne(agreements.number, number), eq(agreements.lifeState, 'in_force'))).orderBy(asc(agreements.termTo)).limit(1);
    assert.ok(other, 'the demo has other 盘龙区 agreements in the campaign');
    const [mine] = await stack.ctx.db.select({ termTo: agreements.termTo }).from(agreements).where(eq(agreements.number, number));
    const [renewed] = await stack.ctx.db.select({ id: agreements.id, number: agreements.number }).from(agreements)
      .innerJoin(institutions, eq(institutions.id, agreements.institutionId)).where(and(eq(institutions.name, SIGNED_DEMO_APPLICANT), ne(agreements.number, number)));
    assert.ok(renewed, 'the renewed agreement was generated and signed above');

    const officer = await stack.loginAs('panlong');
    await officer.goto(campaignUrl);
    const searched = officer.waitForResponse((r) => r.url().includes('/items?') && r.url().includes('q='));
    await officer.getByLabel('查询').fill(other.number);
    await officer.getByLabel('查询').press('Enter');
    assert.equal((await searched).status(), 200);
    const row = officer.locator('.ant-table-row', { hasText: other.number });
    const decided = officer.waitForResponse((r) => r.url().includes('/api/renewal-items/') && r.url().endsWith('/decision'));
    if (other.proposed === 'not_renew') await row.getByRole('button', { name: '按建议核定' }).click();
    else {
      const modal = await openDialog(officer, row.getByRole('button', { name: '人工核定' }), /人工核定/);
      await modal.getByRole('radio', { name: '不再签订' }).check();
      await modal.getByLabel('核定理由').fill('机构书面申请期满后不再续签');
      await modal.getByRole('button', { name: /确\s*定/ }).click();
    }
    assert.equal((await decided).status(), 200);
    await row.getByText('不再签订').first().waitFor();
    await officer.context().close();

    // the sandbox clock passes both terms' last days; the administrator runs the sweep now (the minute timer would too)
    const last = [String(other.termTo), String(mine!.termTo)].sort().pop()!;
    const today = chinaDate(stack.ctx.clock.now());
    const days = Math.round((Date.parse(last) - Date.parse(today)) / 86_400_000) + 1;
    const admin = await stack.loginAs('admin');
    const dialog = await openDialog(admin, admin.getByRole('button', { name: '时间前进' }), '时间前进');
    await dialog.getByLabel('前进天数').fill(String(days));
    const [advanced] = await Promise.all([
      admin.waitForResponse((r) => r.url().endsWith('/api/admin/clock/advance')),
      dialog.getByRole('button', { name: /前\s*进/ }).click(),
    ]);
    assert.equal(advanced.status(), 200);
    await dialog.waitFor({ state: 'hidden' });
    const swept = await call(admin, 'POST', '/api/admin/deadlines/sweep');
    assert.equal(swept.status, 200, JSON.stringify(swept.body));
    // the payment feed: shut for the one not renewed
    const topics: string[] = [];
    for (let after = 0, pages = 0; pages < 200; pages++) {
      const r = await call(admin, 'GET', `/api/feeds/agreement-events?after=${after}&limit=500`);
      const body = r.body as { events: { id: number; topic: string; caseId: string }[]; next: number | null };
      for (const e of body.events) if (e.caseId === other.id) topics.push(e.topic);
      if (!body.next || body.events.length === 0) break;
      after = body.next;
    }
    assert.ok(topics.includes('agreement.payment_shut'), `payment_shut for ${other.number} in ${topics.join(', ')}`);
    await admin.context().close();

    const o2 = await stack.loginAs('panlong');
    await o2.goto(`${stack.baseUrl}/agreements/${other.id}`);
    await lifeStateIs(o2, '终止');
    await o2.getByText(/协议期满/).first().waitFor();
    await o2.goto(`${stack.baseUrl}/agreements/${renewed.id}`);
    await lifeStateIs(o2, '生效');
    await o2.context().close();
  });
});
