import { AppError, type RuleReason } from '../errors';
import type { InstitutionKind } from '../registry/enums';
import { formatCitation, type Citation } from './citation';
import type { ScreeningFacts } from './facts';
import type { DelegatedList, ParamDef, Profile, Rule, Stage, Unit } from './model';
import { findProfile } from './profiles';

/**
 * Layering: a profile's rules are its parent's rules (resolved on the same date), with each
 * override in force on that date taking the place of the rule it names, then its own added
 * rules. A rule whose effective.from is after the date is absent — so an override not yet in
 * force leaves the parent's rule standing. Parameters: of all dated values up the chain for a
 * key, the latest one on or before the date wins (a child's value wins a tie).
 */

export type RuleSource = 'national' | 'override' | 'added';
export interface ResolvedRule {
  rule: Rule;
  source: RuleSource;
  /** profile that contributed the rule */
  profileId: string;
  /** id of the rule this one replaces */
  replaces?: string;
  /** the id of the original rule in the chain this one stands for (itself if not an override) */
  slot: string;
}
/**
 * Which layer a value came from: the national baseline, the province profile, the pooling region
 * (`local`, the prefecture; decision 0031), or a county's 实施细则 (decision 0043).
 */
export type ParamLayer = 'national' | 'province' | 'local' | 'county';
export interface ResolvedParam {
  key: string;
  label: string;
  unit: Unit;
  value: number;
  from: string;
  cite: Citation;
  layer: ParamLayer;
  /** a pooling region's (or county's) value: its region, 文号 and citation text */
  local?: { regionCode: string; docNo: string; citation: string };
  /** the article leaving the value to the 统筹地区, when it does */
  delegated?: Citation;
}

/**
 * A pooling region's own dated value of a delegated parameter or list (a local_parameters row):
 * `value` for a number, `items` (material item ids) for a list.
 */
export interface LocalValue {
  regionCode: string;
  key: string;
  value: number | null;
  items: string[] | null;
  docNo: string;
  effectiveFrom: string;
  citation: string;
}
export interface ResolvedProfile {
  profile: Profile;
  asOf: string;
  rules: ResolvedRule[];
  params: Map<string, ResolvedParam>;
  /** the pooling region's list values in force (key → value), e.g. materials.add_category.pharmacy */
  lists: Map<string, LocalValue>;
  /** `profileId@date`: the latest effective date among the rules and values in force — stored with every evaluation */
  version: string;
}

export function getProfile(id: string): Profile {
  const p = findProfile(id);
  if (!p) throw new AppError('INVALID_INPUT', `未知的政策配置（profile）：${id}`, { field: 'profile' });
  return p;
}

export function profileChain(id: string): Profile[] {
  const chain: Profile[] = [];
  for (let p: Profile | undefined = getProfile(id); p; p = p.extends ? getProfile(p.extends) : undefined) {
    if (chain.includes(p)) throw new Error(`政策配置继承成环：${id}`);
    chain.unshift(p);
  }
  return chain;
}

export const inForce = (r: Rule, asOf: string): boolean => r.effective.from <= asOf && (!r.effective.to || asOf < r.effective.to);

function resolveParams(chain: Profile[], asOf: string): Map<string, ResolvedParam> {
  const out = new Map<string, ResolvedParam>();
  for (const p of chain) {
    const layer: ParamLayer = p.extends ? 'province' : 'national';
    for (const def of p.params) {
      for (const v of def.values) {
        if (v.from > asOf) continue;
        const cur = out.get(def.key);
        if (!cur || v.from >= cur.from) {
          const delegated = def.delegated ?? cur?.delegated;
          out.set(def.key, { key: def.key, label: def.label, unit: def.unit, value: v.value, from: v.from, cite: v.cite, layer, ...(delegated ? { delegated } : {}) });
        }
      }
    }
  }
  return out;
}

/** The keys a profile chain leaves to the pooling region: delegated parameters and lists. */
export function delegatedKeys(id: string): { params: ParamDef[]; lists: DelegatedList[] } {
  const chain = profileChain(id);
  const params = new Map<string, ParamDef>();
  for (const p of chain) for (const d of p.params) if (d.delegated) params.set(d.key, d);
  return { params: [...params.values()], lists: chain.flatMap((p) => p.delegatedLists ?? []) };
}

/**
 * A county's code (GB/T 2260 PPCCXX with CC and XX not 00): its rows are a county's 实施细则
 * (云医保〔2022〕6号 第三十三条; decision 0043), layered over its prefecture's.
 */
export const isCountyCode = (code: string): boolean => /^\d{6}$/.test(code) && code.slice(2, 4) !== '00' && code.slice(4) !== '00';

