/** Roles a user can hold. A user's organisation kind limits which roles make sense. */
export const ROLES = [
  'institution_staff', // 医药机构经办人: apply, upload, answer 补正, negotiate, sign
  'institution_admin', // 医药机构管理员: the institution's own staff accounts, the legal representative's link (issue #9)
  'agency_officer', // 经办机构工作人员: accept, review, organise evaluation, negotiate
  'agency_head', // 经办机构负责人: decisions, overrides, signing for the agency
  'admin_dept_officer', // 医疗保障行政部门: filings (备案), supervision, statistics
  'expert', // 评估专家
  // 第三方评估机构人员 (issue #9): an account of a third-party assessor organisation. The designation texts let
  // the agency 委托第三方 evaluate (云医保〔2022〕6号 第十一条, 吉医保规〔2023〕1号 第十五条), but the case records
  // that third party by name only, so today the role reaches its home page and its own account, nothing else
  'third_party_assessor',
  'sysadmin', // 系统管理员: calendar, sandbox clock, users
] as const;
export type Role = (typeof ROLES)[number];

export const roleLabel: Record<Role, string> = {
  institution_staff: '医药机构经办人',
  institution_admin: '医药机构管理员',
  agency_officer: '经办机构工作人员',
  agency_head: '经办机构负责人',
  admin_dept_officer: '医疗保障行政部门',
  expert: '评估专家',
  third_party_assessor: '第三方评估机构人员',
  sysadmin: '系统管理员',
};

/** Organisation kinds; `third_party_assessor` = 第三方评估机构 (for the supervision work to come; issue #9). */
export const ORG_KINDS = ['agency', 'admin_dept', 'institution', 'expert_pool', 'system', 'third_party_assessor'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export type OrgLevel = 'national' | 'province' | 'prefecture' | 'county';

/**
 * Signed-in routes a third-party assessor's account may call (patterns as registered): its home page
 * and its own account. Every other route answers 403 to it, whatever its own role check says, until
 * the supervision work gives the assessor its tasks.
 */
export const THIRD_PARTY_ASSESSOR_API: readonly RegExp[] = [
  /^\/api\/auth\/(me|logout)$/,
  /^\/api\/account\/password$/,
  /^\/api\/home$/,
  /^\/api\/meta\//,
];

export function isThirdPartyAssessor(user: Pick<SessionUser, 'orgKind'>): boolean {
  return user.orgKind === 'third_party_assessor';
}

/** What a request knows about its authenticated user. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  orgLevel: OrgLevel;
  /** root region of the organisation's territory (null for national / system) */
  orgRegionCode: string | null;
  /** set for institution users */
  institutionId: string | null;
  /** a temporary password (reset or first start) must be changed before anything else (issue #9) */
  mustChangePassword?: boolean;
  /** the institution's kind (medical / pharmacy / ltc / third_party) for institution users: what the menu offers (issue #9) */
  institutionKind?: string | null;
  csrfToken: string;
}

/** What the client may see of its own session user (the CSRF token travels separately). */
export type PublicUser = Omit<SessionUser, 'csrfToken' | 'mustChangePassword'> & { mustChangePassword: boolean };

export function toPublicUser(user: SessionUser): PublicUser {
  const { csrfToken: _csrf, ...rest } = user;
  return { ...rest, mustChangePassword: rest.mustChangePassword ?? false };
}
