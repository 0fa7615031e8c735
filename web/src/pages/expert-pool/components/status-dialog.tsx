/** 暂停 / 恢复 / 解聘, with the reason (audited). */
import { useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { expertPoolApi, expertStatusLabel, type ExpertStatus, type PoolExpert } from '../../../api/expert-pool-endpoints';

const effect: Record<ExpertStatus, string> = {
  active: '恢复后该专家可再次被抽取。',
  suspended: '暂停期间不再抽取该专家；已在评估小组中的，如不能继续参加，由其本人或经办人员登记回避后补抽。',
  retired: '解聘后不再抽取该专家，登录账号同时停用；不能撤销。',
};

export function StatusDialog({ poolId, expert, to, onClose, onSaved }: {
  poolId: string; expert: PoolExpert; to: ExpertStatus; onClose: () => void; onSaved: () => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await expertPoolApi.setStatus(poolId, expert.id, { status: to, reason, version: expert.version });
      onSaved();
    } catch {
      // shown by the error sink
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${expertStatusLabel[to] === '在聘' ? '恢复' : expertStatusLabel[to]}专家：${expert.name}`} okText="确定" cancelText="取消"
      okButtonProps={{ danger: to === 'retired', disabled: !reason.trim() }} confirmLoading={busy} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{effect[to]}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="原因" required><Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} /></Form.Item>
      </Form>
    </Modal>
  );
}
