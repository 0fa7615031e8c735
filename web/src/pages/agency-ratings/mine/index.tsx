/**
 * 评价经办机构 (institution; 云医保〔2022〕6号 第二十三条): rate the agency's performance of the agreement online
 * (1–5 and the suggestion) and see the agency's 反馈.
 */
import { Form, Input, Rate } from 'antd';
import { ratingApi } from '../../../api/dispute-endpoints';
import { SubmitAndList } from '../../../components/submit-and-list';
import { RatingTable } from '../components';

export default function RateAgencyPage() {
  const [form] = Form.useForm<{ score: number; text: string }>();
  return (
    <SubmitAndList
      formTitle="评价经办机构" form={form} submitLabel="提交评价" success="评价建议已提交，经办机构将及时反馈"
      intro="定点医药机构可对经办机构履行协议情况开展评价，提出意见建议，经办机构应及时反馈（云医保〔2022〕6号 第二十三条）。"
      onSubmit={(v) => ratingApi.submit({ channel: 'online', score: v.score, text: v.text })}
      listTitle="本机构的评价建议及反馈" list={(refreshKey) => <RatingTable refreshKey={refreshKey} showInstitution={false} />}
    >
      <Form.Item name="score" label="评分" rules={[{ required: true, message: '请评分（1至5分）' }]}><Rate /></Form.Item>
      <Form.Item name="text" label="评价建议" rules={[{ required: true, whitespace: true, message: '请填写评价建议内容' }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder="经办机构履行协议的情况：结算拨付、审核、服务、沟通等" />
      </Form.Item>
    </SubmitAndList>
  );
}
