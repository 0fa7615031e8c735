/**
 * Reading 续签 campaigns (issue #11): the list, one campaign with its progress per proposal,
 * decision and region (the dashboard's chart), its items filtered / sorted / paged on the server,
 * and the Excel of exactly the filtered items with their outcome, reasons and articles.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { outcomeLabel, itemStateLabel, RENEWAL_ITEM_CASE, type Outcome, type RenewalItemCase } from '../domain/renewal-campaign/item-case';
import { eventsFrom } from '../domain/workflow/case-type';
import { hasCityStep } from '../domain/renewal-campaign/city-report';
import { workflowProfileOf } from '../domain/designation/profiles';
import { rulesOf } from '../domain/renewal-screening/screen';
import { caseActorOf } from '../workflow/actor';
import { institutionKindLabel } from '../domain/registry/enums';
import { closeCampaign as closeRow, findCampaign, itemCounts, itemsOfInstitution, listCampaigns, listItems, type ItemFilter, type ItemSort } from '../db/renewal-campaign-repo';
import { appendAudit } from '../db/audit-repo';
import { renewalsOfItems } from '../db/renewal-sign-repo';
import { loadRegionStandardsFor } from '../db/region-standards-repo';
import { poolingRegionOf } from '../db/local-parameters-repo';
import { standardInForce, standardsBasis } from '../domain/policy/standards';

const FORM_LABEL = { standard: '医保协议', fixed: '固定协议', annual: '年度协议' } as const;

/** One reason as the screening gave it, in words: 「message（citation）」. */
export interface ReasonView {
  ruleId: string;
  citation: string;
  result: string;
  message: string;
}

export function reasonsOf(raw: unknown): ReasonView[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((r) => {
    const o = (r ?? {}) as Record<string, unknown>;
    return { ruleId: String(o.ruleId ?? ''), citation: String(o.citation ?? ''), result: String(o.result ?? ''), message: String(o.message ?? '') };
  });
}

const campaignView = (c: NonNullable<Awaited<ReturnType<typeof findCampaign>>>) => ({
  id: c.id, title: c.title, year: c.year, regionCode: c.regionCode, profileId: c.profileId, windowFrom: String(c.windowFrom), windowTo: String(c.windowTo),
  decideBy: String(c.decideBy), state: c.state, params: c.params as Record<string, unknown>, counts: c.counts as Record<string, number>, version: c.version,
  createdAt: c.createdAt.toISOString(), closedAt: c.closedAt ? c.closedAt.toISOString() : null,
  cityStep: hasCityStep(c.profileId), reportedAt: c.reportedAt ? c.reportedAt.toISOString() : null,
});

export async function listRenewalCampaigns(ctx: AppContext, user: SessionUser, page: number, size: number, reported?: boolean) {
  const r = await listCampaigns(ctx.db, scopeOf(user), page, size, reported);
  return { items: r.items.map(campaignView), total: r.total, page, pageSize: size };
}

