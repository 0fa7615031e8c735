/**
 * The officer marks a renewal 固定协议 + 年度协议 (decision 0045), as the renewal item's `fixed_annual` event on
 * the engine (decision 0056): allowed only where a text provides it and the institution qualifies on the
 * screening's assessment fact (src/domain/renewal-campaign/fixed-annual.ts: 云医保〔2022〕6号 第二十九条,
 * 京医保发〔2021〕30号 第四十一条第二款) — 无数据 is refused with why. Unmarking is allowed until the agreement is
 * generated. The engine checks role, territory and version (409), writes the item and its audit row in one
 * transaction.
 */
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { noData } from '../domain/renewal-screening/facts';
import { renewalFactsOf } from '../db/renewal-facts-repo';
import { findItem } from '../db/renewal-campaign-repo';
import { scopeOf } from '../domain/identity/territory';
import { runCaseEvent } from '../workflow/run-case-event';
import { itemBinding } from './item-binding';

export async function markFixedAnnual(ctx: AppContext, user: SessionUser, itemId: string, fixedAnnual: boolean, version: number) {
  // the fact the guard judges; read only when marking (unmarking needs none), inside the officer's territory
  const item = fixedAnnual ? await findItem(ctx.db, itemId, scopeOf(user)) : null;
  const assessment = item
    ? (await renewalFactsOf(ctx.db, [item.item.agreementId])).get(item.item.agreementId)?.assessment ?? noData('无该协议的筛查事实')
    : noData('未读取（取消标记）');
  const r = await runCaseEvent(ctx, itemBinding(user.id), user, itemId, { type: 'fixed_annual', fixedAnnual, assessment }, version);
  const basis = r.data.fixedAnnualBasis;
  return { id: itemId, fixedAnnual: r.data.fixedAnnual, version: r.version, because: basis?.because ?? null, citation: basis?.citation ?? null };
}
