/**
 * 注册审核 — the agency's queue of institution self-registrations in its territory (decision 0027):
 * filtered by status, region, kind and name, sorted and paged by the server; a row opens the
 * registration with its licences, to verify (the institution enters the registry, the account is
 * activated) or return with a reason.
 */
import { useEffect, useState } from 'react';
import { App, Button, Card, Cascader, Checkbox, Descriptions, Drawer, Form, Input, Modal, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { CascaderProps } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { ReloadOutlined } from '@ant-design/icons';
import {
  registrationApi, registrationStatusColor, registrationStatusLabel, type Registration, type RegistrationRow, type RegistrationStatus,
} from '../../../api/registration-endpoints';
import { metaApi } from '../../../api/endpoints';
import { useRequest } from '../../../hooks/use-request';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { useEnums } from '../../../meta/enums';
import { chinaTime } from '../../../utils/china-date';

type Sort = 'submittedAt' | 'name' | 'status';

interface RegionOption { value: string; label: string; isLeaf?: boolean; children?: RegionOption[] }

function RegionFilter({ onChange }: { onChange: (code: string | undefined) => void }) {
  const [options, setOptions] = useState<RegionOption[]>([]);
  const toOption = (r: { code: string; name: string; hasChildren?: boolean }): RegionOption => ({ value: r.code, label: r.name, isLeaf: r.hasChildren === false });
  useRequest(async () => {
    const top = await metaApi.regions();
    setOptions(top.map(toOption));
    return top;
  }, []);
  const loadData: CascaderProps<RegionOption>['loadData'] = async (path) => {
    const target = path[path.length - 1]!;
    try {
      const children = await metaApi.regions(target.value);
      target.children = children.map(toOption);
      if (!children.length) target.isLeaf = true;
    } catch {
      target.isLeaf = true;
    }
    setOptions((o) => [...o]);
  };
  return (
    <Cascader<RegionOption> aria-label="地区" placeholder="地区" options={options} loadData={loadData} changeOnSelect allowClear style={{ width: 220 }}
      onChange={(v) => onChange(v && v.length ? String(v[v.length - 1]) : undefined)} />
  );
}

function Detail({ reg, onChanged }: { reg: Registration; onChanged: (r: Registration) => void }) {
  const { message } = App.useApp();
  const [returning, setReturning] = useState<'return' | 'reject' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const verify = () =>
    Modal.confirm({
      title: '核实注册',
      content: `核实后，「${reg.name}」登记入库，注册账号开通为本机构的管理员和经办人。`,
      okText: '核实',
      onOk: async () => {
        const r = await registrationApi.verify(reg.id, reg.version);
        message.success('已核实：机构已登记入库，账号已开通');
        onChanged(r);
      },
    });
  const doReturn = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      const r = returning === 'reject' ? await registrationApi.reject(reg.id, reg.version, reason) : await registrationApi.return(reg.id, reg.version, reason);
      message.success(returning === 'reject' ? '已不予登记，注册账号已停用' : '已退回');
      setReturning(null);
      onChanged(r);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="状态"><Tag color={registrationStatusColor[reg.status]}>{registrationStatusLabel[reg.status]}</Tag></Descriptions.Item>
        <Descriptions.Item label="机构名称">{reg.name}</Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{reg.uscc}</Descriptions.Item>
        <Descriptions.Item label="类别 / 类型">{reg.kindLabel} · {reg.subtypeLabel} · {reg.ownershipLabel}</Descriptions.Item>
        <Descriptions.Item label="所在区县">{reg.regionName ?? reg.regionCode}</Descriptions.Item>
        <Descriptions.Item label="地址">{reg.address}</Descriptions.Item>
        <Descriptions.Item label="法定代表人">{reg.legalRepName}（{reg.legalRepIdNumber}）</Descriptions.Item>
        <Descriptions.Item label="联系人">{reg.contactName} {reg.contactPhone}</Descriptions.Item>
        <Descriptions.Item label="受理经办机构">{reg.agencyName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="提交时间">{chinaTime(reg.submittedAt)}</Descriptions.Item>
        {reg.returnReason && <Descriptions.Item label={reg.status === 'rejected' ? '不予登记理由' : '退回理由'}>{reg.returnReason}</Descriptions.Item>}
        <Descriptions.Item label="证照">
          <Space orientation="vertical">
            {reg.files.map((f) => (
              <a key={f.id} href={registrationApi.fileUrl(reg.id, f.id)} target="_blank" rel="noreferrer">{f.kindLabel}：{f.fileName}</a>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {(reg.status === 'pending' || reg.status === 'returned') && (
        <Space>
          {reg.status === 'pending' && <Button type="primary" onClick={verify}>核实通过</Button>}
          {reg.status === 'pending' && <Button onClick={() => setReturning('return')}>退回修改</Button>}
          <Button danger onClick={() => setReturning('reject')}>不予登记</Button>
        </Space>
      )}
      <Modal
        open={!!returning}
        title={returning === 'reject' ? '不予登记（释放该统一社会信用代码，停用注册账号）' : '退回注册（申请人修改后重新提交）'}
        okText={returning === 'reject' ? '不予登记' : '退回'}
        okButtonProps={{ danger: true, loading: busy }}
        onOk={() => void doReturn()}
        onCancel={() => setReturning(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={returning === 'reject' ? '不予登记理由' : '退回理由'} rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

export default function RegistrationQueuePage() {
  const enums = useEnums();
  const [status, setStatus] = useState<RegistrationStatus | undefined>('pending');
  const [kind, setKind] = useState<string | undefined>();
  const [region, setRegion] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [mine, setMine] = useState(false);
  const [sort, setSort] = useState<{ sort: Sort; order: 'asc' | 'desc' }>({ sort: 'submittedAt', order: 'asc' });
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, loading, reload } = useRequest(
    () => registrationApi.list({ status, kind: kind as never, region, q, mine: mine ? '1' : undefined, ...sort, page, pageSize }),
    [status, kind, region, q, mine, sort, page, pageSize],
  );
  const detail = useRequest(() => (openId ? registrationApi.get(openId) : null), [openId]);
  const [fresh, setFresh] = useState<Registration | null>(null);
  const shown = fresh && fresh.id === openId ? fresh : detail.data && detail.data.id === openId ? detail.data : undefined;
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  // Escape closes the drawer wherever the focus is (after the confirm dialog the focus is outside the
  // drawer, where its own key handler does not hear it); an open dialog takes its Escape first
  useEffect(() => {
    if (!openId) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) setOpenId(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [openId]);
  const sortOrder = (key: Sort) => (sort.sort === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);

  const columns: ColumnsType<RegistrationRow> = [
    {
      title: '机构', dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name'),
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setOpenId(r.id)}>{v}</Typography.Link>
          <Typography.Text type="secondary">{r.uscc}</Typography.Text>
        </Space>
      ),
    },
    { title: '类别', dataIndex: 'kindLabel', render: (v: string, r) => `${v} · ${r.subtypeLabel}` },
    { title: '所在区县', dataIndex: 'regionName', render: (v: string | null, r) => v ?? r.regionCode },
    { title: '受理经办机构', dataIndex: 'agencyName', render: (v: string | null) => v ?? '—' },
    { title: '状态', dataIndex: 'status', key: 'status', sorter: true, sortOrder: sortOrder('status'), render: (v: RegistrationStatus) => <Tag color={registrationStatusColor[v]}>{registrationStatusLabel[v]}</Tag> },
    { title: '提交时间', dataIndex: 'submittedAt', key: 'submittedAt', sorter: true, sortOrder: sortOrder('submittedAt'), render: (v: string) => chinaTime(v) },
  ];

  return (
    <Card title="注册审核">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<RegistrationStatus | undefined> allowClear placeholder="全部状态" value={status} onChange={reset(setStatus)} style={{ width: 140 }}
          options={Object.entries(registrationStatusLabel).map(([value, label]) => ({ value: value as RegistrationStatus, label }))} />
        <Select allowClear placeholder="机构类别" value={kind} onChange={reset(setKind)} style={{ width: 200 }} options={enums.options('institutionKind')} />
        <RegionFilter onChange={reset(setRegion)} />
        <Input.Search allowClear placeholder="机构名称或统一社会信用代码" onSearch={(v) => reset(setQ)(v.trim() || undefined)} style={{ width: 260 }} />
        <Checkbox checked={mine} onChange={(e) => reset(setMine)(e.target.checked)}>只看本机构受理</Checkbox>
        <Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>
      </Space>
      <Table<RegistrationRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        locale={{ emptyText: '暂无注册' }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 件`)}
        onChange={(_p, _f, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<RegistrationRow> | undefined;
          if (!s?.order || !s.columnKey) setSort({ sort: 'submittedAt', order: 'asc' });
          else setSort({ sort: s.columnKey as Sort, order: s.order === 'ascend' ? 'asc' : 'desc' });
        }}
      />
      <Drawer open={!!openId} size={720} title="医药机构注册" onClose={() => setOpenId(null)} destroyOnHidden>
        {/* once verified, returned or refused the registration has left the officer's hands: back to the list */}
        {shown ? <Detail reg={shown} onChanged={(r) => { setFresh(r); reload(); setOpenId(null); }} /> : <Spin />}
      </Drawer>
    </Card>
  );
}
