/**
 * The system administrator creates an agency (经办机构), an administrative department (医疗保障行政部门),
 * an expert pool or a third-party assessor (第三方评估机构), at province / prefecture / county level,
 * bound to a region of the same level (its territory's root). Audited in the same transaction.
 */
import { invalid, notFound } from '../domain/errors';
import { levelRegionProblem, type ManagedOrgKind, type ORG_LEVELS_BOUND } from '../domain/identity/grants';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { findOrg, findRegionLevel, insertOrg } from '../db/org-admin-repo';
import type { AppContext } from '../context';
import { assertSysadmin } from './authority';
import { organizationView } from './organization-view';

export interface OrganizationInput {
  kind: ManagedOrgKind;
  name: string;
  level: (typeof ORG_LEVELS_BOUND)[number];
  regionCode: string;
}

/** The region exists and has the organisation's level (shared with the update). */
export async function assertLevelMatchesRegion(ctx: AppContext, level: OrganizationInput['level'], regionCode: string): Promise<void> {
  const region = await findRegionLevel(ctx.db, regionCode);
  if (!region) throw invalid('body.regionCode', '所属行政区划不存在');
  const problem = levelRegionProblem(level, region.level);
  if (problem) throw invalid('body.level', problem);
}

export async function createOrganization(ctx: AppContext, actor: SessionUser, input: OrganizationInput) {
  assertSysadmin(actor);
  await assertLevelMatchesRegion(ctx, input.level, input.regionCode);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await insertOrg(tx, { kind: input.kind, name: input.name, level: input.level, regionCode: input.regionCode, createdAt: now, updatedAt: now });
    await appendAudit(tx, now, {
      actor, action: 'organization.create', entityType: 'organization', entityId: row.id, regionCode: row.regionCode,
      after: { kind: row.kind, name: row.name, level: row.level, regionCode: row.regionCode },
    });
    return row.id;
  });
  const found = await findOrg(ctx.db, id);
  if (!found) throw notFound('机构');
  return organizationView(found);
}
