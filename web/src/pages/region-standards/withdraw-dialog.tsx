/**
 * 撤回 a version published in error (decision 0043 addendum): the reason is required and audited; the
 * dialog says, before the head confirms, what applies from today instead — a county's own version gives
 * way to its prefecture's, a prefecture's to its older version or the province's scoring sheet.
 */
import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { regionStandardApi, type RegionStandardRow } from '../../api/local-parameter-endpoints';
import { KIND_LABEL } from './publish-form';

export function WithdrawStandardDialog({ regionCode, regionLevel, row, onClose, onDone }: {
  regionCode: string;
  regionLevel: string;
  row: RegionStandardRow | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const after = regionLevel === 'county' ? '所在市的评估标准（未发布的，按省级评分表）' : '本市较早的版本；没有的，按省级评分表';
  const submit = async () => {
    if (!row) return;
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await regionStandardApi.withdraw(regionCode, row.kind, row.id, { expectedVersion: row.version, reason: reason.trim() });
      message.success('已撤回');
      form.resetFields();
      onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={row !== null} title={row ? `撤回「${row.title}」（${row.docNo}）` : ''} okText="撤回" okButtonProps={{ danger: true, loading: busy }}
      onOk={submit} onCancel={() => { form.resetFields(); onClose(); }} destroyOnHidden>
      {row && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }}
          message={`${KIND_LABEL[row.kind]}的这一版本自今日起不再施行，改按${after}。撤回不能撤销；如需恢复，请以新的生效日期重新发布。`} />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="撤回理由" rules={[{ required: true, whitespace: true, message: '请填写撤回理由' }, { max: 500, message: '撤回理由不能超过500字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：文号有误，重新发文" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
