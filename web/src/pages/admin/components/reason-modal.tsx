/** A confirmation with an optional reason (停用 / 启用), for organisations and accounts alike. */
import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { catching } from '../../../utils/catching';

export function ReasonModal({ open, title, description, okText, onOk, onCancel }: {
  open: boolean;
  title: string;
  description: string;
  okText: string;
  onOk: (reason: string | null) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<{ reason?: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setSaving(true);
    try {
      await onOk(reason?.trim() || null);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title={title} open={open} onOk={catching(submit)} confirmLoading={saving} onCancel={onCancel} okText={okText} destroyOnHidden>
      <p>{description}</p>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="原因（记入审计日志）" rules={[{ max: 500, message: '原因不能超过500个字符' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
