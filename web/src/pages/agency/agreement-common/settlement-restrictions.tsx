/**
 * 人员/科室结算 on an agreement's page (decision 0035; 京医保发〔2021〕30号 第四十五条, 云医保〔2022〕6号
 * 第二十五条): the institution's restrictions; the agency 暂停人员/科室结算 (a form) and 恢复 / 终止 each
 * with a reason; the institution and the department read.
 */
import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { restrictionApi, restrictionDocumentUrl, type Restriction, type RestrictionCreate } from '../../../api/settlement-restriction-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { chinaToday } from '../../../utils/china-date';

interface FormValues {
  mode: 'suspend' | 'terminate';
  kind: 'department' | 'person';
  department?: string;
  name?: string;
  role?: 'physician' | 'pharmacist';
  idNumber?: string;
  certificateNo?: string;
  reason: string;
  fromOn?: Dayjs;
  untilOn?: Dayjs;
}

const STATE_COLOR: Record<string, string> = { in_effect: 'orange', lifted: 'green', ended: 'red', new: 'default' };

export function SettlementRestrictions({ agreementId, canCreate }: { agreementId: string; canCreate: boolean }) {
  const { data, reload } = useRequest(() => restrictionApi.list(agreementId), [agreementId]);
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<{ r: Restriction; event: 'lift' | 'terminate'; label: string } | null>(null);
  const [form] = Form.useForm<FormValues>();
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const mode = Form.useWatch('mode', form);
  const kind = Form.useWatch('kind', form);

  const submit = async () => {
    const v = await form.validateFields();
    const body: RestrictionCreate = {
      mode: v.mode, reason: v.reason, fromOn: (v.fromOn ?? null)?.format('YYYY-MM-DD') ?? chinaToday(),
      untilOn: v.mode === 'suspend' && v.untilOn ? v.untilOn.format('YYYY-MM-DD') : null,
      target: v.kind === 'department'
        ? { kind: 'department', department: v.department ?? '' }
        : { kind: 'person', name: v.name ?? '', role: v.role ?? 'physician', idNumber: v.idNumber || null, certificateNo: v.certificateNo || null },
    };
    await restrictionApi.create(agreementId, body);
    setOpen(false);
    form.resetFields();
    reload();
  };
  const runStep = async () => {
    if (!step) return;
    const { reason } = await reasonForm.validateFields();
    await restrictionApi.step(step.r.id, step.event, step.r.version, reason);
    setStep(null);
    reasonForm.resetFields();
    reload();
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {canCreate && <Button type="primary" onClick={() => setOpen(true)}>暂停人员/科室结算</Button>}
      <Table<Restriction>
        rowKey="id" size="small" pagination={false} dataSource={data?.items ?? []}
        columns={[
          { title: '对象', dataIndex: 'target' },
          { title: '状态', dataIndex: 'stateLabel', render: (t: string, r) => <Tag color={STATE_COLOR[r.state]}>{t}</Tag> },
          { title: '起始', dataIndex: 'fromOn' },
          { title: '截止', dataIndex: 'untilOn', render: (t: string | null) => t ?? '—' },
          { title: '事实与理由', dataIndex: 'reason' },
          { title: '依据', dataIndex: 'citation' },
          {
            title: '通知书', key: 'docs',
            render: (_: unknown, r) => r.documents.map((d) => <a key={d.id} href={restrictionDocumentUrl(r.id, d.id, 'pdf')} target="_blank" rel="noreferrer">{d.number}</a>),
          },
          {
            title: '操作', key: 'ops',
            render: (_: unknown, r) => (
              <Space>
                {r.allowedEvents.map((e) => (
                  <Button key={e.event} size="small" danger={e.event === 'terminate'} onClick={() => setStep({ r, event: e.event as 'lift' | 'terminate', label: e.event === 'lift' ? '恢复' : '终止' })}>
                    {e.event === 'lift' ? '恢复' : '终止'}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal title="暂停人员/科室结算" open={open} onOk={submit} onCancel={() => setOpen(false)} okText="确定" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ mode: 'suspend', kind: 'department', role: 'physician' }}>
          <Form.Item name="mode" label="处理方式"><Radio.Group options={[{ value: 'suspend', label: '中止结算' }, { value: 'terminate', label: '终止结算' }]} /></Form.Item>
          <Form.Item name="kind" label="对象"><Radio.Group options={[{ value: 'department', label: '科室' }, { value: 'person', label: '医保医师/药师' }]} /></Form.Item>
          {kind === 'person' ? (
            <>
              <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input maxLength={50} /></Form.Item>
              <Form.Item name="role" label="类别"><Select options={[{ value: 'physician', label: '医保医师' }, { value: 'pharmacist', label: '医保药师' }]} /></Form.Item>
              <Form.Item name="idNumber" label="身份证号"><Input maxLength={18} /></Form.Item>
              <Form.Item name="certificateNo" label="执业证书编号（无身份证号时必填）"><Input maxLength={50} /></Form.Item>
            </>
          ) : (
            <Form.Item name="department" label="科室名称" rules={[{ required: true, message: '请填写科室名称' }]}><Input maxLength={100} /></Form.Item>
          )}
          <Form.Item name="reason" label="事实与理由" rules={[{ required: true, message: '请填写事实与理由' }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          {mode !== 'terminate' && (
            <Space>
              <Form.Item name="fromOn" label="中止起始日期" rules={[{ required: true, message: '请选择起始日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="untilOn" label="中止截止日期（可空）"><DatePicker /></Form.Item>
            </Space>
          )}
        </Form>
      </Modal>
      <Modal title={step ? `${step.label}：${step.r.target}` : ''} open={step !== null} onOk={runStep} onCancel={() => setStep(null)} okText="确定" destroyOnHidden>
        <Form form={reasonForm} layout="vertical">
          <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写理由' }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
