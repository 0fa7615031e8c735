import { AppError, type RuleReason } from '../errors';
import type { InstitutionKind } from '../registry/enums';
import { formatCitation, type Citation } from './citation';
import type { ScreeningFacts } from './facts';
import type { ParamDef, Profile, Rule, Stage, Unit } from './model';
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
export interface ResolvedParam {
  key: string;
  label: string;
  unit: Unit;
  value: number;
  from: string;
  cite: Citation;
}
export interface ResolvedProfile {
  profile: Profile;
  asOf: string;
  rules: ResolvedRule[];
  params: Map<string, ResolvedParam>;
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
  const defs: ParamDef[] = chain.flatMap((p) => p.params);
  for (const def of defs) {
    for (const v of def.values) {
      if (v.from > asOf) continue;
      const cur = out.get(def.key);
      if (!cur || v.from >= cur.from) out.set(def.key, { key: def.key, label: def.label, unit: def.unit, value: v.value, from: v.from, cite: v.cite });
    }
  }
  return out;
}

export function resolveProfile(id: string, asOf: string): ResolvedProfile {
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
  const dates = [...rules.map((r) => r.rule.effective.from), ...[...params.values()].map((p) => p.from)].sort();
  return { profile: chain[chain.length - 1]!, asOf, rules, params, version: `${id}@${dates.at(-1) ?? 'empty'}` };
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

/** The article(s) that set the material list for a kind (e.g. 京医保发〔2021〕30号 第七条): the basis of a material item. */
export function materialListCitation(profile: string | ResolvedProfile, kind: InstitutionKind, asOf?: string): string {
  const rules = resolved(profile, asOf).rules.filter((x) => x.rule.kind === 'material' && x.rule.appliesTo.includes(kind));
  return [...new Set(rules.flatMap((x) => x.rule.cites.map(formatCitation)))].join('；');
}
