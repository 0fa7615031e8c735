/**
 * 备案服务项目 — the third-party service's page (吉医保规〔2023〕1号 第三十三条第二款): file the
 * service items with the practice licence, the large-equipment list and the staff certificates, and
 * follow each filing's status and the agency's 核验. A returned filing is filed anew.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { thirdPartyFilingApi, type ThirdPartyFilingBody } from '../../../api/third-party-endpoints';
import { useSession } from '../../../session/session';
import { ThirdPartyFilingsTable } from '../components/filings-table';

type FormValues = Omit<ThirdPartyFilingBody, 'licence'> & { licence: { number: string; issuedBy: string; validTo: Dayjs } };
const SERVICE_EXAMPLES = ['临床检验', '病理诊断', '医学影像诊断', '核医学检查', '基因检测'];

function FilingForm({ onFiled }: { onFiled: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: FormValues) => {
    setSaving(true);
    try {
      await thirdPartyFilingApi.submit({ ...v, licence: { ...v.licence, validTo: v.licence.validTo.format('YYYY-MM-DD') }, note: v.note?.trim() || null });
      message.success('备案已提交，等待经办机构核验');
      form.resetFields();
      onFiled();
    } catch {
      // shown by the error sink (400 names the field; 422 lists the citation)
    } finally {
      setSaving(false);
    }
  };
  const row = { display: 'flex', marginBottom: 8 } as const;
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 860 }} initialValues={{ services: [], equipment: [{}], staff: [{}] }} onFinish={(v) => void submit(v)}>
      <Form.Item name="services" label="备案服务项目" rules={[{ required: true, type: 'array', min: 1, message: '备案服务项目至少填写1项' }]}>
        <Select mode="tags" placeholder="输入或选择服务项目" options={SERVICE_EXAMPLES.map((s) => ({ value: s, label: s }))} />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name={['licence', 'number']} label="医疗机构执业许可证登记号" rules={[{ required: true, message: '执业许可证登记号不能为空' }]}>
          <Input style={{ width: 260 }} maxLength={60} />
        </Form.Item>
        <Form.Item name={['licence', 'issuedBy']} label="发证机关" rules={[{ required: true, message: '执业许可证发证机关不能为空' }]}>
          <Input style={{ width: 240 }} maxLength={100} />
        </Form.Item>
        <Form.Item name={['licence', 'validTo']} label="有效期至" rules={[{ required: true, message: '执业许可证有效期至为必填项' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.List name="equipment">
        {(fields, { add, remove }) => (
          <Form.Item label="大型仪器设备清单" required>
            {fields.map((f) => (
              <Space key={f.key} style={row} align="baseline">
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '设备名称不能为空' }]} noStyle>
                  <Input placeholder="设备名称" style={{ width: 240 }} maxLength={100} />
                </Form.Item>
                <Form.Item name={[f.name, 'model']} rules={[{ required: true, message: '设备型号不能为空' }]} noStyle>
                  <Input placeholder="型号" style={{ width: 180 }} maxLength={100} />
                </Form.Item>
                <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, message: '设备数量为必填项' }]} noStyle>
                  <InputNumber placeholder="数量" min={1} max={10000} precision={0} />
                </Form.Item>
                {fields.length > 1 && <MinusCircleOutlined aria-label="删除设备" onClick={() => remove(f.name)} />}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              增加设备
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.List name="staff">
        {(fields, { add, remove }) => (
          <Form.Item label="相关专业人员（资格及注册证书）" required>
            {fields.map((f) => (
              <Space key={f.key} style={row} align="baseline">
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '专业人员姓名不能为空' }]} noStyle>
                  <Input placeholder="姓名" style={{ width: 140 }} maxLength={50} />
                </Form.Item>
                <Form.Item name={[f.name, 'qualification']} rules={[{ required: true, message: '专业人员资格不能为空' }]} noStyle>
                  <Input placeholder="资格（如主管检验技师）" style={{ width: 220 }} maxLength={100} />
                </Form.Item>
                <Form.Item name={[f.name, 'certificateNumber']} rules={[{ required: true, message: '资格及注册证书编号不能为空' }]} noStyle>
                  <Input placeholder="资格及注册证书编号" style={{ width: 220 }} maxLength={60} />
                </Form.Item>
                {fields.length > 1 && <MinusCircleOutlined aria-label="删除人员" onClick={() => remove(f.name)} />}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              增加人员
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注不能超过500个字符' }]}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        提交备案
      </Button>
    </Form>
  );
}

export default function MyThirdPartyFilingsPage() {
  const { user } = useSession();
  const [tick, setTick] = useState(0);
  const [adding, setAdding] = useState(false);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="第三方服务机构备案"
        extra={!adding && <Button type="primary" onClick={() => setAdding(true)}>新建备案</Button>}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`备案机构：${user?.orgName ?? ''}`}
          description="独立设置的检验中心、医学检验实验室、病理诊断中心、医学影像诊断中心等第三方服务机构向当地医保经办机构备案服务项目，提供医疗机构执业许可证、大型仪器设备清单、相关专业人员的资格及注册证书；经办机构核验后备案生效，定点医疗机构方可与本机构签订协议（吉医保规〔2023〕1号 第三十三条第二款）。"
        />
        {adding && (
          <FilingForm
            onFiled={() => {
              setAdding(false);
              setTick((t) => t + 1);
            }}
          />
        )}
      </Card>
      <Card title="我的备案">
        <ThirdPartyFilingsTable refreshKey={tick} />
      </Card>
    </Space>
  );
}
