/** What a transition needs besides the application and the event: all of it injected, none of it I/O. */
import type { IsoDate } from './application';
import type { DeadlineCalendar, ParamSource } from './deadlines';
import type { WorkflowProfile } from './profiles';
import type { ScoringSheet } from './scoring';
import type { ActorRole, AgencyLevel } from './states';

export interface Actor {
  /** user id; for an expert, the expert id used in the panel */
  id: string;
  role: ActorRole;
  /** level of the actor's agency, for profiles that split stages between levels (Beijing) */
  agencyLevel?: AgencyLevel;
}

export interface TransitionContext {
  profile: WorkflowProfile;
  actor: Actor;
  /** today's China calendar date (chinaDate(clock.now())) */
  today: IsoDate;
  calendar: DeadlineCalendar;
  params: ParamSource;
  sheets: Readonly<Record<string, ScoringSheet>>;
}
