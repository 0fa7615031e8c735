/**
 * Per-region evaluation standards (自治区医保局〔2025〕征求意见稿 一(一): each 市/县 agency publishes its
 * standards and procedure for new designations and renewals; decision 0043): which one is in force
 * for a region on a date, from which layer, and what is wrong with one an agency wants to publish.
 */
import { formatCitation } from './citation';
import { layerLabelOf } from './local';
import { isCountyCode, getProfile } from './resolve';

export type StandardKind = 'new_designation' | 'renewal';
export const standardKindLabel: Record<StandardKind, string> = { new_designation: '新增定点评估', renewal: '续签协议评估' };

export interface StandardItem {
  label: string;
  weight: number | null;
  note: string | null;
}
export interface RegionStandard {
  regionCode: string;
  kind: StandardKind;
  title: string;
  docNo: string;
  effectiveFrom: string;
  items: StandardItem[];
  process: string;
  /** withdrawn (撤回) from this day on: no longer in force from it; null while it stands */
  withdrawnOn: string | null;
}

/** The article that asks the regions to publish their standards, when the profile does; else null. */
export function standardsBasis(profileId: string): { citation: string; kinds: StandardKind[] } | null {
  const s = getProfile(profileId).regionStandards;
  return s ? { citation: formatCitation(s.cite), kinds: s.kinds } : null;
}

/**
 * The standard in force on `asOf` for a region: the county's own latest (when the region is a
 * county and it published one), else its prefecture's latest; with its layer label. A version
 * withdrawn on or before `asOf` is passed over (the one below it applies again).
 */
export function standardInForce<T extends RegionStandard>(rows: readonly T[], kind: StandardKind, asOf: string): (T & { layer: 'local' | 'county'; layerLabel: string }) | null {
  const latest = (county: boolean) =>
    rows.filter((r) => r.kind === kind && r.effectiveFrom <= asOf && !(r.withdrawnOn !== null && r.withdrawnOn <= asOf) && isCountyCode(r.regionCode) === county)
      .reduce<T | null>((a, r) => (!a || r.effectiveFrom >= a.effectiveFrom ? r : a), null);
  const own = latest(true);
  const r = own ?? latest(false);
  if (!r) return null;
  const layer = own ? ('county' as const) : ('local' as const);
  return { ...r, layer, layerLabel: layerLabelOf(layer, r.docNo) };
}

/** What is wrong with a standard (field → 中文消息), or []: items need a label; weights all or none, summing to 100. */
export function standardProblems(profileId: string, kind: StandardKind, items: readonly StandardItem[]): { field: string; message: string }[] {
  const basis = standardsBasis(profileId);
  if (!basis) return [{ field: 'kind', message: '本省政策未要求各地公开评估标准和流程（自治区医保局〔2025〕征求意见稿 一(一) 不适用）' }];
  if (!basis.kinds.includes(kind)) return [{ field: 'kind', message: `「${standardKindLabel[kind]}」不在本省政策要求公开的评估标准之列` }];
  if (items.length === 0) return [{ field: 'items', message: '评估标准至少应有一个评估项目' }];
  const weighted = items.filter((i) => i.weight !== null);
  if (weighted.length && weighted.length !== items.length) return [{ field: 'items', message: '评估项目的权重应全部填写或全部不填' }];
  if (weighted.length && Math.abs(weighted.reduce((s, i) => s + i.weight!, 0) - 100) > 1e-9) return [{ field: 'items', message: '评估项目的权重合计应为 100' }];
  return [];
}
