import { resolveProfile, type ResolvedProfile, type ResolvedRule } from './resolve';

export interface DiffSide {
  ruleIds: string[];
  params: Record<string, number>;
}
export interface DiffRow {
  /** the baseline rule this row is about (or the added rule's own id) */
  slot: string;
  title: string;
  change: 'only_a' | 'only_b' | 'override' | 'params';
  a: DiffSide | null;
  b: DiffSide | null;
}

function side(resolved: ResolvedProfile, rules: ResolvedRule[]): DiffSide {
  const params: Record<string, number> = {};
  for (const r of rules) for (const k of r.rule.params) {
    const p = resolved.params.get(k);
    if (p) params[k] = p.value;
  }
  return { ruleIds: rules.map((r) => r.rule.id).sort(), params };
}

/**
 * Where two profiles differ on a date: rules present in one only, the same baseline rule replaced
 * differently (override), or the same rules with different parameter values.
 */
export function diffProfiles(a: string, b: string, asOf: string): DiffRow[] {
  const ra = resolveProfile(a, asOf);
  const rb = resolveProfile(b, asOf);
  const slots = new Map<string, string>();
  for (const r of [...ra.rules, ...rb.rules]) if (!slots.has(r.slot)) slots.set(r.slot, r.rule.title);
  const rows: DiffRow[] = [];
  for (const [slot, title] of slots) {
    const inA = ra.rules.filter((r) => r.slot === slot);
    const inB = rb.rules.filter((r) => r.slot === slot);
    const sa = inA.length ? side(ra, inA) : null;
    const sb = inB.length ? side(rb, inB) : null;
    let change: DiffRow['change'] | null = null;
    if (!sa) change = 'only_b';
    else if (!sb) change = 'only_a';
    else if (sa.ruleIds.join() !== sb.ruleIds.join()) change = 'override';
    else if (JSON.stringify(sa.params) !== JSON.stringify(sb.params)) change = 'params';
    if (change) rows.push({ slot, title, change, a: sa, b: sb });
  }
  return rows;
}
