/**
 * 基本条件核查 (decision 0023): every condition rule of the application's profile with its article,
 * the automatic result on the registry and the declaration, the reason, and the officer's finding.
 * An officer records a finding (required for 无法判断) and re-runs the check after a registry correction.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ApiError } from '../../../../api/client';
import { applicationApi } from '../../../../api/pipeline-endpoints';
import type { ConditionCheckView, ConditionRowView } from '../../../../api/pipeline-types';
import { catching } from '../../../../utils/catching';

const COLOR: Record<string, string> = { met: 'green', not_met: 'red', unknown: 'orange' };
/** 提交后、评估结果形成前 (src/designation/check-conditions.ts CONDITION_STATES) */
const OPEN_STATES = ['under_review', 'needs_supplement', 'supplemented', 'accepted', 'batched', 'evaluating', 'reevaluation_requested', 'screening_refused'];

interface Values { met: boolean; note: string }

function FindingDialog({ appId, check, row, onClose, onDone }: {
  appId: string; check: ConditionCheckView; row: ConditionRowView; onClose: () => void; onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const save = catching(async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await applicationApi.recordConditionFinding(appId, { version: check.version, ruleId: row.ruleId, met: v.met, note: v.note.trim() });
      message.success('已记录核查结论');
      onClose();
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        if (e.field?.replace(/^body\./, '') === 'note') form.setFields([{ name: 'note', errors: [e.message] }]);
        else message.error(e.message);
      }
    } finally {
      setSaving(false);
    }
  });
  return (
    <Modal open title={`记录核查结论：${row.title}`} okText="记录" cancelText="取消" okButtonProps={{ loading: saving }} onOk={save} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">依据：{row.citation}；自动核查：{row.resultLabel}（{row.reason}）</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="met" label="核查结论" rules={[{ required: true, message: '请选择是否符合' }]}>
          <Radio.Group options={[{ value: true, label: '符合' }, { value: false, label: '不符合' }]} />
        </Form.Item>
        <Form.Item name="note" label="核查依据（查看的证照、记录或现场情况）" rules={[{ required: true, whitespace: true, min: 2, message: '请填写核查依据（至少2个字）' }, { max: 500, message: '不能超过500个字符' }]}>
          <Input.TextArea rows={3} showCount maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function Conditions({ appId, state, check, canAct, onDone }: {
  appId: string; state: string; check: ConditionCheckView | null; canAct: boolean; onDone: () => void;
}) {
  const [editing, setEditing] = useState<ConditionRowView | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const open = canAct && OPEN_STATES.includes(state);
  const recheck = catching(async () => {
    setBusy(true);
    try {
      await applicationApi.recheckConditions(appId, check?.version ?? 1);
      message.success('已按当前登记信息重新核查');
      onDone();
    } finally {
      setBusy(false);
    }
  });

  if (!check) {
    return (
      <Space orientation="vertical">
        <Typography.Text type="secondary">提交申请后自动核查基本条件</Typography.Text>
        {open && <Button onClick={recheck} loading={busy}>核查基本条件</Button>}
      </Space>
    );
  }
  const undetermined = check.rows.filter((r) => r.effective === 'unknown').length;
  const unmet = check.rows.filter((r) => r.effective === 'not_met').length;
  const columns: ColumnsType<ConditionRowView> = [
    { title: '基本条件', dataIndex: 'title', minWidth: 220 },
    { title: '依据', dataIndex: 'citation', minWidth: 180 },
    { title: '自动核查', dataIndex: 'resultLabel', minWidth: 90, render: (v: string, r) => <Tag color={COLOR[r.result]}>{v}</Tag> },
    { title: '理由', dataIndex: 'reason', minWidth: 220 },
    {
      title: '核查结论', key: 'finding', minWidth: 200,
      render: (_, r) => (r.finding
        ? <span><Tag color={r.finding.met ? 'green' : 'red'}>{r.finding.met ? '符合' : '不符合'}</Tag>{r.finding.note}（{r.finding.by}，{r.finding.on}）</span>
        : '—'),
    },
    ...(open ? [{
      title: '操作', key: 'act', render: (_: unknown, r: ConditionRowView) => (
        <Button size="small" type={r.effective === 'unknown' ? 'primary' : 'default'} onClick={() => setEditing(r)}>记录核查结论</Button>
      ),
    }] : []),
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {undetermined > 0 && <Alert type="warning" showIcon title={`${undetermined} 项基本条件无法判断：须由经办人核查并记录结论后，方可形成评估结果`} />}
      {unmet > 0 && <Alert type="error" showIcon title={`${unmet} 项基本条件不符合：评估结果只能为不合格（理由及依据载入评估结果）`} />}
      <Space wrap>
        <Typography.Text type="secondary">按 {check.asOf}（提交日）的机构登记信息和申请声明核查；规则版本 {check.rulesetVersion}</Typography.Text>
        {open && <Button size="small" onClick={recheck} loading={busy}>按当前登记信息重新核查</Button>}
      </Space>
      <Table<ConditionRowView>
        rowKey="ruleId" size="small" pagination={false} columns={columns} dataSource={check.rows} scroll={{ x: 'max-content' }}
        locale={{ emptyText: '本机构类别无须核查的基本条件' }}
      />
      {editing && <FindingDialog appId={appId} check={check} row={editing} onClose={() => setEditing(null)} onDone={onDone} />}
    </Space>
  );
}
