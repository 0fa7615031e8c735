/** 定点工作台: the agency's applications in its territory, sorted by the nearest deadline; overdue in red. */
import { Card, Typography } from 'antd';
import { ApplicationTable } from '../components/application-table';

export default function QueuePage() {
  return (
    <Card title="定点工作台">
      <Typography.Paragraph type="secondary">
        按最近到期的办理时限排序；已逾期的申请标红。点击“办理 / 查看”进入申请详情，在“可办理事项”中办理下一环节。
      </Typography.Paragraph>
      <ApplicationTable showInstitution />
    </Card>
  );
}
