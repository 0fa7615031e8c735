/**
 * runEvent: one step of the designation pipeline (applyEvent, apply-event.ts) and what follows
 * its commit — the automatic screening of a fresh submission (京医保发〔2021〕30号 第十二条),
 * run as the system on the row and chain head the submit step just wrote (no second read).
 * Screening lives above the step, not inside it: screen-application.ts runs its own step through
 * applyEvent, and neither file imports the other in a circle.
 */
import type { DesignationEvent } from '../domain/designation/events';
import type { SessionUser } from '../domain/identity/roles';
import type { AppContext } from '../context';
import { applyEvent, type ApplyEventOptions, type RunEventResult } from './apply-event';
import { screenApplication } from './screen-application';
import type { SystemActor } from './build-context';

export { applyEvent, loadApplicationFor, partiesOf, staleMessage, SYSTEM_ACTOR } from './apply-event';
export type { AppliedEvent, ApplyEventOptions, RunEventResult, SystemActor } from './apply-event';

export interface RunEventOptions extends ApplyEventOptions {
  /** run screening after a submit (default true) */
  screen?: boolean;
}

export async function runEvent(
  ctx: AppContext,
  user: SessionUser | SystemActor,
  applicationId: string,
  event: DesignationEvent,
  expectedVersion: number,
  opts: RunEventOptions = {},
): Promise<RunEventResult> {
  const { screen, ...stepOpts } = opts;
  const { head, ...step } = await applyEvent(ctx, user, applicationId, event, expectedVersion, stepOpts);
  if (event.type !== 'submit' || screen === false) return step;
  const screened = await screenApplication(ctx, step.application.id, step.application.version, { row: step.application, head });
  return { application: screened.application, effects: step.effects, documents: step.documents };
}
