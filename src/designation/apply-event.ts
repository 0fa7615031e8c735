/**
 * applyEvent: one step of the designation pipeline, run by the one workflow engine
 * (`runCaseEvent`, src/workflow/run-case-event.ts; decision 0055) with the designation's binding
 * (binding.ts): access in the actor's territory (404 outside) → stale version (409 STALE_VERSION) →
 * `decide(designationCase, …)` (409 / 403 / 422 with every rule and its article) → the step's write
 * (one statement without documents or caller writes, decision 0012) → the caller's writes.
 * What follows a commit (the automatic screening of a fresh submission) is `runEvent`'s
 * (run-event.ts): this file knows nothing of screening, so screen-application.ts can run its
 * step here without a circle between the two.
 */
import { AppError } from '../domain/errors';
import type { DesignationEvent } from '../domain/designation/events';
import { stateLabel, type State } from '../domain/designation/states';
import type { Effect } from '../domain/designation/transition';
import { findApplication, type ApplicationRow } from '../db/designation-repo';
import type { DocumentRow } from '../db/document-repo';
import type { ChainHead } from '../domain/audit/chain';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { runCaseEvent } from '../workflow/run-case-event';
import { activateOnPayment } from '../agreement-lifecycle/start-life';
import { whereFor, type Acting, type SystemActor } from './build-context';
import { designationBinding, type DesignationStepOptions } from './binding';

export type { SystemActor } from './build-context';
export { SYSTEM_ACTOR } from './build-context';
export { partiesOf } from './binding';

export interface RunEventResult {
  application: ApplicationRow;
  effects: Effect[];
  documents: DocumentRow[];
}

/** A step as applied: its result and the head of the audit chain it wrote (what a follow-up step may use as `known`). */
export interface AppliedEvent extends RunEventResult {
  head: ChainHead;
}

export type ApplyEventOptions = DesignationStepOptions;

export const staleMessage = (row: Pick<ApplicationRow, 'state' | 'version'>) =>
  `申请已被他人处理，请刷新后重试（当前状态为「${stateLabel[row.state as State] ?? row.state}」，版本 ${row.version}）`;

/** Loads an application the actor may see, or 404 (missing, malformed id and foreign look the same). */
export async function loadApplicationFor(ctx: AppContext, acting: Acting, id: string): Promise<ApplicationRow> {
  const row = await findApplication(ctx.db, id, whereFor(acting));
  if (!row) throw new AppError('NOT_FOUND', '申请不存在');
  return row;
}

export async function applyEvent(
  ctx: AppContext,
  user: SessionUser | SystemActor,
  applicationId: string,
  event: DesignationEvent,
  expectedVersion: number,
  opts: ApplyEventOptions = {},
): Promise<AppliedEvent> {
  // issue #10: opening the payment makes the application's signed agreement take effect, in the same transaction
  const inner = opts.within;
  const within: ApplyEventOptions['within'] = event.type === 'activate_payment'
    ? async (tx, step) => {
      await inner?.(tx, step);
      await activateOnPayment(ctx, tx, applicationId);
    }
    : inner;
  const binding = designationBinding({ ...opts, ...(within ? { within } : {}) });
  const r = await runCaseEvent(ctx, binding, user, applicationId, event, expectedVersion);
  return { application: binding.savedRow()!, effects: r.effects, documents: r.documents, head: r.head! };
}
