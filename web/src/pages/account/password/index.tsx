/**
 * 修改密码: every user changes their own password (the current one required); after a reset or at
 * first start the app shows only this page until the temporary password is changed (`forced`).
 * The server applies the policy (10 characters, not common, not the username) and ends the user's
 * other sessions.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { accountApi } from '../../../api/account-endpoints';
import { useSession } from '../../../session/session';
import { catching } from '../../../utils/catching';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { user, passwordChanged, logout } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await accountApi.changeOwnPassword(v.currentPassword, v.newPassword);
      message.success('密码已修改；您在其他设备上的登录已退出');
      passwordChanged();
      if (forced) navigate('/');
      else navigate(-1);
    } finally {
      setSaving(false);
    }
  };

  const card = (
    <Card title="修改密码" style={{ maxWidth: 520, margin: forced ? '80px auto' : undefined }}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="您正在使用临时密码"
          description={`账号 ${user?.username ?? ''} 的密码由管理员重置或首次分配，须先设置新密码才能继续使用系统。`}
        />
      )}
      <Form form={form} layout="vertical" onFinish={catching(submit)} autoComplete="off">
        <Form.Item name="currentPassword" label={forced ? '临时密码' : '当前密码'} rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少 10 个字符；不能是常见密码，不能与用户名相同。建议使用一句好记的长短语。"
          rules={[{ required: true, message: '请输入新密码' }, { min: 10, message: '密码至少 10 个字符' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_r, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存新密码
          </Button>
          {forced ? (
            <Button onClick={() => void logout()}>退出登录</Button>
          ) : (
            <Button onClick={() => navigate(-1)}>取消</Button>
          )}
        </Space>
      </Form>
      {!forced && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          修改后，您在其他电脑或浏览器上的登录会立即退出。
        </Typography.Paragraph>
      )}
    </Card>
  );
  return card;
}
