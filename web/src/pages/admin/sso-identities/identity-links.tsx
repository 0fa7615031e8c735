/**
 * 统一身份认证账号关联 — self-contained: the platform identities linked to accounts (one account's,
 * when `account` is given, e.g. on an account's detail page), a form to link one and a button to
 * unlink. SSO never creates an account nor grants a role (decision 0026).
 */
import { useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { LinkOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { ssoApi, type IdentityRow } from '../../../api/sso-endpoints';
import { describeError } from '../../../api/error-display';
import { useRequest } from '../../../hooks/use-request';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { chinaTime } from '../../../utils/china-date';

interface LinkForm {
  username: string;
  subject: string;
}

export function IdentityLinks({ account }: { account?: { id: string; username: string } }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkForm>();
  const [q, setQ] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const config = useRequest(() => ssoApi.config(), []);
  const { data, loading, reload } = useRequest(
    () => ssoApi.identities({ userId: account?.id, q, page, pageSize }),
    [account?.id, q, page, pageSize],
  );

  const link = async (v: LinkForm) => {
    setSaving(true);
    setError(null);
    try {
      await ssoApi.link(account ? { userId: account.id, subject: v.subject.trim() } : { username: v.username.trim(), subject: v.subject.trim() }, { quiet: true });
      message.success('已关联');
      form.resetFields();
      reload();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSaving(false);
    }
  };

  const unlink = async (row: IdentityRow) => {
    await ssoApi.unlink(row.id);
    message.success('已解除关联，该账号的会话已结束');
    reload();
  };

  const columns: ColumnsType<IdentityRow> = [
    ...(account
      ? []
      : [
          {
            title: '本系统账号',
            dataIndex: 'username',
            render: (v: string, r: IdentityRow) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {r.displayName}（{v}）{!r.active && <Tag color="default">已停用</Tag>}
                </span>
                <Typography.Text type="secondary">{r.orgName}</Typography.Text>
              </Space>
            ),
          },
        ]),
    { title: '统一身份认证标识', dataIndex: 'subject', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
    { title: '认证平台', dataIndex: 'issuer', ellipsis: true },
    { title: '关联时间', dataIndex: 'linkedAt', render: (v: string) => chinaTime(v) },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, r: IdentityRow) => (
        <Popconfirm title="解除关联后，该统一身份认证账号不能再登录本账号，且该账号当前的会话随即结束。确定解除？" onConfirm={() => unlink(r)}>
          <Button type="link" danger>
            解除关联
          </Button>
        </Popconfirm>
      ),
    },
  ];

  const enabled = config.data?.enabled;
  return (
    <>
      {config.data && !enabled && (
        <Typography.Paragraph type="warning">本系统未启用统一身份认证（未设置 OIDC_ISSUER），暂不能关联。</Typography.Paragraph>
      )}
      <Form form={form} layout="inline" onFinish={(v) => void link(v)} style={{ marginBottom: 16, rowGap: 8 }} disabled={enabled === false}>
        {!account && (
          <Form.Item name="username" label="本系统用户名" rules={[{ required: true, whitespace: true, message: '请输入本系统用户名' }]}>
            <Input style={{ width: 180 }} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="subject"
          label="统一身份认证标识"
          tooltip="统一身份认证平台给该人员的唯一标识（平台的 sub 或配置的声明），可在其登录被拒后的审计日志中查到"
          rules={[{ required: true, whitespace: true, message: '请输入统一身份认证标识' }, { max: 255, message: '不能超过255个字符' }]}
        >
          <Input style={{ width: 260 }} autoComplete="off" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<LinkOutlined />} loading={saving}>
            关联
          </Button>
        </Form.Item>
      </Form>
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      {!account && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder="用户名、姓名或统一身份认证标识"
            onSearch={(v) => {
              setQ(v.trim() || undefined);
              setPage(1);
            }}
            style={{ width: 300 }}
          />
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </Space>
      )}
      <Table<IdentityRow>
        rowKey="id"
        size={account ? 'small' : 'middle'}
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        locale={{ emptyText: '暂无关联' }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 条`)}
      />
    </>
  );
}
