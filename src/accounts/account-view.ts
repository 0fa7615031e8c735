/** What the API shows of an account (never its password hash). */
import type { AccountRow } from '../db/account-repo';

export function accountView(r: AccountRow) {
  return {
    id: r.id, username: r.username, displayName: r.displayName, roles: r.roles, active: r.active,
    mustChangePassword: r.mustChangePassword, orgId: r.orgId, orgName: r.orgName, orgKind: r.orgKind, orgActive: r.orgActive,
    orgRegionCode: r.orgRegionCode, personId: r.personId, personName: r.personName, version: r.version,
    createdAt: r.createdAt, passwordChangedAt: r.passwordChangedAt,
  };
}
export type AccountView = ReturnType<typeof accountView>;
