/** 机构（组织）管理: the system administrator's list, filtered, sorted and paged in the database. */
import { listOrgsForAdmin, type OrgAdminFilter } from '../db/org-admin-repo';
import type { SessionUser } from '../domain/identity/roles';
import type { AppContext } from '../context';
import { assertSysadmin } from './authority';
import { organizationView } from './organization-view';

export async function listOrganizationsForAdmin(ctx: AppContext, actor: SessionUser, filter: OrgAdminFilter) {
  assertSysadmin(actor);
  const { items, total } = await listOrgsForAdmin(ctx.db, filter);
  return { items: items.map(organizationView), total, page: filter.page, pageSize: filter.pageSize };
}
