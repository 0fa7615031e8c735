/**
 * 辖区统计: the territory's designation pipeline in numbers (counts by state, overdue deadlines,
 * the online-signing rate against the 90% target of the 2025 draft 一(四)). Read by the
 * administrative department and the agency (GET /api/statistics/pipeline); below it, where the
 * province's profile asks for it, beds per 1,000 insured (云人社发〔2016〕308号 二(四)).
 */
import { Card, Space } from 'antd';
import { PipelineStatisticsView } from './components/statistics';
import { BedsPerThousand } from './components/beds-per-thousand';

export default function PipelineStatisticsPage() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="辖区统计">
        <PipelineStatisticsView />
      </Card>
      <BedsPerThousand />
    </Space>
  );
}
