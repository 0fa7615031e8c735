/**
 * What the signed-in user may see, as named flags (Ant Design Pro's `access`). Routes and
 * buttons ask for a flag, never for a role. The server still checks every request: this only
 * decides what the menu offers.
 */
import type { Role, SessionUser } from '../api/types';

export interface Access {
  isLoggedIn: boolean;
  isSysadmin: boolean;
  canReadInstitutions: boolean;
  canReadRules: boolean;
  canReadAudit: boolean;
  canReadCalendar: boolean;
  canEditCalendar: boolean;
  /** 统筹地区参数 (decision 0031): the agencies and the sysadmin read; the agency head sets (the server checks) */
  canReadLocalParameters: boolean;
  canAdvanceClock: boolean;
  /** 定点申请: institution staff apply, upload, answer 补正, sign */
  canApply: boolean;
  /** 定点工作台: the agency's queue of applications sorted by deadline */
  canWorkQueue: boolean;
  /** open an application's detail page */
  canReadApplications: boolean;
  /** 我的评估: panels the expert sits on */
  canEvaluate: boolean;
  /** 备案 inbox of the administrative department (GET /api/filings: admin_dept_officer only) */
  canReadFilings: boolean;
  /** 辖区统计 (GET /api/statistics/pipeline: the administrative department and the agency) */
  canReadStatistics: boolean;
  /** 第三方服务机构备案 (吉医保规〔2023〕1号 第三十三条第二款): institution staff file (the server refuses a non-third party) */
  canFileThirdParty: boolean;
  /** the agency's 核验 queue of third-party filings; the department reads it */
  canReadThirdPartyFilings: boolean;
  canVerifyThirdPartyFilings: boolean;
  /** 参保人数 per 统筹地区 (云人社发〔2016〕308号 二(四)): the agency enters them */
  canEnterInsuredCounts: boolean;
  /** 新增定点名单报省级经办机构 (308号 一(四)): sent by a prefecture's agency, read by the agencies and departments above */
  canReadProvinceReports: boolean;
  /** 评估专家库 (decision 0028): the agency maintains the pool of its territory */
  canManageExpertPool: boolean;
  /** an account whose self-registration is not verified yet: only 我的注册 (decision 0027) */
  isPendingApplicant: boolean;
  /** 我的注册: the registrant's own registration (pending, returned or verified) */
  canReadOwnRegistration: boolean;
  /** 注册审核: the agency's queue of self-registrations in its territory */
  canVerifyRegistrations: boolean;
  /** 机构（组织）管理 (issue #9): the system administrator */
  canManageOrganizations: boolean;
  /** 账号管理: the system administrator (every organisation), an agency head (its own agency) */
  canManageAccounts: boolean;
  /** 本机构账号: an institution's own administrator (医药机构管理员) */
  canManageInstitutionAccounts: boolean;
  /** 数据导入 of the existing registry and the registry export (issue #9): the agency's staff */
  canImportRegistry: boolean;
  /** 我的协议 (issue #10): an institution's staff read its agreements and file its requests */
  canReadMyAgreements: boolean;
  /** 协议管理 (issue #10): the agency's register and decisions; the department reads (the server answers which steps) */
  canReadAgreementRegister: boolean;
  /** 续签管理 (issue #11): the agencies run campaigns, the department reads their progress */
  canReadRenewal: boolean;
  canRunRenewal: boolean;
  /** 协议争议 / 评价经办机构 (decisions 0035, 0042): an institution's staff raise disputes and rate the agency */
  canRaiseDisputes: boolean;
  /** 争议处理 (the agency) / 争议协调 (the administrative department) */
  canHandleDisputes: boolean;
  /** 机构评价: the agency reads the institutions' ratings, answers (反馈) and records one received by 书面/电话/邮件 */
  canAnswerRatings: boolean;
  /** the agency head counter-signs the renewed agreements in bulk (decision 0045) */
  canCountersignRenewals: boolean;
}

export type AccessFlag = keyof Access;

const AUDIT_READERS: Role[] = ['agency_officer', 'agency_head', 'admin_dept_officer', 'sysadmin'];

