/**
 * 评价经办机构 (institution; 云医保〔2022〕6号 第二十三条): rate the agency's performance of the agreement online
 * (1–5 and the suggestion) and see the agency's 反馈.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Rate, Space, Typography } from 'antd';
import { ratingApi } from '../../../api/dispute-endpoints';
import { describeError } from '../../../api/error-display';
import { RatingTable } from '../components';

export default function RateAgencyPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ score: number; text: string }>();
  const [refresh, setRefresh] = useState(0);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await ratingApi.submit({ channel: 'online', score: v.score, text: v.text });
      message.success('评价建议已提交，经办机构将及时反馈');
      form.resetFields();
      setRefresh((x) => x + 1);
    } catch (e) {
      message.error(describeError(e));
    }
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="评价经办机构">
        <Typography.Paragraph type="secondary">
          定点医药机构可对经办机构履行协议情况开展评价，提出意见建议，经办机构应及时反馈（云医保〔2022〕6号 第二十三条）。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" style={{ maxWidth: 720 }}>
          <Form.Item name="score" label="评分" rules={[{ required: true, message: '请评分（1至5分）' }]}><Rate /></Form.Item>
          <Form.Item name="text" label="评价建议" rules={[{ required: true, whitespace: true, message: '请填写评价建议内容' }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder="经办机构履行协议的情况：结算拨付、审核、服务、沟通等" />
          </Form.Item>
          <Button type="primary" onClick={() => void submit()}>提交评价</Button>
        </Form>
      </Card>
      <Card title="本机构的评价建议及反馈">
        <RatingTable refreshKey={refresh} showInstitution={false} />
      </Card>
    </Space>
  );
}
