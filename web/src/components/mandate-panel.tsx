/**
 * 授权委托 (云医保〔2022〕6号 第十八条): the institution's registered 法定代表人 grants a staff
 * account the mandate to sign this agreement online (and may revoke it); a paper 授权委托书 counts
 * only after the agency verifies it. The list shows every mandate with its state; the agency
 * verifies or rejects pending paper ones with a reason.
 */
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { agreementApi } from '../api/pipeline-endpoints';
import type { MandateRow, SigningContext } from '../api/pipeline-types';

const STATUS: Record<MandateRow['status'], { label: string; color: string }> = {
  pending: { label: '待经办机构核验', color: 'gold' },
  active: { label: '有效', color: 'success' },
  rejected: { label: '核验未通过', color: 'error' },
  revoked: { label: '已撤销', color: 'default' },
};

export function MandatePanel({ agreementId, sc, canReview, editable, onChange }: {
  agreementId: string; sc: SigningContext; canReview: boolean; editable: boolean; onChange: () => void;
}) {
  const { message } = App.useApp();
  const [modal, setModal] = useState<'grant' | { reject: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [grantForm] = Form.useForm<{ agentUserId: string; range: [dayjs.Dayjs, dayjs.Dayjs] }>();
  const [rejectForm] = Form.useForm<{ reason: string }>();

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(done);
      setModal(null);
      onChange();
    } catch {
      // shown by the error sink, with the article
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Typography.Title level={5}>授权委托</Typography.Title>
      <Typography.Paragraph type="secondary">
        登记的法定代表人：{sc.legalRepresentatives.join('、') || '未登记'}。授权委托人须持法定代表人本人账号的线上授权，或经经办机构核验的纸质授权委托书。
      </Typography.Paragraph>
      {sc.me.isLegalRep && editable && (
        <Button style={{ marginBottom: 8 }} onClick={() => { grantForm.setFieldsValue({ range: [dayjs(), dayjs(sc.termTo)] }); setModal('grant'); }}>
          授权工作人员签署
        </Button>
      )}
      {sc.mandates.length > 0 && (
        <Table<MandateRow> size="small" rowKey="id" pagination={false} dataSource={sc.mandates}
          columns={[
            { title: '方式', dataIndex: 'source', render: (v: string) => (v === 'online' ? '线上授权' : '纸质委托书') },
            { title: '委托人（法定代表人）', dataIndex: 'principalName' },
            { title: '受托人', render: (_, m) => m.agentName ?? m.agentDisplayName },
            { title: '有效期', render: (_, m) => (m.validFrom ? `${m.validFrom} 至 ${m.validTo}` : '—') },
            { title: '状态', render: (_, m) => <Tag color={STATUS[m.status].color}>{STATUS[m.status].label}</Tag> },
            { title: '说明', render: (_, m) => m.rejectReason ?? '' },
            {
              title: '操作',
              render: (_, m) => (
                <Space>
                  {canReview && m.status === 'pending' && (
                    <>
                      <Button size="small" type="link" loading={busy} onClick={() => void run(() => agreementApi.reviewMandate(agreementId, m.id, { approve: true }), '已核验通过')}>核验通过</Button>
                      <Button size="small" type="link" danger onClick={() => { rejectForm.resetFields(); setModal({ reject: m.id }); }}>不通过</Button>
                    </>
                  )}
                  {sc.me.isLegalRep && editable && (m.status === 'active' || m.status === 'pending') && (
                    <Button size="small" type="link" danger loading={busy} onClick={() => void run(() => agreementApi.revokeMandate(agreementId, m.id), '已撤销授权')}>撤销</Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}

      <Modal open={modal === 'grant'} title="线上授权委托" okText="确认授权" confirmLoading={busy} onCancel={() => setModal(null)}
        onOk={() => void grantForm.validateFields().then((v) => run(() => agreementApi.grantMandate(agreementId, {
          agentUserId: v.agentUserId, validFrom: v.range[0].format('YYYY-MM-DD'), validTo: v.range[1].format('YYYY-MM-DD'),
        }), '已授权'))}>
        <Typography.Paragraph>
          本人（{sc.me.personName}，登记的法定代表人）授权下列工作人员代表本机构签订协议 {sc.number}。
        </Typography.Paragraph>
        <Form form={grantForm} layout="vertical">
          <Form.Item name="agentUserId" label="受托人（本机构已关联本人身份的账号）" rules={[{ required: true, message: '请选择受托人' }]}>
            <Select options={sc.candidates.map((c) => ({ value: c.userId, label: `${c.personName}（${c.displayName}）` }))}
              notFoundContent="本机构没有已关联本人身份的其他账号" />
          </Form.Item>
          <Form.Item name="range" label="授权有效期" rules={[{ required: true, message: '请选择授权有效期' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={typeof modal === 'object' && modal !== null} title="授权委托书核验不通过" okText="确认" confirmLoading={busy} onCancel={() => setModal(null)}
        onOk={() => void rejectForm.validateFields().then((v) => {
          const id = typeof modal === 'object' && modal ? modal.reject : '';
          return run(() => agreementApi.reviewMandate(agreementId, id, { approve: false, reason: v.reason }), '已退回授权委托书');
        })}>
        <Form form={rejectForm} layout="vertical">
          <Form.Item name="reason" label="不通过的理由" rules={[{ required: true, whitespace: true, message: '请说明理由' }]}><Input.TextArea maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
