/**
 * Who may manage which accounts, and grant which roles (issue #9). Pure: the use cases in
 * src/accounts/ load the rows and ask these functions; every refusal is a Chinese sentence.
 *
 * - The system administrator manages every organisation's accounts.
 * - An agency head (经办机构负责人) manages the accounts of its own agency only (delegated).
 * - An institution's administrator (医药机构管理员) manages its own institution's accounts only.
 * - A role is granted only when it fits the organisation's kind, and — for a delegated manager —
 *   when the manager holds it or a role above it in the same organisation (负责人 covers 工作人员,
 *   医药机构管理员 covers 经办人; decision 0025). Nobody changes their own roles.
 */
import type { OrgKind, OrgLevel, Role, SessionUser } from './roles';
import { roleLabel } from './roles';

/** The roles that make sense in an organisation of each kind. */
export const ROLES_FOR_ORG_KIND: Readonly<Record<OrgKind, readonly Role[]>> = {
  agency: ['agency_officer', 'agency_head'],
  admin_dept: ['admin_dept_officer'],
  institution: ['institution_staff', 'institution_admin'],
  expert_pool: ['expert'],
  system: ['sysadmin'],
  // 第三方评估机构: its staff's one role (created by the system administrator only: no delegated manager)
  third_party_assessor: ['third_party_assessor'],
};

/** A role held covers the roles beneath it in the same organisation. */
const COVERS: Readonly<Partial<Record<Role, readonly Role[]>>> = {
  agency_head: ['agency_officer'],
  institution_admin: ['institution_staff'],
};

/** The kinds of organisation the system administrator creates (institutions come from the registry). */
export const MANAGED_ORG_KINDS = ['agency', 'admin_dept', 'expert_pool', 'third_party_assessor'] as const satisfies readonly OrgKind[];
export type ManagedOrgKind = (typeof MANAGED_ORG_KINDS)[number];
export const managedOrgKindLabel: Record<ManagedOrgKind, string> = {
  agency: '医保经办机构',
  admin_dept: '医疗保障行政部门',
  expert_pool: '评估专家库',
  third_party_assessor: '第三方评估机构',
};

/** Levels an organisation may have, each bound to a region of the same level. */
export const ORG_LEVELS_BOUND = ['province', 'prefecture', 'county'] as const satisfies readonly OrgLevel[];
const levelLabel: Record<(typeof ORG_LEVELS_BOUND)[number], string> = { province: '省级', prefecture: '地市级', county: '县区级' };

/** What an organisation's level says about its region: 省级 ↔ a province, 地市级 ↔ a prefecture, 县区级 ↔ a county. */
export function levelRegionProblem(level: (typeof ORG_LEVELS_BOUND)[number], regionLevel: 'province' | 'prefecture' | 'county'): string | null {
  if (level === regionLevel) return null;
  return `${levelLabel[level]}机构须对应${levelLabel[level]}行政区划（所选区划为${levelLabel[regionLevel]}）`;
}

/** How the actor manages accounts: everywhere, in one organisation, or not at all. */
export type AccountAuthority = { kind: 'all' } | { kind: 'own_org'; orgId: string; grantable: readonly Role[] } | { kind: 'none' };

export function accountAuthority(actor: Pick<SessionUser, 'roles' | 'orgId' | 'orgKind'>): AccountAuthority {
  if (actor.roles.includes('sysadmin')) return { kind: 'all' };
  const delegated =
    (actor.orgKind === 'agency' && actor.roles.includes('agency_head')) ||
    (actor.orgKind === 'institution' && actor.roles.includes('institution_admin'));
  if (!delegated) return { kind: 'none' };
  const fit = ROLES_FOR_ORG_KIND[actor.orgKind];
  const held = actor.roles.filter((r) => fit.includes(r));
  const grantable = fit.filter((r) => held.includes(r) || held.some((h) => COVERS[h]?.includes(r)));
  return { kind: 'own_org', orgId: actor.orgId, grantable };
}

/** Whether the actor may see and manage accounts of organisation `orgId` at all. */
export function managesOrg(authority: AccountAuthority, orgId: string): boolean {
  if (authority.kind === 'all') return true;
  return authority.kind === 'own_org' && authority.orgId === orgId;
}

/**
 * What is wrong with giving `roles` to an account of an organisation of kind `orgKind`, by this
 * actor (for a new account `userId` is null): `forbidden` — beyond the actor's authority (403);
 * `invalid` — wrong for the organisation whoever asks (400). Both empty when the grant is allowed.
 */
export function grantProblems(
  actor: Pick<SessionUser, 'id' | 'roles' | 'orgId' | 'orgKind'>,
  target: { userId: string | null; orgId: string; orgKind: OrgKind; currentRoles: readonly Role[] },
  roles: readonly Role[],
): { forbidden: string[]; invalid: string[] } {
  const authority = accountAuthority(actor);
  if (!managesOrg(authority, target.orgId)) return { forbidden: ['只能管理本机构的账号'], invalid: [] };
  const forbidden: string[] = [];
  const invalid: string[] = [];
  if (target.userId === actor.id && !sameSet(roles, target.currentRoles)) forbidden.push('不能修改自己的角色');
  if (authority.kind === 'own_org') {
    const above = roles.filter((r) => !authority.grantable.includes(r));
    if (above.length) forbidden.push(`不能授予本人未持有的角色：${above.map((r) => roleLabel[r]).join('、')}`);
  }
  if (roles.length === 0) invalid.push('至少授予一个角色');
  const fit = ROLES_FOR_ORG_KIND[target.orgKind];
  const unfit = roles.filter((r) => !fit.includes(r));
  if (unfit.length) invalid.push(`${orgKindNoun[target.orgKind]}的账号不能授予：${unfit.map((r) => roleLabel[r]).join('、')}`);
  return { forbidden, invalid };
}

const orgKindNoun: Record<OrgKind, string> = {
  agency: '经办机构', admin_dept: '行政部门', institution: '医药机构', expert_pool: '专家库', system: '系统机构', third_party_assessor: '第三方评估机构',
};

/**
 * Whether a delegated manager may act on an existing account at all (deactivate, reset, edit):
 * the account must be in its organisation, and hold no role the manager could not grant — an
 * agency head does not reset the password of a sysadmin placed in its agency by mistake.
 */
export function manageProblem(
  actor: Pick<SessionUser, 'id' | 'roles' | 'orgId' | 'orgKind'>,
  target: { userId: string; orgId: string; roles: readonly Role[] },
): string | null {
  const authority = accountAuthority(actor);
  if (!managesOrg(authority, target.orgId)) return '只能管理本机构的账号';
  if (authority.kind === 'own_org') {
    const above = target.roles.filter((r) => !authority.grantable.includes(r));
    if (above.length) return `该账号持有本人不能授予的角色（${above.map((r) => roleLabel[r]).join('、')}），请联系系统管理员`;
  }
  return null;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
