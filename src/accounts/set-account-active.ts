/**
 * Deactivate / reactivate an account. A deactivated user's sessions end in the same transaction
 * (and the session lookup refuses an inactive user on the very next request); nobody deactivates
 * their own account. Version-checked, audited with the reason.
 */
import { AppError, conflict } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { findAccount, updateAccount } from '../db/account-repo';
import { deleteUserSessions } from '../db/session-repo';
import type { AppContext } from '../context';
import { accountView } from './account-view';
import { loadManagedAccount, staleAccount } from './authority';

export async function setAccountActive(
  ctx: AppContext, actor: SessionUser, id: string, input: { active: boolean; version: number; reason: string | null },
) {
  const row = await loadManagedAccount(ctx, actor, id);
  if (row.id === actor.id) throw new AppError('FORBIDDEN', '不能停用或启用自己的账号');
  if (input.version !== row.version) throw staleAccount();
  if (row.active === input.active) throw conflict(input.active ? '该账号已是启用状态' : '该账号已停用');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await updateAccount(tx, id, input.version, { active: input.active, updatedAt: now }))) throw staleAccount();
    if (!input.active) await deleteUserSessions(tx, id);
    await appendAudit(tx, now, {
      actor, action: input.active ? 'user.reactivate' : 'user.deactivate', entityType: 'user', entityId: id,
      regionCode: row.orgRegionCode, before: { active: row.active }, after: { active: input.active }, reason: input.reason,
    });
  });
  return accountView((await findAccount(ctx.db, id))!);
}
