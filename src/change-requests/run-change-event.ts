/** One step of a change request on the engine: the names its document prints, then runCaseEvent. */
import type { AppContext } from '../context';
import { runCaseEvent } from '../workflow/run-case-event';
import type { SessionUser } from '../domain/identity/roles';
import type { ChangeEvent } from '../domain/change-request/change-case';
import { findChangeRequest } from '../db/change-request-repo';
import { scopeOf } from '../domain/identity/territory';
import { AppError } from '../domain/errors';
import { changeBinding, namesFor } from './binding';

export async function runChangeEvent(ctx: AppContext, user: SessionUser, id: string, event: ChangeEvent, version: number) {
  const row = await findChangeRequest(ctx.db, id, scopeOf(user));
  if (!row) throw new AppError('NOT_FOUND', '变更申请不存在');
  const names = await namesFor(ctx, user, row.institutionId);
  return runCaseEvent(ctx, changeBinding(names), user, id, event, version);
}
