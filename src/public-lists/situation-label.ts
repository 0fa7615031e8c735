/**
 * The label under which a termination or suspension appears on the public list and in the
 * quarterly report, and its citations resolved to the profile of the region (decision 0034).
 */
import { CASCADE, ON_REQUEST, SUSPENSION_SITUATIONS, TERMINATION_SITUATIONS, type Situation } from '../domain/agreement/situations';
import { citesFor, formatCites, type CitationLayers } from '../domain/designation/cite';
import { terminationCategoryLabel, type TerminationCategory } from '../domain/policy/person-history';

const TERMINATIONS: readonly Situation[] = [...TERMINATION_SITUATIONS, ON_REQUEST, CASCADE];
const SUSPENSIONS: readonly Situation[] = [...SUSPENSION_SITUATIONS, CASCADE];

/** A short public label for a requested termination: the long one reads like the agency's decision text. */
export const ON_REQUEST_LABEL = '机构主动申请解除';

export function terminationSituation(code: string | null): Situation | undefined {
  return code ? TERMINATIONS.find((s) => s.code === code) : undefined;
}

/**
 * The label of a termination record: its situation's, else — for a record with no situation — what is
 * known: a record converted from the registry (migration 0015) says only that the agreement was
 * terminated, never that it was for 严重违法违规 (the conversion assumed that, the file may say otherwise).
 */
export function terminationLabel(r: { situation: string | null; category: TerminationCategory; source: string }): string {
  if (r.situation === ON_REQUEST.code) return ON_REQUEST_LABEL;
  const s = terminationSituation(r.situation);
  if (s) return s.label;
  if (r.source === 'converted') return '解除医保协议（历史记录，情形待核实）';
  return terminationCategoryLabel[r.category];
}

/** The suspension's situation label (a requested one has none). */
export function suspensionLabel(r: { mode: string; situation: string | null }): string {
  if (r.mode === 'requested') return '机构主动申请中止';
  const s = r.situation ? SUSPENSIONS.find((x) => x.code === r.situation) : undefined;
  return s?.label ?? '中止医保协议';
}

/** The situation's citations in the profile's layers, as text (「京医保发〔2021〕30号 第四十三条(三)」…). */
export function situationCitation(layers: CitationLayers, kind: 'termination' | 'suspension', code: string | null): string {
  const s = code ? (kind === 'termination' ? TERMINATIONS : SUSPENSIONS).find((x) => x.code === code) : undefined;
  return s ? formatCites(citesFor(layers, s.cites)) : '';
}
