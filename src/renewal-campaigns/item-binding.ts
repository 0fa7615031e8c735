/**
 * A renewal item's binding to the engine (decision 0032): the item found inside the actor's
 * territory, its context (the campaign's profile layers), its version-checked write. The item
 * issues no document and no outbox fact: the agreement's own events (renewal signing, expiry) do.
 */
import type { CaseBinding } from '../workflow/run-case-event';
import { caseActorOf, isSystemActor } from '../workflow/actor';
import { scopeOf } from '../domain/identity/territory';
import { workflowProfileOf } from '../domain/designation/profiles';
import { RENEWAL_ITEM_CASE, type ItemState, type RenewalItemCase, type RenewalItemContext, type RenewalItemEvent } from '../domain/renewal-campaign/item-case';
import { hasCityStep } from '../domain/renewal-campaign/city-report';
import { findItem, saveItem } from '../db/renewal-campaign-repo';

/** `userId`: who decides (kept on the row for the list; the audit row names them anyway). */
export const itemBinding = (userId: string | null): CaseBinding<ItemState, RenewalItemEvent, RenewalItemCase, RenewalItemContext> => ({
  def: RENEWAL_ITEM_CASE,
  entityType: 'renewal_item',
  notFound: '续签核定事项不存在',
  stale: '该事项已被他人核定，请刷新后重试',
  async load(db, id, actor) {
    const r = await findItem(db, id, isSystemActor(actor) ? { kind: 'all' } : scopeOf(actor));
    if (!r) return null;
    const stored = r.item.data as Partial<RenewalItemCase>;
    // the row's columns are the truth for what generation reads (the mark, the renewed agreement, the term)
    const data: RenewalItemCase = {
      ...(stored as RenewalItemCase), campaignOpen: r.campaignState === 'open', profileId: r.profileId,
      fixedAnnual: r.item.fixedAnnual, fixedAnnualBasis: r.item.fixedAnnual ? stored.fixedAnnualBasis ?? null : null,
      generated: r.item.renewalAgreementId !== null, lastTermYear: Number(String(r.item.termTo).slice(0, 4)),
      reevaluation: stored.reevaluation ?? null,
      cityStep: hasCityStep(r.profileId), reported: r.reportedAt !== null, negotiation: stored.negotiation ?? null,
    };
    return { id: r.item.id, data, version: r.item.version, regionCode: r.item.regionCode, institutionId: r.item.institutionId, issuer: null };
  },
  async context(_ctx, loaded, actor, today) {
    return { actor: caseActorOf(actor), today, layers: workflowProfileOf(loaded.data.profileId) };
  },
  save: (tx, loaded, next, _state, version, now) => saveItem(tx, loaded.id, next, loaded.version, version, now, userId),
});
