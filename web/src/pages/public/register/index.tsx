/**
 * 医药机构注册 — a medical institution, pharmacy, long-term-care home or third-party service not yet
 * in the registry registers (issue #9; decision 0027): the institution, its legal representative and
 * contact, the account, the licences (PDF/JPG/PNG up to 10 MB). Before sending, the page does the
 * server's proof-of-work challenge (a few seconds of computing; no outside service). The agency of
 * the county verifies the registration; until then the account can sign in and see only it.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Form, Input, Progress, Result, Row, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { ApiError } from '../../../api/client';
import { registrationApi, registrationFileLabel, solveChallenge, type RegistrationFileKind, type Submitted } from '../../../api/registration-endpoints';
import { DetailsFields, detailsOf, showFieldError } from '../../registration/components/details-fields';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const MAX = 10 * 1024 * 1024;

function FileField({ kind, required, files, setFiles }: {
  kind: RegistrationFileKind; required: boolean; files: Partial<Record<RegistrationFileKind, File>>;
  setFiles: (f: Partial<Record<RegistrationFileKind, File>>) => void;
}) {
  const { message } = App.useApp();
  const current = files[kind];
  const list: UploadFile[] = current ? [{ uid: kind, name: current.name, status: 'done' }] : [];
  return (
    <Form.Item label={registrationFileLabel[kind]} required={required} name={['files', kind]}
      rules={required ? [{ validator: () => (files[kind] ? Promise.resolve() : Promise.reject(new Error(`请上传${registrationFileLabel[kind]}`))) }] : []}>
      <Upload
        accept={ACCEPT}
        maxCount={1}
        fileList={list}
        beforeUpload={(f) => {
          if (f.size > MAX) {
            message.error('文件超过10MB，请压缩后再上传');
            return Upload.LIST_IGNORE;
          }
          setFiles({ ...files, [kind]: f });
          return false;
        }}
        onRemove={() => setFiles({ ...files, [kind]: undefined })}
      >
        <Button icon={<UploadOutlined />}>选择文件（PDF、JPG、PNG，不超过10MB）</Button>
      </Upload>
    </Form.Item>
  );
}

export default function RegisterPage() {
  const [form] = Form.useForm();
  const [files, setFiles] = useState<Partial<Record<RegistrationFileKind, File>>>({});
  const [phase, setPhase] = useState<'idle' | 'working' | 'sending'>('idle');
  const [tries, setTries] = useState(0);
  const [bits, setBits] = useState(18);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Submitted | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      setPhase('working');
      setTries(0);
      const c = await registrationApi.challenge();
      setBits(c.bits);
      const nonce = await solveChallenge(c, setTries);
      setPhase('sending');
      const account = { username: String(values.account.username).trim(), password: String(values.account.password) };
      setDone(await registrationApi.submit({ details: detailsOf(values), account }, { id: c.id, nonce }, files));
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      if (!err || !showFieldError(form, err.field, err.message)) setError(err?.message ?? '提交失败，请稍后重试');
    } finally {
      setPhase('idle');
    }
  };

  if (done) {
    return (
      <Card>
        <Result
          status="success"
          title="注册已提交，等待属地医保经办机构审核"
          subTitle={`请使用用户名「${done.username}」登录，在「我的注册」查看审核进度；审核通过后即可提出定点申请。`}
          extra={<Link to="/login"><Button type="primary">去登录</Button></Link>}
        />
      </Card>
    );
  }

  const expected = 2 ** bits;
  return (
    <Card title="医药机构注册">
      <Typography.Paragraph type="secondary">
        尚未在本系统登记的医疗机构、零售药店、长期护理服务机构和第三方服务机构在此注册。注册由机构所在县（区）的医保经办机构审核（该县区未设经办机构的，由上一级经办机构审核）；
        审核通过后，机构登记入库，注册账号成为本机构的管理员和经办人。已登记的机构请联系属地医保经办机构开通账号。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark onFinish={submit} disabled={phase !== 'idle'}>
        <Typography.Title level={5}>机构信息</Typography.Title>
        <DetailsFields form={form} />
        <Typography.Title level={5}>证照</Typography.Title>
        <FileField kind="business_licence" required files={files} setFiles={setFiles} />
        <FileField kind="practice_licence" required={false} files={files} setFiles={setFiles} />
        <Typography.Title level={5}>登录账号</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['account', 'username']} label="用户名" extra="4至32位，以字母开头，可含字母、数字、下划线、点、连字符"
              rules={[{ required: true, message: '请填写用户名' }, { pattern: /^[A-Za-z][A-Za-z0-9_.-]{3,31}$/, message: '用户名应为4至32位，以字母开头，只含字母、数字、下划线、点或连字符' }]}>
              <Input autoComplete="username" maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['account', 'password']} label="密码" extra="至少10个字符，不能是常见密码，不能与用户名相同"
              rules={[{ required: true, message: '请填写密码' }, { min: 10, message: '密码至少 10 个字符' }]}>
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['account', 'confirm']} label="确认密码" dependencies={[['account', 'password']]}
              rules={[{ required: true, message: '请再次输入密码' }, ({ getFieldValue }) => ({
                validator: (_r, v) => (!v || v === getFieldValue(['account', 'password']) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
              })]}>
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {phase === 'working' && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="正在进行人机验证（浏览器计算中，通常需要几秒钟）"
            description={<Progress percent={Math.min(99, Math.round((100 * tries) / (expected * 2)))} size="small" />} />
        )}
        <Button type="primary" htmlType="submit" loading={phase !== 'idle'}>提交注册</Button>
        <Link to="/login" style={{ marginLeft: 16 }}>已有账号，去登录</Link>
      </Form>
    </Card>
  );
}
