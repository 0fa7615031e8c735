/**
 * Force a password reset: a new temporary password, shown once in the answer, that must be changed
 * at the next login; every session of the account ends at once. One's own password is changed with
 * the current one instead (change-own-password.ts). Version-checked, audited without the password.
 */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { findAccount, updateAccount } from '../db/account-repo';
import { deleteUserSessions } from '../db/session-repo';
import { hashPassword } from '../identity/password';
import { temporaryPassword } from '../identity/temporary-password';
import type { AppContext } from '../context';
import { accountView } from './account-view';
import { loadManagedAccount, staleAccount } from './authority';

export async function resetPassword(ctx: AppContext, actor: SessionUser, id: string, input: { version: number }) {
  const row = await loadManagedAccount(ctx, actor, id);
  if (row.id === actor.id) throw new AppError('FORBIDDEN', '不能重置自己的密码，请在“修改密码”中修改');
  if (input.version !== row.version) throw staleAccount();
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await updateAccount(tx, id, input.version, { passwordHash, mustChangePassword: true, updatedAt: now }))) throw staleAccount();
    await deleteUserSessions(tx, id);
    await appendAudit(tx, now, {
      actor, action: 'user.password.reset', entityType: 'user', entityId: id, regionCode: row.orgRegionCode,
      after: { mustChangePassword: true, sessionsEnded: true },
    });
  });
  return { account: accountView((await findAccount(ctx.db, id))!), temporaryPassword: password };
}
