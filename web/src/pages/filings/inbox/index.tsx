/**
 * 备案: the administrative department's inbox of what the agencies of its territory filed —
 * 评估结果 (云医保〔2022〕6号 第十四条(三)) and 签订情况 (第十九条) — read-only, with the
 * acknowledgement of receipt; and the territory's statistics (counts by state, overdue deadlines,
 * the online-signing rate against the 90% target of the 2025 draft 一(四)).
 */
import { Card, Tabs } from 'antd';
import { FilingsTable } from './components/filings-table';
import { PipelineStatisticsView } from './components/statistics';

export default function FilingsInboxPage() {
  return (
    <Card title="备案">
      <Tabs
        defaultActiveKey="inbox"
        destroyOnHidden
        items={[
          { key: 'inbox', label: '备案收件箱', children: <FilingsTable /> },
          { key: 'statistics', label: '统计', children: <PipelineStatisticsView /> },
        ]}
      />
    </Card>
  );
}
