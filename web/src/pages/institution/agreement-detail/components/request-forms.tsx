/**
 * The institution's own steps (only those in allowedEvents): 申请中止协议 (effective date + days),
 * 申请解除协议 (effective date), 申请恢复履行 while suspended, 撤回申请 — each shows the rules that
 * apply before it is submitted; and 「申请变更」 leads to the change requests.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AgreementActionsProps } from '../../../agency/agreement-common/agreement-page';
import { EventDrawer, isoDay, required, text, type LifeEventForm, type OpenEvent } from '../../../agency/agreement-common/event-drawer';
import type { AgreementEventType, AgreementLife } from '../../../../api/agreement-life-types';
import { earliestEffective, RequestRules } from './request-rules';

const INSTITUTION_EVENTS: AgreementEventType[] = ['request_suspension', 'request_termination', 'request_resumption', 'withdraw_request'];

function confirmPublicField(d: AgreementLife) {
  if (d.rules.publicRequest.value !== 'warn') return null;
  return (
    <Form.Item
      name="confirmPublic"
      valuePropName="checked"
      rules={[{ validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error('请确认已知悉公立医疗机构的申请限制'))) }]}
    >
      <Checkbox>已知悉：公立医疗机构原则上不得主动提出中止或解除医保协议，确需申请</Checkbox>
    </Form.Item>
  );
}

function effectiveField(d: AgreementLife, today: string) {
  const earliest = earliestEffective(d.rules, today);
  const onReceipt = d.rules.requestEffect.mode === 'on_receipt';
  const refuseShort = d.rules.requestEffect.shortNotice === 'refuse';
  const disabledDate = (day: Dayjs) => {
    const iso = day.format('YYYY-MM-DD');
    if (iso < today) return true;
    return refuseShort && iso < earliest;
  };
  return (
    <>
      <Form.Item
        name="effectiveOn"
        label="申请生效日期"
        rules={[{ required: true, message: '请选择申请生效日期' }]}
        extra={onReceipt ? '收到申请之日生效' : `最早 ${earliest}`}
      >
        <DatePicker disabled={onReceipt} disabledDate={disabledDate} />
      </Form.Item>
      {/* where short notice is only flagged, say so as soon as an earlier date is picked */}
      <Form.Item noStyle shouldUpdate={(a, b) => a.effectiveOn !== b.effectiveOn}>
        {({ getFieldValue }) => {
          const picked = isoDay(getFieldValue('effectiveOn'));
          return !onReceipt && picked && picked < earliest ? (
            <Alert
              type="warning" showIcon style={{ marginBottom: 16 }}
              title={`所选日期早于 ${earliest}：申请将标注为「未提前足额告知」，由经办机构审核（依据：${d.rules.requestEffect.citation}）`}
            />
          ) : null;
        }}
      </Form.Item>
    </>
  );
}

function suspensionForm(d: AgreementLife, today: string): LifeEventForm {
  const max = d.rules.suspensionMaxDays.value;
  const earliest = earliestEffective(d.rules, today);
  return {
    hint: <RequestRules rules={d.rules} today={today} kind="suspend" />,
    initial: { effectiveOn: dayjs(earliest), days: max },
    fields: (
      <>
        {effectiveField(d, today)}
        <Form.Item name="days" label="中止天数" rules={[{ required: true, message: '请填写中止天数' }]} extra={`1 至 ${max} 日`}>
          <InputNumber min={1} max={max} precision={0} suffix="日" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="reason" label="申请理由" rules={required('请填写申请理由')}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        {confirmPublicField(d)}
      </>
    ),
    payload: (v) => ({
      effectiveOn: isoDay(v.effectiveOn), days: Number(v.days), reason: text(v.reason), ...(v.confirmPublic ? { confirmPublic: true } : {}),
    }),
    okText: '提交中止申请',
    danger: true,
  };
}

function terminationForm(d: AgreementLife, today: string): LifeEventForm {
  const earliest = earliestEffective(d.rules, today);
  return {
    hint: <RequestRules rules={d.rules} today={today} kind="terminate" />,
    initial: { effectiveOn: dayjs(earliest) },
    fields: (
      <>
        {effectiveField(d, today)}
        <Form.Item name="reason" label="申请理由" rules={required('请填写申请理由')}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        {confirmPublicField(d)}
      </>
    ),
    payload: (v) => ({ effectiveOn: isoDay(v.effectiveOn), reason: text(v.reason), ...(v.confirmPublic ? { confirmPublic: true } : {}) }),
    okText: '提交解除申请',
    danger: true,
  };
}

function resumptionForm(d: AgreementLife): LifeEventForm {
  const s = d.life?.suspension;
  return {
    hint: s ? (
      <p>
        协议自 {s.from} 起中止，最长至 {s.maxUntil}；请在此之前申请恢复履行{s.mode !== 'requested' ? '，经办机构核实整改到位后恢复' : ''}。
        {s.rectification ? `整改要求：${s.rectification}` : ''}
      </p>
    ) : null,
    fields: (
      <Form.Item name="note" label={s?.mode === 'requested' ? '申请说明' : '整改情况说明'} rules={required('请填写说明')}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
    ),
    payload: (v) => ({ note: text(v.note) }),
    okText: '提交恢复履行申请',
  };
}

const withdrawForm: LifeEventForm = { hint: <p>撤回尚未生效的中止或解除申请。</p>, payload: () => ({}) };

export function InstitutionActions({ d, send, today }: AgreementActionsProps) {
  const [open, setOpen] = useState<OpenEvent | null>(null);
  const navigate = useNavigate();
  const allowed = d.allowedEvents.filter((e) => INSTITUTION_EVENTS.includes(e.event));
  const formOf = (event: AgreementEventType): LifeEventForm =>
    event === 'request_suspension' ? suspensionForm(d, today)
      : event === 'request_termination' ? terminationForm(d, today)
        : event === 'request_resumption' ? resumptionForm(d)
          : withdrawForm;
  const live = d.agreement.lifeState === 'in_force' || d.agreement.lifeState === 'suspended' || d.agreement.lifeState === 'pending';
  return (
    <>
      <Space wrap>
        {allowed.map((e) => (
          <Button
            key={e.event}
            type={e.event === 'request_resumption' ? 'primary' : 'default'}
            danger={e.event === 'request_suspension' || e.event === 'request_termination'}
            // the earliest effective date is counted from the server's today (the sandbox clock may run ahead)
            disabled={!today && (e.event === 'request_suspension' || e.event === 'request_termination')}
            onClick={() => setOpen({ event: e.event as OpenEvent['event'], label: e.label, cites: e.cites, form: formOf(e.event) })}
          >
            {e.label}
          </Button>
        ))}
        {live && (
          <Button onClick={() => navigate('/institution/change-requests')}>申请变更</Button>
        )}
      </Space>
      {allowed.length === 0 && !live && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有可办理的事项" />}
      <EventDrawer open={open} send={send} onClose={() => setOpen(null)} />
    </>
  );
}
