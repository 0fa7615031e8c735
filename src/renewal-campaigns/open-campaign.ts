/**
 * Opening a 续签 campaign (issue #11, decision 0041): the agency names the year, the window of term
 * ends and the day decisions are due; every agreement of its territory in force or suspended whose
 * term ends in the window is screened, page by page (never all in one array), and gets an item with
 * the proposal and its reasons — all in one transaction, so a campaign is never half-opened.
 * An agreement already in another open campaign is left to it (counted as skipped).
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { regionPrefix } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { OUTCOMES, type Outcome, type RenewalItemCase } from '../domain/renewal-campaign/item-case';
import { hasCityStep } from '../domain/renewal-campaign/city-report';
import { appendAudit } from '../db/audit-repo';
import { provinceProfileOf } from '../db/region-repo';
import { agreementsInWindow, insertCampaign, insertItems, overlappingOpenCampaigns, setCampaignCounts, takenBy } from '../db/renewal-campaign-repo';
import type { ScreenBatch } from './screen-batch';
import { writeCampaignSchedule } from './schedule-campaign';

export interface OpenCampaignInput {
  year: number;
  title?: string;
  windowFrom: string;
  windowTo: string;
  decideBy: string;
  /** parameters a policy maker may vary; the profile's defaults when omitted */
  params?: Record<string, unknown>;
}

/** agreements screened per page: bounded memory at any scale */
export const PAGE = 2000;

export async function openCampaign(ctx: AppContext, user: SessionUser, input: OpenCampaignInput, screen: ScreenBatch, defaults: (profileId: string) => Record<string, unknown>) {
  if (user.orgKind !== 'agency' || !user.orgRegionCode || user.orgLevel === 'national') throw new AppError('FORBIDDEN', '仅经办机构可组织续签');
  const now = ctx.clock.now();
  const today = chinaDate(now);
  if (input.windowFrom > input.windowTo) throw new AppError('INVALID_INPUT', '协议期满日期范围：起始日期不能晚于结束日期', { field: 'windowFrom' });
  if (input.decideBy < today) throw new AppError('INVALID_INPUT', `核定截止日期不能早于今天（${today}）`, { field: 'decideBy' });
  const prefix = regionPrefix(user.orgRegionCode, user.orgLevel as 'province' | 'prefecture' | 'county');
  const profileId = (await provinceProfileOf(ctx.db, user.orgRegionCode)) ?? 'national';
  const params = { ...defaults(profileId), ...(input.params ?? {}) };
  const title = input.title?.trim() || `${input.year}年度医保协议续签（${user.orgName}）`;

  return ctx.db.transaction(async (tx) => {
    // campaigns of nested territories (a prefecture's and its county's) must not both take an agreement
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('renewal_campaign.open'))`);
    const campaign = await insertCampaign(tx, {
      agencyOrgId: user.orgId, regionCode: user.orgRegionCode!, prefix, profileId, year: input.year, title,
      windowFrom: input.windowFrom, windowTo: input.windowTo, decideBy: input.decideBy, state: 'open', params,
      counts: {}, createdBy: user.id, createdAt: now,
    });
    const counts: Record<Outcome | 'total' | 'skipped', number> = { renew: 0, defer: 0, not_renew: 0, manual: 0, total: 0, skipped: 0 };
    // under the lock: the open campaigns of overlapping territories, whose agreements this one leaves to them
    const rivals = await overlappingOpenCampaigns(tx, prefix, campaign.id);
    let after: { regionCode: string; id: string } | null = null;
    for (;;) {
      const page = await agreementsInWindow(tx, prefix, input.windowFrom, input.windowTo, after, PAGE);
      if (page.length === 0) break;
      const last = page[page.length - 1]!;
      after = { regionCode: last.regionCode, id: last.id };
      const taken = await takenBy(tx, rivals, page.map((a) => a.id));
      const rows = page.filter((a) => !taken.has(a.id)).map((a) => ({ ...a, termTo: String(a.termTo) }));
      counts.skipped += page.length - rows.length;
      const screened = new Map((await screen(tx, profileId, params, today, rows, input.decideBy)).map((s) => [s.agreementId, s]));
      await insertItems(tx, rows.map((a) => {
        const s = screened.get(a.id);
        if (!s || !OUTCOMES.includes(s.outcome)) throw new Error(`screening gave no outcome for agreement ${a.id}`);
        counts[s.outcome] += 1;
        counts.total += 1;
        const data: RenewalItemCase = { state: 'proposed', proposed: s.outcome, decided: null, overridden: false, reason: null, decidedOn: null, campaignOpen: true, profileId,
          fixedAnnual: false, fixedAnnualBasis: null, generated: false, lastTermYear: Number(a.termTo.slice(0, 4)), reevaluation: null,
          cityStep: hasCityStep(profileId), reported: false, negotiation: null,
        };
        return {
          campaignId: campaign.id, agreementId: a.id, institutionId: a.institutionId, regionCode: a.regionCode, termTo: a.termTo,
          state: 'proposed' as const, proposed: s.outcome, reasons: s.reasons, data, updatedAt: now,
        };
      }));
      if (page.length < PAGE) break;
    }
    await setCampaignCounts(tx, campaign.id, counts);
    // the campaign's milestones as tracked deadlines (decision 0046)
    await writeCampaignSchedule(tx, campaign.id, { profileId, openedOn: today, windowFrom: input.windowFrom, windowTo: input.windowTo, decideBy: input.decideBy });
    await appendAudit(tx, now, {
      actor: { id: user.id, orgId: user.orgId }, action: 'renewal_campaign.open', entityType: 'renewal_campaign', entityId: campaign.id,
      regionCode: user.orgRegionCode, before: null,
      after: { year: input.year, title, windowFrom: input.windowFrom, windowTo: input.windowTo, decideBy: input.decideBy, profileId, params, counts },
      reason: null,
    });
    return { ...campaign, counts };
  });
}
