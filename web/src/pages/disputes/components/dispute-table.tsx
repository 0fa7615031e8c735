/**
 * Disputes in the reader's territory (an institution: its own): state filter, search, sort and paging on
 * the server; a row opens the dispute in a drawer with its timeline, evidence and steps.
 */
import { useState } from 'react';
import { Button, Drawer, Input, Select, Space, Spin, Table, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { disputeApi, disputeStateColor, disputeStateOptions, type Dispute, type DisputeQuery } from '../../../api/dispute-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { DisputeDetail } from './dispute-detail';

export function DisputeTable({ refreshKey = 0, initialState, showInstitution = true }: { refreshKey?: number; initialState?: DisputeQuery['state']; showInstitution?: boolean }) {
  const [state, setState] = useState<DisputeQuery['state']>(initialState);
  const [search, setSearch] = useState<string | undefined>();
  const [sort, setSort] = useState<NonNullable<DisputeQuery['sort']>>('raised_desc');
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const [openId, setOpenId] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const { data, loading, reload } = useRequest(() => disputeApi.list({ state, search, sort, page, pageSize }), [state, search, sort, page, pageSize, refreshKey, tick]);
  const detail = useRequest(() => (openId ? disputeApi.get(openId) : null), [openId, tick]);

  const columns: ColumnsType<Dispute> = [
    ...(showInstitution ? [{ title: '医药机构', dataIndex: 'institutionName', render: (v: string, r: Dispute) => <a onClick={() => setOpenId(r.id)}>{v}</a> }] : []),
    { title: '协议编号', dataIndex: 'agreementNumber', render: (v: string, r) => (showInstitution ? v : <a onClick={() => setOpenId(r.id)}>{v}</a>) },
    { title: '争议事项', dataIndex: 'subjectLabel' },
    { title: '状态', dataIndex: 'state', render: (v: string, r) => <Tag color={disputeStateColor[v]}>{r.stateLabel}</Tag> },
    { title: '提出日期', dataIndex: 'raisedOn' },
    { title: '处理结果', dataIndex: 'outcomeLabel', render: (v: string | null) => v ?? '—' },
    { title: '操作', key: 'op', render: (_, r) => <a onClick={() => setOpenId(r.id)}>{r.allowedEvents.length > 0 ? '办理' : '查看'}</a> },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="全部状态" value={state} style={{ width: 180 }} onChange={(v) => { setState(v); setPage(1); }}
          options={disputeStateOptions.map((o) => ({ ...o }))} />
        <Input.Search allowClear placeholder="机构名称、协议编号或异议内容" style={{ width: 280 }} onSearch={(v) => { setSearch(v.trim() || undefined); setPage(1); }} />
        <Select value={sort} style={{ width: 160 }} onChange={(v) => { setSort(v); setPage(1); }}
          options={[{ value: 'raised_desc', label: '按提出时间（新→旧）' }, { value: 'raised_asc', label: '按提出时间（旧→新）' }, { value: 'updated_desc', label: '按最近办理' }]} />
        <Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>
      </Space>
      <Table<Dispute> rowKey="id" loading={loading} dataSource={data?.items ?? []} columns={columns} locale={{ emptyText: '暂无争议' }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 件`)} data-testid="dispute-table" />
      <Drawer open={!!openId} width={860} title="协议争议" onClose={() => setOpenId(null)} destroyOnHidden>
        {detail.data && detail.data.id === openId ? <DisputeDetail dispute={detail.data} onChanged={() => setTick((x) => x + 1)} /> : <Spin />}
      </Drawer>
    </>
  );
}
