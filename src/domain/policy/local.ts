/**
 * The pooling region's layer (统筹地区, decision 0031): which values and lists a profile leaves to
 * it, what is in force for a pooling region and from which layer, and what a region may set.
 */
import { formatCitation } from './citation';
import { delegatedKeys, isCountyCode, materialsFor, narrowsValue, resolveProfile, type LocalValue, type ParamLayer } from './resolve';
import { unitLabel, type Unit } from './model';

export const layerLabel: Record<ParamLayer, string> = { national: '国家', province: '省', local: '统筹地区', county: '县（市、区）' };

/** The layer as a person reads it: 「统筹地区（昆医保〔2026〕9号）」, 「县（市、区）（五医保〔2026〕1号）」, 「省」. */
export const layerLabelOf = (layer: ParamLayer, docNo: string | null | undefined): string => (docNo ? `${layerLabel[layer]}（${docNo}）` : layerLabel[layer]);

/** Sane bounds of a number a pooling region may set, per unit. */
const RANGE: Record<Unit, [number, number]> = {
  workdays: [1, 250], days: [1, 3660], months: [1, 120], years: [1, 20], beds: [0, 10000], persons: [0, 10000],
  ratio: [0, 1], times: [0, 100], month_of_year: [1, 12],
};

export interface DelegatedEntry {
  key: string;
  label: string;
  type: 'number' | 'list';
  unit: Unit | null;
  /** the article that leaves it to the 统筹地区 */
  delegatedBy: string;
  /** value in force (number) */
  value: number | null;
  /** material item ids in force (list); for the profile layer, the full list */
  items: string[] | null;
  layer: ParamLayer;
  /** the 文号 of the pooling region's value, when it is in force */
  docNo: string | null;
  from: string | null;
  /** the citation of the value in force */
  citation: string;
  /** still the profile's example value: unverified and not set locally (the deployment checklist) */
  unconfirmed: boolean;
  /** for a list: the items it may be chosen from (the kind's full material list) */
  options: { id: string; label: string }[];
  /** a county may narrow it (云医保〔2022〕6号 第三十三条; decision 0043): the article, and how */
  countyBy: string | null;
  countyNarrows: 'at_most' | 'at_least' | 'subset' | null;
}

/** The delegated parameters and lists of a profile as in force on `asOf` for a pooling region's layer. */
export function delegatedEntries(profileId: string, asOf: string, local: readonly LocalValue[]): DelegatedEntry[] {
  const r = resolveProfile(profileId, asOf, local);
  const { params, lists } = delegatedKeys(profileId);
  const out: DelegatedEntry[] = [];
  for (const def of params) {
    const p = r.params.get(def.key);
    out.push({
      key: def.key, label: def.label, type: 'number', unit: def.unit, delegatedBy: formatCitation(def.delegated!),
      value: p?.value ?? null, items: null, layer: p?.layer ?? 'province', docNo: p?.local?.docNo ?? null, from: p?.from ?? null,
      citation: p?.local ? `${p.local.docNo}（${p.local.citation}）` : p ? formatCitation(p.cite) : '',
      unconfirmed: !!p && !p.local && p.cite.verified === false, options: [],
      countyBy: def.county ? formatCitation(def.county.cite) : null, countyNarrows: def.county?.narrows ?? null,
    });
  }
  for (const l of lists) {
    const full = materialsFor(r, l.kind);
    const v = r.lists.get(l.key);
    out.push({
      key: l.key, label: l.label, type: 'list', unit: null, delegatedBy: formatCitation(l.delegated),
      value: null, items: v?.items ?? full.map((m) => m.id), layer: v ? (isCountyCode(v.regionCode) ? 'county' : 'local') : 'province',
      docNo: v?.docNo ?? null, from: v?.effectiveFrom ?? null,
      citation: v ? `${v.docNo}（${v.citation}）` : [...new Set(full.map((m) => m.citation))].join('；'),
      // the text asks the region to make the list explicit: until it does, the full list is a stand-in
      unconfirmed: !v, options: full.map((m) => ({ id: m.id, label: m.label })),
      countyBy: l.county ? formatCitation(l.county) : null, countyNarrows: l.county ? 'subset' : null,
    });
  }
  return out;
}

