/**
 * The public site's frame (no login): a top menu over 申请条件与材料, 评估标准, 公示, 定点机构名录, 解除协议名单, 资源配置, 投诉办理查询.
 * On a phone (below antd's md breakpoint) the menu moves into a drawer behind a menu button, so the
 * header fits 390 px without sideways scrolling.
 */
import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Grid, Layout, Menu } from 'antd';
import { MenuOutlined } from '@ant-design/icons';

const ITEMS = [
  { key: '/public/conditions', label: '申请条件与材料' },
  { key: '/public/standards', label: '评估标准' },
  { key: '/public/publicity', label: '公示与投诉举报' },
  { key: '/public/directory', label: '定点机构名录' },
  { key: '/public/terminated', label: '解除协议名单' },
  { key: '/public/resources', label: '资源配置' },
  { key: '/public/complaint-status', label: '投诉办理查询' },
  { key: '/public/register', label: '医药机构注册' },
];

export default function PublicLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [drawer, setDrawer] = useState(false);
  const selected = ITEMS.find((i) => location.pathname.startsWith(i.key))?.key ?? ITEMS[0]!.key;
  const go = (key: string) => {
    setDrawer(false);
    navigate(key);
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex', alignItems: 'center', gap: narrow ? 8 : 24, background: '#fff', borderBottom: '1px solid #f0f0f0',
          padding: narrow ? '0 12px' : undefined,
        }}
      >
        <Link
          to="/public/conditions"
          style={{ fontWeight: 600, fontSize: narrow ? 15 : 18, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0, flex: narrow ? 1 : undefined }}
        >
          {narrow ? '定点医药机构 · 公开信息' : '医疗保障定点医药机构 · 公开信息'}
        </Link>
        {narrow ? (
          <Button aria-label="菜单" icon={<MenuOutlined />} onClick={() => setDrawer(true)} />
        ) : (
          <>
            <Menu mode="horizontal" selectedKeys={[selected]} items={ITEMS} onClick={(e) => go(e.key)} style={{ flex: 1, minWidth: 0, borderBottom: 'none' }} />
            <Link to="/login">
              <Button type="primary">工作人员登录</Button>
            </Link>
          </>
        )}
      </Layout.Header>
      {narrow && (
        <Drawer title="公开信息" placement="right" open={drawer} onClose={() => setDrawer(false)} size={280}>
          <Menu mode="vertical" selectedKeys={[selected]} items={ITEMS} onClick={(e) => go(e.key)} style={{ borderInlineEnd: 'none' }} />
          <Link to="/login" onClick={() => setDrawer(false)}>
            <Button type="primary" block style={{ marginTop: 16 }}>工作人员登录</Button>
          </Link>
        </Drawer>
      )}
      <Layout.Content style={{ padding: narrow ? 12 : 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
