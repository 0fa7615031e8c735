/**
 * 申请回避 (云医保〔2022〕6号 第十一条; 吉医保规〔2023〕1号 第十五条): an expert with a conflict of interest
 * stands down before scoring, with the reason; the server draws a replacement of the same specialty
 * from the same pool and records both.
 */
import { useState } from 'react';
import { Button, Input, Modal, Typography } from 'antd';
import { recuseFromPanel } from '../../../../api/expert-pool-endpoints';

export function RecuseButton({ applicationId, version, onDone }: { applicationId: string; version: number; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await recuseFromPanel(applicationId, { reason, version });
      setOpen(false);
    } catch {
      // shown by the error sink (e.g. no replacement of the specialty in the pool, or already scored)
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>申请回避</Button>
      <Modal open={open} title="申请回避" okText="确认回避" cancelText="取消" okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={busy} onOk={submit} onCancel={() => setOpen(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">
          与申请机构存在利害关系（如在该机构任职、近亲属关系等）的，应在评分前申请回避。确认后您将退出本评估小组，系统从同一专家库随机补抽同专业人员，并记录回避理由。
        </Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} placeholder="回避理由" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
