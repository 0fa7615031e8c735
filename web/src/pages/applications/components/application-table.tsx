/**
 * The applications table shared by 我的申请 and 定点工作台: the server sorts by the nearest open
 * deadline; an overdue one is shown in red with the article that sets it. Filter by state.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { applicationApi } from '../../../api/pipeline-endpoints';
import type { QueueItem } from '../../../api/pipeline-types';
import { useRequest } from '../../../hooks/use-request';
import { useEnums } from '../../../meta/enums';
import { PIPELINE_ENUM } from '../../../locale/pipeline';
import { StateTag } from './state-tag';
import { useServerPagination } from '../../../hooks/use-server-pagination';

export function ApplicationTable({ showInstitution }: { showInstitution: boolean }) {
  const enums = useEnums();
  const [states, setStates] = useState<string[]>([]);
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const { data, loading, reload } = useRequest(() => applicationApi.queue({ state: states, page, pageSize }), [states, page, pageSize]);

  const columns: ColumnsType<QueueItem> = [
    ...(showInstitution
      ? [{ title: '申请机构', dataIndex: 'institutionName', render: (v: string, r: QueueItem) => <Link to={`/applications/${r.id}`}>{v}</Link> }]
      : []),
    { title: '机构类别', dataIndex: 'kind', render: (v: string) => enums.label('institutionKind', v) },
    { title: '状态', dataIndex: 'state', render: (v: string, r) => <StateTag state={v} label={r.stateLabel} /> },
    {
      title: '最近时限',
      key: 'next',
      minWidth: 220,
      render: (_, r) =>
        r.next ? (
          <Space orientation="vertical" size={0}>
            <span>
              {r.next.label}
              {r.next.overdue && (
                <Tag color="red" style={{ marginInlineStart: 6 }}>
                  已逾期
                </Tag>
              )}
            </span>
            <Tooltip title={r.next.cites.join('；')}>
              <Typography.Text type={r.next.overdue ? 'danger' : 'secondary'}>
                {r.next.due} 前（依据：{r.next.cites[0] ?? '—'}）
              </Typography.Text>
            </Tooltip>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: '提交时间', dataIndex: 'submittedAt', render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '未提交') },
    { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    { title: '操作', key: 'op', render: (_, r) => <Link to={`/applications/${r.id}`}>办理 / 查看</Link> },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          mode="multiple"
          allowClear
          placeholder="按状态筛选"
          value={states}
          onChange={(v) => {
            setStates(v);
            setPage(1);
          }}
          options={enums.options(PIPELINE_ENUM.state)}
          style={{ minWidth: 320 }}
          maxTagCount="responsive"
        />
        <Button onClick={reload}>刷新</Button>
      </Space>
      <Table<QueueItem>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        rowClassName={(r) => (r.next?.overdue ? 'dd-row-overdue' : '')}
        onRow={(r) => (r.next?.overdue ? { style: { background: '#fff1f0' } } : {})}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 件`)}
      />
    </>
  );
}
