/** The campaign's schedule (decision 0046): each milestone, who acts, its due date as counted, status today and articles. */
import { Card, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../../../api/client';
import type { ResponseOf } from '../../../../api/openapi';
import { useRequest } from '../../../../hooks/use-request';

type Milestone = ResponseOf<'/api/renewal-campaigns/{id}/schedule'>['items'][number];

const STATUS_COLOR: Record<Milestone['status'], string> = { met: 'green', open: 'blue', due_today: 'orange', overdue: 'red', closed: 'default' };

export function SchedulePanel({ campaignId }: { campaignId: string }) {
  const schedule = useRequest(() => api.get<ResponseOf<'/api/renewal-campaigns/{id}/schedule'>>(`/api/renewal-campaigns/${encodeURIComponent(campaignId)}/schedule`), [campaignId]);
  return (
    <Card title="续签工作节点" data-testid="renewal-schedule">
      <Table<Milestone>
        rowKey="id" size="small" pagination={false} loading={schedule.loading} dataSource={schedule.data?.items ?? []}
        columns={[
          { title: '节点', dataIndex: 'label' },
          { title: '办理方', dataIndex: 'party', width: 120 },
          {
            title: '截止日期', key: 'dueOn', width: 200,
            render: (_, m) => <Space orientation="vertical" size={0}>{m.dueOn}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.counted}</Typography.Text></Space>,
          },
          {
            title: '状态', key: 'status', width: 180,
            render: (_, m) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[m.status]}>{m.statusLabel}</Tag>
                {m.example && <Tag>示例值</Tag>}
                {m.provisional && <Tag color="gold">日历未发布（估算）</Tag>}
                {m.status !== 'met' && m.remainingWorkdays !== null && <Typography.Text type="secondary">剩 {m.remainingWorkdays} 个工作日</Typography.Text>}
              </Space>
            ),
          },
          { title: '依据', key: 'cites', render: (_, m) => <Typography.Text type="secondary">{m.cites.join('；')}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
