import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { clickForResponse, openDialog, rowNamed, useStack } from './harness';
import { institutions, renewalCampaigns, renewalItems } from '../../src/db/schema/index';

/**
 * 报市 and 市级协商谈判 in the browser (京医保发〔2021〕30号 第四十一条, decision 0057), on the living demo's 东城区
 * campaign. The demo reports it already; the set-up takes it back one step — not reported, one item undecided — so
 * that the district's 报市 is seen refused with its reason, then done. Then the city (`bj_city`) finds it among the
 * reported campaigns, negotiates one item, and the rest in bulk after confirming the count.
 */
let campaignId = '';
let undecidedName = '';
const stack = useStack(async (s) => {
  const [c] = await s.ctx.db.select({ id: renewalCampaigns.id }).from(renewalCampaigns).where(eq(renewalCampaigns.prefix, '110101'));
  assert.ok(c, 'the demo seed has 东城区 campaign');
  campaignId = c.id;
  // the district's 人民医院 first when it is in the campaign: its branch's name begins with its own, the case a row
  // found by substring got wrong
  const [it] = await s.ctx.db.select({ id: renewalItems.id }).from(renewalItems)
    .innerJoin(institutions, eq(institutions.id, renewalItems.institutionId))
    .where(eq(renewalItems.campaignId, c.id)).orderBy(desc(sql`${institutions.name} like '%人民医院'`), asc(renewalItems.id)).limit(1);
  assert.ok(it, 'the 东城区 campaign has items');
  await s.ctx.db.update(renewalCampaigns).set({ reportedAt: null, reportedBy: null }).where(eq(renewalCampaigns.id, c.id));
  await s.ctx.db.update(renewalItems).set({
    state: 'proposed', decided: null, decidedBy: null, decidedOn: null,
    data: sql`${renewalItems.data} || '{"state":"proposed","decided":null,"decidedOn":null}'::jsonb`,
  }).where(eq(renewalItems.id, it.id));
  const [named] = await s.ctx.db.select({ name: institutions.name }).from(renewalItems).innerJoin(institutions, eq(institutions.id, renewalItems.institutionId)).where(eq(renewalItems.id, it.id));
  undecidedName = named!.name;
});

/** Searches the item table by name (an empty text clears it) and waits for the page it answers. */
async function search(page: Page, text: string) {
  const box = page.getByRole('searchbox', { name: '查询' });
  const answered = page.waitForResponse((r) => r.url().includes(`/api/renewal-campaigns/${campaignId}/items`) && r.request().method() === 'GET');
  await box.fill(text);
  await box.press('Enter');
  assert.equal((await answered).status(), 200);
}

