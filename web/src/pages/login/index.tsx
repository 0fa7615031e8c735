/** 登录: username + password; below it the demo accounts if the server offers them. */
import { lazy, Suspense, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Collapse, Form, Input, Spin, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { authApi } from '../../api/endpoints';
import { describeError } from '../../api/error-display';
import { useRequest } from '../../hooks/use-request';
import { useSession } from '../../session/session';
import { useEnums } from '../../meta/enums';
import { SsoLogin } from './sso-login';

// the table (antd Table is the largest component) loads only when the panel is opened
const DemoUserTable = lazy(() => import('./demo-user-table'));

interface LoginForm {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login. */
function safeRedirect(raw: string | null): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/login') ? raw : '/';
}

export default function LoginPage() {
  const { user, loading, login } = useSession();
  const enums = useEnums();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const demo = useRequest(() => authApi.demoUsers(), []);
  const demoUsers = demo.data ?? [];
  const target = safeRedirect(params.get('redirect'));

  if (!loading && user) return <Navigate to={target} replace />;

  const submit = async (v: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
      navigate(target, { replace: true });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', background: '#f0f2f5', display: 'flex', justifyContent: 'center', paddingTop: '8vh' }}>
      <div style={{ width: 560, maxWidth: '94vw' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          定点 · 医疗保障定点医药机构协议管理
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          医药机构定点申请、评估、协议签订与履约管理
        </Typography.Paragraph>
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          <Link to="/public/conditions">公开信息（无需登录）：申请条件与材料、评估标准、公示与投诉举报、定点机构名录</Link>
        </Typography.Paragraph>
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          尚未登记的医药机构：<Link to="/public/register">医药机构注册</Link>
        </Typography.Paragraph>
        <Card>
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form>
          <SsoLogin target={target} errorCode={params.get('sso_error')} />
        </Card>
        {demoUsers.length > 0 && (
          <Collapse
            style={{ marginTop: 16, background: '#fff' }}
            items={[
              {
                key: 'demo',
                label: `演示账号（${demoUsers.length} 个，点击一行填入用户名）`,
                children: (
                  <Suspense fallback={<Spin />}>
                    <DemoUserTable users={demoUsers} roleLabel={(r) => enums.label('role', r)} onPick={(username) => form.setFieldsValue({ username })} />
                  </Suspense>
                ),
              },
            ]}
          />
        )}
      </div>
    </div>
  );
}
