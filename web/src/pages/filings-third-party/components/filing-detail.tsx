/**
 * One third-party filing (吉医保规〔2023〕1号 第三十三条第二款): service items, the licence, the
 * equipment and staff lists, and the agency's 核验 of each. With `verify`, each item gets
 * 通过 / 不通过 with a note (a failure needs one), and the filing is accepted or returned.
 */
import { useState } from 'react';
import { App, Button, Descriptions, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import {
  filingStatusColor, thirdPartyFilingApi, type FilingCheckItem, type ThirdPartyFiling,
} from '../../../api/third-party-endpoints';
import { chinaDay, chinaTime } from '../../../utils/china-date';

type Check = ThirdPartyFiling['checks'][number];

function CheckResult({ c }: { c: Check }) {
  if (c.pass === null) return <Tag>尚未核验</Tag>;
  return (
    <Space orientation="vertical" size={0}>
      <Tag color={c.pass ? 'success' : 'error'}>{c.pass ? '通过' : '不通过'}</Tag>
      {c.note && <Typography.Text>{c.note}</Typography.Text>}
      <Typography.Text type="secondary">
        {c.by} {c.on}
      </Typography.Text>
    </Space>
  );
}

/** A note asked for in a modal, then `run(note)`; `required` refuses an empty note. */
function NoteButton(props: { label: string; title: string; required?: boolean; danger?: boolean; primary?: boolean; run: (note: string | null) => Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    setBusy(true);
    try {
      await props.run(note.trim() || null);
      setOpen(false);
      setNote('');
    } catch {
      // shown by the error sink (refusals list their citation)
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" danger={props.danger} type={props.primary ? 'primary' : 'default'} onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      <Modal open={open} title={props.title} okText="确定" cancelText="取消" confirmLoading={busy} okButtonProps={{ disabled: props.required && !note.trim() }} onOk={ok} onCancel={() => setOpen(false)} destroyOnHidden>
        <Input.TextArea aria-label="意见" placeholder={props.required ? '请填写意见（必填）' : '意见（可选）'} rows={3} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}

export function FilingDetail({ filing: f, verify, onChanged }: { filing: ThirdPartyFiling; verify?: boolean; onChanged?: (f: ThirdPartyFiling) => void }) {
  const { message } = App.useApp();
  const open = f.status === 'submitted';
  const check = (item: FilingCheckItem, pass: boolean) => async (note: string | null) => {
    const next = await thirdPartyFilingApi.check(f.id, { item, pass, note, version: f.version });
    onChanged?.(next);
  };
  const decide = (accept: boolean) => async (note: string | null) => {
    const next = await thirdPartyFilingApi.decide(f.id, { accept, note, version: f.version });
    message.success(accept ? '已予以备案' : '已退回备案');
    onChanged?.(next);
  };
  const allPassed = f.checks.every((c) => c.pass === true);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="机构">{f.institutionName}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={filingStatusColor[f.status]}>{f.statusLabel}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="受理经办机构">{f.agencyName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="提交时间">{chinaTime(f.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label="备案服务项目" span={2}>
          {f.services.map((s) => (
            <Tag key={s}>{s}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="医疗机构执业许可证" span={2}>
          {f.licence.number}（{f.licence.issuedBy}，有效期至 {f.licence.validTo}）
        </Descriptions.Item>
        {f.note && <Descriptions.Item label="备注" span={2}>{f.note}</Descriptions.Item>}
        {f.decidedAt && (
          <Descriptions.Item label="备案意见" span={2}>
            {f.decisionNote ?? '—'}（{chinaDay(f.decidedAt)}）
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table
        size="small"
        rowKey={(r) => `${r.name}-${r.model}`}
        pagination={false}
        title={() => '大型仪器设备清单'}
        dataSource={f.equipment}
        columns={[
          { title: '设备名称', dataIndex: 'name' },
          { title: '型号', dataIndex: 'model' },
          { title: '数量', dataIndex: 'quantity', align: 'right' },
        ]}
      />
      <Table
        size="small"
        rowKey={(r) => `${r.name}-${r.certificateNumber}`}
        pagination={false}
        title={() => '相关专业人员'}
        dataSource={f.staff}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '资格', dataIndex: 'qualification' },
          { title: '资格及注册证书编号', dataIndex: 'certificateNumber' },
        ]}
      />
      <Table<Check>
        size="small"
        rowKey="item"
        pagination={false}
        title={() => `经办机构核验（${f.citation}）`}
        dataSource={f.checks}
        columns={[
          { title: '核验项目', dataIndex: 'label' },
          { title: '核验结果', key: 'result', render: (_, c) => <CheckResult c={c} /> },
          ...(verify && open
            ? [{
                title: '核验', key: 'op', render: (_: unknown, c: Check) => (
                  <Space>
                    <NoteButton label="通过" primary title={`${c.label}：核验通过`} run={check(c.item, true)} />
                    <NoteButton label="不通过" danger required title={`${c.label}：核验不通过`} run={check(c.item, false)} />
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      {verify && open && (
        <Space>
          <NoteButton label="予以备案" primary title="予以备案（三项核验均须通过）" run={decide(true)} />
          <NoteButton label="退回" danger required title="退回备案（须说明理由）" run={decide(false)} />
          {!allPassed && <Typography.Text type="secondary">三项核验均通过后方可予以备案。</Typography.Text>}
        </Space>
      )}
    </Space>
  );
}
