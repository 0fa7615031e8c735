/**
 * 我的申请: the institution's own applications, newest deadline first. 新建定点申请 is offered only
 * while none is open (one open application per institution); otherwise a link to the open one.
 */
import { Link } from 'react-router-dom';
import { Button, Card, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ApplicationTable } from '../components/application-table';
import { useOpenApplication } from '../components/open-application';

export default function MyApplicationsPage() {
  const { open, loading } = useOpenApplication();
  const extra = loading ? null : open ? (
    <Tooltip title="一个机构同时只能有一件办理中的定点申请">
      <Link to={`/applications/${open.id}`}>
        <Button>查看办理中的申请（{open.stateLabel}）</Button>
      </Link>
    </Tooltip>
  ) : (
    <Link to="/applications/new">
      <Button type="primary" icon={<PlusOutlined />}>
        新建定点申请
      </Button>
    </Link>
  );
  return (
    <Card title="我的申请" extra={extra}>
      <ApplicationTable showInstitution={false} />
    </Card>
  );
}
