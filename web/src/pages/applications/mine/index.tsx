/** 我的申请: the institution's own applications, newest deadline first, with a button to start one. */
import { Link } from 'react-router-dom';
import { Button, Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ApplicationTable } from '../components/application-table';

export default function MyApplicationsPage() {
  return (
    <Card
      title="我的申请"
      extra={
        <Link to="/applications/new">
          <Button type="primary" icon={<PlusOutlined />}>
            新建定点申请
          </Button>
        </Link>
      }
    >
      <ApplicationTable showInstitution={false} />
    </Card>
  );
}
