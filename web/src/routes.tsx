/**
 * The route table: each page declares its path, menu name, icon and the access flag that
 * shows it (Ant Design Pro style). Pages are code-split with React.lazy.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AuditOutlined, BankOutlined, CalendarOutlined, FileProtectOutlined, HomeOutlined,
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
    path: '/institutions',
    name: '机构名录',
    icon: <BankOutlined />,
    access: 'canReadInstitutions',
    component: lazy(() => import('./pages/institutions/list')),
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
    path: '/calendar',
    name: '工作日历',
    icon: <CalendarOutlined />,
    access: 'canReadCalendar',
    component: lazy(() => import('./pages/calendar/years')),
  },
];
