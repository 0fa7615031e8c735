/**
 * A living 续签 demo (issue #11, decision 0046): the designated demo institutions have agreements in
 * force (生效, their 医保编码 on the record) whose two-year terms end next year, month by month, as a
 * registry imported at go-live would have them (decision 0039); and 五华区's agency has opened its
 * December campaign over next year's expiries (云医保〔2022〕6号 第二十九条) — screened by the real rules,
 * a few proposals already decided — so 续签管理 and the officer's home page are not empty. In Beijing, 东城区 has
 * decided its campaign and reported it to the city (报市, 京医保发〔2021〕30号 第四十一条; decision 0057): the city's
 * 市级协商谈判 waits in its queue.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { AppContext } from '../context';
import { agreements, institutions, organizations, renewalCampaigns, renewalItems } from '../db/schema/index';
import { chinaDate } from '../domain/clock/clock';
import { addDays, daysInMonth, yearOf } from '../domain/calendar/dates';
import { INITIAL_LIFE } from '../agreement-lifecycle/binding';
import { importedAgreementText } from '../domain/registry/imported-agreement';
import { PAYMENT_CATEGORIES_BY_KIND, type InstitutionKind, type PaymentCategory } from '../domain/registry/enums';
import { openCampaign } from '../renewal-campaigns/open-campaign';
import { renewalDefaults, screenAgreements } from '../renewal-campaigns/screen-agreements';
import { decideItem } from '../renewal-campaigns/decide-items';
import { reportCampaign } from '../renewal-campaigns/report-to-city';
import type { Outcome } from '../domain/renewal-campaign/item-case';
import { sessionUser } from './demo-applications';
import { cellsOf, importIndicators } from '../indicators/import-indicators';
import type { SessionUser } from '../domain/identity/roles';
import { DEMO_DRAFT_PROFILE } from './regions';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * What the settlement system and the 医保信息平台 sent 五华区 in January (decision 0040), as one JSON batch
 * marked as demo data: last year's 医保结算费用 for its designated institutions and their 医保码 flag, so
 * that 外部数据导入 has a history and each institution page its values; and the agency's own 绩效考核 results
 * of the last three years (decision 0056: imported until the assessment module lands) — mostly good or
 * qualified, every 7th unqualified last year, every 11th not supplied (无数据), so that the proposals of the
 * real screening differ for their reasons and some institutions qualify for 固定+年度 (云医保〔2022〕6号 第二十九条).
 */
async function importDemoIndicators(ctx: AppContext, officer: SessionUser, insts: readonly { uscc: string; ybCode: string | null }[], y: number) {
  const sourceDate = `${y}-01-15`;
  const rows = insts.filter((i) => i.ybCode).flatMap((inst, k) => [
    { ybCode: inst.ybCode!, kind: 'settlement_total', period: String(y - 1), value: String(((k * 7919) % 900 + 100) * 1000 + 500), source: '结算系统（演示）', sourceDate },
    { ybCode: inst.ybCode!, kind: 'yb_code_accepted', period: `${y - 1}-12-31`, value: '是', source: '医保信息平台（演示）', sourceDate },
    ...(k % 11 === 5 ? [] : [y - 3, y - 2, y - 1].map((year) => ({
      ybCode: inst.ybCode!, kind: 'assessment_result', period: String(year), source: '绩效考核（演示）', sourceDate,
      value: year < y - 1 ? '合格' : k % 7 === 3 ? '不合格' : k % 2 ? '好' : '合格',
    }))),
  ]);
  if (!rows.length || chinaDate(ctx.clock.now()) < sourceDate) return;
  try {
    await importIndicators(ctx, officer, rows.map((raw, i) => ({ line: i + 1, raw, cells: cellsOf(raw) })), { channel: 'api', mode: 'all_or_nothing', clientBatchId: `demo-${y - 1}-settlement` });
  } catch (e) {
    console.warn(`演示外部数据：未导入（${e instanceof Error ? e.message : String(e)}）`);
  }
}

