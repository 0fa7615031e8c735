/**
 * The one material list of an application: the profile's 申请材料 for the institution's kind as in
 * force on the day the application was created (so that the list does not change under an
 * application in progress), each marked required or not. The upload check, the materials-required
 * view, the 受理 guard and the documents all read it from here.
 */
import { chinaDate } from '../domain/clock/clock';
import type { MaterialFacts } from '../domain/designation/context';
import { materialsForRoute, resolveProfile, type LocalValue } from '../domain/policy/resolve';
import type { InstitutionKind } from '../domain/registry/enums';

export interface ApplicationMaterialItem {
  id: string;
  label: string;
  citation: string;
  ruleId: string;
  required: boolean;
}

/**
 * `local`: the pooling region's layer (loadLocalLayer): an application adding a payment category
 * asks for the region's simplified list when one was in force on its creation day (云医保〔2022〕6号
 * 第六条第二款; decision 0031).
 */
export function materialListOf(row: { profileId: string; kind: string; createdAt: Date; data?: unknown }, local: readonly LocalValue[] = []): ApplicationMaterialItem[] {
  const route = (row.data as { route?: string } | undefined)?.route === 'add_category' ? 'add_category' : 'new';
  try {
    return materialsForRoute(resolveProfile(row.profileId, chinaDate(row.createdAt), local), row.kind as InstitutionKind, route)
      .map((m) => ({ id: m.id, label: m.label, citation: m.citation, ruleId: m.ruleId, required: m.optional !== true }));
  } catch {
    return []; // a profile without a material list
  }
}

/** The facts the 受理 and 一次性告知 guards read: the list and the items with at least one file. */
export function materialFactsOf(list: readonly ApplicationMaterialItem[], uploadedItemKeys: readonly string[]): MaterialFacts {
  return { items: list.map((m) => ({ id: m.id, label: m.label, required: m.required })), uploaded: [...new Set(uploadedItemKeys)] };
}
