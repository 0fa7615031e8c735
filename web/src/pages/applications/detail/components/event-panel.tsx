/**
 * 可办理事项: one button per event the server says the current user may take now (`allowedEvents`).
 * Each opens its form; the version the user saw is sent with it, so if someone else acted first the
 * server answers 409 (“申请已被他人处理，请刷新后重试”, shown by the one error sink) and the page reloads.
 */
import { useState } from 'react';
import { App, Button, Empty, Form, Modal, Space, Typography } from 'antd';
import { ApiError } from '../../../../api/client';
import { applicationApi, publicApi } from '../../../../api/pipeline-endpoints';
import type { ApplicationDetail, PublicStandards, RequiredMaterials } from '../../../../api/pipeline-types';
import type { SessionUser } from '../../../../api/types';
import { INTAKE_FORMS } from './event-forms-intake';
import { LATER_FORMS } from './event-forms-later';
import { RECORD_FORMS } from './event-forms-records';
import type { EventForm, EventFormContext, FormValues } from './event-form-types';
import { catching } from '../../../../utils/catching';

const FORMS: Record<string, EventForm> = { ...INTAKE_FORMS, ...RECORD_FORMS, ...LATER_FORMS };
const AGREEMENT_EVENTS = ['complete_study', 'institution_sign', 'agency_sign', 'resolve_complaint'];

interface Props {
  d: ApplicationDetail;
  user: SessionUser;
  onDone: () => void;
}

export function EventPanel({ d, user, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [open, setOpen] = useState<{ event: string; label: string; n: number; initial: FormValues } | null>(null);
  const [ctx, setCtx] = useState<EventFormContext>({ d, user });
  const [sending, setSending] = useState(false);

  const start = async (event: string, label: string) => {
    const spec = FORMS[event] ?? {};
    let required: RequiredMaterials | undefined;
    let standards: PublicStandards | undefined;
    try {
      if (spec.needsMaterials) required = await applicationApi.materialsRequired(d.id);
      if (spec.needsStandards) standards = await publicApi.standards(d.profileId, d.kind);
    } catch {
      // the error sink said why; the form still opens with what it has
    }
    const next = { d, user, required, standards };
    setCtx(next);
    setOpen({ event, label, n: Date.now(), initial: spec.initial?.(next) ?? {} });
  };

  const send = async () => {
    if (!open) return;
    const spec = FORMS[open.event] ?? {};
    const values = spec.fields ? await form.validateFields() : {};
    setSending(true);
    try {
      const r = await applicationApi.event(d.id, open.event, d.version, spec.payload?.(values, ctx) ?? {});
      const docs = r.documents.map((x) => `${x.title}（${x.number}）`).join('、');
      message.success(`已办理：${open.label}。当前状态：${r.application.stateLabel}${docs ? `；已出具 ${docs}` : ''}`);
      setOpen(null);
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setOpen(null);
        onDone();
      }
    } finally {
      setSending(false);
    }
  };

  // 协议学习 and signing go through the agreement (text, SM2 signature): the 服务协议 tab
  const onAgreement = d.allowedEvents.filter((e) => AGREEMENT_EVENTS.includes(e.event));
  const events = d.allowedEvents.filter((e) => !AGREEMENT_EVENTS.includes(e.event));
  if (events.length === 0 && onAgreement.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有需要您办理的事项" />;
  }
  const spec = open ? (FORMS[open.event] ?? {}) : {};
  const hint = typeof spec.hint === 'function' ? spec.hint(ctx) : spec.hint;
  // the step's basis under this application's profile, as the server resolves it (issue #7)
  const openBasis = open ? d.allowedEvents.find((e) => e.event === open.event)?.basis : undefined;

  return (
    <>
      {onAgreement.length > 0 && (
        <Typography.Paragraph>
          请在下方“评估、公示与协商”（举报投诉）或“服务协议”中办理：{onAgreement.map((e) => e.label).join('、')}。
        </Typography.Paragraph>
      )}
      <Space wrap>
        {events.map((e) => (
          <Button
            key={e.event}
            type={FORMS[e.event]?.danger || e.event === 'withdraw' ? 'default' : 'primary'}
            danger={!!FORMS[e.event]?.danger}
            onClick={() => void start(e.event, e.label)}
          >
            {e.label}
          </Button>
        ))}
      </Space>
      <Modal
        open={!!open}
        title={open?.label}
        okText={`确认${open?.label ?? ''}`}
        okButtonProps={{ danger: !!spec.danger, loading: sending }}
        cancelText="取消"
        onOk={catching(send)}
        onCancel={() => setOpen(null)}
        width={spec.fields ? 720 : 480}
        destroyOnHidden
      >
        {typeof hint === 'string' ? <Typography.Paragraph>{hint}</Typography.Paragraph> : hint}
        {openBasis && <Typography.Paragraph type="secondary">依据：{openBasis}</Typography.Paragraph>}
        <Form key={open?.n} form={form} layout="vertical" initialValues={open?.initial}>
          {spec.fields?.(ctx)}
        </Form>
      </Modal>
    </>
  );
}
