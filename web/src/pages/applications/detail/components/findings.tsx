/**
 * 材料审核发现 (decision 0024): what the officer found that the refusal rules read — 未执行医药价格政策,
 * 未履行行政处罚 (with the decision number and date), 弄虚作假 (date found), and 云人社发〔2016〕308号
 * 二(二)'s situations — each with its source, date and evidence (a note and/or an uploaded file).
 * Recording one re-runs the screening; a fired rule moves the application to 筛查拟不予受理.
 */
import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ApplicationDetail } from '../../../../api/pipeline-types';
import { findingApi, type Finding, type FindingResult } from '../../../../api/findings-endpoints';
import { useRequest } from '../../../../hooks/use-request';
import { useEnums } from '../../../../meta/enums';
import { isoDay } from './event-form-types';

/** 材料审核 (初审、复核): the states in which findings are recorded (src/designation/record-finding.ts). */
const RECORDING_STATES = ['under_review', 'supplemented'];

export function Findings({ d, onDone }: { d: ApplicationDetail; onDone: () => void }) {
  const { data, reload } = useRequest(() => findingApi.list(d.id), [d.id, d.version]);
  const { options } = useEnums();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FindingResult | null>(null);
  const canRecord = RECORDING_STATES.includes(d.state);
  const [resolving, setResolving] = useState<Finding | null>(null);
  const [resolveForm] = Form.useForm();
  const resolve = async (v: Record<string, unknown>) => {
    if (!resolving) return;
    await findingApi.resolve(d.id, resolving.id, { version: resolving.version, resolvedOn: isoDay(v.resolvedOn), reason: String(v.reason).trim() });
    setResolving(null);
    reload();
  };

  const submit = async (v: Record<string, unknown>) => {
    setBusy(true);
    try {
      const r = await findingApi.record(d.id, {
        version: d.version, kind: v.kind as never, foundOn: isoDay(v.foundOn), source: String(v.source).trim(),
        ...(String(v.note ?? '').trim() ? { note: String(v.note).trim() } : {}),
        ...(v.evidenceFileId ? { evidenceFileId: String(v.evidenceFileId) } : {}),
      });
      setResult(r);
      form.resetFields();
      reload();
      onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<Finding>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无审核发现' }}
        columns={[
          { title: '情形', dataIndex: 'kindLabel', render: (t: string, f) => <Space>{t}{f.outlives && <Tag>对机构后续申请有效</Tag>}</Space> },
          { title: '日期', dataIndex: 'foundOn', width: 110 },
          { title: '来源或文号', dataIndex: 'source' },
          { title: '证据', render: (_: unknown, f) => [f.note, f.evidenceFile].filter(Boolean).join('；') },
          { title: '依据', dataIndex: 'cites', render: (c: string[]) => c.join('；') },
          {
            title: '状态',
            render: (_: unknown, f) => (f.resolvedOn ? `自 ${f.resolvedOn} 起解除` : (
              <Space>有效<Button size="small" onClick={() => { resolveForm.resetFields(); setResolving(f); }}>解除</Button></Space>
            )),
          },
        ]}
      />
      <Modal title="解除审核发现（如行政处罚已履行完毕）" open={!!resolving} onCancel={() => setResolving(null)} onOk={() => resolveForm.submit()} destroyOnHidden>
        <Form form={resolveForm} layout="vertical" onFinish={resolve}>
          <Form.Item name="resolvedOn" label="解除日期（自该日起不再计入）" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="reason" label="解除理由（记入审计）" rules={[{ required: true, whitespace: true, message: '请填写解除理由' }]}>
            <Input.TextArea rows={2} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
      {result && (
        <Alert
          type={result.screening.reasons.length ? 'warning' : 'success'}
          showIcon
          title={result.screening.reasons.length
            ? `重新筛查命中不予受理情形：${result.screening.reasons.map((r) => `${r.message}（${r.citation}）`).join('；')}`
            : '重新筛查未命中不予受理情形'}
        />
      )}
      {canRecord ? (
        <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 640 }}>
          <Typography.Title level={5}>记录审核发现</Typography.Title>
          <Form.Item name="kind" label="情形" rules={[{ required: true, message: '请选择情形' }]}>
            <Select options={options('findingKind')} />
          </Form.Item>
          <Form.Item name="foundOn" label="发现、认定或处罚决定日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="source" label="来源或文号（如行政处罚决定书文号）" rules={[{ required: true, whitespace: true, message: '请填写来源或文号' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="note" label="情况说明">
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="evidenceFileId" label="证据文件（本申请已上传的文件，可不选）">
            <Select allowClear options={d.materials.map((m) => ({ value: m.id, label: m.fileName }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>记录并重新筛查</Button>
        </Form>
      ) : (
        <Typography.Text type="secondary">材料审核（初审、复核）期间可记录审核发现。</Typography.Text>
      )}
    </Space>
  );
}
