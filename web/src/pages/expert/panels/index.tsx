/** 我的评估: the panels the signed-in expert sits on (filled in when the experts API is served). */
import { Card, Empty } from 'antd';

export default function ExpertPanelsPage() {
  return (
    <Card title="我的评估">
      <Empty description="暂无评估任务" />
    </Card>
  );
}
