/**
 * A step's form as a drawer: the rules that apply and the step's articles first, then the fields;
 * 「确认…」 validates, sends the payload with the version the user saw (send-event.ts) and closes on
 * success. A step without fields is a confirmation.
 */
import { useState, type ReactNode } from 'react';
import { Button, Drawer, Form, Space, Typography } from 'antd';
import type { AgreementEventPayloads } from '../../../api/agreement-life-types';
import type { SendEvent } from './send-event';
import { catching } from '../../../utils/catching';

export type FormValues = Record<string, unknown>;

export interface LifeEventForm {
  /** what the user must know before submitting: the rules, the deadlines, the consequences */
  hint?: ReactNode;
  /** antd Form.Items; none = a confirmation */
  fields?: ReactNode;
  initial?: FormValues;
  payload: (v: FormValues) => object;
  danger?: boolean;
  /** the submit button's text (default 确认<label>) */
  okText?: string;
}

export interface OpenEvent {
  event: keyof AgreementEventPayloads;
  label: string;
  cites: string;
  form: LifeEventForm;
}

export function EventDrawer({ open, send, onClose }: { open: OpenEvent | null; send: SendEvent; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const [sending, setSending] = useState(false);

  const submit = async () => {
    if (!open) return;
    const values = open.form.fields ? await form.validateFields() : {};
    setSending(true);
    try {
      const r = await send(open.event, open.label, open.form.payload(values) as never);
      if (r) onClose();
    } finally {
      setSending(false);
    }
  };

  return (
    <Drawer
      open={!!open}
      title={open?.label}
      size={640}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" danger={!!open?.form.danger} loading={sending} onClick={catching(submit)}>
            {open?.form.okText ?? `确认${open?.label ?? ''}`}
          </Button>
        </Space>
      }
    >
      {open && (
        <>
          {open.form.hint}
          {open.cites && <Typography.Paragraph type="secondary">依据：{open.cites}</Typography.Paragraph>}
          <Form form={form} layout="vertical" initialValues={open.form.initial}>
            {open.form.fields}
          </Form>
        </>
      )}
    </Drawer>
  );
}

/** Trimmed text of a field. */
export const text = (v: unknown): string => String(v ?? '').trim();
/** Required, not only spaces. */
export const required = (message: string) => [{ required: true, whitespace: true, message }];
/** 'YYYY-MM-DD' from a DatePicker's dayjs value. */
export function isoDay(v: unknown): string {
  if (v && typeof v === 'object' && 'format' in v && typeof (v as { format: unknown }).format === 'function') {
    return (v as { format: (f: string) => string }).format('YYYY-MM-DD');
  }
  return String(v ?? '');
}
