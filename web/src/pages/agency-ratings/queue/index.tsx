/**
 * 机构评价 (agency; 云医保〔2022〕6号 第二十三条): the institutions' ratings of the agency with 反馈, and 「代录」 — a
 * rating received 书面 / 电话 / 邮件 recorded on the institution's behalf.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Rate, Select, Typography } from 'antd';
import { ratingApi, ratingChannelOptions } from '../../../api/dispute-endpoints';
import { institutionApi } from '../../../api/endpoints';
import { describeError } from '../../../api/error-display';
import { useRequest } from '../../../hooks/use-request';
import { RatingTable } from '../components';

type RecordForm = { institutionId: string; channel: 'written' | 'phone' | 'email'; score: number; text: string };

export default function AgencyRatingsPage() {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [refresh, setRefresh] = useState(0);
  const [form] = Form.useForm<RecordForm>();
  const found = useRequest(() => (open ? institutionApi.list({ q: q || undefined, pageSize: 20 }) : null), [open, q]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await ratingApi.submit(v);
      message.success('已代为登记评价建议');
      setOpen(false);
      form.resetFields();
      setRefresh((x) => x + 1);
    } catch (e) {
      message.error(describeError(e));
    }
  };
  return (
    <Card title="机构评价" extra={<Button type="primary" onClick={() => setOpen(true)}>代录</Button>}>
      <Typography.Paragraph type="secondary">
        定点医药机构对本机构履行协议情况的评价建议（云医保〔2022〕6号 第二十三条）：应及时反馈。以书面、电话、邮件收到的，可「代录」后反馈。
      </Typography.Paragraph>
      <RatingTable refreshKey={refresh} initialState="submitted" />
      <Modal open={open} title="代录评价建议" okText="登记" cancelText="取消" onCancel={() => setOpen(false)} onOk={() => void submit()} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="institutionId" label="医药机构" rules={[{ required: true, message: '请选择定点医药机构' }]}>
            <Select showSearch filterOption={false} onSearch={setQ} placeholder="输入机构名称搜索" loading={found.loading}
              options={(found.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
          </Form.Item>
          <Form.Item name="channel" label="收到渠道" rules={[{ required: true, message: '请选择书面、电话或邮件' }]}>
            <Select options={ratingChannelOptions.map((o) => ({ ...o }))} />
          </Form.Item>
          <Form.Item name="score" label="评分" rules={[{ required: true, message: '请评分（1至5分）' }]}><Rate /></Form.Item>
          <Form.Item name="text" label="评价建议内容" rules={[{ required: true, whitespace: true, message: '请填写评价建议内容' }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
