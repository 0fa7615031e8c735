/** Change requests in the reader's territory (an institution: its own): filters, sort and paging on the server; a row opens the detail. */
import { useState } from 'react';
import { Button, Drawer, Select, Space, Spin, Table, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { changeRequestApi, changeStateColor, type ChangeRequest, type ChangeRequestQuery, type ChangeRequestRow } from '../../../api/change-request-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { ChangeDetail } from './change-detail';

const STATES: Record<string, string> = {
  draft: '草稿', submitted: '已提交（待办理）', forwarded: '已报市经办机构', approved: '已变更', returned: '已退回', rejected: '不予变更', notified: '已书面告知（待变更）', applied: '已变更（一般信息）',
};

export function ChangeTable({ refreshKey = 0 }: { refreshKey?: number }) {
  const [state, setState] = useState<ChangeRequestQuery['state']>();
  const [late, setLate] = useState<'true' | 'false' | undefined>();
  const [sort, setSort] = useState<ChangeRequestQuery['sort']>('handlingDue');
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, loading, reload } = useRequest(() => changeRequestApi.list({ state, late, sort, order: 'asc', page, pageSize }), [state, late, sort, page, pageSize, refreshKey]);
  const detail = useRequest(() => (openId ? changeRequestApi.get(openId) : null), [openId]);
  const [fresh, setFresh] = useState<ChangeRequest | null>(null);
  const shown = fresh && fresh.id === openId ? fresh : detail.data && detail.data.id === openId ? detail.data : undefined;

  const columns: ColumnsType<ChangeRequestRow> = [
    { title: '机构', dataIndex: 'institutionName', render: (v: string, r) => <a onClick={() => setOpenId(r.id)}>{v}</a> },
    { title: '类型', dataIndex: 'kindLabel' },
    { title: '变更事项', dataIndex: 'fieldLabels', render: (v: string[]) => v.join('、') },
    { title: '状态', dataIndex: 'state', render: (v: string, r) => <Tag color={changeStateColor[v]}>{r.stateLabel}</Tag> },
    { title: '逾期', dataIndex: 'late', render: (v: boolean) => (v ? <Tag color="orange">逾期申请</Tag> : '—') },
    { title: '提交日期', dataIndex: 'submittedOn', render: (v: string | null) => v ?? '—' },
    { title: '办理时限', dataIndex: 'handlingDue', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="全部状态" value={state} style={{ width: 180 }} onChange={(v) => { setState(v); setPage(1); }}
          options={Object.entries(STATES).map(([value, label]) => ({ value: value as NonNullable<ChangeRequestQuery['state']>, label }))} />
        <Select allowClear placeholder="是否逾期" value={late} style={{ width: 120 }} onChange={(v) => { setLate(v); setPage(1); }}
          options={[{ value: 'true', label: '逾期申请' }, { value: 'false', label: '按期申请' }]} />
        <Select value={sort} style={{ width: 160 }} onChange={setSort}
          options={[{ value: 'handlingDue', label: '按办理时限' }, { value: 'submittedOn', label: '按提交日期' }, { value: 'createdAt', label: '按创建时间' }]} />
        <Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>
      </Space>
      <Table<ChangeRequestRow> rowKey="id" loading={loading} dataSource={data?.items ?? []} columns={columns} locale={{ emptyText: '暂无变更申请' }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 件`)} />
      <Drawer open={!!openId} width={860} title="变更申请" onClose={() => setOpenId(null)} destroyOnHidden>
        {shown ? <ChangeDetail request={shown} onChanged={(r) => { setFresh(r); reload(); }} /> : <Spin />}
      </Drawer>
    </>
  );
}
