/**
 * Screening before acceptance (京医保发〔2021〕30号 第十二条 and the national baseline): the
 * facts are assembled from the registry and the application history, the policy module's
 * `evaluate(profile, 'screening', facts, asOf)` names every rule that fired, and the result goes
 * into the `screening_completed` event run by the system — clear → 材料审核, else the officer
 * confirms (不予受理决定书) or overrides with a written reason.
 */
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import { evaluate, type Evaluation } from '../domain/policy/resolve';
import type { Finding } from '../domain/policy/findings';
import type { ChainHead } from '../domain/audit/chain';
import { findApplication, type ApplicationRow } from '../db/designation-repo';
import { AppError } from '../domain/errors';
import { SYSTEM_ACTOR } from './build-context';
import { applyEvent, type ApplyEventOptions, type RunEventResult } from './apply-event';
import { screeningFacts } from './screening-facts';
import { checkConditions } from './check-conditions';

const day = (d: Date) => chinaDate(d);

/**
 * Runs the screening rules and the `screening_completed` step as the system. `known`: the row and
 * its audit chain's head as the submit step just wrote them (no second read; a change in between
 * still fails the step's version check). `with`: an officer's finding the screening must already
 * see, and its writes, committed in the step's transaction (record-finding.ts).
 */
export async function screenApplication(
  ctx: AppContext, applicationId: string, version: number, known?: { row: ApplicationRow; head: ChainHead },
  withFinding?: { pending: Finding[]; within: NonNullable<ApplyEventOptions['within']>; row?: ApplicationRow },
): Promise<RunEventResult & { evaluation: Evaluation }> {
  const row = known?.row ?? withFinding?.row ?? (await findApplication(ctx.db, applicationId));
  if (!row) throw new AppError('NOT_FOUND', '申请不存在');
  const facts = await screeningFacts(ctx, row, withFinding?.pending);
  const evaluation = evaluate(row.profileId, 'screening', facts, day(ctx.clock.now()));
  const { head: _head, ...r } = await applyEvent(ctx, SYSTEM_ACTOR, applicationId, { type: 'screening_completed', reasons: evaluation.reasons }, version, {
    ...(known ? { known } : {}),
    ...(withFinding ? { within: withFinding.within } : {}),
    auditExtra: { checked: evaluation.checked, undetermined: evaluation.undetermined, rulesetVersion: evaluation.version },
  });
  // the basic conditions, on the same registry facts plus the declaration: stored for the officer and the evaluation (decision 0023)
  await checkConditions(ctx, SYSTEM_ACTOR, r.application);
  return { ...r, evaluation };
}
