/** The signed-in frame: Sider menu (items filtered by access flags) and a header with the user. */
import { useMemo, useState } from 'react';
import { matchPath, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Menu, Space, Tag, Tooltip } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useSession } from '../session/session';
import { appRoutes } from '../routes';
import { useEnums } from '../meta/enums';
import { ClockBadge } from './clock-badge';
import type { FrameContext, MenuLink } from './menu-links';
import { FLAT_MENU_MAX, groupLinks } from './menu-groups';

const { Header, Sider, Content } = Layout;

export function BasicLayout() {
  const { user, access, logout } = useSession();
  const enums = useEnums();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);

  const links = useMemo<MenuLink[]>(
    () => appRoutes.filter((r) => r.name && (!r.access || access[r.access])).map((r) => ({ path: r.path, name: r.name!, icon: r.icon })),
    [access],
  );
  const items = useMemo(() => {
    const item = (r: MenuLink) => ({ key: r.path, icon: r.icon, label: r.name });
    if (links.length <= FLAT_MENU_MAX) return links.map(item);
    const home = links[0]?.path === '/' ? links[0] : undefined;
    const rest = home ? links.slice(1) : links;
    return [
      ...(home ? [item(home)] : []),
      ...groupLinks(rest).map((g) => ({ type: 'group' as const, key: `group:${g.group}`, label: g.group, children: g.links.map(item) })),
    ];
  }, [links]);
  const frame = useMemo<FrameContext>(() => ({ menuLinks: links }), [links]);
  const current = appRoutes.find((r) => matchPath({ path: r.path, end: true }, location.pathname));
  const selected = current?.menuKey ?? current?.path ?? location.pathname;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* sticky, its menu scrolling on its own: a long menu never hides under the collapse trigger or scrolls the page away */}
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} theme="dark" width={208} style={{ position: 'sticky', top: 0, height: '100vh' }}>
        <div
          style={{
            height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center',
            color: '#fff', fontWeight: 600, fontSize: collapsed ? 16 : 18, whiteSpace: 'nowrap',
          }}
        >
          {collapsed ? '定点' : '定点 · 协议管理'}
        </div>
        <div style={{ height: 'calc(100vh - 56px - 48px)', overflowY: 'auto' }}>
          <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} onClick={(e) => navigate(e.key)} />
        </div>
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff', padding: '0 20px', display: 'flex', alignItems: 'center',
            justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0', gap: 16,
          }}
        >
          <ClockBadge />
          <Space size="middle" wrap={false}>
            <span style={{ whiteSpace: 'nowrap' }}>
              <UserOutlined /> <strong>{user?.displayName}</strong>
              <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 8 }}>{user?.orgName}</span>
            </span>
            <span>
              {user?.roles.map((r) => (
                <Tag key={r} color="blue">
                  {enums.label('role', r)}
                </Tag>
              ))}
            </span>
            <Tooltip title="修改本人密码">
              <Button icon={<KeyOutlined />} onClick={() => navigate('/account/password')}>
                修改密码
              </Button>
            </Tooltip>
            <Tooltip title="退出登录">
              <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
                退出
              </Button>
            </Tooltip>
          </Space>
        </Header>
        <Content style={{ margin: 16 }}>
          <Outlet context={frame} />
        </Content>
      </Layout>
    </Layout>
  );
}