/** The campaign and its progress in the user's territory: per region, proposals and decisions. */
export async function renewalCampaign(ctx: AppContext, user: SessionUser, id: string) {
  const scope = scopeOf(user);
  const c = await findCampaign(ctx.db, id, scope);
  if (!c) throw new AppError('NOT_FOUND', '续签工作不存在');
  const rows = await itemCounts(ctx.db, id, scope);
  const zero = () => ({ renew: 0, defer: 0, not_renew: 0, manual: 0 });
  const byRegion = new Map<string, { regionCode: string; regionName: string; proposed: Record<Outcome, number>; decided: Record<Outcome, number>; undecided: number; total: number }>();
  const proposed = zero();
  const decided = zero();
  let undecided = 0;
  for (const r of rows) {
    const g = byRegion.get(r.regionCode) ?? { regionCode: r.regionCode, regionName: r.regionName ?? r.regionCode, proposed: zero(), decided: zero(), undecided: 0, total: 0 };
    g.proposed[r.proposed] += r.n;
    proposed[r.proposed] += r.n;
    if (r.decided) {
      g.decided[r.decided] += r.n;
      decided[r.decided] += r.n;
    } else {
      g.undecided += r.n;
      undecided += r.n;
    }
    g.total += r.n;
    byRegion.set(r.regionCode, g);
  }
  const regions = [...byRegion.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  const standards = await renewalStandardsOf(ctx, c.profileId, chinaDate(c.createdAt), regions.map((r) => r.regionCode));
  return {
    campaign: campaignView(c),
    progress: { proposed, decided, undecided, total: undecided + Object.values(decided).reduce((a, b) => a + b, 0) },
    regions: regions.map((r) => ({ ...r, standard: standards.byRegion.get(r.regionCode) ?? null })),
    /** the article that asks each 市/县 to publish its 续签 standard (the 2025 draft 一(一)), when the campaign's profile does */
    standardsBasis: standards.basis,
    labels: outcomeLabel,
    /** the rules the campaign's profile screens with (the what-if's switches) */
    rules: rulesOf(workflowProfileOf(c.profileId)).map(({ rule, citation }) => ({ id: rule.id, label: rule.label, effect: rule.effect, citation })),
  };
}

/**
 * The 续签评估标准 each region of a campaign had in force on the day it was opened (自治区医保局〔2025〕征求意见稿
 * 一(一): each 市、县（区）publishes its standards for renewals; a county's takes the place of its prefecture's;
 * decision 0043). Only where the campaign's profile asks for them; the screening's rules stay the profile's —
 * the standard is cited beside them, as the application page cites the new-designation one.
 */
async function renewalStandardsOf(ctx: AppContext, profileId: string, openedOn: string, regionCodes: readonly string[]) {
  const basis = standardsBasis(profileId);
  const byRegion = new Map<string, { title: string; docNo: string; effectiveFrom: string; layerLabel: string }>();
  if (!basis?.kinds.includes('renewal')) return { basis: null, byRegion };
  const rows = await loadRegionStandardsFor(ctx.db, regionCodes, 'renewal');
  for (const code of regionCodes) {
    const own = rows.filter((r) => r.regionCode === code || r.regionCode === poolingRegionOf(code));
    const s = standardInForce(own, 'renewal', openedOn);
    if (s) byRegion.set(code, { title: s.title, docNo: s.docNo, effectiveFrom: s.effectiveFrom, layerLabel: s.layerLabel });
  }
  return { basis: basis.citation, byRegion };
}

export async function renewalItems(ctx: AppContext, user: SessionUser, campaignId: string, f: ItemFilter, sort: ItemSort, order: 'asc' | 'desc', page: number, size: number) {
  const scope = scopeOf(user);
  const c = await findCampaign(ctx.db, campaignId, scope);
  if (!c) throw new AppError('NOT_FOUND', '续签工作不存在');
  const today = chinaDate(ctx.clock.now());
  const layers = workflowProfileOf(c.profileId);
  const r = await listItems(ctx.db, campaignId, scope, f, sort, order, page, size);
  return {
    items: r.items.map((it) => {
      const data: RenewalItemCase = {
        ...(it.data as RenewalItemCase), campaignOpen: c.state === 'open', profileId: c.profileId,
        fixedAnnual: it.fixedAnnual, generated: it.renewalAgreementId !== null, reevaluation: (it.data as Partial<RenewalItemCase>).reevaluation ?? null,
        cityStep: hasCityStep(c.profileId), reported: c.reportedAt !== null, negotiation: (it.data as Partial<RenewalItemCase>).negotiation ?? null,
      };
      return {
        id: it.id, agreementId: it.agreementId, agreementNumber: it.agreementNumber, institutionId: it.institutionId, institutionName: it.institutionName,
        institutionKind: it.institutionKind, regionCode: it.regionCode, regionName: it.regionName ?? it.regionCode, termTo: String(it.termTo), lifeState: it.lifeState,
        state: it.state, stateLabel: itemStateLabel[it.state], proposed: it.proposed, proposedLabel: outcomeLabel[it.proposed],
        decided: it.decided, decidedLabel: it.decided ? outcomeLabel[it.decided] : null, overridden: it.overridden, reason: data.reason,
        decidedOn: it.decidedOn ? String(it.decidedOn) : null, version: it.version, reasons: reasonsOf(it.reasons),
        allowedEvents: eventsFrom(RENEWAL_ITEM_CASE, data, caseActorOf(user), { actor: caseActorOf(user), today, layers }),
        fixedAnnual: it.fixedAnnual, renewalAgreementId: it.renewalAgreementId, reevaluation: data.reevaluation, negotiation: data.negotiation,
      };
    }),
    total: r.total, page, pageSize: size,
  };
}

export async function closeRenewalCampaign(ctx: AppContext, user: SessionUser, id: string, version: number) {
  const c = await findCampaign(ctx.db, id, scopeOf(user));
  if (!c) throw new AppError('NOT_FOUND', '续签工作不存在');
  if (c.agencyOrgId !== user.orgId) throw new AppError('FORBIDDEN', '仅组织续签的经办机构可结束本次续签工作');
  if (c.state !== 'open') throw new AppError('CONFLICT', '续签工作已结束');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await closeRow(tx, id, version, now))) throw new AppError('STALE_VERSION', '续签工作已被他人修改，请刷新后重试');
    await appendAudit(tx, now, {
      actor: { id: user.id, orgId: user.orgId }, action: 'renewal_campaign.close', entityType: 'renewal_campaign', entityId: id, regionCode: c.regionCode,
      before: { state: 'open', version }, after: { state: 'closed', version: version + 1 }, reason: null,
    });
  });
  return { id, state: 'closed' as const, version: version + 1 };
}