export function computeAccess(user: SessionUser | null): Access {
  const has = (...roles: Role[]) => !!user && roles.some((r) => user.roles.includes(r));
  // the menu by institution kind (issue #9): only a third-party service institution files 第三方备案
  // (吉医保规〔2023〕1号 第三十三条第二款); it does not apply for designation (the public conditions list
  // medical institutions, pharmacies and care homes). Unknown kind (an older server): as before.
  const kind = user?.institutionKind ?? null;
  const thirdParty = kind === 'third_party';
  // 308号 一(四): the prefecture sends, the levels above read — a county agency or department has none
  const aboveCounty = !!user && user.orgLevel !== 'county';
  const access: Access = {
    isLoggedIn: !!user,
    isSysadmin: has('sysadmin'),
    canReadInstitutions: !!user,
    canReadRules: !!user,
    canReadAudit: has(...AUDIT_READERS),
    canReadCalendar: !!user,
    canEditCalendar: has('sysadmin'),
    // a county agency reads (and its head narrows) its county's 实施细则 (decision 0043)
    canReadLocalParameters: has('agency_officer', 'agency_head', 'sysadmin'),
    canAdvanceClock: has('sysadmin'),
    canApply: has('institution_staff') && !thirdParty,
    canWorkQueue: has('agency_officer', 'agency_head', 'sysadmin'),
    canReadApplications: has('institution_staff', 'agency_officer', 'agency_head', 'admin_dept_officer', 'expert', 'sysadmin'),
    canEvaluate: has('expert'),
    canReadFilings: has('admin_dept_officer'),
    canReadStatistics: has('admin_dept_officer', 'agency_officer', 'agency_head'),
    canFileThirdParty: has('institution_staff') && (kind === null || thirdParty),
    canReadThirdPartyFilings: has('agency_officer', 'agency_head', 'admin_dept_officer'),
    canVerifyThirdPartyFilings: has('agency_officer', 'agency_head'),
    canEnterInsuredCounts: has('agency_officer', 'agency_head'),
    canReadProvinceReports: has('agency_officer', 'agency_head', 'admin_dept_officer') && aboveCounty,
    canManageExpertPool: !!user && user.orgKind === 'agency' && has('agency_officer', 'agency_head'),
    isPendingApplicant: false,
    canReadOwnRegistration: has('institution_admin'),
    canVerifyRegistrations: has('agency_officer', 'agency_head'),
    canManageOrganizations: has('sysadmin'),
    canManageAccounts: has('sysadmin') || (user?.orgKind === 'agency' && has('agency_head')),
    canManageInstitutionAccounts: user?.orgKind === 'institution' && has('institution_admin'),
    canImportRegistry: has('agency_officer', 'agency_head'),
    canReadMyAgreements: user?.orgKind === 'institution' && !!user.institutionId && has('institution_staff', 'institution_admin'),
    canReadAgreementRegister: has('agency_officer', 'agency_head', 'admin_dept_officer'),
    canReadRenewal: has('agency_officer', 'agency_head', 'admin_dept_officer'),
    canRunRenewal: user?.orgKind === 'agency' && has('agency_officer', 'agency_head'),
    canRaiseDisputes: user?.orgKind === 'institution' && !!user.institutionId && has('institution_staff', 'institution_admin'),
    canHandleDisputes: has('agency_officer', 'agency_head', 'admin_dept_officer'),
    canAnswerRatings: user?.orgKind === 'agency' && has('agency_officer', 'agency_head'),
    canCountersignRenewals: user?.orgKind === 'agency' && has('agency_head'),
  };
  // a registrant not yet verified (an institution organisation without an institution): its registration only
  if (user && user.orgKind === 'institution' && !user.institutionId && user.roles.length === 0) {
    const none = Object.fromEntries(Object.keys(access).map((k) => [k, false])) as unknown as Access;
    return { ...none, isLoggedIn: true, isPendingApplicant: true, canReadOwnRegistration: true };
  }
  // a third-party assessor's account: its home page and its own account only (the server refuses the rest)
  if (user && user.orgKind === 'third_party_assessor') {
    const none = Object.fromEntries(Object.keys(access).map((k) => [k, false])) as unknown as Access;
    return { ...none, isLoggedIn: true };
  }
  return access;
}