/** What is wrong with a value a pooling region wants to set (field → 中文消息), or [] when it may be set. */
export function localValueProblems(profileId: string, asOf: string, key: string, value: number | null, items: string[] | null): { field: string; message: string }[] {
  const entry = delegatedEntries(profileId, asOf, []).find((e) => e.key === key);
  if (!entry) return [{ field: 'key', message: `参数「${key}」不是本省政策交由统筹地区确定的参数，不能由统筹地区设置` }];
  if (entry.type === 'number') {
    if (value === null || items !== null) return [{ field: 'value', message: `「${entry.label}」应填写数值` }];
    const [lo, hi] = RANGE[entry.unit!];
    if (!Number.isFinite(value) || value < lo || value > hi || (entry.unit !== 'ratio' && !Number.isInteger(value))) {
      return [{ field: 'value', message: `「${entry.label}」应为 ${lo}–${hi} 之间的${entry.unit === 'ratio' ? '数' : '整数'}` }];
    }
    return [];
  }
  if (items === null || value !== null) return [{ field: 'items', message: `「${entry.label}」应选择材料清单` }];
  if (items.length === 0) return [{ field: 'items', message: `「${entry.label}」至少应包含一项材料` }];
  const unknown = items.filter((i) => !entry.options.some((o) => o.id === i));
  if (unknown.length) return [{ field: 'items', message: `材料「${unknown.join('、')}」不在本省${entry.label.replace(/^增加支付类别的简化申请材料/, '')}申请材料清单中` }];
  if (new Set(items).size !== items.length) return [{ field: 'items', message: '材料清单中有重复项' }];
  return [];
}

/**
 * What is wrong with a value a county wants to set in its 实施细则 (云医保〔2022〕6号 第三十三条;
 * decision 0043): the checks of a pooling region's value, then: the profile lets a county narrow
 * the key, and the value narrows what is in force above it on its effective date (`above`: the
 * prefecture's rows) — a shorter limit, a sub-list — never loosens it.
 */
export function countyValueProblems(profileId: string, asOf: string, key: string, value: number | null, items: string[] | null, above: readonly LocalValue[]): { field: string; message: string }[] {
  const basic = localValueProblems(profileId, asOf, key, value, items);
  if (basic.length) return basic;
  const entry = delegatedEntries(profileId, asOf, above).find((e) => e.key === key)!;
  if (!entry.countyBy) {
    return [{ field: 'key', message: `「${entry.label}」由统筹地区确定（${entry.delegatedBy}），本省政策未允许县（市、区）实施细则另行规定` }];
  }
  const source = layerLabelOf(entry.layer, entry.docNo);
  if (entry.type === 'number' && entry.value !== null && !narrowsValue(entry.countyNarrows as 'at_most' | 'at_least', value!, entry.value)) {
    const word = entry.countyNarrows === 'at_most' ? '长于' : '短于';
    return [{
      field: 'value',
      message: `县（市、区）实施细则只能在上级规定内细化，不得放宽（${entry.countyBy}）：「${entry.label}」${value}${unitLabel[entry.unit!]}${word}现行 ${entry.value}${unitLabel[entry.unit!]}（${source}）`,
    }];
  }
  if (entry.type === 'list') {
    const extra = items!.filter((i) => !entry.items!.includes(i));
    if (extra.length) {
      const label = (id: string) => entry.options.find((o) => o.id === id)?.label ?? id;
      return [{
        field: 'items',
        message: `县（市、区）实施细则只能从现行清单中选取，不得增加（${entry.countyBy}）：「${extra.map(label).join('、')}」不在现行${entry.label}（${source}）中`,
      }];
    }
  }
  return [];
}
