/** Who runs a step: a signed-in user, or the system (the deadline sweep, a cascade decided elsewhere). */
import type { SessionUser } from '../domain/identity/roles';
import type { CaseActor } from '../domain/workflow/case-type';

export interface SystemActor {
  kind: 'system';
  id: 'system';
}
export const SYSTEM: SystemActor = { kind: 'system', id: 'system' };
export type Acting = SessionUser | SystemActor;

export const isSystemActor = (a: Acting): a is SystemActor => 'kind' in a && a.kind === 'system';

/** The pure domain's view of the actor: its roles and, for an agency, its level. */
export function caseActorOf(a: Acting): CaseActor {
  if (isSystemActor(a)) return { kind: 'system' };
  const level = a.orgKind === 'agency' && a.orgLevel !== 'national' ? a.orgLevel : null;
  return { kind: 'user', roles: a.roles, agencyLevel: level };
}
