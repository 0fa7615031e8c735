/**
 * A campaign's renewed agreements in figures (issue #11, decision 0045): the generation job's progress,
 * and the online-signing rate per region and overall — renewed agreements signed by both parties with
 * every signature online, over the renewed agreements to sign. The rate is measured everywhere; the
 * target is shown only under a profile that sets one (自治区医保局〔2025〕征求意见稿 一(四): 协议网签率达到90%以上),
 * as the pipeline statistics do (src/agreements/compute-statistics.ts).
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { formatCitation } from '../domain/policy/citation';
import { paramDetail } from '../domain/policy/resolve';
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { findCampaign } from '../db/renewal-campaign-repo';
import { hasCityStep } from '../domain/renewal-campaign/city-report';
import { countAwaitingCountersign, countToGenerate, signingCounts } from '../db/renewal-sign-repo';
import { generationView } from './generate-renewals';

const TARGET_KEY = 'online.signing.minRatio';

interface Counts { toSign: number; institutionSigned: number; signed: number; online: number }
const withRate = (c: Counts) => ({ ...c, offline: c.signed - c.online, awaitingInstitution: c.toSign - c.institutionSigned, rate: c.toSign === 0 ? null : c.online / c.toSign });

export async function renewalSigning(ctx: AppContext, user: SessionUser, campaignId: string, regionCode?: string) {
  const scope = scopeOf(user);
  const c = await findCampaign(ctx.db, campaignId, scope);
  if (!c) throw new AppError('NOT_FOUND', '续签工作不存在');
  const today = chinaDate(ctx.clock.now());
  const rows = await signingCounts(ctx.db, campaignId, scope);
  const overall: Counts = { toSign: 0, institutionSigned: 0, signed: 0, online: 0 };
  for (const r of rows) for (const k of ['toSign', 'institutionSigned', 'signed', 'online'] as const) overall[k] += Number(r[k]);
  const target = paramDetail(c.profileId, TARGET_KEY, today);
  const all = withRate(overall);
  return {
    generation: generationView(c.generation),
    toGenerate: await countToGenerate(ctx.db, campaignId, hasCityStep(c.profileId)),
    overall: all,
    regions: rows.map((r) => ({ regionCode: r.regionCode, regionName: r.regionName ?? r.regionCode, ...withRate({ toSign: Number(r.toSign), institutionSigned: Number(r.institutionSigned), signed: Number(r.signed), online: Number(r.online) }) })),
    /** institution-signed, waiting for the head (under the region filter): the count a bulk signing confirms */
    awaitingCountersign: await countAwaitingCountersign(ctx.db, campaignId, scope, regionCode),
    target: target ? { ratio: target.value, citation: formatCitation(target.cite), meets: all.rate === null ? null : all.rate >= target.value } : null,
  };
}
