/**
 * Deactivate / reactivate an organisation (never delete: its users, decisions and audit history
 * stay). While deactivated none of its users can sign in, and their sessions end in the same
 * transaction. Version-checked, audited with the reason.
 */
import { conflict } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { findOrg, updateOrg } from '../db/org-admin-repo';
import { deleteOrgSessions } from '../db/session-repo';
import type { AppContext } from '../context';
import { assertSysadmin, staleOrg } from './authority';
import { loadManagedOrg } from './update-organization';
import { organizationView } from './organization-view';

export async function setOrganizationActive(
  ctx: AppContext, actor: SessionUser, id: string, input: { active: boolean; version: number; reason: string | null },
) {
  assertSysadmin(actor);
  const { org } = await loadManagedOrg(ctx, id);
  if (input.version !== org.version) throw staleOrg();
  if (org.active === input.active) throw conflict(input.active ? '该机构已是启用状态' : '该机构已停用');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await updateOrg(tx, id, input.version, { active: input.active, updatedAt: now });
    if (!row) throw staleOrg();
    if (!input.active) await deleteOrgSessions(tx, id);
    await appendAudit(tx, now, {
      actor, action: input.active ? 'organization.reactivate' : 'organization.deactivate', entityType: 'organization', entityId: id,
      regionCode: row.regionCode, before: { active: org.active }, after: { active: row.active }, reason: input.reason,
    });
  });
  return organizationView((await findOrg(ctx.db, id))!);
}
