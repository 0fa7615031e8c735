/** 恢复 / 终止 of a settlement restriction on the engine (decision 0035); the reason is required. */
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import type { RestrictionEvent } from '../domain/settlement-restriction/restriction-case';
import { runCaseEvent } from '../workflow/run-case-event';
import { restrictionBinding } from './binding';

export function runRestrictionEvent(ctx: AppContext, user: SessionUser, id: string, event: RestrictionEvent, version: number) {
  return runCaseEvent(ctx, restrictionBinding(), user, id, event, version);
}
