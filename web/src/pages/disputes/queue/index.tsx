/**
 * 争议处理 (agency) / 争议协调 (administrative department): the disputes of the territory, searched, filtered,
 * sorted and paged on the server; the department starts on those referred to it (提请行政部门协调).
 */
import { Card, Typography } from 'antd';
import { useSession } from '../../../session/session';
import { DisputeTable } from '../components/dispute-table';

export default function DisputeQueuePage() {
  const { user } = useSession();
  const dept = user?.orgKind === 'admin_dept';
  return (
    <Card title={dept ? '争议协调' : '争议处理'}>
      <Typography.Paragraph type="secondary">
        {dept
          ? '医药机构或经办机构提请协调的协议争议（京医保发〔2021〕30号 第四十六条）：记录协调情况，或办结争议。'
          : '辖区医药机构提出的协议争议（京医保发〔2021〕30号 第四十六条、第三十九条）：协商、提请行政部门协调、记录复议/诉讼、办结。'}
      </Typography.Paragraph>
      <DisputeTable initialState={dept ? 'coordinating' : undefined} />
    </Card>
  );
}
