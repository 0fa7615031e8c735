/**
 * 续签申请 the district agency handles (京医保发〔2021〕30号 第四十一条, decision 0048): the institutions'
 * applications of its territory, filtered and paged on the server, late ones flagged; 受理 (take it into
 * the renewal) or 退回 with a reason. Shown only where an application exists — under profiles where the
 * agency organises the renewal there are none.
 */
import { useState } from 'react';
import { App, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { renewalApplicationApi, type RenewalApplication } from '../../../../api/renewal-application-endpoints';
import { useRequest } from '../../../../hooks/use-request';
import { useServerPagination } from '../../../../hooks/use-server-pagination';

export function RenewalApplicationsCard({ canAct }: { canAct: boolean }) {
  const { message } = App.useApp();
  const [state, setState] = useState<string | undefined>('submitted');
  const [late, setLate] = useState<string | undefined>();
  const { page, pageSize, setPage, pagination } = useServerPagination(10);
  const { data, loading, reload } = useRequest(() => renewalApplicationApi.list({ state, late, page, pageSize }), [state, late, page, pageSize]);
  const [returning, setReturning] = useState<RenewalApplication | null>(null);
  const [reason, setReason] = useState('');

  const run = async (p: Promise<unknown>, done: string) => {
    try {
      await p;
      message.success(done);
      reload();
    } catch {
      // shown by the API client (409 when another officer handled it first)
    }
  };
  if (!data || (data.total === 0 && state === 'submitted' && !late)) return null;
  return (
    <Card title="机构续签申请" style={{ marginTop: 16 }} data-testid="renewal-applications"
      extra={(
        <Space>
          <Select aria-label="申请状态" allowClear placeholder="申请状态" style={{ width: 120 }} value={state} onChange={(v?: string) => { setState(v); setPage(1); }}
            options={[{ value: 'submitted', label: '待受理' }, { value: 'accepted', label: '已受理' }, { value: 'returned', label: '已退回' }, { value: 'withdrawn', label: '已撤回' }]} />
          <Select aria-label="是否逾期" allowClear placeholder="是否逾期" style={{ width: 120 }} value={late} onChange={(v?: string) => { setLate(v); setPage(1); }}
            options={[{ value: 'true', label: '逾期申请' }, { value: 'false', label: '按期申请' }]} />
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">京医保发〔2021〕30号 第四十一条：定点医疗机构于协议期满前3个月向区经办机构提出续签申请，或由区经办机构统一组织。逾期申请不拒收，由经办机构决定是否纳入续签。</Typography.Paragraph>
      <Table<RenewalApplication>
        rowKey="id" size="small" loading={loading} dataSource={data.items} pagination={pagination(data.total, (t) => `共 ${t} 份申请`)}
        columns={[
          { title: '机构', dataIndex: 'institutionName' },
          { title: '协议编号', dataIndex: 'agreementNumber' },
          { title: '期满日', dataIndex: 'termTo' },
          { title: '申请日期', dataIndex: 'submittedOn' },
          { title: '状态', key: 'state', render: (_, a) => <Space><Tag>{a.stateLabel}</Tag>{a.late && <Tag color="warning" title={a.lateLabel ?? ''}>逾期申请</Tag>}</Space> },
          { title: '说明', key: 'note', render: (_, a) => a.reason ?? (a.note || '—') },
          {
            title: '', key: 'x', render: (_, a) => (canAct && a.allowedEvents.length > 0 ? (
              <Space>
                {a.allowedEvents.some((e) => e.event === 'accept') && <Button size="small" type="link" onClick={() => void run(renewalApplicationApi.event(a.id, { type: 'accept', version: a.version }), `已受理：${a.institutionName}`)}>受理</Button>}
                {a.allowedEvents.some((e) => e.event === 'return') && <Button size="small" type="link" danger onClick={() => { setReturning(a); setReason(''); }}>退回</Button>}
              </Space>
            ) : null),
          },
        ]}
      />
      <Modal title={`退回续签申请：${returning?.institutionName ?? ''}`} open={!!returning} okText="退回" onCancel={() => setReturning(null)} destroyOnHidden
        onOk={() => { if (returning) void run(renewalApplicationApi.event(returning.id, { type: 'return', reason, version: returning.version }), '已退回').then(() => setReturning(null)); }}>
        <Input.TextArea aria-label="退回理由" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}
