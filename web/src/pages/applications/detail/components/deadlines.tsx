/** 办理时限: every deadline with its due date, 工作日 remaining and the article that sets it; overdue in red. */
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ApplicationDeadline } from '../../../../api/pipeline-types';
import { deadlineStateLabel } from '../../../../locale/pipeline';
import { deadlineUnitLabel } from '../../../../locale/zh-CN';

const BASIS_UNIT: Record<string, string> = { workday: 'workday', natural_day: 'natural_day', month: 'month' };

export function Deadlines({ rows }: { rows: ApplicationDeadline[] }) {
  const columns: ColumnsType<ApplicationDeadline> = [
    { title: '时限', dataIndex: 'label', minWidth: 140 },
    { title: '期限', key: 'n', minWidth: 90, render: (_, r) => `${r.n} ${deadlineUnitLabel[BASIS_UNIT[r.basis] ?? r.basis] ?? r.basis}` },
    { title: '起算日', dataIndex: 'startsOn', minWidth: 110, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
    {
      title: '截止日',
      dataIndex: 'dueOn',
      minWidth: 120,
      render: (v: string, r) => (
        <>
          <Typography.Text type={r.overdue ? 'danger' : undefined} strong={r.state === 'open'} style={{ whiteSpace: 'nowrap' }}>
            {v}
          </Typography.Text>
          {r.provisional && <Tag style={{ marginInlineStart: 6 }}>暂定（日历未发布）</Tag>}
        </>
      ),
    },
    {
      title: '状态',
      key: 'state',
      minWidth: 130,
      render: (_, r) => {
        if (r.state === 'open' && r.pausedSince) return <Tag color="default">暂停计时（自 {r.pausedSince}）</Tag>;
        if (r.state === 'open' && r.overdue) return <Tag color="red">已逾期</Tag>;
        if (r.state === 'open') {
          return <Tag color="processing">{r.remainingWorkdays != null ? `剩余 ${r.remainingWorkdays} 个工作日` : '进行中'}</Tag>;
        }
        return <Tag>{deadlineStateLabel[r.state] ?? r.state}</Tag>;
      },
    },
    { title: '依据', dataIndex: 'cites', render: (v: string[]) => v.join('；') || '—' },
  ];
  return (
    <Table<ApplicationDeadline>
      rowKey="id"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      onRow={(r) => (r.state === 'open' && r.overdue ? { style: { background: '#fff1f0' } } : {})}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '提交申请后开始计算办理时限' }}
    />
  );
}
