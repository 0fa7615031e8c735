/** What the API shows of an organisation to the system administrator. */
import type { findOrg } from '../db/org-admin-repo';

export function organizationView(r: NonNullable<Awaited<ReturnType<typeof findOrg>>>) {
  const o = r.org;
  return {
    id: o.id, kind: o.kind, name: o.name, level: o.level, regionCode: o.regionCode, regionName: r.regionName ?? null,
    institutionId: o.institutionId, active: o.active, version: o.version, userCount: Number(r.userCount),
    createdAt: o.createdAt, updatedAt: o.updatedAt,
  };
}
export type OrganizationView = ReturnType<typeof organizationView>;
