/**
 * What-if (issue #11): a campaign's agreements screened again under a variant — another profile, or
 * the same with changed parameters (years without settlement, a rule switched off) — beside the
 * campaign's own screening, without writing anything. Read page by page (bounded memory); the answer
 * counts by outcome and region side by side and lists the agreements whose outcome changes, each with
 * the rules that made the difference.
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { paramsFrom, rulesOf, whatIf, type Variant } from '../domain/renewal-screening/screen';
import { workflowProfileOf } from '../domain/designation/profiles';
import { findCampaign, itemAgreementPage } from '../db/renewal-campaign-repo';
import { renewalFactsOf } from '../db/renewal-facts-repo';

export const WHAT_IF_PROFILES = ['national', 'yunnan', 'beijing', 'jilin', 'zizhiqu-2025-draft'] as const;
const PAGE = 2000;

export async function runWhatIf(ctx: AppContext, user: SessionUser, campaignId: string, variantIn: { profileId?: string; params?: Record<string, unknown> }, keep = 500) {
  const scope = scopeOf(user);
  const c = await findCampaign(ctx.db, campaignId, scope);
  if (!c) throw new AppError('NOT_FOUND', '续签工作不存在');
  const today = chinaDate(ctx.clock.now());
  const baseline: Variant = { profileId: c.profileId, params: paramsFrom(c.profileId, c.params as Record<string, unknown>) };
  const vp = variantIn.profileId ?? c.profileId;
  const variant: Variant = { profileId: vp, params: paramsFrom(vp, { ...(vp === c.profileId ? (c.params as Record<string, unknown>) : {}), ...(variantIn.params ?? {}) }) };
  const acc = whatIf(baseline, variant, { today, signingEnds: String(c.decideBy) }, keep);
  let after: string | null = null;
  for (;;) {
    const ids = await itemAgreementPage(ctx.db, campaignId, scope, after, PAGE);
    if (!ids.length) break;
    after = ids[ids.length - 1]!;
    const facts = await renewalFactsOf(ctx.db, ids);
    for (const id of ids) acc.add(facts.get(id)!);
    if (ids.length < PAGE) break;
  }
  const rules = (profileId: string) => rulesOf(workflowProfileOf(profileId)).map(({ rule, citation }) => ({ id: rule.id, label: rule.label, effect: rule.effect, citation }));
  const r = acc.result();
  return {
    profiles: { baseline: baseline.profileId, variant: variant.profileId },
    params: { baseline: { ...baseline.params, disabled: [...baseline.params.disabled] }, variant: { ...variant.params, disabled: [...variant.params.disabled] } },
    counts: { baseline: r.baseline, variant: r.variant },
    byRegion: r.byRegion, changed: r.changed, changes: r.changes,
    rules: { baseline: rules(baseline.profileId), variant: rules(variant.profileId) },
  };
}
