/**
 * 账号管理: the accounts the actor manages — every account for the system administrator, its own
 * organisation's for an agency head or an institution's administrator — filtered, sorted, paged.
 */
import { AppError } from '../domain/errors';
import { accountAuthority } from '../domain/identity/grants';
import type { SessionUser } from '../domain/identity/roles';
import { listAccounts, type AccountFilter } from '../db/account-repo';
import type { AppContext } from '../context';
import { accountView } from './account-view';
import { assertAccountManager, loadManagedAccount } from './authority';

export async function listManagedAccounts(ctx: AppContext, actor: SessionUser, filter: AccountFilter) {
  assertAccountManager(actor);
  const authority = accountAuthority(actor);
  let orgId = filter.orgId;
  if (authority.kind === 'own_org') {
    if (orgId && orgId !== authority.orgId) throw new AppError('FORBIDDEN', '只能查看本机构的账号');
    orgId = authority.orgId;
  }
  const { items, total } = await listAccounts(ctx.db, { ...filter, orgId });
  return { items: items.map(accountView), total, page: filter.page, pageSize: filter.pageSize };
}

export async function getManagedAccount(ctx: AppContext, actor: SessionUser, id: string) {
  return accountView(await loadManagedAccount(ctx, actor, id));
}
