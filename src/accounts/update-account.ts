/**
 * Edit an account's display name and roles. The roles pass the same grant rule as at creation;
 * nobody changes their own roles (an administrator cannot raise itself). Version-checked, audited.
 */
import type { Role, SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { findAccount, updateAccount } from '../db/account-repo';
import type { AppContext } from '../context';
import { accountView } from './account-view';
import { loadManagedAccount, staleAccount } from './authority';
import { assertGrant } from './grant-check';

export async function updateAccountDetails(
  ctx: AppContext, actor: SessionUser, id: string, input: { version: number; displayName?: string; roles?: Role[] },
) {
  const row = await loadManagedAccount(ctx, actor, id);
  if (input.version !== row.version) throw staleAccount();
  const roles = input.roles ?? row.roles;
  assertGrant(actor, { userId: row.id, orgId: row.orgId, orgKind: row.orgKind, currentRoles: row.roles }, roles);
  const displayName = input.displayName ?? row.displayName;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await updateAccount(tx, id, input.version, { displayName, roles, updatedAt: now }))) throw staleAccount();
    await appendAudit(tx, now, {
      actor, action: 'user.update', entityType: 'user', entityId: id, regionCode: row.orgRegionCode,
      before: { displayName: row.displayName, roles: row.roles }, after: { displayName, roles },
    });
  });
  return accountView((await findAccount(ctx.db, id))!);
}
