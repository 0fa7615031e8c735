/** One subscription's deliveries: filter by state, newest first, server-side paging; a dead one can be retried. */
import { useState } from 'react';
import { App, Button, Card, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { webhookApi, type DeliveryQuery, type DeliveryRow, type WebhookRow } from '../../../api/webhook-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { chinaTimeOrDash as fmt } from '../../../utils/china-date';

const STATE: Record<DeliveryRow['state'], { label: string; color: string }> = {
  pending: { label: '待投递', color: 'blue' },
  delivered: { label: '已送达', color: 'green' },
  dead: { label: '投递失败（已停止重试）', color: 'red' },
};

export function Deliveries({ subscription, onChanged }: { subscription: WebhookRow; onChanged: () => void }) {
  const { message } = App.useApp();
  const [state, setState] = useState<DeliveryQuery['state']>();
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const { data, loading, reload } = useRequest(
    () => webhookApi.deliveries(subscription.id, { state, page, pageSize }),
    [subscription.id, state, page, pageSize],
  );
  const retry = async (r: DeliveryRow) => {
    await webhookApi.retry(subscription.id, r.eventId);
    message.success('已重新排入投递');
    reload();
    onChanged();
  };
  const columns: ColumnsType<DeliveryRow> = [
    { title: '事件编号', dataIndex: 'eventId' },
    { title: '主题', dataIndex: 'topic' },
    { title: '区划', dataIndex: 'regionCode', render: (v: string | null) => v ?? '—' },
    { title: '发生时间', dataIndex: 'occurredAt', render: fmt },
    { title: '状态', dataIndex: 'state', render: (s: DeliveryRow['state']) => <Tag color={STATE[s].color}>{STATE[s].label}</Tag> },
    { title: '尝试次数', dataIndex: 'attempts' },
    { title: '下次尝试', dataIndex: 'nextAttemptAt', render: (v: string, r) => (r.state === 'pending' ? fmt(v) : '—') },
    {
      title: '最近结果',
      key: 'last',
      render: (_: unknown, r) => (r.lastStatus || r.lastError ? <Typography.Text type={r.state === 'delivered' ? undefined : 'danger'}>{r.lastError ?? `HTTP ${r.lastStatus}`}</Typography.Text> : '—'),
    },
    { title: '送达时间', dataIndex: 'deliveredAt', render: fmt },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, r) =>
        r.state === 'dead' ? (
          <Button type="link" onClick={() => void retry(r)}>
            重新投递
          </Button>
        ) : null,
    },
  ];
  return (
    <Card
      type="inner"
      title={`投递记录：${subscription.name}`}
      style={{ marginTop: 16 }}
      extra={
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 200 }}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={(Object.keys(STATE) as DeliveryRow['state'][]).map((k) => ({ value: k, label: STATE[k].label }))}
        />
      }
    >
      <Typography.Paragraph type="secondary">同一协议的较早事件未送达（含投递失败）时，其后的事件保持待投递，重新投递失败的事件后按顺序继续。</Typography.Paragraph>
      <Table<DeliveryRow>
        rowKey="eventId"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        locale={{ emptyText: '暂无投递记录' }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 条`)}
      />
    </Card>
  );
}