/** Whether a county value narrows the value in force above it (decision 0043). */
export const narrowsValue = (dir: 'at_most' | 'at_least', value: number, above: number): boolean => (dir === 'at_most' ? value <= above : value >= above);

function latestByKey(rows: readonly LocalValue[], asOf: string): Map<string, LocalValue> {
  const latest = new Map<string, LocalValue>();
  for (const v of rows) {
    if (v.effectiveFrom > asOf) continue;
    const cur = latest.get(v.key);
    if (!cur || v.effectiveFrom >= cur.effectiveFrom) latest.set(v.key, v);
  }
  return latest;
}

/**
 * The pooling region's layer: of its rows for a delegated key, the latest on or before `asOf`
 * wins over the profile's value (whatever its date — the province delegated the value). Rows for
 * a key the profile does not delegate are ignored. Then the county's layer (decision 0043): its
 * latest row of a county-settable key wins only while it still narrows the value in force above it
 * (a prefecture that later tightens its own value sets a looser county value aside).
 */
function applyLocal(id: string, params: Map<string, ResolvedParam>, local: readonly LocalValue[], asOf: string, fullList: (kind: InstitutionKind) => string[]): Map<string, LocalValue> {
  const { params: dp, lists: dl } = delegatedKeys(id);
  const lists = new Map<string, LocalValue>();
  for (const [key, v] of latestByKey(local.filter((x) => !isCountyCode(x.regionCode)), asOf)) {
    const def = dp.find((d) => d.key === key);
    if (def && v.value !== null) {
      const cite: Citation = { ...def.delegated!, verified: true, localDoc: v.docNo };
      params.set(key, {
        key, label: def.label, unit: def.unit, value: v.value, from: v.effectiveFrom, cite, layer: 'local', delegated: def.delegated!,
        local: { regionCode: v.regionCode, docNo: v.docNo, citation: v.citation },
      });
    } else if (dl.some((d) => d.key === key) && v.items) lists.set(key, v);
  }
  for (const [key, v] of latestByKey(local.filter((x) => isCountyCode(x.regionCode)), asOf)) {
    const def = dp.find((d) => d.key === key);
    const dlist = dl.find((d) => d.key === key);
    if (def?.county && v.value !== null) {
      const above = params.get(key);
      if (above && !narrowsValue(def.county.narrows, v.value, above.value)) continue;
      const cite: Citation = { ...def.delegated!, verified: true, localDoc: v.docNo, localCounty: true };
      params.set(key, {
        key, label: def.label, unit: def.unit, value: v.value, from: v.effectiveFrom, cite, layer: 'county', delegated: def.delegated!,
        local: { regionCode: v.regionCode, docNo: v.docNo, citation: v.citation },
      });
    } else if (dlist?.county && v.items) {
      const above = lists.get(key)?.items ?? fullList(dlist.kind);
      if (v.items.every((i) => above.includes(i))) lists.set(key, v);
    }
  }
  return lists;
}

export function resolveProfile(id: string, asOf: string, local: readonly LocalValue[] = []): ResolvedProfile {
  const chain = profileChain(id);
  const rules: ResolvedRule[] = [];
  for (const p of chain) {
    for (const o of p.overrides) {
      if (!inForce(o.rule, asOf)) continue;
      const at = rules.findIndex((r) => r.rule.id === o.replaces);
      const entry: ResolvedRule = { rule: o.rule, source: 'override', profileId: p.id, replaces: o.replaces, slot: o.replaces };
      if (at < 0) {
        rules.push(entry);
        continue;
      }
      const old = rules[at]!;
      entry.slot = old.slot;
      // an override naming fewer institution kinds leaves the parent rule standing for the others
      const rest = old.rule.appliesTo.filter((k) => !o.rule.appliesTo.includes(k));
      if (rest.length) rules.splice(at, 1, { ...old, rule: { ...old.rule, appliesTo: rest } }, entry);
      else rules.splice(at, 1, entry);
    }
    for (const r of p.added) {
      if (inForce(r, asOf)) rules.push({ rule: r, source: p.extends ? 'added' : 'national', profileId: p.id, slot: r.id });
    }
  }
  const params = resolveParams(chain, asOf);
  const fullList = (kind: InstitutionKind) =>
    rules.filter((x) => x.rule.kind === 'material' && x.rule.appliesTo.includes(kind)).flatMap((x) => (x.rule.materials ?? []).map((m) => m.id));
  const lists = applyLocal(id, params, local, asOf, fullList);
  const dates = [...rules.map((r) => r.rule.effective.from), ...[...params.values()].map((p) => p.from)].sort();
  const used = new Set([...[...params.values()].flatMap((p) => (p.local ? [p.local.regionCode] : [])), ...[...lists.values()].map((v) => v.regionCode)]);
  const localTag = [...used].sort().map((c) => `+${c}`).join('');
  return { profile: chain[chain.length - 1]!, asOf, rules, params, lists, version: `${id}${localTag}@${dates.at(-1) ?? 'empty'}` };
}

