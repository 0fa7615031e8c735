/**
 * The menu's headings. An agency officer sees twenty-odd entries; in one flat list the daily work
 * (工作台, 协议, 续签, 变更…) drowns among the settings. Entries are grouped under four headings the way
 * an agency's own systems group them — the daily business, data and statistics, policy settings, and
 * system administration — without folding them away (every entry stays one click from anywhere).
 * A short menu (an institution's, an expert's) stays flat.
 */
import type { MenuLink } from './menu-links';

export const MENU_GROUPS = ['业务办理', '数据与统计', '政策与配置', '系统管理'] as const;
type Group = (typeof MENU_GROUPS)[number];

const BY_PREFIX: readonly (readonly [string, Group])[] = [
  ['/indicators', '数据与统计'], ['/registry-import', '数据与统计'], ['/institutions', '数据与统计'], ['/statistics', '数据与统计'],
  ['/reports/', '数据与统计'], ['/audit', '数据与统计'],
  ['/rules', '政策与配置'], ['/calendar', '政策与配置'], ['/local-parameters', '政策与配置'], ['/region-standards', '政策与配置'], ['/expert-pool', '政策与配置'],
  ['/admin/', '系统管理'], ['/institution/accounts', '系统管理'],
];

/** The heading of a menu entry: by its path; what is not listed is daily business. */
export function groupOf(path: string): Group {
  return BY_PREFIX.find(([p]) => (p.endsWith('/') ? path.startsWith(p) : path === p || path.startsWith(`${p}/`)))?.[1] ?? '业务办理';
}

/** A flat menu up to this many entries; above it, grouped. */
export const FLAT_MENU_MAX = 12;

export interface MenuGroup {
  group: Group;
  links: MenuLink[];
}

/** The entries after 首页, under their headings in the headings' order (each keeps its own order); empty headings left out. */
export function groupLinks(links: readonly MenuLink[]): MenuGroup[] {
  return MENU_GROUPS.map((group) => ({ group, links: links.filter((l) => groupOf(l.path) === group) })).filter((g) => g.links.length > 0);
}
