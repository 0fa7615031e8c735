/**
 * 市级协商谈判 (京医保发〔2021〕30号 第四十一条): the city records what it agreed with the institution — 协商一致 (续签),
 * 缓签, or 未达成一致 (不再签订: the agreement ends at expiry) — with what was negotiated. One item, or the bulk
 * selection (its count is confirmed before anything is written).
 */
import { Alert, Form, Input, Modal, Radio } from 'antd';

export type NegotiateValues = { outcome: 'renew' | 'defer' | 'not_renew'; note: string };

export function NegotiateModal({ title, open, onCancel, onOk, busy }: {
  title: string;
  open: boolean;
  onCancel: () => void;
  onOk: (v: NegotiateValues) => void;
  busy: boolean;
}) {
  const [form] = Form.useForm<NegotiateValues>();
  return (
    <Modal title={title} open={open} onCancel={onCancel} onOk={() => form.submit()} okText="确定" confirmLoading={busy} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 16 }}
        message="市经办机构与定点医疗机构就续签协商谈判：协商一致的，可续签医保协议；未达成一致的，医保协议到期后自动终止（京医保发〔2021〕30号 第四十一条）。" />
      <Form<NegotiateValues> form={form} layout="vertical" onFinish={onOk} preserve={false}>
        <Form.Item name="outcome" label="协商谈判结果" rules={[{ required: true, message: '请选择协商谈判结果' }]}>
          <Radio.Group options={[{ value: 'renew', label: '协商一致，续签' }, { value: 'defer', label: '缓签' }, { value: 'not_renew', label: '未达成一致，不再签订' }]} />
        </Form.Item>
        <Form.Item name="note" label="协商谈判情况" rules={[{ required: true, whitespace: true, min: 2, message: '请填写协商谈判情况（至少2个字）' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
