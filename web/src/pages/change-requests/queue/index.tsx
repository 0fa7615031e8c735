/** 变更办理: the agency's queue of change requests in its territory, soonest handling deadline first. */
import { Card } from 'antd';
import { ChangeTable } from '../components/change-table';

export default function ChangeQueuePage() {
  return (
    <Card title="变更办理">
      <ChangeTable />
    </Card>
  );
}
