/**
 * The legal basis of a step as the profile may state it: the transition table's citations for
 * (from, event), resolved to the profile's own layers (decision 0015). Used where a person reads
 * why a step exists — the step's dialog, a refusal raised outside the pipeline (signing, mandates).
 */
import { citesFor, formatCites, type CitationLayers } from './cite';
import { TABLE } from './table';
import type { EventType, State } from './states';

export function stepBasis(profile: CitationLayers, from: State, event: EventType): string {
  const cites = TABLE.filter((r) => r.from === from && r.event === event).flatMap((r) => r.cites);
  return formatCites(citesFor(profile, cites));
}
