/**
 * 报市 — the district reports its renewal to the city (京医保发〔2021〕30号 第四十一条): 「续签应由定点医疗机构于医保协议
 * 期满前3个月向区经办机构提出申请或由区经办机构统一组织,并将相关信息报市经办机构。市经办机构与定点医疗机构就医保协议续签
 * 事宜进行协商谈判」. Pure: under a profile with the city step, a district (county-level) campaign whose every
 * item is decided is reported once; the city then negotiates each item (the item case's `negotiate`). Every
 * refusal carries the article; a profile without the city step says why there is no report at all.
 */
import type { RuleReason } from '../errors';
import { formatCite, BJ, type Cite } from '../designation/cite';

export const CITY_STEP_CITE: Cite = { doc: BJ, article: 41 };
export const CITY_STEP_CITATION = formatCite(CITY_STEP_CITE);

/** The profiles whose renewal goes district → city (the municipality's two tiers). */
const CITY_STEP_PROFILES: readonly string[] = ['beijing'];
export const hasCityStep = (profileId: string): boolean => CITY_STEP_PROFILES.includes(profileId);

/** A campaign as the report rule sees it: its profile, its territory's level, what is decided, whether reported. */
export interface CampaignForReport {
  profileId: string;
  /** the campaign's territory prefix (GB/T 2260: 2 province, 4 prefecture, 6 county — a district) */
  prefix: string;
  state: 'open' | 'closed';
  reportedAt: string | null;
  undecided: number;
  total: number;
  /** the reporting agency is the campaign's own (the district that organised it), not one above it */
  byOwnAgency: boolean;
}

const reason = (ruleId: string, message: string): RuleReason => ({ ruleId, citation: CITY_STEP_CITATION, message });

/**
 * Why the campaign cannot be reported now — every reason, each with the article; empty: it may be reported.
 * Without the city step the one reason says so (the national baseline and the other provinces' texts let
 * the organising agency decide the renewal itself).
 */
export function reportRefusals(c: CampaignForReport): RuleReason[] {
  if (!hasCityStep(c.profileId)) {
    return [{ ruleId: 'renewal.city-report.profile', citation: CITY_STEP_CITATION, message: '本地区政策未规定区经办机构将续签报市经办机构协商谈判，由组织续签的经办机构核定' }];
  }
  const out: RuleReason[] = [];
  if (c.prefix.length !== 6) out.push(reason('renewal.city-report.district', '报市由区经办机构组织的续签办理；市经办机构组织的续签无须报市'));
  else if (!c.byOwnAgency) out.push(reason('renewal.city-report.own-agency', '报市由组织本次续签的区经办机构办理'));
  if (c.reportedAt) out.push(reason('renewal.city-report.once', `本次续签已于 ${c.reportedAt.slice(0, 10)} 报市经办机构`));
  if (c.state !== 'open') out.push(reason('renewal.city-report.open', '续签工作已结束，不能再报市'));
  if (c.total === 0) out.push(reason('renewal.city-report.items', '本次续签没有续签事项'));
  else if (c.undecided > 0) out.push(reason('renewal.city-report.decided', `尚有 ${c.undecided} 项未核定，全部核定后方可报市经办机构`));
  return out;
}

/** The city's side: an agency above the district (the municipality's agency), never a district agency. */
export const isCityAgency = (agencyLevel: 'province' | 'prefecture' | 'county' | null): boolean => agencyLevel === 'province' || agencyLevel === 'prefecture';