export const EXPORT_CAP = 100_000;
const EXPORT_PAGE = 2000;

export async function exportRenewalItems(ctx: AppContext, user: SessionUser, campaignId: string, f: ItemFilter) {
  const scope = scopeOf(user);
  const c = await findCampaign(ctx.db, campaignId, scope);
  if (!c) throw new AppError('NOT_FOUND', '续签工作不存在');
  const { total } = await listItems(ctx.db, campaignId, scope, f, 'region', 'asc', 1, 1);
  if (total > EXPORT_CAP) throw new AppError('INVALID_INPUT', `筛选结果共 ${total} 条，超过导出上限 ${EXPORT_CAP} 条，请缩小筛选范围后再导出`, { field: 'regionCode' });
  const stream = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  book.creator = 'dingdian';
  const sheet = book.addWorksheet('续签筛查结果');
  // Beijing's city negotiates after the district (京医保发〔2021〕30号 第四十一条): its outcome, the district's decision
  // it replaced and its note get their own columns, so the sheet the city files shows both (decision 0057)
  const city = hasCityStep(c.profileId);
  sheet.columns = [
    { header: '协议编号', key: 'number', width: 26 }, { header: '机构名称', key: 'name', width: 32 }, { header: '机构类别', key: 'kind', width: 10 },
    { header: '统筹区', key: 'region', width: 16 }, { header: '协议终止日', key: 'termTo', width: 12 }, { header: '筛查建议', key: 'proposed', width: 12 },
    { header: city ? '区核定结果' : '核定结果', key: 'decided', width: 12 }, { header: '是否调整建议', key: 'overridden', width: 10 },
    { header: '核定理由', key: 'reason', width: 30 },
    ...(city ? [
      { header: '市级协商谈判结果', key: 'negotiated', width: 14 }, { header: '协商谈判日期', key: 'negotiatedOn', width: 12 },
      { header: '协商谈判说明', key: 'negotiationNote', width: 30 },
    ] : []),
    { header: '办理状态', key: 'state', width: 12 }, { header: '固定+年度协议', key: 'fixedAnnual', width: 12 }, { header: '缓签评估', key: 'reevaluation', width: 24 },
    { header: '触发的情形及依据', key: 'reasons', width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for (let page = 1; (page - 1) * EXPORT_PAGE < total; page++) {
      const r = await listItems(ctx.db, campaignId, scope, f, 'region', 'asc', page, EXPORT_PAGE);
      for (const it of r.items) {
        const data = it.data as Partial<RenewalItemCase>;
        const negotiation = data.negotiation ?? null;
        const re = data.reevaluation ?? null;
        sheet.addRow({
          number: it.agreementNumber, name: it.institutionName, kind: institutionKindLabel[it.institutionKind] ?? it.institutionKind,
          region: `${it.regionName ?? ''}（${it.regionCode}）`, termTo: String(it.termTo), proposed: outcomeLabel[it.proposed],
          // once negotiated, the row's decision is the city's: the district's is the one the negotiation replaced
          decided: negotiation ? (negotiation.districtDecided ? outcomeLabel[negotiation.districtDecided] : '') : it.decided ? outcomeLabel[it.decided] : '待核定',
          overridden: it.overridden ? '是' : '否', reason: data.reason ?? '',
          negotiated: negotiation ? outcomeLabel[negotiation.outcome] : '', negotiatedOn: negotiation?.on ?? '', negotiationNote: negotiation?.note ?? '',
          state: itemStateLabel[it.state as keyof typeof itemStateLabel] ?? it.state, fixedAnnual: it.fixedAnnual ? '是' : '否',
          reevaluation: re ? `${re.passed ? '评估通过' : '评估未通过'}（${re.on}）${re.note ? `：${re.note}` : ''}` : '',
          reasons: reasonsOf(it.reasons).map((x) => `${x.message}（${x.citation}）`).join('；'),
        }).commit();
      }
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e))));
  return { stream, fileName: `续签筛查结果-${c.year}-${chinaDate(ctx.clock.now())}.xlsx`, total };
}

