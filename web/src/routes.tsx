/**
 * The route table: each page declares its path, menu name, icon and the access flag that
 * shows it (Ant Design Pro style). Pages are code-split with React.lazy.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AuditOutlined, BankOutlined, FileDoneOutlined, CloudUploadOutlined, BarChartOutlined, CalendarOutlined, FileAddOutlined, FileProtectOutlined, FileSearchOutlined, HomeOutlined,
  ApartmentOutlined, ExperimentOutlined, IdcardOutlined, KeyOutlined, UserSwitchOutlined, ProfileOutlined, TeamOutlined, SafetyCertificateOutlined, ScheduleOutlined, SendOutlined, SolutionOutlined,
} from '@ant-design/icons';
import type { AccessFlag } from './session/access';

export interface AppRoute {
  path: string;
  /** menu label; routes without one are not in the menu */
  name?: string;
  icon?: ReactNode;
  access?: AccessFlag;
  /** highlight this menu entry instead (detail pages) */
  menuKey?: string;
  component: LazyExoticComponent<ComponentType>;
}

export const appRoutes: AppRoute[] = [
  { path: '/', name: '首页', icon: <HomeOutlined />, component: lazy(() => import('./pages/home')) },
  {
    path: '/applications/mine',
    name: '我的申请',
    icon: <ProfileOutlined />,
    access: 'canApply',
    component: lazy(() => import('./pages/applications/mine')),
  },
  {
    path: '/applications/new',
    name: '新建定点申请',
    icon: <FileAddOutlined />,
    access: 'canApply',
    component: lazy(() => import('./pages/applications/new')),
  },
  {
    path: '/applications/queue',
    name: '定点工作台',
    icon: <ScheduleOutlined />,
    access: 'canWorkQueue',
    component: lazy(() => import('./pages/applications/queue')),
  },
  {
    path: '/applications/:id',
    access: 'canReadApplications',
    component: lazy(() => import('./pages/applications/detail')),
  },
  // the agreement's life after signing (issue #10)
  {
    path: '/institution/agreements',
    name: '我的协议',
    icon: <FileDoneOutlined />,
    access: 'canReadMyAgreements',
    component: lazy(() => import('./pages/institution/agreements')),
  },
  {
    path: '/institution/agreements/:id',
    access: 'canReadMyAgreements',
    menuKey: '/institution/agreements',
    component: lazy(() => import('./pages/institution/agreement-detail')),
  },
  {
    path: '/agreements',
    name: '协议管理',
    icon: <FileDoneOutlined />,
    access: 'canReadAgreementRegister',
    component: lazy(() => import('./pages/agency/agreements')),
  },
  {
    path: '/agreements/:id',
    access: 'canReadAgreementRegister',
    menuKey: '/agreements',
    component: lazy(() => import('./pages/agency/agreement-detail')),
  },
  {
    path: '/renewal',
    name: '续签管理',
    icon: <FileDoneOutlined />,
    access: 'canReadRenewal',
    component: lazy(() => import('./pages/renewal/campaigns')),
  },
  {
    path: '/renewal/:id',
    access: 'canReadRenewal',
    menuKey: '/renewal',
    component: lazy(() => import('./pages/renewal/campaign')),
  },
  {
    path: '/indicators',
    name: '外部数据',
    icon: <CloudUploadOutlined />,
    access: 'canImportRegistry',
    component: lazy(() => import('./pages/indicators')),
  },
  {
    path: '/change-requests/mine',
    name: '变更申请',
    icon: <FileSearchOutlined />,
    access: 'canApply',
    component: lazy(() => import('./pages/change-requests/mine')),
  },
  {
    path: '/change-requests/queue',
    name: '变更办理',
    icon: <FileSearchOutlined />,
    access: 'canWorkQueue',
    component: lazy(() => import('./pages/change-requests/queue')),
  },
  // 争议 and 评价建议 (decisions 0035, 0042)
  {
    path: '/disputes/mine',
    name: '协议争议',
    icon: <SolutionOutlined />,
    access: 'canRaiseDisputes',
    component: lazy(() => import('./pages/disputes/mine')),
  },
  {
    path: '/disputes',
    name: '争议处理',
    icon: <SolutionOutlined />,
    access: 'canHandleDisputes',
    component: lazy(() => import('./pages/disputes/queue')),
  },
  {
    path: '/agency-ratings/mine',
    name: '评价经办机构',
    icon: <AuditOutlined />,
    access: 'canRaiseDisputes',
    component: lazy(() => import('./pages/agency-ratings/mine')),
  },
  {
    path: '/agency-ratings',
    name: '机构评价',
    icon: <AuditOutlined />,
    access: 'canAnswerRatings',
    component: lazy(() => import('./pages/agency-ratings/queue')),
  },
  {
    path: '/expert/panels',
    name: '我的评估',
    icon: <SolutionOutlined />,
    access: 'canEvaluate',
    component: lazy(() => import('./pages/expert/panels')),
  },
  {
    path: '/expert-pool',
    name: '专家库',
    icon: <TeamOutlined />,
    access: 'canManageExpertPool',
    component: lazy(() => import('./pages/expert-pool')),
  },
  {
    path: '/filings',
    name: '备案',
    icon: <FileSearchOutlined />,
    access: 'canReadFilings',
    component: lazy(() => import('./pages/filings/inbox')),
  },
  {
    path: '/third-party-filings/mine',
    name: '第三方备案',
    icon: <ExperimentOutlined />,
    access: 'canFileThirdParty',
    component: lazy(() => import('./pages/filings-third-party/mine')),
  },
  {
    path: '/third-party-filings',
    name: '第三方备案核验',
    icon: <SafetyCertificateOutlined />,
    access: 'canReadThirdPartyFilings',
    component: lazy(() => import('./pages/filings-third-party/queue')),
  },
  {
    path: '/statistics',
    name: '辖区统计',
    icon: <BarChartOutlined />,
    access: 'canReadStatistics',
    component: lazy(() => import('./pages/statistics/pipeline')),
  },
  {
    // 吉医保规〔2023〕1号 第三十一条; the same readers as 辖区统计 (the department and the agency, decision 0034)
    path: '/reports/terminations',
    name: '协议解除季度报告',
    icon: <FileSearchOutlined />,
    access: 'canReadStatistics',
    component: lazy(() => import('./pages/reports/terminations')),
  },
  {
    path: '/province-reports',
    name: '报省新增定点',
    icon: <SendOutlined />,
    access: 'canReadProvinceReports',
    component: lazy(() => import('./pages/province-reports')),
  },
  {
    path: '/institutions',
    name: '机构名录',
    icon: <BankOutlined />,
    access: 'canReadInstitutions',
    component: lazy(() => import('./pages/institutions/list')),
  },
  {
    path: '/registry-import',
    name: '数据导入',
    icon: <CloudUploadOutlined />,
    access: 'canImportRegistry',
    component: lazy(() => import('./pages/registry-import')),
  },
  {
    path: '/institutions/:id',
    access: 'canReadInstitutions',
    menuKey: '/institutions',
    component: lazy(() => import('./pages/institutions/detail')),
  },
  {
    path: '/rules',
    name: '政策规则',
    icon: <FileProtectOutlined />,
    access: 'canReadRules',
    component: lazy(() => import('./pages/rules/list')),
  },
  {
    path: '/audit',
    name: '审计日志',
    icon: <AuditOutlined />,
    access: 'canReadAudit',
    component: lazy(() => import('./pages/audit/list')),
  },
  {
    path: '/registration/mine',
    name: '我的注册',
    icon: <IdcardOutlined />,
    access: 'canReadOwnRegistration',
    component: lazy(() => import('./pages/registration/mine')),
  },
  {
    path: '/registrations',
    name: '注册审核',
    icon: <AuditOutlined />,
    access: 'canVerifyRegistrations',
    component: lazy(() => import('./pages/registration/queue')),
  },
  {
    path: '/calendar',
    name: '工作日历',
    icon: <CalendarOutlined />,
    access: 'canReadCalendar',
    component: lazy(() => import('./pages/calendar/years')),
  },
  {
    // 统筹地区参数 (decision 0031): what the texts leave to the pooling region
    path: '/local-parameters',
    name: '统筹地区参数',
    icon: <CalendarOutlined />,
    access: 'canReadLocalParameters',
    component: lazy(() => import('./pages/local-parameters')),
  },
  {
    // 地区评估标准和流程 (自治区医保局〔2025〕征求意见稿 一(一); decision 0043)
    path: '/region-standards',
    name: '地区评估标准',
    icon: <CalendarOutlined />,
    access: 'canReadLocalParameters',
    component: lazy(() => import('./pages/region-standards')),
  },
  {
    // 系统管理 (decision 0026): the lead may move it under the accounts section
    path: '/admin/sso-identities',
    name: '统一身份认证关联',
    icon: <IdcardOutlined />,
    access: 'isSysadmin',
    component: lazy(() => import('./pages/admin/sso-identities')),
  },
  {
    // 系统对接（结算订阅） (decision 0033)
    path: '/admin/webhooks',
    name: '系统对接（结算订阅）',
    icon: <SendOutlined />,
    access: 'isSysadmin',
    component: lazy(() => import('./pages/admin/webhooks')),
  },
  // 系统管理 (issue #9)
  {
    path: '/admin/organizations',
    name: '机构管理',
    icon: <ApartmentOutlined />,
    access: 'canManageOrganizations',
    component: lazy(() => import('./pages/admin/organizations')),
  },
  {
    path: '/admin/accounts',
    name: '账号管理',
    icon: <TeamOutlined />,
    access: 'canManageAccounts',
    component: lazy(() => import('./pages/admin/accounts')),
  },
  {
    path: '/institution/accounts',
    name: '本机构账号',
    icon: <UserSwitchOutlined />,
    access: 'canManageInstitutionAccounts',
    component: lazy(() => import('./pages/admin/accounts/institution')),
  },
  { path: '/account/password', icon: <KeyOutlined />, component: lazy(() => import('./pages/account/password')) },
];
