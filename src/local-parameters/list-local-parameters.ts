/**
 * 统筹地区参数 (decision 0031): the pooling regions an agency may see, the delegated parameters
 * and lists of one with the value in force and its layer, and the deployment checklist of those
 * still on the profile's example value.
 */
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import { notFound } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeContainsRegion, scopeOf } from '../domain/identity/territory';
import { delegatedEntries, layerLabelOf, type DelegatedEntry } from '../domain/policy/local';
import { listLocalParameters, listPoolingRegions, poolingRegionOf, type LocalParameterRow, type PoolingRegion } from '../db/local-parameters-repo';

/**
 * The pooling regions inside the user's territory (a prefecture agency: its own and its counties; a
 * county agency: its county (decision 0043); a province agency: all of its province's prefectures).
 */
export async function poolingRegionsFor(ctx: AppContext, user: SessionUser): Promise<PoolingRegion[]> {
  const scope = scopeOf(user);
  if (scope.kind === 'all') return listPoolingRegions(ctx.db, null);
  if (scope.kind !== 'region') return [];
  return listPoolingRegions(ctx.db, scope.prefix, scope.prefix.length >= 4);
}

/**
 * A pooling region or county the user may see, or 404 (属地管理: another prefecture's or county's
 * is not there); a province agency reaches its counties by code.
 */
export async function poolingRegionFor(ctx: AppContext, user: SessionUser, code: string): Promise<PoolingRegion> {
  const r = scopeContainsRegion(scopeOf(user), code) ? (await listPoolingRegions(ctx.db, code, true)).find((x) => x.code === code) : undefined;
  if (!r) throw notFound('统筹地区');
  return r;
}

/** The rows a region's view layers: a prefecture's own; a county's and its prefecture's. */
const layerCodes = (r: PoolingRegion): string[] => (r.level === 'county' ? [poolingRegionOf(r.code), r.code] : [r.code]);

export interface LocalParametersView {
  region: PoolingRegion;
  asOf: string;
  entries: (DelegatedEntry & { layerLabel: string })[];
  history: LocalParameterRow[];
}

export async function getLocalParameters(ctx: AppContext, user: SessionUser, code: string): Promise<LocalParametersView> {
  const region = await poolingRegionFor(ctx, user, code);
  const asOf = chinaDate(ctx.clock.now());
  const history = await listLocalParameters(ctx.db, layerCodes(region));
  const entries = region.profileId ? delegatedEntries(region.profileId, asOf, history) : [];
  return { region, asOf, entries: entries.map((e) => ({ ...e, layerLabel: layerLabelOf(e.layer, e.docNo) })), history };
}

export interface ChecklistItem {
  regionCode: string;
  regionName: string;
  key: string;
  label: string;
  delegatedBy: string;
  /** the example value the profile runs on (a number, or the full list's item count) */
  example: string;
}

/**
 * The deployment checklist: for every pooling region in the user's territory, the delegated
 * parameters still on the profile's unverified example value and the delegated lists not yet set.
 */
export async function listUnconfirmedDelegations(ctx: AppContext, user: SessionUser): Promise<ChecklistItem[]> {
  // a county need not issue 实施细则: its prefecture's value applies, so counties are not listed (decision 0043)
  const regions = (await poolingRegionsFor(ctx, user)).filter((r) => r.profileId && r.level === 'prefecture');
  const rows = await listLocalParameters(ctx.db, regions.map((r) => r.code));
  const asOf = chinaDate(ctx.clock.now());
  return regions.flatMap((r) =>
    delegatedEntries(r.profileId!, asOf, rows.filter((x) => x.regionCode === r.code))
      .filter((e) => e.unconfirmed)
      .map((e) => ({
        regionCode: r.code, regionName: r.name, key: e.key, label: e.label, delegatedBy: e.delegatedBy,
        example: e.type === 'number' ? `${e.value ?? '—'}（示例值）` : `沿用完整申请材料清单（${e.items?.length ?? 0} 项）`,
      })),
  );
}
