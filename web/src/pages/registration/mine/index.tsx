/**
 * 我的注册 — the registrant's own registration (decision 0027): its status, the agency's return reason,
 * the licences; while not verified, the applicant corrects the details (saving puts it back into the
 * agency's queue: 重新提交) and replaces a licence file.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Form, Space, Spin, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client';
import {
  registrationApi, registrationFileLabel, registrationStatusColor, registrationStatusLabel, type Registration, type RegistrationFileKind,
} from '../../../api/registration-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { DetailsFields, detailsOf, regionPath, showFieldError } from '../components/details-fields';
import { chinaTime } from '../../../utils/china-date';

const KINDS: RegistrationFileKind[] = ['business_licence', 'practice_licence'];

function EditForm({ reg, onSaved }: { reg: Registration; onSaved: (r: Registration) => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    form.setFieldsValue({
      details: {
        uscc: reg.uscc, name: reg.name, kind: reg.kind, subtype: reg.subtype, ownership: reg.ownership, regionPath: regionPath(reg.regionCode),
        address: reg.address, legalRepName: reg.legalRepName, legalRepIdNumber: reg.legalRepIdNumber, contactName: reg.contactName, contactPhone: reg.contactPhone,
      },
    });
  }, [form, reg]);
  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const r = await registrationApi.correct(reg.version, detailsOf(values));
      message.success('已保存并重新提交，等待属地医保经办机构审核');
      onSaved(r);
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      if (!err || !showFieldError(form, err.field, err.message)) setError(err?.message ?? '保存失败，请稍后重试');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={save}>
      <DetailsFields form={form} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={saving}>{reg.status === 'returned' ? '保存并重新提交' : '保存修改'}</Button>
    </Form>
  );
}

export default function MyRegistrationPage() {
  const { message } = App.useApp();
  const { data, loading, error, reload } = useRequest(() => registrationApi.mine({ quiet: true }), []);
  const [fresh, setFresh] = useState<Registration | null>(null);
  const reg = fresh ?? data;
  if (loading && !reg) return <Spin />;
  if (!reg) {
    return (
      <Card title="我的注册">
        <Typography.Paragraph>{error instanceof ApiError ? error.message : '当前账号没有医药机构注册'}</Typography.Paragraph>
      </Card>
    );
  }
  const editable = reg.status !== 'verified';
  const replace = async (kind: RegistrationFileKind, file: File) => {
    await registrationApi.replaceFile(kind, file);
    message.success(`已更换${registrationFileLabel[kind]}`);
    setFresh(null);
    reload();
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="我的注册" extra={<Tag color={registrationStatusColor[reg.status]} data-testid="registration-status">{registrationStatusLabel[reg.status]}</Tag>}>
        {reg.status === 'pending' && (
          <Alert type="info" showIcon title={`已提交，等待${reg.agencyName ?? '属地医保经办机构'}审核`} description="审核通过前，本账号只能查看和修改本注册信息。" style={{ marginBottom: 16 }} />
        )}
        {reg.status === 'returned' && (
          <Alert type="warning" showIcon title="注册已被退回，请按退回理由修改后重新提交" description={`退回理由：${reg.returnReason ?? ''}`} style={{ marginBottom: 16 }} />
        )}
        {reg.status === 'verified' && (
          <Alert type="success" showIcon title="注册已核实，机构已登记入库" description={<>请重新进入系统后，在 <Link to="/applications/new">新建定点申请</Link> 提出定点申请。</>} style={{ marginBottom: 16 }} />
        )}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="机构名称">{reg.name}</Descriptions.Item>
          <Descriptions.Item label="统一社会信用代码">{reg.uscc}</Descriptions.Item>
          <Descriptions.Item label="机构类别">{reg.kindLabel} · {reg.subtypeLabel}</Descriptions.Item>
          <Descriptions.Item label="所在区县">{reg.regionName ?? reg.regionCode}</Descriptions.Item>
          <Descriptions.Item label="审核机构">{reg.agencyName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{chinaTime(reg.submittedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="证照">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {KINDS.map((kind) => {
            const f = reg.files.find((x) => x.kind === kind);
            return (
              <Space key={kind} wrap>
                <Typography.Text strong>{registrationFileLabel[kind]}：</Typography.Text>
                {f ? <a href={registrationApi.myFileUrl(f.id)} target="_blank" rel="noreferrer">{f.fileName}</a> : <Typography.Text type="secondary">未上传</Typography.Text>}
                {editable && (
                  <Upload accept=".pdf,.jpg,.jpeg,.png" showUploadList={false} beforeUpload={(file) => { void replace(kind, file); return false; }}>
                    <Button size="small" icon={<UploadOutlined />}>{f ? '更换' : '上传'}</Button>
                  </Upload>
                )}
              </Space>
            );
          })}
        </Space>
      </Card>
      {editable && (
        <Card title="修改注册信息">
          <EditForm reg={reg} onSaved={setFresh} />
        </Card>
      )}
    </Space>
  );
}