/**
 * The institution's renewal status: its agreements' items, newest campaign first. The screening's
 * proposal is the agency's working paper: until the agency decides, the institution reads 「经办机构核定中」
 * and the day decisions are due; once decided, the outcome, the reason and every rule with its article.
 */
export async function myRenewal(ctx: AppContext, user: SessionUser) {
  if (!user.institutionId) throw new AppError('FORBIDDEN', '仅医药机构可查看本机构的续签情况');
  const rows = await itemsOfInstitution(ctx.db, user.institutionId);
  const renewals = new Map((await renewalsOfItems(ctx.db, rows.map((r) => r.id))).map((a) => [a.itemId, a]));
  return {
    items: rows.map((r) => {
      // 京医保发〔2021〕30号 第四十一条: where the city negotiates, the district's decision is not the outcome yet
      const city = hasCityStep(r.profileId);
      const settled = city ? r.state === 'negotiated' : r.state === 'decided';
      const decided = settled && r.decided ? r.decided : null;
      const pending = city && r.reportedAt ? '已报市经办机构，协商谈判中' : '经办机构核定中';
      const a = renewals.get(r.id);
      // the renewed agreement (decision 0045): the institution signs it here (「签署续签协议」), the agency head after it
      const renewal = a ? {
        agreementId: a.id, number: a.number, termFrom: String(a.termFrom), termTo: String(a.termTo), status: a.status, form: a.form, formLabel: FORM_LABEL[a.form],
        lifeState: a.lifeState, version: a.version, institutionSigned: !!a.institutionSigned,
        statusLabel: a.status === 'signed' ? (a.lifeState === 'in_force' ? '已签订，已生效' : '已签订，待新协议期限开始生效') : a.institutionSigned ? '本机构已签署，待经办机构签署' : '待本机构签署',
      } : null;
      return {
        id: r.id, agreementId: r.agreementId, agreementNumber: r.agreementNumber, termTo: String(r.termTo), campaignTitle: r.campaignTitle, campaignYear: r.campaignYear,
        decideBy: String(r.decideBy), status: decided ? outcomeLabel[decided] : pending, decided, decidedOn: decided && r.decidedOn ? String(r.decidedOn) : null,
        reason: decided ? (r.data as RenewalItemCase).reason : null, reasons: decided ? reasonsOf(r.reasons) : [], renewal,
      };
    }),
  };
}
