/**
 * Calls the pipeline's runEvent with the version the caller saw, or — for callers that do not
 * hold one (the public complaint form, a step recorded right after another) — with the current
 * version, retried a few times when someone else moved the application in between.
 */
import { AppError } from '../domain/errors';
import type { DesignationEvent } from '../domain/designation/events';
import type { SessionUser } from '../domain/identity/roles';
import { loadApplicationFor, runEvent, type RunEventOptions, type RunEventResult } from '../designation/run-event';
import type { AppContext } from '../context';

export async function runStep(
  ctx: AppContext, user: SessionUser, applicationId: string, event: DesignationEvent, version?: number, opts?: RunEventOptions,
): Promise<RunEventResult> {
  if (version !== undefined) return runEvent(ctx, user, applicationId, event, version, opts);
  for (let attempt = 0; ; attempt++) {
    const row = await loadApplicationFor(ctx, user, applicationId);
    try {
      return await runEvent(ctx, user, applicationId, event, row.version, opts);
    } catch (e) {
      // matched by code, not by the message's text (a reworded message must not turn retries off)
      const stale = e instanceof AppError && e.code === 'STALE_VERSION';
      if (!stale || attempt >= 2) throw e;
    }
  }
}
