/**
 * The filings inbox: filings of the agencies of the territory at every level below (default) or at
 * the department's own level (同级), newest first; filter by kind and by acknowledged or not. A row
 * opens the read-only filing; receipt is acknowledged once per department, one at a time or for the
 * selected rows (批量确认收到); a filing left unacknowledged too long carries the server's marker.
 */
import { useState } from 'react';
import { App, Button, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { filingApi, type FilingKind, type FilingRow } from '../../../../api/pipeline-endpoints';
import { useRequest } from '../../../../hooks/use-request';
import { useEnums } from '../../../../meta/enums';
import { filingKindLabel, PIPELINE_ENUM } from '../../../../locale/pipeline';
import { StateTag } from '../../../applications/components/state-tag';
import { AcknowledgeButton, FilingDrawer } from './filing-drawer';
import { useServerPagination } from '../../../../hooks/use-server-pagination';
import { chinaDay, chinaTime } from '../../../../utils/china-date';

type Ack = 'all' | 'open' | 'done';

export function FilingsTable({ onUnread }: { onUnread?: (n: number) => void }) {
  const enums = useEnums();
  const { message, modal } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const [kind, setKind] = useState<FilingKind | undefined>();
  const [ack, setAck] = useState<Ack>('all');
  const [levels, setLevels] = useState<'same' | 'all'>('all');
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const [openId, setOpenId] = useState<string | null>(null);
  const acknowledged = ack === 'all' ? undefined : ack === 'done';
  const { data, loading, reload } = useRequest(
    async () => {
      const r = await filingApi.list({ kind, acknowledged, levels, page, pageSize });
      onUnread?.(r.unread);
      return r;
    },
    [kind, acknowledged, levels, page, pageSize],
  );
  const acknowledgeSelected = () =>
    modal.confirm({
      title: `确认收到选中的 ${selected.length} 件备案材料？`,
      content: '确认后逐件记入审计日志；同一部门只确认一次。',
      okText: '确认收到',
      cancelText: '取消',
      onOk: async () => {
        const r = await filingApi.acknowledgeMany(selected);
        message.success(`已确认收到 ${r.acknowledged.length} 件${r.already.length ? `（${r.already.length} 件此前已确认）` : ''}`);
        setSelected([]);
        reload();
      },
    });

  const columns: ColumnsType<FilingRow> = [
    {
      title: '类别',
      dataIndex: 'kind',
      render: (v: string) => <Tag color={v === 'signing_filing' ? 'purple' : 'geekblue'}>{filingKindLabel[v] ?? enums.label(PIPELINE_ENUM.documentKind, v)}</Tag>,
    },
    {
      title: '备案材料',
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setOpenId(r.id)}>{v || enums.label(PIPELINE_ENUM.documentKind, r.kind)}</Typography.Link>
          <Typography.Text type="secondary">{r.number}</Typography.Text>
        </Space>
      ),
    },
    { title: '医药机构', dataIndex: 'institutionName' },
    {
      title: '报送机构',
      dataIndex: 'issuerName',
      render: (v: string | null, r) => (
        <Space orientation="vertical" size={0}>
          <span>{v ?? '—'}</span>
          {r.issuerLevel && <Typography.Text type="secondary">{enums.label('orgLevel', r.issuerLevel)}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '申请状态',
      dataIndex: 'applicationState',
      render: (v: string) => <StateTag state={v} label={enums.label(PIPELINE_ENUM.state, v)} />,
    },
    { title: '收到时间', dataIndex: 'issuedAt', render: (v: string) => chinaTime(v) },
    {
      title: '确认收到',
      dataIndex: 'acknowledgedAt',
      render: (v: string | null, r) =>
        v ? (
          <Tag color="success">已确认 {chinaDay(v)}</Tag>
        ) : (
          <Space orientation="vertical" size={2}>
            <Tag color="warning">未确认</Tag>
            {r.overdueMarker && <Tag color="red">{r.overdueMarker}</Tag>}
          </Space>
        ),
    },
    {
      title: '操作',
      key: 'op',
      render: (_, r) => (
        <Space>
          <Button size="small" onClick={() => setOpenId(r.id)}>
            查看
          </Button>
          {!r.acknowledgedAt && <AcknowledgeButton filing={r} size="small" onDone={reload} />}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<FilingKind | undefined>
          allowClear
          placeholder="全部类别"
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={Object.entries(filingKindLabel).map(([value, label]) => ({ value: value as FilingKind, label }))}
          style={{ width: 140 }}
        />
        <Select<Ack>
          value={ack}
          onChange={(v) => {
            setAck(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部' },
            { value: 'open', label: '未确认收到' },
            { value: 'done', label: '已确认收到' },
          ]}
          style={{ width: 140 }}
        />
        <Radio.Group
          optionType="button"
          value={levels}
          onChange={(e) => {
            setLevels(e.target.value as 'same' | 'all');
            setPage(1);
          }}
          options={[
            { value: 'same', label: '同级经办机构报送' },
            { value: 'all', label: '含下级' },
          ]}
        />
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
        <Button type="primary" disabled={selected.length === 0} onClick={acknowledgeSelected}>
          批量确认收到{selected.length ? `（${selected.length}）` : ''}
        </Button>
      </Space>
      <Table<FilingRow>
        rowKey="id"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (r) => ({ disabled: !!r.acknowledgedAt, 'aria-label': `选择 ${r.number}` }),
        }}
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        locale={{ emptyText: '暂无备案' }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 件`)}
      />
      <FilingDrawer id={openId} onClose={() => setOpenId(null)} onAcknowledged={reload} />
    </>
  );
}