describe('Beijing renewal: the district reports, the city negotiates', () => {
  it('京医保发〔2021〕30号 第四十一条: 报市 is refused while an item is undecided (the reason with its article); once decided the district reports and can no longer change an item', async () => {
    const district = await stack.loginAs('bj_dongcheng');
    await district.goto(`${stack.baseUrl}/renewal/${campaignId}`);
    const panel = district.getByTestId('renewal-city');
    const report = panel.getByRole('button', { name: /报\s*市/ });
    await report.waitFor();
    assert.equal(await report.isDisabled(), true);
    const reasons = panel.getByTestId('report-reasons');
    await reasons.getByText('尚有 1 项未核定，全部核定后方可报市经办机构').waitFor();
    await reasons.getByText(/京医保发〔2021〕30号 第四十一条/).waitFor();

    await search(district, undecidedName); // the table pages 20 items: the clerk finds the one by name
    const row = rowNamed(district, undecidedName);
    // without imported assessment results Beijing's screening proposes 需人工核定: the officer decides with a reason
    const decide = await openDialog(district, row.getByRole('button', { name: '人工核定' }), /人工核定/);
    await decide.getByRole('radio', { name: '续签' }).check();
    await decide.getByLabel('核定理由').fill('经核实履约情况良好，拟续签');
    const decided = district.waitForResponse((r) => r.url().includes('/api/renewal-items/') && r.url().endsWith('/decision'));
    await decide.getByRole('button', { name: /确\s*定/ }).click();
    assert.equal((await decided).status(), 200);
    await district.waitForFunction(() => !document.querySelector('[data-testid="report-reasons"]'));
    const dialog = await openDialog(district, report, '将本次续签报市经办机构？');
    const reported = district.waitForResponse((r) => r.url().endsWith(`/api/renewal-campaigns/${campaignId}/report`) && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /报\s*市/ }).click();
    assert.equal((await reported).status(), 200);
    await panel.getByText(/已于 \d{4}-\d{2}-\d{2} 报市经办机构，区经办机构不能再更改核定/).waitFor();
    assert.equal(await district.getByRole('button', { name: '撤回核定' }).count(), 0, 'nothing left to reopen once reported');
    await district.context().close();
  });

  it('京医保发〔2021〕30号 第四十一条: the city finds the reported campaign, negotiates one item, then the rest in bulk confirmed by count', async () => {
    const city = await stack.loginAs('bj_city');
    await city.getByRole('menuitem', { name: '续签管理' }).click();
    const listed = city.waitForResponse((r) => r.url().includes('/api/renewal-campaigns?') && r.url().includes('reported=true'));
    await city.getByText('已报市（市级协商谈判）').click();
    assert.equal((await listed).status(), 200);
    await city.getByRole('link', { name: /东城区/ }).click();
    await city.waitForURL(new RegExp(`/renewal/${campaignId}$`));

    await search(city, undecidedName);
    const row = rowNamed(city, undecidedName);
    const modal = await openDialog(city, row.getByRole('button', { name: '市级协商谈判' }), /市级协商谈判：/);
    await modal.getByRole('radio', { name: '协商一致，续签' }).check();
    await modal.getByLabel('协商谈判情况').fill('双方就服务范围协商一致');
    const negotiated = city.waitForResponse((r) => r.url().endsWith('/negotiation'));
    await modal.getByRole('button', { name: /确\s*定/ }).click();
    assert.equal((await negotiated).status(), 200);
    await row.getByText(/市级协商谈判 \d{4}-\d{2}-\d{2}/).waitFor();

    // a negotiated item can still be corrected by the city (until generated)
    const correct = await openDialog(city, row.getByRole('button', { name: '更正协商谈判结果' }), `更正市级协商谈判结果：${undecidedName}`);
    await correct.getByRole('button', { name: /取\s*消/ }).click();
    await correct.waitFor({ state: 'hidden' });

    await search(city, ''); // the whole campaign again for the bulk and its check
    const panel = city.getByTestId('renewal-city');
    const bulk = await openDialog(city, panel.getByRole('button', { name: '批量市级协商谈判' }), /批量市级协商谈判（[1-9]\d* 项）/);
    await bulk.getByRole('radio', { name: '协商一致，续签' }).check();
    await bulk.getByLabel('协商谈判情况').fill('集中协商，双方同意续签');
    await bulk.getByRole('button', { name: /确\s*定/ }).click();
    const confirm = city.getByRole('dialog', { name: /批量市级协商谈判 [1-9]\d* 项为「续签」？/ });
    await confirm.waitFor();
    const done = await clickForResponse(city, confirm.getByRole('button', { name: /确定 [1-9]\d* 项/ }), (url) => url.endsWith('/bulk-negotiation'));
    assert.equal(done.status(), 200);
    await city.getByText(/已批量协商谈判 [1-9]\d* 项/).waitFor();
    // the table reloads after the message: wait for the last row's button to go rather than count at once
    await city.locator('.ant-table-row').getByRole('button', { name: '市级协商谈判' }).first().waitFor({ state: 'detached' });
    assert.equal(await city.locator('.ant-table-row').getByRole('button', { name: '市级协商谈判' }).count(), 0, 'every item on the page negotiated');
    await city.context().close();
  });
});
