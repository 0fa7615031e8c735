/**
 * The dialog that publishes a dated version of a region's evaluation standard (自治区医保局〔2025〕征求意见稿
 * 一(一)): a new 生效日期 supersedes the version in force from that day; the same date corrects that version
 * (the server checks its version number, 409 when someone else changed it).
 */
import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { regionStandardApi, type RegionStandardRow, type StandardKind } from '../../api/local-parameter-endpoints';

export const KIND_LABEL: Record<StandardKind, string> = { new_designation: '新增定点', renewal: '续签协议' };

interface FormValues {
  kind: StandardKind;
  title: string;
  docNo: string;
  effectiveFrom: Dayjs;
  items: { label: string; weight?: number | null; note?: string }[];
  process: string;
}

/** `base`: the version being corrected (same date) or superseded (its text as a starting point); null for a first one. */
export interface PublishIntent {
  kind: StandardKind;
  base: RegionStandardRow | null;
  correct: boolean;
}

export function PublishStandardDialog({ regionCode, kinds, intent, onClose, onDone }: {
  regionCode: string; kinds: StandardKind[]; intent: PublishIntent | null; onClose: () => void; onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!intent) return;
    const b = intent.base;
    form.setFieldsValue({
      kind: intent.kind, title: b?.title ?? '', docNo: intent.correct ? (b?.docNo ?? '') : '', process: b?.process ?? '',
      effectiveFrom: intent.correct && b ? dayjs(b.effectiveFrom) : dayjs(),
      items: b?.items.map((i) => ({ label: i.label, weight: i.weight, note: i.note ?? '' })) ?? [{ label: '', weight: null, note: '' }],
    });
  }, [intent, form]);

  const save = async () => {
    if (!intent) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await regionStandardApi.publish(regionCode, v.kind, {
        title: v.title.trim(), docNo: v.docNo.trim(), effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), process: v.process.trim(),
        items: v.items.map((i) => ({ label: i.label.trim(), weight: i.weight ?? null, note: i.note?.trim() ? i.note.trim() : null })),
        ...(intent.correct && intent.base ? { expectedVersion: intent.base.version } : {}),
      });
      message.success(intent.correct ? `已更正「${v.title}」` : `已发布「${v.title}」`);
      onDone();
    } finally {
      setSaving(false);
    }
  };

  const title = intent?.correct ? '更正评估标准' : '发布评估标准';
  return (
    <Modal title={title} open={!!intent} onCancel={onClose} onOk={save} confirmLoading={saving} okText={intent?.correct ? '保存更正' : '发布'} width={720} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="kind" label="评估类别" rules={[{ required: true, message: '请选择评估类别' }]}>
          <Select disabled={intent?.correct} options={kinds.map((k) => ({ value: k, label: KIND_LABEL[k] }))} />
        </Form.Item>
        <Form.Item name="title" label="标准名称" rules={[{ required: true, whitespace: true, message: '请填写标准名称' }, { max: 200, message: '标准名称不超过 200 字' }]}>
          <Input placeholder="如 南宁市新增定点医药机构评估标准" />
        </Form.Item>
        <Space style={{ display: 'flex' }} align="start">
          <Form.Item name="docNo" label="文号" style={{ width: 300 }} rules={[{ required: true, whitespace: true, message: '请填写文号' }, { max: 100, message: '文号不超过 100 字' }]}>
            <Input placeholder="如 南医保〔2026〕3号" />
          </Form.Item>
          <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}
            extra={intent?.correct ? '更正同一生效日期的版本' : '自该日起取代此前的版本'}>
            <DatePicker disabled={intent?.correct} />
          </Form.Item>
        </Space>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Form.Item label="评估项目（权重全部填写或全部不填，合计 100）">
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: '请填写评估项目' }, { max: 200, message: '评估项目不超过 200 字' }]}>
                    <Input aria-label={`评估项目${i + 1}`} placeholder="评估项目" style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']}>
                    <InputNumber aria-label={`权重${i + 1}`} placeholder="权重" min={0} max={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']} rules={[{ max: 500, message: '说明不超过 500 字' }]}>
                    <Input aria-label={`说明${i + 1}`} placeholder="说明（可不填）" style={{ width: 220 }} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="删除该项" onClick={() => remove(f.name)} style={{ marginTop: 8 }} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', weight: null, note: '' })}>添加评估项目</Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="process" label="评估流程" rules={[{ required: true, whitespace: true, message: '请填写评估流程' }, { max: 4000, message: '评估流程不超过 4000 字' }]}>
          <Input.TextArea rows={4} placeholder="如 受理 → 书面评估 → 现场评估 → 公示" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
