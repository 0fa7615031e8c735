/**
 * 备案: the administrative department's inbox of what the agencies of its territory filed —
 * 评估结果 (云医保〔2022〕6号 第十四条(三)) and 签订情况 (第十九条) — read-only, with the
 * acknowledgement of receipt. The territory's statistics have their own page (辖区统计, /statistics).
 */
import { useState } from 'react';
import { Badge, Card, Space } from 'antd';
import { FilingsTable } from './components/filings-table';

export default function FilingsInboxPage() {
  const [unread, setUnread] = useState<number | null>(null);
  return (
    <Card
      title={
        <Space>
          <span>备案</span>
          {unread ? <Badge count={unread} title={`未确认收到 ${unread} 件`} /> : null}
          {unread ? <span style={{ fontWeight: 'normal', fontSize: 13 }}>未确认收到 {unread} 件</span> : null}
        </Space>
      }
    >
      <FilingsTable onUnread={setUnread} />
    </Card>
  );
}
