/** What a transition needs besides the application and the event: all of it injected, none of it I/O. */
import type { IsoDate } from './application';
import type { DeadlineCalendar, ParamSource } from './deadlines';
import type { WorkflowProfile } from './profiles';
import type { ConditionCheck } from './conditions';
import type { ScoringSheet } from './scoring';
import type { ActorRole, AgencyLevel } from './states';

export interface Actor {
  /** user id; for an expert, the expert id used in the panel */
  id: string;
  role: ActorRole;
  /** level of the actor's agency, for profiles that split stages between levels (Beijing) */
  agencyLevel?: AgencyLevel;
}

/** One item of the profile's material list for the institution's kind (申请材料). */
export interface MaterialItem {
  id: string;
  label: string;
  /** needed for 受理 (false: 「其他材料」 only where the department asks for them) */
  required: boolean;
}

/**
 * The application's materials as loaded with its row: the profile's list and which items have at
 * least one uploaded file. null where the step did not load them (steps that cannot reach 受理).
 */
export interface MaterialFacts {
  items: MaterialItem[];
  uploaded: string[];
}

/** Required items without any uploaded file, in the list's order. */
export function missingRequired(m: MaterialFacts): MaterialItem[] {
  const up = new Set(m.uploaded);
  return m.items.filter((i) => i.required && !up.has(i.id));
}

/** Does a notice's item (an item id, or its label as the form pre-fills it) name this material? */
export const namesItem = (listed: string, item: MaterialItem): boolean => listed === item.id || listed === item.label;

export interface TransitionContext {
  profile: WorkflowProfile;
  actor: Actor;
  /** today's China calendar date (chinaDate(clock.now())) */
  today: IsoDate;
  calendar: DeadlineCalendar;
  params: ParamSource;
  sheets: Readonly<Record<string, ScoringSheet>>;
  /** the application's materials (loaded for the steps that issue documents, 受理 and 一次性告知 among them) */
  materials: MaterialFacts | null;
  /**
   * the stored check of the basic conditions with the officer's findings (decision 0023): loaded by
   * the pipeline for every step; null when none was made
   */
  conditions?: ConditionCheck | null;
}
