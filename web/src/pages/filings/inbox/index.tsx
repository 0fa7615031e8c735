/** 备案: the administrative department's inbox (filled in when the filings API is served). */
import { Card, Empty } from 'antd';

export default function FilingsInboxPage() {
  return (
    <Card title="备案">
      <Empty description="暂无备案" />
    </Card>
  );
}
