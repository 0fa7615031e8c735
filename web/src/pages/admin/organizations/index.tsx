/**
 * 系统管理 → 机构管理 (issue #9): agencies, administrative departments, expert pools and third-party
 * assessors at province / prefecture / county level, each bound to a region of its level. Filtered,
 * sorted and paged on the server; an organisation is deactivated, never deleted.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult, SortOrder } from 'antd/es/table/interface';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { organizationAdminApi, type OrganizationQuery, type OrganizationRow } from '../../../api/account-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { useEnums } from '../../../meta/enums';
import { catching } from '../../../utils/catching';
import { RegionCascader } from '../components/region-cascader';
import { ReasonModal } from '../components/reason-modal';
import { chinaDay } from '../../../utils/china-date';

const MANAGED_KINDS = ['agency', 'admin_dept', 'expert_pool', 'third_party_assessor'] as const;
const LEVELS = { province: '省级', prefecture: '地市级', county: '县区级' } as const;
type Level = keyof typeof LEVELS;
type Sort = NonNullable<OrganizationQuery['sort']>;

interface FormValues {
  kind: (typeof MANAGED_KINDS)[number];
  name: string;
}

export default function OrganizationsPage() {
  const enums = useEnums();
  const { message } = App.useApp();
  const [kind, setKind] = useState<string>();
  const [active, setActive] = useState<'true' | 'false'>();
  const [q, setQ] = useState<string>();
  const [region, setRegion] = useState<string>();
  const [sort, setSort] = useState<{ sort: Sort; order: 'asc' | 'desc' }>({ sort: 'regionCode', order: 'asc' });
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const { data, loading, reload } = useRequest(
    () => organizationAdminApi.list({ kind, active, q, region, page, pageSize, ...sort }),
    [kind, active, q, region, page, pageSize, sort],
  );
  const [editing, setEditing] = useState<OrganizationRow | 'new' | null>(null);
  const [toggling, setToggling] = useState<OrganizationRow | null>(null);
  const [picked, setPicked] = useState<{ code: string; level: Level }>();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);

  const openEditor = (row: OrganizationRow | 'new') => {
    setPicked(undefined);
    setEditing(row);
  };

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (editing === 'new') {
        if (!picked) {
          message.error('请选择所属行政区划');
          return;
        }
        await organizationAdminApi.create({ kind: v.kind, name: v.name, level: picked.level, regionCode: picked.code });
        message.success('机构已新增');
      } else if (editing) {
        await organizationAdminApi.update(editing.id, { version: editing.version, name: v.name, ...(picked ? { level: picked.level, regionCode: picked.code } : {}) });
        message.success('机构信息已保存');
      }
      setEditing(null);
      reload();
    } finally {
      setSaving(false);
    }
  };

  const sorted = (key: Sort): SortOrder => (sort.sort === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);
  const columns: ColumnsType<OrganizationRow> = [
    { title: '机构名称', dataIndex: 'name', key: 'name', sorter: true, sortOrder: sorted('name') },
    { title: '类型', dataIndex: 'kind', render: (v: string) => enums.label('orgKind', v) },
    { title: '层级', dataIndex: 'level', key: 'level', sorter: true, sortOrder: sorted('level'), render: (v: string) => enums.label('orgLevel', v) },
    {
      title: '所属区划', dataIndex: 'regionCode', key: 'regionCode', sorter: true, sortOrder: sorted('regionCode'),
      render: (v: string | null, r) => (v ? `${r.regionName ?? ''}（${v}）` : '—'),
    },
    {
      title: '账号数', dataIndex: 'userCount', key: 'userCount', sorter: true, sortOrder: sorted('userCount'), align: 'right',
      render: (v: number, r) => <Link to={`/admin/accounts?orgId=${encodeURIComponent(r.id)}&orgName=${encodeURIComponent(r.name)}`}>{v}</Link>,
    },
    { title: '状态', dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>) },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', sorter: true, sortOrder: sorted('createdAt'), render: (v: string) => chinaDay(v) },
    {
      title: '操作',
      render: (_v, r) =>
        (MANAGED_KINDS as readonly string[]).includes(r.kind) ? (
          <Space>
            <Typography.Link onClick={() => openEditor(r)}>编辑</Typography.Link>
            <Typography.Link onClick={() => setToggling(r)}>{r.active ? '停用' : '启用'}</Typography.Link>
          </Space>
        ) : (
          <Typography.Text type="secondary">{r.kind === 'institution' ? '随机构名录维护' : '—'}</Typography.Text>
        ),
    },
  ];

  return (
    <Card
      title="机构（组织）管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor('new')}>
          新增机构
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="机构名称" allowClear onSearch={(v) => { setQ(v || undefined); setPage(1); }} style={{ width: 220 }} />
        <Select allowClear placeholder="全部类型" value={kind} onChange={(v) => { setKind(v); setPage(1); }} options={enums.options('orgKind')} style={{ width: 160 }} />
        <Select
          allowClear placeholder="全部状态" value={active} onChange={(v) => { setActive(v); setPage(1); }} style={{ width: 120 }}
          options={[{ value: 'true', label: '启用' }, { value: 'false', label: '已停用' }]}
        />
        <RegionCascader width={240} placeholder="区划（含下级）" onChange={(r) => { setRegion(r ? r.code.replace(/0{2,4}$/, '') : undefined); setPage(1); }} />
        <Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>
      </Space>
      <Table<OrganizationRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        onChange={(_p, _f, s) => {
          const one = (Array.isArray(s) ? s[0] : s) as SorterResult<OrganizationRow> | undefined;
          if (one?.columnKey && one.order) setSort({ sort: one.columnKey as Sort, order: one.order === 'ascend' ? 'asc' : 'desc' });
          else setSort({ sort: 'regionCode', order: 'asc' });
        }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 个机构`)}
      />
      <Modal
        title={editing === 'new' ? '新增机构' : '编辑机构'}
        open={!!editing}
        onOk={catching(save)}
        confirmLoading={saving}
        onCancel={() => setEditing(null)}
        okText="保存"
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={editing && editing !== 'new' ? { kind: editing.kind as FormValues['kind'], name: editing.name } : { kind: 'agency', name: '' }}
        >
          <Form.Item name="kind" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
            <Select disabled={editing !== 'new'} options={MANAGED_KINDS.map((k) => ({ value: k, label: enums.label('orgKind', k) }))} />
          </Form.Item>
          <Form.Item name="name" label="机构名称" rules={[{ required: true, whitespace: true, message: '请输入机构名称' }, { max: 100, message: '机构名称不能超过100个字符' }]}>
            <Input placeholder="如：曲靖市医疗保障经办中心" />
          </Form.Item>
          <Form.Item
            label="所属行政区划"
            required={editing === 'new'}
            extra={
              picked
                ? `层级：${LEVELS[picked.level]}（随所选区划确定）`
                : editing && editing !== 'new'
                  ? `当前：${editing.regionName ?? ''}（${editing.regionCode ?? '—'}），${enums.label('orgLevel', editing.level)}；不改可留空`
                  : '选择省、市或县，机构层级随之确定'
            }
          >
            <RegionCascader onChange={(r) => setPicked(r)} />
          </Form.Item>
        </Form>
      </Modal>
      <ReasonModal
        open={!!toggling}
        title={toggling?.active ? `停用 ${toggling?.name}` : `启用 ${toggling?.name ?? ''}`}
        description={toggling?.active ? '停用后，本机构的账号不能登录，已登录的会话立即结束；机构及其历史记录保留，可随时重新启用。' : '启用后，本机构的有效账号可重新登录。'}
        okText={toggling?.active ? '停用' : '启用'}
        onCancel={() => setToggling(null)}
        onOk={async (reason) => {
          if (!toggling) return;
          await organizationAdminApi.setActive(toggling.id, !toggling.active, { version: toggling.version, reason });
          message.success(toggling.active ? '机构已停用' : '机构已启用');
          setToggling(null);
          reload();
        }}
      />
    </Card>
  );
}
