/**
 * 首页 as a work queue (issue #9): what this role must do today — the officer's deadlines overdue,
 * due today and this week (remaining 工作日 and the article of each), the files waiting for them by
 * state and a bar chart of the next 10 工作日; the institution's notices to answer; the expert's
 * panels; the department's unread filings; the administrator's checklist. Every item links to
 * where it is done. Below, the pages this role can open.
 */
import { Link } from 'react-router-dom';
import { Badge, Card, Col, Empty, List, Row, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { homeApi, type HomeAnswer, type HomeItem, type HomeSection } from '../../api/home-endpoints';
import { useRequest } from '../../hooks/use-request';
import { useSession } from '../../session/session';
import { useMenuLinks } from '../../layouts/menu-links';
import { useEnums } from '../../meta/enums';

function greeting(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

const LEVEL_COLOR: Record<HomeItem['level'], string> = { ok: 'green', info: 'blue', warning: 'orange', error: 'red' };

function remainingText(i: HomeItem): string | null {
  if (i.remainingWorkdays === null) return null;
  if (i.remainingWorkdays < 0) return `已逾期 ${-i.remainingWorkdays} 个工作日`;
  if (i.remainingWorkdays === 0) return '今日到期';
  return `剩余 ${i.remainingWorkdays} 个工作日`;
}

function ItemRow({ i }: { i: HomeItem }) {
  const left = remainingText(i);
  return (
    <List.Item
      data-testid="home-item"
      extra={i.count !== null ? <Badge count={i.count} overflowCount={9999} color={LEVEL_COLOR[i.level]} showZero /> : null}
    >
      <List.Item.Meta
        title={
          <Space size={6} wrap>
            <Link to={i.link}>{i.title}</Link>
            {i.tag && <Tag color={LEVEL_COLOR[i.level]}>{i.tag}</Tag>}
          </Space>
        }
        description={
          <Space size={[12, 0]} wrap>
            {i.subtitle && <span>{i.subtitle}</span>}
            {i.due && <span>到期日 {i.due}</span>}
            {left && <Typography.Text type={i.level === 'error' ? 'danger' : i.level === 'warning' ? 'warning' : undefined}>{left}</Typography.Text>}
            {i.cites.length > 0 && (
              <Tooltip title={i.cites.join('；')}>
                <Typography.Text type="secondary">依据：{i.cites[0]}{i.cites.length > 1 ? ' 等' : ''}</Typography.Text>
              </Tooltip>
            )}
          </Space>
        }
      />
    </List.Item>
  );
}

function SectionCard({ s }: { s: HomeSection }) {
  const more = s.count > s.items.length && s.link;
  return (
    <Card
      size="small"
      data-testid={`home-section-${s.key}`}
      title={<Space>{s.title}<Badge count={s.count} overflowCount={9999} showZero color={s.count > 0 ? (s.key.endsWith('overdue') ? 'red' : 'blue') : 'default'} /></Space>}
      extra={s.link ? <Link to={s.link}>{more ? `查看全部 ${s.count} 项` : '去办理'}</Link> : null}
      style={{ height: '100%' }}
    >
      {s.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.empty} />
      ) : (
        <List size="small" dataSource={s.items} renderItem={(i) => <ItemRow i={i} />} />
      )}
    </Card>
  );
}

/** Due items per 工作日 for the next 10 工作日: a plain bar chart (no chart library is installed). */
function DueChart({ chart }: { chart: NonNullable<HomeAnswer['chart']> }) {
  const max = Math.max(1, ...chart.days.map((d) => d.count));
  const first = chart.days[0]?.date;
  const last = chart.days[chart.days.length - 1]?.date;
  // ten grey bars of 0 read as a broken chart: say plainly that nothing falls due
  if (chart.days.every((d) => d.count === 0)) {
    return (
      <Card size="small" title={chart.title} data-testid="home-chart">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${first ?? ''} 至 ${last ?? ''} 没有到期事项`} />
      </Card>
    );
  }
  return (
    <Card size="small" title={chart.title} data-testid="home-chart">
      <div role="img" aria-label={`${chart.title}：${chart.days.map((d) => `${d.date} ${d.count}项`).join('，')}`}
        style={{ display: 'flex', alignItems: 'flex-end', gap: 8, height: 140, padding: '8px 0' }}>
        {chart.days.map((d) => (
          <Tooltip key={d.date} title={`${d.date}：${d.count} 项到期`}>
            <div style={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'flex-end', height: '100%' }}>
              <Typography.Text style={{ fontSize: 12 }}>{d.count}</Typography.Text>
              <div style={{ width: '70%', minHeight: 2, height: `${(d.count / max) * 90}px`, background: d.count ? '#1677ff' : '#d9d9d9', borderRadius: 2 }} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.date.slice(5)}</Typography.Text>
            </div>
          </Tooltip>
        ))}
      </div>
    </Card>
  );
}

export default function HomePage() {
  const { user } = useSession();
  const enums = useEnums();
  const home = useRequest(() => homeApi.get({ quiet: true }), []);
  const links = useMenuLinks().filter((r) => r.path !== '/');
  const sections = home.data?.sections ?? [];

  return (
    <div>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {greeting(new Date().getHours())}，{user?.displayName}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {user?.orgName}{"\u3000"}{user?.roles.map((r) => enums.label('role', r)).join('、')}
          {home.data ? `\u3000今天是 ${home.data.today}` : ''}
        </Typography.Paragraph>
      </Card>
      {!home.data && home.loading && <Spin style={{ display: 'block', padding: 48 }} />}
      {home.data?.chart && (
        <div style={{ marginTop: 16 }}>
          <DueChart chart={home.data.chart} />
        </div>
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {sections.map((s) => (
          <Col key={s.key} xs={24} lg={sections.length === 1 ? 24 : 12}>
            <SectionCard s={s} />
          </Col>
        ))}
      </Row>
      <Typography.Title level={5} style={{ marginTop: 24 }}>常用功能</Typography.Title>
      <Row gutter={16}>
        {links.map((r) => (
          <Col key={r.path} xs={24} sm={12} md={6} style={{ marginBottom: 16 }}>
            <Link to={r.path}>
              <Card hoverable size="small">
                <Card.Meta avatar={<span style={{ fontSize: 22 }}>{r.icon}</span>} title={r.name} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
