/**
 * 辖区统计: the territory's designation pipeline in numbers (counts by state, overdue deadlines,
 * the online-signing rate against the 90% target of the 2025 draft 一(四)). Read by the
 * administrative department and the agency (GET /api/statistics/pipeline).
 */
import { Card } from 'antd';
import { PipelineStatisticsView } from './components/statistics';

export default function PipelineStatisticsPage() {
  return (
    <Card title="辖区统计">
      <PipelineStatisticsView />
    </Card>
  );
}