const resolved = (p: string | ResolvedProfile, asOf?: string): ResolvedProfile =>
  typeof p === 'string' ? resolveProfile(p, asOf!) : p;

/** A parameter's value on `asOf`, with its citation; undefined if the profile has none. */
export function paramDetail(profile: string | ResolvedProfile, key: string, asOf?: string): ResolvedParam | undefined {
  return resolved(profile, asOf).params.get(key);
}

/** A parameter's value on `asOf` (e.g. 'notice.supplement.workdays' → 5). Throws if the profile has none. */
export function param(profile: string | ResolvedProfile, key: string, asOf?: string): number {
  const r = resolved(profile, asOf);
  const p = r.params.get(key);
  if (!p) throw new AppError('NOT_FOUND', `政策配置 ${r.profile.id} 在 ${r.asOf} 未规定参数 ${key}`);
  return p.value;
}

export const citationLabel = (r: Rule): string => r.cites.map(formatCitation).join('；');

export interface Evaluation {
  pass: boolean;
  reasons: RuleReason[];
  /** rules that could not be decided because a fact was missing */
  undetermined: { ruleId: string; citation: string; missing: string }[];
  checked: string[];
  profileId: string;
  asOf: string;
  version: string;
}

/**
 * Runs every checkable rule of `stage` that applies to the facts' institution kind and returns
 * every reason (not just the first). `pass` is false as soon as one rule fails; rules lacking a
 * fact are listed in `undetermined` and do not fail.
 */
export function evaluate(profile: string | ResolvedProfile, stage: Stage, facts: ScreeningFacts, asOf?: string): Evaluation {
  const r = resolved(profile, asOf);
  const out: Evaluation = { pass: true, reasons: [], undetermined: [], checked: [], profileId: r.profile.id, asOf: r.asOf, version: r.version };
  for (const { rule } of r.rules) {
    if (rule.stage !== stage || !rule.check || !rule.appliesTo.includes(facts.institutionKind)) continue;
    const ctx = {
      asOf: r.asOf,
      param: (key: string) => {
        if (!rule.params.includes(key)) throw new Error(`规则 ${rule.id} 未声明参数 ${key}`);
        return param(r, key);
      },
    };
    const v = rule.check(facts, ctx);
    out.checked.push(rule.id);
    if (v.pass === false) out.reasons.push({ ruleId: rule.id, citation: citationLabel(rule), message: v.message });
    else if (v.pass === 'unknown') out.undetermined.push({ ruleId: rule.id, citation: citationLabel(rule), missing: v.missing });
  }
  out.pass = out.reasons.length === 0;
  return out;
}

/** The application materials for a kind of institution, each with its formatted citation. */
export function materialsFor(profile: string | ResolvedProfile, kind: InstitutionKind, asOf?: string) {
  return resolved(profile, asOf)
    .rules.filter((x) => x.rule.kind === 'material' && x.rule.appliesTo.includes(kind))
    .flatMap((x) => (x.rule.materials ?? []).map((m) => ({ ...m, ruleId: x.rule.id, citation: formatCitation(m.cite) })));
}

/**
 * The material list of an application on its route: for adding a payment category, the pooling
 * region's simplified list (云医保〔2022〕6号 第六条第二款) when one is in force — its items taken
 * from the kind's list, cited to the region's 文号 — else the full list.
 */
export function materialsForRoute(profile: ResolvedProfile, kind: InstitutionKind, route: 'new' | 'add_category') {
  const full = materialsFor(profile, kind);
  if (route !== 'add_category') return full;
  const list = profile.lists.get(`materials.add_category.${kind}`);
  if (!list?.items) return full;
  const basis = `${list.docNo}（${list.citation}）`;
  return full.filter((m) => list.items!.includes(m.id)).map((m) => ({ ...m, optional: undefined, citation: `${basis}；${m.citation}` }));
}

/** The article(s) that set the material list for a kind (e.g. 京医保发〔2021〕30号 第七条): the basis of a material item. */
export function materialListCitation(profile: string | ResolvedProfile, kind: InstitutionKind, asOf?: string): string {
  const rules = resolved(profile, asOf).rules.filter((x) => x.rule.kind === 'material' && x.rule.appliesTo.includes(kind));
  return [...new Set(rules.flatMap((x) => x.rule.cites.map(formatCitation)))].join('；');
}
