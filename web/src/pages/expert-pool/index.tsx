/**
 * 专家库 (吉医保规〔2023〕1号 第十五条; 云医保〔2022〕6号 第十一条; decision 0028): the agency's expert pool —
 * filter, sort and page on the server; add (with a login whose temporary password is shown once), edit,
 * suspend / reactivate / retire; import from Excel with the result and the rejected rows.
 */
import { useEffect, useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import {
  expertPoolApi, expertStatusColor, expertStatusLabel, specialtyName, SPECIALTY_OPTIONS,
  type ExpertQuery, type ExpertStatus, type PoolExpert,
} from '../../api/expert-pool-endpoints';
import { useRequest } from '../../hooks/use-request';
import { useServerPagination } from '../../hooks/use-server-pagination';
import { ExpertDialog } from './components/expert-dialog';
import { StatusDialog } from './components/status-dialog';
import { ImportDialog } from './components/import-dialog';

type Filters = Pick<ExpertQuery, 'q' | 'status' | 'specialty'>;
type Sort = Pick<ExpertQuery, 'sort' | 'order'>;

export default function ExpertPoolPage() {
  const { modal } = App.useApp();
  const pools = useRequest(() => expertPoolApi.pools(), []);
  const [poolId, setPoolId] = useState<string>();
  useEffect(() => {
    if (!poolId && pools.data?.[0]) setPoolId(pools.data[0].id);
  }, [pools.data, poolId]);

  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<Sort>({ sort: 'name', order: 'asc' });
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const list = useRequest(
    () => (poolId ? expertPoolApi.list(poolId, { ...filters, ...sort, page, pageSize }) : null),
    [poolId, filters, sort, page, pageSize],
  );
  const [editing, setEditing] = useState<PoolExpert | 'new' | null>(null);
  const [statusOf, setStatusOf] = useState<{ expert: PoolExpert; to: ExpertStatus } | null>(null);
  const [importing, setImporting] = useState(false);

  const apply = (next: Filters = draft) => {
    setFilters({ ...next });
    setPage(1);
  };

  const onAdded = (username: string, password: string) => {
    modal.success({
      title: '已新增专家并开立登录账号',
      content: (
        <Space orientation="vertical">
          <Typography.Text>登录用户名：<Typography.Text code copyable>{username}</Typography.Text></Typography.Text>
          <Typography.Text>临时密码：<Typography.Text code copyable>{password}</Typography.Text></Typography.Text>
          <Typography.Text type="warning">临时密码仅在此显示一次，请当面或以安全方式告知专家本人。</Typography.Text>
        </Space>
      ),
    });
  };

  const columns: ColumnsType<PoolExpert> = [
    { title: '姓名', dataIndex: 'name', key: 'name', sorter: true, sortOrder: sort.sort === 'name' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null },
    { title: '身份证号', dataIndex: 'idNumberMasked', render: (v: string | null) => v ?? <Typography.Text type="warning">待补录</Typography.Text> },
    { title: '专业', dataIndex: 'specialties', render: (v: string[]) => v.map((s) => <Tag key={s}>{specialtyName(s)}</Tag>) },
    {
      title: '工作单位', dataIndex: 'employer',
      render: (v: string | null, r) => (v ? <Tooltip title={r.employerUscc ? `统一社会信用代码 ${r.employerUscc}` : undefined}>{v}</Tooltip> : <Typography.Text type="warning">待补录</Typography.Text>),
    },
    {
      title: '聘期', dataIndex: 'termTo', key: 'termTo', sorter: true, sortOrder: sort.sort === 'termTo' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (_: unknown, r) => `${r.termFrom} 至 ${r.termTo ?? '（待补录）'}`,
    },
    {
      title: '状态', dataIndex: 'status', key: 'status', sorter: true, sortOrder: sort.sort === 'status' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (v: ExpertStatus, r) => (
        <Space size={4}>
          <Tooltip title={r.statusReason ?? undefined}><Tag color={expertStatusColor[v]}>{expertStatusLabel[v]}</Tag></Tooltip>
          {v === 'active' && !r.drawable && <Tooltip title={r.notDrawableReason}><Tag color="red">不可抽取</Tag></Tooltip>}
        </Space>
      ),
    },
    { title: '登录账号', dataIndex: 'username' },
    {
      title: '操作', key: 'op',
      render: (_: unknown, r) => (
        <Space size={0} wrap>
          {r.status !== 'retired' && <Button type="link" size="small" onClick={() => setEditing(r)}>编辑</Button>}
          {r.status === 'active' && <Button type="link" size="small" onClick={() => setStatusOf({ expert: r, to: 'suspended' })}>暂停</Button>}
          {r.status === 'suspended' && <Button type="link" size="small" onClick={() => setStatusOf({ expert: r, to: 'active' })}>恢复</Button>}
          {r.status !== 'retired' && <Button type="link" size="small" danger onClick={() => setStatusOf({ expert: r, to: 'retired' })}>解聘</Button>}
        </Space>
      ),
    },
  ];

  const pool = pools.data?.find((p) => p.id === poolId);
  return (
    <Card
      title="评估专家库"
      extra={(
        <Space>
          {(pools.data?.length ?? 0) > 1 && (
            <Select style={{ width: 260 }} value={poolId} onChange={(v) => { setPoolId(v); setPage(1); }}
              options={pools.data!.map((p) => ({ value: p.id, label: p.name }))} />
          )}
          <Button icon={<UploadOutlined />} disabled={!poolId} onClick={() => setImporting(true)}>Excel 导入</Button>
          <Button type="primary" icon={<PlusOutlined />} disabled={!poolId} onClick={() => setEditing('new')}>新增专家</Button>
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">
        {pool ? `${pool.name}。` : ''}评估小组从本库随机抽取：只抽在聘且在聘期内的专家；专家工作单位与申请机构相同时不抽取（利益冲突回避）。依据：吉医保规〔2023〕1号 第十五条；云医保〔2022〕6号 第十一条。
      </Typography.Paragraph>
      {pools.data && pools.data.length === 0 && <Typography.Text type="secondary">本机构辖区内没有评估专家库。</Typography.Text>}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder="姓名、工作单位、用户名或单位信用代码" style={{ width: 300 }}
          value={draft.q ?? ''} onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value || undefined }))}
          onSearch={() => apply()} />
        <Select allowClear placeholder="状态" style={{ width: 120 }} value={draft.status}
          onChange={(v) => apply({ ...draft, status: v })}
          options={(['active', 'suspended', 'retired'] as const).map((s) => ({ value: s, label: expertStatusLabel[s] }))} />
        <Select allowClear placeholder="专业" style={{ width: 140 }} value={draft.specialty}
          onChange={(v) => apply({ ...draft, specialty: v })}
          options={SPECIALTY_OPTIONS.map((o) => ({ value: o.value, label: o.label }))} />
        <Button onClick={() => { setDraft({}); apply({}); }}>重置</Button>
      </Space>
      <Table<PoolExpert>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={pagination(list.data?.total ?? 0, (t) => `共 ${t} 名专家`)}
        onChange={(_p, _f, sorter) => {
          const s = sorter as SorterResult<PoolExpert>;
          const key = (s.columnKey ?? s.field) as Sort['sort'] | undefined;
          if (s.order && key) setSort({ sort: key, order: s.order === 'ascend' ? 'asc' : 'desc' });
          else setSort({ sort: 'name', order: 'asc' });
        }}
        locale={{ emptyText: '暂无专家' }}
      />
      {poolId && editing && (
        <ExpertDialog poolId={poolId} expert={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
          onSaved={(added) => { setEditing(null); list.reload(); if (added) onAdded(added.expert.username, added.temporaryPassword); }} />
      )}
      {poolId && statusOf && (
        <StatusDialog poolId={poolId} expert={statusOf.expert} to={statusOf.to} onClose={() => setStatusOf(null)}
          onSaved={() => { setStatusOf(null); list.reload(); }} />
      )}
      {poolId && importing && <ImportDialog poolId={poolId} onClose={() => { setImporting(false); list.reload(); }} />}
    </Card>
  );
}
