/**
 * The policy profiles the public site offers (decision 0043, item 3). A profile written for one province
 * names it (`regionCode`); a profile whose region is chosen at deployment — the 2025 draft of a 自治区医保局,
 * which names no province — is offered under the province the deployment has given it (`regions.profile_id`),
 * and not at all where no province runs it. The baseline (national, what every other province falls back
 * to) is not a region's own text and is not offered.
 */
import type { AppContext } from '../context';
import { PROFILES } from '../domain/policy/profiles';
import { provinceProfiles } from '../db/region-repo';

export interface PublicProfile {
  id: string;
  name: string;
  regionCode: string | null;
}

export function offeredProfiles(deployed: readonly { code: string; profileId: string }[]): PublicProfile[] {
  return PROFILES.flatMap((p) => {
    if (p.regionCode) return [{ id: p.id, name: p.name, regionCode: p.regionCode }];
    if (p.extends === null) return [];
    // the first province (GB/T 2260 order) the deployment runs it in; a second would need its own profile id
    const province = deployed.find((d) => d.profileId === p.id);
    return province ? [{ id: p.id, name: p.name, regionCode: province.code }] : [];
  });
}

export async function listPublicProfiles(ctx: AppContext): Promise<PublicProfile[]> {
  return offeredProfiles(await provinceProfiles(ctx.db));
}
