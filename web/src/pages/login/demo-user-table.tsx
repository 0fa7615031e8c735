/** The demo accounts under the login form: a click on a row fills in the user name. */
import { Table, Tag, Typography } from 'antd';
import type { DemoUser } from '../../api/types';

export default function DemoUserTable({ users, roleLabel, onPick }: { users: DemoUser[]; roleLabel: (role: string) => string; onPick: (username: string) => void }) {
  return (
    <Table<DemoUser>
      size="small"
      rowKey="username"
      pagination={false}
      dataSource={users}
      onRow={(r) => ({
        onClick: () => onPick(r.username),
        style: { cursor: 'pointer' },
      })}
      columns={[
        { title: '用户名', dataIndex: 'username', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: '姓名', dataIndex: 'displayName' },
        { title: '单位', dataIndex: 'orgName' },
        {
          title: '角色',
          dataIndex: 'roles',
          render: (roles: DemoUser['roles']) => (roles ?? []).map((r) => <Tag key={r}>{roleLabel(r)}</Tag>),
        },
        { title: '说明', dataIndex: 'note' },
      ]}
    />
  );
}
