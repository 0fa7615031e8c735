/**
 * The officer's decisions on a campaign's items (issue #11): one item through the engine (accept the
 * proposal, decide otherwise with a reason, reopen), or many at once — selected by the same filter as
 * the list, confirmed by the count the officer saw (a different count now is a 409: the selection
 * moved), all in one transaction with one audit row per item.
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import type { RenewalItemEvent } from '../domain/renewal-campaign/item-case';
import { runCaseEvent } from '../workflow/run-case-event';
import { findCampaign, selectItemIds, type ItemFilter } from '../db/renewal-campaign-repo';
import { itemBinding } from './item-binding';

export async function decideItem(ctx: AppContext, user: SessionUser, itemId: string, event: RenewalItemEvent, version: number) {
  const r = await runCaseEvent(ctx, itemBinding(user.id), user, itemId, event, version);
  return { id: itemId, state: r.state, version: r.version, decided: r.data.decided, overridden: r.data.overridden };
}

/**
 * A 缓签 item's re-evaluation (自治区医保局〔2025〕征求意见稿 二(一)): passed — its agreement is generated with the
 * campaign's next run; not passed — 不再签订. Through the engine, as every decision.
 */
export async function reevaluateItem(ctx: AppContext, user: SessionUser, itemId: string, input: { passed: boolean; note: string }, version: number) {
  const r = await runCaseEvent(ctx, itemBinding(user.id), user, itemId, { type: 'reevaluate', ...input }, version);
  return { id: itemId, version: r.version, decided: r.data.decided, reevaluation: r.data.reevaluation };
}

/** the most a bulk decision takes at once (a clerk confirms a count, not a national list) */
export const BULK_CAP = 5000;

export async function decideItemsInBulk(
  ctx: AppContext, user: SessionUser, campaignId: string, filter: ItemFilter, event: Extract<RenewalItemEvent, { type: 'accept' | 'decide' }>, expectedCount: number,
) {
  const scope = scopeOf(user);
  const campaign = await findCampaign(ctx.db, campaignId, scope);
  if (!campaign) throw new AppError('NOT_FOUND', '续签工作不存在');
  if (campaign.state !== 'open') throw new AppError('CONFLICT', '续签工作已结束，不能再核定');
  // an accepted proposal must be one the officer looked at: 续签, 缓签 or 不再签订 — never 需人工核定;
  // a decision against the proposal applies to one proposal at a time
  if (!filter.proposed || filter.proposed === 'manual') throw new AppError('INVALID_INPUT', '批量核定须先按筛查建议（续签、缓签或不再签订）筛选', { field: 'proposed' });
  if (event.type === 'decide' && event.outcome === filter.proposed) throw new AppError('INVALID_INPUT', '核定结果与筛查建议相同，请使用「按建议核定」', { field: 'outcome' });
  // only undecided items are decided in bulk; a decided one is reopened one by one
  const selection = { ...filter, state: 'proposed' as const };
  return ctx.db.transaction(async (tx) => {
    const ids = await selectItemIds(tx, campaignId, scope, selection, BULK_CAP + 1);
    if (ids.length > BULK_CAP) throw new AppError('INVALID_INPUT', `一次最多批量核定 ${BULK_CAP} 项，请缩小筛选范围`, { field: 'filter' });
    if (ids.length !== expectedCount) {
      throw new AppError('STALE_VERSION', `符合条件的待核定事项现为 ${ids.length} 项（确认时为 ${expectedCount} 项），请刷新后重新确认`);
    }
    for (const it of ids) await runCaseEvent(ctx, itemBinding(user.id), user, it.id, event, it.version, { tx, auditExtra: { bulk: true, campaignId } });
    return { decided: ids.length };
  });
}
