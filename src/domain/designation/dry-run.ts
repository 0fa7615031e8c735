/**
 * Which steps can succeed now (decision 0020): the work screen offers a step only when a row of the
 * table lets the actor's role take it from this state AND every guard of that row that reads only
 * the application and the context (not what the user is about to enter) holds today. Guards on the
 * payload (a reason's length, the signer's capacity, the scores) are left to the real step, which
 * still answers 422 with reasons. Pure; the same guards as `transition`.
 */
import type { Application } from './application';
import type { TransitionContext } from './context';
import type { DesignationEvent } from './events';
import { GUARDS } from './guards';
import { TABLE } from './table';
import type { EventType } from './states';

/** Guards whose check reads the application, the profile, the actor's role and today — never the event's payload. */
export const PAYLOAD_FREE_GUARDS: ReadonlySet<string> = new Set([
  'materials.complete', 'violation-review.applicable', 'violation-review.recorded',
  'evaluation.batch-profile', 'evaluation.not-awaiting-batch',
  'briefing.panel-evaluation', 'evaluation.briefed',
  'voting.allowed', 'evaluation.not-signed-yet', 'third-party.appointed',
  'inspection.done', 'evaluation.complete', 'evaluation.passed', 'evaluation.first-failure',
  'reevaluation.wait-elapsed',
  'publicity.period-elapsed', 'publicity.complaints-resolved',
  'negotiation.recorded',
  'signing.party-not-signed', 'signing.other-party-signed', 'signing.deadline-passed',
  'refusal.head-decision',
]);

/**
 * The first reason the step cannot be taken now (null: it can, as far as can be told without a
 * payload). Alternative rows (e.g. 医药机构签署 first or second) count as one step: any row that
 * passes makes it possible.
 */
export function blockedNow(app: Application, event: EventType, ctx: TransitionContext): string | null {
  const rows = TABLE.filter((r) => r.from === app.state && r.event === event && r.roles.includes(ctx.actor.role));
  if (rows.length === 0) return '当前角色不能办理此事项';
  const probe = { type: event } as DesignationEvent;
  let why: string | null = null;
  for (const row of rows) {
    const failed = row.guards
      .filter((id) => PAYLOAD_FREE_GUARDS.has(id))
      .map((id) => GUARDS[id]!.check(app, probe, ctx))
      .find((m) => m !== null);
    if (failed === undefined) return null;
    why = failed;
  }
  return why;
}
