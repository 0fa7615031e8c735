/**
 * 缓签评估 (自治区医保局〔2025〕征求意见稿 二(一): 「暂缓签订服务协议，待评估通过后签订协议」): whether the deferred
 * institution passed and what the evaluation found. Passed — the next generation run makes its agreement from
 * that day; not passed — 不再签订, with the finding as the reason.
 */
import { Alert, Form, Input, Modal, Radio } from 'antd';
import type { RenewalItem } from '../../../../api/renewal-endpoints';

export type ReevaluateValues = { passed: boolean; note: string };

export function ReevaluateModal({ item, onCancel, onOk, busy }: {
  item: RenewalItem | null;
  onCancel: () => void;
  onOk: (v: ReevaluateValues) => void;
  busy: boolean;
}) {
  const [form] = Form.useForm<ReevaluateValues>();
  return (
    <Modal title={`缓签评估：${item?.institutionName ?? ''}`} open={!!item} onCancel={onCancel} onOk={() => form.submit()} okText="确定" confirmLoading={busy} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 16 }}
        message="评估通过的，下次生成续签协议时生成其协议，协议期限自原协议期满次日起，已过期满日的自评估之日起；未通过的，核定为不再签订。" />
      <Form<ReevaluateValues> form={form} layout="vertical" onFinish={onOk} preserve={false}>
        <Form.Item name="passed" label="评估结果" rules={[{ required: true, message: '请选择评估结果' }]}>
          <Radio.Group options={[{ value: true, label: '通过' }, { value: false, label: '未通过' }]} />
        </Form.Item>
        <Form.Item name="note" label="评估情况" rules={[{ required: true, whitespace: true, min: 2, message: '请填写评估情况（至少2个字）' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
