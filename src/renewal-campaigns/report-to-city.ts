/**
 * 报市 and 市级协商谈判 (京医保发〔2021〕30号 第四十一条, decision 0057): the district agency that organised the
 * renewal reports it to the city once every item is decided (one transaction: the version-checked campaign row
 * and its audit row); the city negotiates each reported item with the institution — one item through the engine
 * (`negotiate`), or many at once selected by the district's decision and region and confirmed by the count the
 * city saw (a different count now is a 409), all in one transaction with one audit row per item.
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { CITY_STEP_CITATION, hasCityStep, isCityAgency, reportRefusals } from '../domain/renewal-campaign/city-report';
import type { Decision } from '../domain/renewal-campaign/item-case';
import { caseActorOf } from '../workflow/actor';
import { runCaseEvent } from '../workflow/run-case-event';
import { decidedProgress, findCampaign, reportCampaignRow, selectItemIds, type CampaignRow } from '../db/renewal-campaign-repo';
import { appendAudit } from '../db/audit-repo';
import { closeNegotiationWhenDone, closeScheduleRow } from '../db/renewal-schedule-repo';
import { chinaDate } from '../domain/clock/clock';
import { itemBinding } from './item-binding';
import { BULK_CAP } from './decide-items';

async function campaignOf(ctx: AppContext, user: SessionUser, id: string): Promise<CampaignRow> {
  const c = await findCampaign(ctx.db, id, scopeOf(user));
  if (!c) throw new AppError('NOT_FOUND', '续签工作不存在');
  return c;
}

async function refusalsOf(ctx: AppContext, user: SessionUser, c: CampaignRow) {
  const p = await decidedProgress(ctx.db, c.id);
  return reportRefusals({
    profileId: c.profileId, prefix: c.prefix, state: c.state, reportedAt: c.reportedAt ? c.reportedAt.toISOString() : null,
    undecided: p.undecided, total: p.total, byOwnAgency: c.agencyOrgId === user.orgId,
  });
}

/** What the 报市 button shows: may this user report the campaign now, and if not, every reason with its article. */
export async function reportCheck(ctx: AppContext, user: SessionUser, campaignId: string) {
  const c = await campaignOf(ctx, user, campaignId);
  const reasons = await refusalsOf(ctx, user, c);
  return { cityStep: hasCityStep(c.profileId), reportedAt: c.reportedAt ? c.reportedAt.toISOString() : null, canReport: reasons.length === 0, reasons, version: c.version };
}

/** 报市: the district reports its decided campaign to the city, once; version-checked (409 when stale). */
export async function reportCampaign(ctx: AppContext, user: SessionUser, campaignId: string, version: number) {
  const c = await campaignOf(ctx, user, campaignId);
  const reasons = await refusalsOf(ctx, user, c);
  if (reasons.some((r) => r.ruleId === 'renewal.city-report.own-agency')) {
    throw new AppError('FORBIDDEN', '报市由组织本次续签的区经办机构办理', { reasons });
  }
  // a stale version answers 409 before the rule: the campaign moved (perhaps reported) since it was read
  if (c.version !== version) throw new AppError('STALE_VERSION', '续签工作已被他人修改，请刷新后重试');
  if (reasons.length) throw new AppError('RULE_REFUSED', reasons.map((r) => r.message).join('；'), { reasons });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // the rule read the items outside the transaction: re-count inside it, so an item reopened meanwhile blocks the report
    const p = await decidedProgress(tx, c.id);
    if (p.undecided > 0) throw new AppError('STALE_VERSION', `尚有 ${p.undecided} 项未核定，请刷新后重试`);
    if (!(await reportCampaignRow(tx, c.id, version, now, user.id))) throw new AppError('STALE_VERSION', '续签工作已被他人修改，请刷新后重试');
    // the schedule's 报市 milestone is met by the report itself (the page and the home page stop calling it due)
    await closeScheduleRow(tx, c.id, 'report_city', chinaDate(now));
    await appendAudit(tx, now, {
      actor: { id: user.id, orgId: user.orgId }, action: 'renewal_campaign.report', entityType: 'renewal_campaign', entityId: c.id, regionCode: c.regionCode,
      before: { reportedAt: null, version }, after: { reportedAt: now.toISOString(), version: version + 1, items: p.total, citation: CITY_STEP_CITATION }, reason: null,
    });
  });
  return { id: c.id, reportedAt: now.toISOString(), version: version + 1 };
}

