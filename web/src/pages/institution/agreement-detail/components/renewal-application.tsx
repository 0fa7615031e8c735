/**
 * 申请续签 on the institution's agreement page (京医保发〔2021〕30号 第四十一条, decision 0048): where its profile
 * lets the institution apply, the due day (期满前3个月) and the article before it submits, a late
 * application said to be 逾期申请 (not refused); its applications with their state, the agency's reason,
 * and 撤回 while one waits. Where the agency organises the renewal, that is said with its own article.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { renewalApplicationApi, type RenewalApplication } from '../../../../api/renewal-application-endpoints';
import { useRequest } from '../../../../hooks/use-request';

const STATE_COLOR: Record<RenewalApplication['state'], string> = { submitted: 'processing', accepted: 'success', returned: 'error', withdrawn: 'default' };

export function RenewalApplicationCard({ agreementId, live }: { agreementId: string; live: boolean }) {
  const { message } = App.useApp();
  const terms = useRequest(() => renewalApplicationApi.terms(agreementId), [agreementId]);
  const list = useRequest(() => renewalApplicationApi.list({ agreementId, page: 1, pageSize: 20 }), [agreementId]);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const t = terms.data;
  const items = list.data?.items ?? [];
  const waiting = items.some((i) => i.state === 'submitted');

  const submit = async () => {
    setBusy(true);
    try {
      await renewalApplicationApi.apply(agreementId, note);
      message.success('已提交续签申请');
      setOpen(false);
      setNote('');
      list.reload();
    } catch {
      // shown by the API client
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async (a: RenewalApplication) => {
    try {
      await renewalApplicationApi.event(a.id, { type: 'withdraw', version: a.version });
      message.success('已撤回续签申请');
      list.reload();
    } catch {
      // shown by the API client
    }
  };

  if (!t) return null;
  return (
    <Card title="续签申请" size="small" data-testid="renewal-application">
      {!t.applies ? (
        <Typography.Text type="secondary">{t.message}</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            协议期满日 {t.termTo}；应于 <Typography.Text strong>{t.dueOn}</Typography.Text> 前（期满前{t.months}个月）向区经办机构提出续签申请，或由区经办机构统一组织（{t.citation}）。
          </Typography.Text>
          {t.late && <Alert type="warning" showIcon message={`已过申请截止日期 ${t.dueOn}：仍可提交，申请将标注「逾期申请」，由经办机构决定是否纳入续签`} />}
          {live && !waiting && <Button type="primary" data-testid="apply-renewal" onClick={() => setOpen(true)}>申请续签</Button>}
        </Space>
      )}
      {items.length > 0 && (
        <Table<RenewalApplication>
          style={{ marginTop: 12 }} rowKey="id" size="small" pagination={false} dataSource={items}
          columns={[
            { title: '申请日期', dataIndex: 'submittedOn' },
            { title: '状态', key: 'state', render: (_, a) => <Space><Tag color={STATE_COLOR[a.state]}>{a.stateLabel}</Tag>{a.late && <Tag color="warning">逾期申请</Tag>}</Space> },
            { title: '说明 / 经办机构意见', key: 'reason', render: (_, a) => a.reason ?? a.note ?? '—' },
            { title: '', key: 'x', render: (_, a) => (a.allowedEvents.some((e) => e.event === 'withdraw') ? <Button size="small" type="link" onClick={() => void withdraw(a)}>撤回申请</Button> : null) },
          ]}
        />
      )}
      <Modal title="申请续签" open={open} okText="提交申请" confirmLoading={busy} onOk={() => void submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Typography.Paragraph>{t.applies ? `依据 ${t.citation}，申请续签本协议。` : ''}</Typography.Paragraph>
        <Input.TextArea aria-label="申请说明" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder="可填写申请说明（选填）" />
      </Modal>
    </Card>
  );
}
