/** 首页: greeting, what this role can do, a few cheap counts. */
import { Link } from 'react-router-dom';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { institutionApi } from '../../api/endpoints';
import { useRequest } from '../../hooks/use-request';
import { useSession } from '../../session/session';
import { appRoutes } from '../../routes';
import { useEnums } from '../../meta/enums';
import type { Role } from '../../api/types';

const ROLE_HINT: Record<Role, string> = {
  institution_staff: '在此查看本机构信息与定点协议，提交申请与补正材料。',
  institution_admin: '在此管理本机构的经办人账号，并关联法定代表人账号。',
  agency_officer: '在此受理定点申请、组织评估、管理协议与机构名录。',
  agency_head: '在此审批定点决定与协议事项，查看经办情况。',
  admin_dept_officer: '在此查看备案、监督经办工作与统计数据。',
  expert: '在此参与定点评估。',
  sysadmin: '在此维护工作日历、模拟时钟与系统账号，并校验审计链。',
};

function greeting(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function HomePage() {
  const { user, access } = useSession();
  const enums = useEnums();
  const quiet = { quiet: true };
  const all = useRequest(() => (access.canReadInstitutions ? institutionApi.list({ page: 1, pageSize: 1 }, quiet) : null), []);
  const designated = useRequest(
    () => (access.canReadInstitutions ? institutionApi.list({ status: 'designated', page: 1, pageSize: 1 }, quiet) : null),
    [],
  );
  const links = appRoutes.filter((r) => r.name && r.path !== '/' && (!r.access || access[r.access]));

  return (
    <div>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {greeting(new Date().getHours())}，{user?.displayName}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {user?.orgName}
          {user?.roles.map((r) => `\u3000${enums.label('role', r)}：${ROLE_HINT[r] ?? ''}`).join('')}
        </Typography.Paragraph>
      </Card>
      <Row gutter={16} style={{ marginTop: 16 }}>
        {access.canReadInstitutions && (
          <>
            <Col xs={24} sm={12} md={6}>
              <Card>
                <Statistic title="名录内机构（可见范围）" value={all.data?.total ?? '—'} loading={all.loading} />
              </Card>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Card>
                <Statistic title="定点机构" value={designated.data?.total ?? '—'} loading={designated.loading} />
              </Card>
            </Col>
          </>
        )}
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        {links.map((r) => (
          <Col key={r.path} xs={24} sm={12} md={6} style={{ marginBottom: 16 }}>
            <Link to={r.path}>
              <Card hoverable>
                <Card.Meta avatar={<span style={{ fontSize: 22 }}>{r.icon}</span>} title={r.name} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
