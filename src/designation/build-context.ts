/**
 * Builds what `transition(app, event, ctx)` needs from a request: the actor (role and agency
 * level from the session, or the scheduler), the region's workflow profile, today's China date,
 * the stored working-day calendar and the profile's dated parameters.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import { findProfile } from '../domain/policy/profiles';
import { profileParams, workflowProfileOf, type WorkflowProfile } from '../domain/designation/profiles';
import { SHEETS } from '../domain/designation/sheets';
import { TABLE } from '../domain/designation/table';
import { ACTOR_ROLES, type ActorRole, type AgencyLevel, type EventType, type State } from '../domain/designation/states';
import type { Actor, MaterialFacts, TransitionContext } from '../domain/designation/context';
import type { ConditionCheck } from '../domain/designation/conditions';
import { loadWorkCalendar } from '../db/calendar-repo';
import type { LocalValue } from '../domain/policy/resolve';
import { applicationScopeWhere } from '../db/designation-repo';
import { organizations } from '../db/schema/index';
import type { SQL } from 'drizzle-orm';

/** The scheduler (deadline sweep, automatic screening): the one system actor of every case type (src/workflow/actor.ts). */
export { SYSTEM as SYSTEM_ACTOR, isSystemActor as isSystem, type SystemActor, type Acting } from '../workflow/actor';
import { isSystemActor as isSystem, type Acting } from '../workflow/actor';

/**
 * The workflow profile for a policy profile: its own (national baseline, 云南, 北京, 吉林, the
 * autonomous region's draft); an unknown id runs the national baseline — never another province's
 * procedure (decision 0015).
 */
export function workflowProfileFor(policyProfileId: string): WorkflowProfile {
  return workflowProfileOf(findProfile(policyProfileId)?.id ?? null);
}

const designationRoles = (u: SessionUser): ActorRole[] =>
  u.roles.flatMap((r) => ((ACTOR_ROLES as readonly string[]).includes(r) ? [r as ActorRole] : []));

/**
 * The role a user acts in for this step: the first of their roles that the table lets act on
 * (state, event); otherwise their first designation role, so that the refusal names who may act.
 */
export function actingRole(user: SessionUser, state: State, event: EventType): ActorRole {
  const roles = designationRoles(user);
  const rows = TABLE.filter((r) => r.from === state && r.event === event);
  // prefer the head when both roles may act (signing is the head's)
  const ordered = [...roles].sort((a, b) => (a === 'agency_head' ? -1 : b === 'agency_head' ? 1 : 0));
  return ordered.find((r) => rows.some((row) => row.roles.includes(r))) ?? roles[0] ?? 'public';
}

export function agencyLevelOf(user: SessionUser): AgencyLevel | undefined {
  if (user.orgKind !== 'agency') return undefined;
  return user.orgLevel === 'national' ? undefined : user.orgLevel;
}

export function actorFor(acting: Acting, state: State, event: EventType): Actor {
  if (isSystem(acting)) return { id: 'system', role: 'system' };
  const level = agencyLevelOf(acting);
  return { id: acting.id, role: actingRole(acting, state, event), ...(level ? { agencyLevel: level } : {}) };
}

export async function buildTransitionContext(
  ctx: AppContext, acting: Acting, profileId: string, state: State, event: EventType, materials: MaterialFacts | null = null,
  conditions: ConditionCheck | null = null, local: readonly LocalValue[] = [],
): Promise<TransitionContext> {
  const profile = workflowProfileFor(profileId);
  const today = chinaDate(ctx.clock.now());
  return {
    conditions,
    profile,
    actor: actorFor(acting, state, event),
    today,
    calendar: await loadWorkCalendar(ctx.db),
    // the numbers in force today, read from the dated policy parameters, over the pooling
    // region's own values of the delegated ones (`local`, loaded once per request; decision 0031)
    params: profileParams(profile, today, local),
    sheets: SHEETS,
    materials,
  };
}

/** The SQL territory filter for an actor (none for the system). */
export function whereFor(acting: Acting): SQL | undefined {
  if (isSystem(acting)) return undefined;
  return applicationScopeWhere(scopeOf(acting), acting);
}

/** The acting organisation's id (null for the system). */
export async function orgOf(ctx: AppContext, acting: Acting): Promise<{ id: string; kind: string } | null> {
  if (isSystem(acting)) return null;
  const [o] = await ctx.db.select({ id: organizations.id, kind: organizations.kind }).from(organizations).where(eq(organizations.id, acting.orgId));
  return o ?? null;
}
