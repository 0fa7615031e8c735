/** The public site's frame (no login): a top menu over 申请条件与材料, 评估标准, 公示, 定点机构名录, 投诉办理查询. */
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Menu } from 'antd';

const ITEMS = [
  { key: '/public/conditions', label: '申请条件与材料' },
  { key: '/public/standards', label: '评估标准' },
  { key: '/public/publicity', label: '公示与投诉举报' },
  { key: '/public/directory', label: '定点机构名录' },
  { key: '/public/complaint-status', label: '投诉办理查询' },
];

export default function PublicLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const selected = ITEMS.find((i) => location.pathname.startsWith(i.key))?.key ?? ITEMS[0]!.key;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Link to="/public/conditions" style={{ fontWeight: 600, fontSize: 18, whiteSpace: 'nowrap' }}>
          医疗保障定点医药机构 · 公开信息
        </Link>
        <Menu mode="horizontal" selectedKeys={[selected]} items={ITEMS} onClick={(e) => navigate(e.key)} style={{ flex: 1, minWidth: 0, borderBottom: 'none' }} />
        <Link to="/login">
          <Button type="primary">工作人员登录</Button>
        </Link>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