/** 市级协商谈判 of one item, through the engine (the guards: reported, the city, a note; 京医保发 第四十一条). */
export async function negotiateItem(ctx: AppContext, user: SessionUser, itemId: string, input: { outcome: Decision; note: string }, version: number) {
  const today = chinaDate(ctx.clock.now());
  return ctx.db.transaction(async (tx) => {
    const r = await runCaseEvent(ctx, itemBinding(user.id), user, itemId, { type: 'negotiate', ...input }, version, { tx });
    // the last item negotiated meets the schedule's 市级协商谈判 milestone
    await closeNegotiationWhenDone(tx, { itemId }, today);
    return { id: itemId, state: r.state, version: r.version, decided: r.data.decided, negotiation: r.data.negotiation };
  });
}

export interface NegotiationFilter {
  /** the district's decision the city negotiates on */
  decided?: Decision;
  regionCode?: string;
}

/** Many reported items at once: the district's decided items that match, confirmed by count, in one transaction. */
export async function negotiateItemsInBulk(
  ctx: AppContext, user: SessionUser, campaignId: string, filter: NegotiationFilter, input: { outcome: Decision; note: string }, expectedCount: number,
) {
  const scope = scopeOf(user);
  const c = await campaignOf(ctx, user, campaignId);
  // the campaign-wide refusals first, worded once (each item's engine step checks them again)
  if (!hasCityStep(c.profileId)) throw new AppError('RULE_REFUSED', '本地区政策未规定市级协商谈判，由组织续签的经办机构核定', { reasons: [{ ruleId: 'renewal.city.profile', citation: CITY_STEP_CITATION, message: '本地区政策未规定市级协商谈判' }] });
  const actor = caseActorOf(user);
  if (!(actor.kind === 'user' && isCityAgency(actor.agencyLevel))) {
    throw new AppError('FORBIDDEN', '协商谈判由市经办机构进行', { reasons: [{ ruleId: 'renewal.city.agency', citation: CITY_STEP_CITATION, message: '协商谈判由市经办机构进行' }] });
  }
  if (!c.reportedAt) throw new AppError('RULE_REFUSED', '区经办机构尚未将本次续签报市经办机构', { reasons: [{ ruleId: 'renewal.city.reported', citation: CITY_STEP_CITATION, message: '区经办机构尚未将本次续签报市经办机构' }] });
  if (c.state !== 'open') throw new AppError('CONFLICT', '续签工作已结束，不能再协商谈判');
  const selection = { decided: filter.decided, regionCode: filter.regionCode, state: 'decided' as const };
  return ctx.db.transaction(async (tx) => {
    const ids = await selectItemIds(tx, campaignId, scope, selection, BULK_CAP + 1);
    if (ids.length > BULK_CAP) throw new AppError('INVALID_INPUT', `一次最多批量协商谈判 ${BULK_CAP} 项，请缩小筛选范围`, { field: 'filter' });
    if (ids.length !== expectedCount) {
      throw new AppError('STALE_VERSION', `符合条件的待协商谈判事项现为 ${ids.length} 项（确认时为 ${expectedCount} 项），请刷新后重新确认`);
    }
    for (const it of ids) {
      await runCaseEvent(ctx, itemBinding(user.id), user, it.id, { type: 'negotiate', ...input }, it.version, { tx, auditExtra: { bulk: true, campaignId } });
    }
    await closeNegotiationWhenDone(tx, { campaignId }, chinaDate(ctx.clock.now()));
    return { negotiated: ids.length };
  });
}