export async function seedDemoRenewal(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const y = yearOf(today);
  const insts = await ctx.db
    .select({ id: institutions.id, name: institutions.name, uscc: institutions.uscc, ybCode: institutions.ybCode, regionCode: institutions.regionCode, kind: institutions.kind, dualChannel: institutions.dualChannel })
    .from(institutions)
    .where(and(eq(institutions.status, 'designated'), isNotNull(institutions.ybCode), inArray(institutions.kind, ['medical', 'pharmacy'])))
    .orderBy(institutions.regionCode, institutions.name);
  // an institution whose agreement the demo's designation produced keeps that one
  const has = new Set((await ctx.db.select({ id: agreements.institutionId }).from(agreements)).map((r) => r.id));
  const agencies = await ctx.db.select({ id: organizations.id, regionCode: organizations.regionCode }).from(organizations).where(eq(organizations.kind, 'agency'));
  const agencyOf = new Map(agencies.map((a) => [a.regionCode, a.id]));
  const rows = insts.filter((inst) => !has.has(inst.id)).map((inst, i) => {
    // terms end at the end of each month of next year in turn; two years long, so each began before today
    const m = (i % 12) + 1;
    const termTo = `${y + 1}-${pad(m)}-${pad(daysInMonth(y + 1, m))}`;
    const termFrom = addDays(`${y - 1}-${pad(m)}-${pad(daysInMonth(y - 1, m))}`, 1);
    const number = `医保协〔${yearOf(termFrom)}〕${pad(i + 1, 4)}号`;
    const categories = [...PAYMENT_CATEGORIES_BY_KIND[inst.kind as InstitutionKind].slice(0, 2)];
    return {
      institutionId: inst.id, regionCode: inst.regionCode, agencyOrgId: agencyOf.get(inst.regionCode) ?? null, number, termFrom, termTo, special: {},
      ...importedAgreementText({ number, institutionName: inst.name, uscc: inst.uscc, ybCode: inst.ybCode, termFrom, termTo, categories, importedOn: today }),
      status: 'signed' as const, source: 'import' as const, paymentCategories: categories, dualChannel: false,
      lifeState: 'in_force' as const, life: { ...INITIAL_LIFE } as Record<string, unknown>, lifeSince: termFrom, createdAt: now, updatedAt: now,
    };
  });
  // the agreement's own record: one 五华 institution asked to terminate (不再签订), one was suspended once in its term
  const wuhua = rows.filter((r) => r.regionCode === '530102');
  const asked = wuhua[wuhua.length - 1];
  if (asked) {
    asked.life = { ...INITIAL_LIFE, request: {
      kind: 'terminate', receivedOn: addDays(today, -20), effectiveOn: asked.termTo, days: null, reason: '机构拟停业，申请协议期满后不再续签（演示）',
      shortNotice: false, publicWarned: false, approvedOn: null,
    } };
  }
  const once = wuhua[wuhua.length - 2];
  if (once) once.life = { ...INITIAL_LIFE, suspensionsInTerm: 1 };
  // 自治区医保局〔2025〕征求意见稿 三(二)3: a 双通道 pharmacy of the draft's region holds the 双通道 agreement as its own,
  // beside its ordinary one (which then covers 药店购药 alone) — each lives on its own, the registry status from both
  const draftRegion = DEMO_DRAFT_PROFILE.province.slice(0, 2);
  for (const [k, inst] of insts.filter((x) => !has.has(x.id) && x.kind === 'pharmacy' && x.dualChannel && x.regionCode.startsWith(draftRegion)).entries()) {
    const own = rows.find((r) => r.institutionId === inst.id);
    if (!own) continue;
    const ordinary: PaymentCategory[] = ['pharmacy_purchase'];
    Object.assign(own, { paymentCategories: ordinary }, importedAgreementText({ number: own.number, institutionName: inst.name, uscc: inst.uscc, ybCode: inst.ybCode, termFrom: own.termFrom, termTo: own.termTo, categories: ordinary, importedOn: today }));
    const number = `医保协〔${yearOf(own.termFrom)}〕${pad(9001 + k, 4)}号`;
    const categories: PaymentCategory[] = ['dual_channel'];
    rows.push({
      ...own, number, paymentCategories: categories, dualChannel: true, life: { ...INITIAL_LIFE },
      ...importedAgreementText({ number, institutionName: inst.name, uscc: inst.uscc, ybCode: inst.ybCode, termFrom: own.termFrom, termTo: own.termTo, categories, importedOn: today }),
    });
  }
  for (let i = 0; i < rows.length; i += 200) await ctx.db.insert(agreements).values(rows.slice(i, i + 200));

  // 五华区's December campaign over next year's expiries
  const officer = await sessionUser(ctx, { username: 'wuhua' });
  if (!officer) return;
  await importDemoIndicators(ctx, officer, insts.filter((i) => i.regionCode === '530102'), y);
  try {
    const campaign = await openDemoCampaign(ctx, officer, y, '五华区');
    // a few proposals accepted already (one of each clear proposal), the rest left to the officer
    const items = await ctx.db.select({ id: renewalItems.id, proposed: renewalItems.proposed, version: renewalItems.version })
      .from(renewalItems).where(eq(renewalItems.campaignId, campaign.id)).orderBy(renewalItems.termTo);
    const done = new Set<Outcome>();
    for (const it of items) {
      if (it.proposed === 'manual' || done.has(it.proposed)) continue;
      done.add(it.proposed);
      await decideItem(ctx, officer, it.id, { type: 'accept' }, it.version);
    }
    // two of those the agency decides by hand: one renewed after checking, one deferred (缓签) until re-evaluation
    const manual = items.filter((it) => it.proposed === 'manual');
    if (manual[0]) await decideItem(ctx, officer, manual[0].id, { type: 'decide', outcome: 'renew', reason: '经核实履约情况良好，同意续签（演示）' }, manual[0].version);
    if (manual[1]) await decideItem(ctx, officer, manual[1].id, { type: 'decide', outcome: 'defer', reason: '绩效考核不合格，整改评估通过后再签（演示）' }, manual[1].version);
  } catch (e) {
    console.warn(`演示续签：未组织（${e instanceof Error ? e.message : String(e)}）`);
  }
  await seedDongchengReported(ctx, y);
}

