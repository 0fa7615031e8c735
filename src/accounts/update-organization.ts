/**
 * The system administrator renames an organisation or moves it to another region / level (an
 * agency reorganised): version-checked, audited with before and after. Institution organisations
 * follow the registry and the system organisation is fixed: neither is edited here.
 */
import { AppError, conflict, notFound } from '../domain/errors';
import { MANAGED_ORG_KINDS } from '../domain/identity/grants';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { findOrg, updateOrg } from '../db/org-admin-repo';
import type { AppContext } from '../context';
import { assertSysadmin, staleOrg } from './authority';
import { assertLevelMatchesRegion, type OrganizationInput } from './create-organization';
import { organizationView } from './organization-view';

export async function loadManagedOrg(ctx: AppContext, id: string) {
  const found = await findOrg(ctx.db, id);
  if (!found) throw notFound('机构');
  if (!(MANAGED_ORG_KINDS as readonly string[]).includes(found.org.kind)) {
    throw conflict(found.org.kind === 'institution' ? '医药机构的组织信息随机构名录维护，请在机构名录中修改' : '系统机构不能在此修改');
  }
  return found;
}

export async function updateOrganization(
  ctx: AppContext, actor: SessionUser, id: string, input: Partial<Omit<OrganizationInput, 'kind'>> & { version: number },
) {
  assertSysadmin(actor);
  const { org } = await loadManagedOrg(ctx, id);
  if (input.version !== org.version) throw staleOrg();
  const level = input.level ?? (org.level as OrganizationInput['level']);
  const regionCode = input.regionCode ?? org.regionCode;
  if (!regionCode) throw new AppError('INVALID_INPUT', '所属行政区划为必填项', { field: 'body.regionCode' });
  if (input.level || input.regionCode) await assertLevelMatchesRegion(ctx, level, regionCode);
  const now = ctx.clock.now();
  const set = { name: input.name ?? org.name, level, regionCode, updatedAt: now };
  await ctx.db.transaction(async (tx) => {
    const row = await updateOrg(tx, id, input.version, set);
    if (!row) throw staleOrg();
    await appendAudit(tx, now, {
      actor, action: 'organization.update', entityType: 'organization', entityId: id, regionCode: row.regionCode,
      before: { name: org.name, level: org.level, regionCode: org.regionCode },
      after: { name: row.name, level: row.level, regionCode: row.regionCode },
    });
  });
  return organizationView((await findOrg(ctx.db, id))!);
}
