/**
 * The one material list of an application: the profile's 申请材料 for the institution's kind as in
 * force on the day the application was created (so that the list does not change under an
 * application in progress), each marked required or not. The upload check, the materials-required
 * view, the 受理 guard and the documents all read it from here.
 */
import { chinaDate } from '../domain/clock/clock';
import type { MaterialFacts } from '../domain/designation/context';
import { materialsFor } from '../domain/policy/resolve';
import type { InstitutionKind } from '../domain/registry/enums';

export interface ApplicationMaterialItem {
  id: string;
  label: string;
  citation: string;
  ruleId: string;
  required: boolean;
}

export function materialListOf(row: { profileId: string; kind: string; createdAt: Date }): ApplicationMaterialItem[] {
  try {
    return materialsFor(row.profileId, row.kind as InstitutionKind, chinaDate(row.createdAt))
      .map((m) => ({ id: m.id, label: m.label, citation: m.citation, ruleId: m.ruleId, required: m.optional !== true }));
  } catch {
    return []; // a profile without a material list
  }
}

/** The facts the 受理 and 一次性告知 guards read: the list and the items with at least one file. */
export function materialFactsOf(list: readonly ApplicationMaterialItem[], uploadedItemKeys: readonly string[]): MaterialFacts {
  return { items: list.map((m) => ({ id: m.id, label: m.label, required: m.required })), uploaded: [...new Set(uploadedItemKeys)] };
}
