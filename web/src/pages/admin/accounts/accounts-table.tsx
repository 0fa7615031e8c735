/**
 * Accounts the signed-in manager may manage — every account for the system administrator, its own
 * organisation's for an agency head or an institution's administrator — searched, filtered, sorted
 * and paged on the server, with the actions: new, edit, deactivate / reactivate, reset password, and
 * (institutions) the legal representative's link.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult, SortOrder } from 'antd/es/table/interface';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { accountApi, type AccountQuery, type AccountRow, type WithTemporaryPassword } from '../../../api/account-endpoints';
import type { Role } from '../../../api/types';
import { useRequest } from '../../../hooks/use-request';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { useEnums } from '../../../meta/enums';
import { useSession } from '../../../session/session';
import { ReasonModal } from '../components/reason-modal';
import { EditAccountModal, LegalRepresentativeModal, NewAccountModal, TemporaryPasswordModal } from './account-dialogs';
import { AccountExtraActions } from './extra-actions';
import { chinaDay } from '../../../utils/china-date';

type Sort = NonNullable<AccountQuery['sort']>;

export function AccountsTable({ institution = false }: { institution?: boolean }) {
  const enums = useEnums();
  const { user, access } = useSession();
  const { message, modal } = App.useApp();
  // 机构管理 links here with ?orgId=…&orgName=… (the system administrator: one organisation's accounts)
  const [params, setParams] = useSearchParams();
  const orgId = access.isSysadmin ? (params.get('orgId') ?? undefined) : undefined;
  const [q, setQ] = useState<string>();
  const [role, setRole] = useState<Role>();
  const [active, setActive] = useState<'true' | 'false'>();
  const [sort, setSort] = useState<{ sort: Sort; order: 'asc' | 'desc' }>({ sort: 'username', order: 'asc' });
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const { data, loading, reload } = useRequest(
    () => accountApi.list({ orgId, q, role, active, page, pageSize, ...sort }),
    [orgId, q, role, active, page, pageSize, sort],
  );
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ result: WithTemporaryPassword; title: string } | null>(null);
  const [editing, setEditing] = useState<AccountRow | null>(null);
  const [toggling, setToggling] = useState<AccountRow | null>(null);
  const [linking, setLinking] = useState<AccountRow | null>(null);

  const reset = (r: AccountRow) =>
    modal.confirm({
      title: `重置 ${r.displayName}（${r.username}）的密码？`,
      content: '将生成一次性临时密码；该账号已登录的会话立即结束，下次登录须设置新密码。',
      okText: '重置',
      onOk: async () => {
        const result = await accountApi.resetPassword(r.id, r.version);
        setShown({ result, title: '密码已重置' });
        reload();
      },
    });

  const sorted = (key: Sort): SortOrder => (sort.sort === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);
  const roleOptions = (institution ? ['institution_staff', 'institution_admin'] : Object.keys(enums.map('role'))).map((r) => ({ value: r as Role, label: enums.label('role', r) }));
  const columns: ColumnsType<AccountRow> = [
    { title: '用户名', dataIndex: 'username', key: 'username', sorter: true, sortOrder: sorted('username') },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName', sorter: true, sortOrder: sorted('displayName') },
    ...(access.isSysadmin ? [{ title: '所属机构', dataIndex: 'orgName', key: 'orgName', sorter: true, sortOrder: sorted('orgName') }] : []),
    { title: '角色', dataIndex: 'roles', render: (v: Role[]) => v.map((r) => <Tag key={r} color="blue">{enums.label('role', r)}</Tag>) },
    {
      title: '状态',
      render: (_v, r) => (
        <Space size={4} wrap>
          {r.active ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>}
          {!r.orgActive && <Tag color="default">机构已停用</Tag>}
          {r.mustChangePassword && <Tag color="warning">临时密码未修改</Tag>}
        </Space>
      ),
    },
    ...(institution ? [{ title: '关联法定代表人', dataIndex: 'personName', render: (v: string | null) => v ?? '—' }] : []),
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', sorter: true, sortOrder: sorted('createdAt'), render: (v: string) => chinaDay(v) },
    {
      title: '操作',
      render: (_v, r) => (
        <Space wrap>
          <Typography.Link onClick={() => setEditing(r)}>编辑</Typography.Link>
          {r.id !== user?.id && <Typography.Link onClick={() => setToggling(r)}>{r.active ? '停用' : '启用'}</Typography.Link>}
          {r.id !== user?.id && <Typography.Link onClick={() => reset(r)}>重置密码</Typography.Link>}
          {institution && <Typography.Link onClick={() => setLinking(r)}>关联法定代表人</Typography.Link>}
          <AccountExtraActions account={r} onChanged={reload} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {orgId && (
          <Tag closable color="processing" onClose={() => { setParams({}); setPage(1); }}>
            机构：{params.get('orgName') ?? orgId}
          </Tag>
        )}
        <Input.Search placeholder="用户名或姓名" allowClear onSearch={(v) => { setQ(v || undefined); setPage(1); }} style={{ width: 200 }} />
        <Select<Role> allowClear placeholder="全部角色" value={role} onChange={(v) => { setRole(v); setPage(1); }} options={roleOptions} style={{ width: 170 }} />
        <Select
          allowClear placeholder="全部状态" value={active} onChange={(v) => { setActive(v); setPage(1); }} style={{ width: 120 }}
          options={[{ value: 'true', label: '启用' }, { value: 'false', label: '已停用' }]}
        />
        <Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建账号</Button>
      </Space>
      <Table<AccountRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        onChange={(_p, _f, s) => {
          const one = (Array.isArray(s) ? s[0] : s) as SorterResult<AccountRow> | undefined;
          if (one?.columnKey && one.order) setSort({ sort: one.columnKey as Sort, order: one.order === 'ascend' ? 'asc' : 'desc' });
          else setSort({ sort: 'username', order: 'asc' });
        }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 个账号`)}
      />
      <NewAccountModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setShown({ result, title: '账号已创建' });
          reload();
        }}
      />
      <TemporaryPasswordModal result={shown?.result ?? null} title={shown?.title ?? ''} onClose={() => setShown(null)} />
      <EditAccountModal account={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />
      <LegalRepresentativeModal account={linking} onClose={() => setLinking(null)} onSaved={() => { setLinking(null); reload(); }} />
      <ReasonModal
        open={!!toggling}
        title={toggling?.active ? `停用账号 ${toggling?.username}` : `启用账号 ${toggling?.username ?? ''}`}
        description={toggling?.active ? '停用后该账号不能登录，已登录的会话立即结束；账号及其历史记录保留。' : '启用后该账号可重新登录。'}
        okText={toggling?.active ? '停用' : '启用'}
        onCancel={() => setToggling(null)}
        onOk={async (reason) => {
          if (!toggling) return;
          await accountApi.setActive(toggling.id, !toggling.active, { version: toggling.version, reason });
          message.success(toggling.active ? '账号已停用' : '账号已启用');
          setToggling(null);
          reload();
        }}
      />
    </>
  );
}
