import type { AdminLevel, InstitutionKind, InstitutionSubtype } from '../registry/enums';
import { formatCitation } from './citation';
import type { AgencyLevel, JurisdictionEntry, JurisdictionSpec } from './model';
import { resolveProfile, type ResolvedProfile } from './resolve';

export interface Jurisdiction extends Required<JurisdictionSpec> {
  /** the rules the answer comes from, with formatted citations */
  sources: { ruleId: string; citations: string[] }[];
}

/** Which agency level accepts, evaluates, signs and manages which institutions under a profile on a date. */
export function jurisdiction(profile: string | ResolvedProfile, asOf?: string, kind?: InstitutionKind): Jurisdiction {
  const r = typeof profile === 'string' ? resolveProfile(profile, asOf!) : profile;
  const out: Jurisdiction = { entries: [], delegableTo: [], mutualRecognition: [], sources: [] };
  for (const { rule } of r.rules) {
    if (rule.kind !== 'jurisdiction' || !rule.jurisdiction) continue;
    if (kind && !rule.appliesTo.includes(kind)) continue;
    out.entries.push(...rule.jurisdiction.entries);
    out.delegableTo.push(...(rule.jurisdiction.delegableTo ?? []));
    out.mutualRecognition.push(...(rule.jurisdiction.mutualRecognition ?? []));
    out.sources.push({ ruleId: rule.id, citations: rule.cites.map(formatCitation) });
  }
  return out;
}

export type JurisdictionStep = 'accept' | 'evaluate' | 'sign' | 'manage';

/** The agency level for one step and one institution: an entry naming its subtype wins over one naming its level. */
export function agencyLevelFor(
  j: Jurisdiction,
  inst: { adminLevel: AdminLevel; subtype?: InstitutionSubtype },
  step: JurisdictionStep,
): AgencyLevel | undefined {
  const bySubtype = inst.subtype ? j.entries.find((e: JurisdictionEntry) => e.subtypes?.includes(inst.subtype!)) : undefined;
  const byLevel = j.entries.find((e) => !e.subtypes && e.adminLevels.includes(inst.adminLevel));
  return (bySubtype ?? byLevel)?.[step];
}