/**
 * A December campaign over the agreements whose terms end next year (云医保〔2022〕6号 第二十九条 「一般为每年12月开展」),
 * titled as agencies title them and as the form's 续签年度 reads: the year whose expiries it renews.
 */
function openDemoCampaign(ctx: AppContext, officer: SessionUser, y: number, district: string) {
  return openCampaign(ctx, officer, {
    year: y + 1, title: `${y + 1}年度医保协议续签（${district}）`, windowFrom: `${y + 1}-01-01`, windowTo: `${y + 1}-12-31`, decideBy: `${y}-12-31`,
  }, screenAgreements, renewalDefaults);
}

/**
 * 东城区's campaign over next year's expiries, every item decided (the screening's proposal accepted; 需人工核定
 * decided 续签 by hand) and reported to the city by the district's head: the city negotiates each (京医保发〔2021〕30号
 * 第四十一条).
 */
async function seedDongchengReported(ctx: AppContext, y: number): Promise<void> {
  const officer = await sessionUser(ctx, { username: 'bj_dongcheng' });
  const head = await sessionUser(ctx, { username: 'bj_dongcheng_head' });
  if (!officer || !head) return;
  try {
    const campaign = await openDemoCampaign(ctx, officer, y, '东城区');
    const items = await ctx.db.select({ id: renewalItems.id, proposed: renewalItems.proposed, version: renewalItems.version })
      .from(renewalItems).where(eq(renewalItems.campaignId, campaign.id)).orderBy(renewalItems.termTo);
    if (!items.length) return;
    for (const it of items) {
      await decideItem(ctx, officer, it.id, it.proposed === 'manual'
        ? { type: 'decide', outcome: 'renew', reason: '经核实履约情况良好，拟续签，报市协商谈判（演示）' }
        : { type: 'accept' }, it.version);
    }
    const [row] = await ctx.db.select({ version: renewalCampaigns.version }).from(renewalCampaigns).where(eq(renewalCampaigns.id, campaign.id));
    await reportCampaign(ctx, head, campaign.id, row!.version);
  } catch (e) {
    console.warn(`演示续签（东城区报市）：未完成（${e instanceof Error ? e.message : String(e)}）`);
  }
}

