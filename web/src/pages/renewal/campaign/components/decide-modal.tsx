/**
 * 人工核定 / 撤回核定: the outcome (for a decision) and the reason, which the audit keeps. Used for one
 * item and for a bulk decision against the proposal.
 */
import { Form, Input, Modal, Radio } from 'antd';
import type { RenewalItem } from '../../../../api/renewal-endpoints';

export type DecideValues = { outcome: 'renew' | 'defer' | 'not_renew'; reason: string };

const OPTIONS = [
  { value: 'renew', label: '续签' },
  { value: 'defer', label: '缓签' },
  { value: 'not_renew', label: '不再签订' },
];

export function DecideModal({ title, open, reopen, exclude, onCancel, onOk, busy }: {
  title: string;
  open: boolean;
  /** 撤回核定: a reason only */
  reopen?: boolean;
  /** the proposal itself is not offered (that is 按建议核定) */
  exclude?: RenewalItem['proposed'];
  onCancel: () => void;
  onOk: (v: DecideValues) => void;
  busy: boolean;
}) {
  const [form] = Form.useForm<DecideValues>();
  return (
    <Modal title={title} open={open} onCancel={onCancel} onOk={() => form.submit()} okText="确定" confirmLoading={busy} destroyOnHidden>
      <Form<DecideValues> form={form} layout="vertical" onFinish={onOk} preserve={false}>
        {!reopen && (
          <Form.Item name="outcome" label="核定结果" rules={[{ required: true, message: '请选择核定结果' }]}>
            <Radio.Group options={OPTIONS.filter((o) => o.value !== exclude)} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={reopen ? '撤回理由' : '核定理由'} rules={[{ required: true, whitespace: true, min: 2, message: '请填写理由（至少2个字）' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
