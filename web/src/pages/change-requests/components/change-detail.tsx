/**
 * One change request: old → new per field, the approval document, the late flag with its article,
 * the handling deadline, the 贯标动态平台 to-do, files and the 变更确认通知书; the buttons are the
 * server's allowedEvents (a reason is asked for 退回 / 不予变更).
 */
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { changeRequestApi, changeStateColor, type ChangeRequest } from '../../../api/change-request-endpoints';
import { describeError } from '../../../api/error-display';
import { saveDownload } from '../../../api/download';

export function ChangeDetail({ request: r, onChanged }: { request: ChangeRequest; onChanged: (r: ChangeRequest) => void }) {
  const { message } = App.useApp();
  const [asking, setAsking] = useState<{ event: string; label: string } | null>(null);
  const [text, setText] = useState('');
  const run = async (event: string, reason?: string) => {
    try {
      const next = await changeRequestApi.step(r.id, event, { version: r.version, ...(reason ? { reason } : {}) });
      message.success('已办理');
      onChanged(next);
    } catch (e) {
      message.error(describeError(e));
    }
  };
  const open = r.deadlines.find((d) => d.state === 'open');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {r.late && <Alert type="warning" showIcon message={`逾期申请：未在批准之日起30个工作日内（${r.filingDue} 前）提出（${r.lateCitation}）`} />}
      {r.recognition && <Alert type="info" showIcon message={`${r.recognition.by}医保经办机构互认本次变更结果，无须再次办理（${r.recognition.citation}）`} />}
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="类型">{r.kindLabel}</Descriptions.Item>
        <Descriptions.Item label="状态"><Tag color={changeStateColor[r.state]}>{r.stateLabel}</Tag></Descriptions.Item>
        <Descriptions.Item label="批准文件">{r.approvalDocNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="批准日期">{r.approvalDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="申请截止日">{r.filingDue ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="提交日期">{r.submittedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="办理时限" span={2}>{open ? `${open.dueOn} 前（${open.n}个工作日，${open.citation}）` : '—'}</Descriptions.Item>
        {r.returnReason && <Descriptions.Item label="退回理由" span={2}>{r.returnReason}</Descriptions.Item>}
        {r.decisionNote && <Descriptions.Item label="办理意见" span={2}>{r.decisionNote}</Descriptions.Item>}
        <Descriptions.Item label="依据" span={2}>{r.citations}</Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="field" size="small" pagination={false} dataSource={r.changes}
        columns={[
          { title: '变更事项', dataIndex: 'label', render: (v: string, c) => <Space>{v}{c.major && <Tag color="red">重大</Tag>}</Space> },
          { title: '变更前', dataIndex: 'fromLabel' },
          { title: '变更后', dataIndex: 'toLabel' },
        ]}
      />
      {r.todo && (
        <Alert type={r.todo.doneOn ? 'success' : 'warning'} showIcon message={`待办：${r.todo.label}（${r.todo.citation}）${r.todo.doneOn ? `，已于 ${r.todo.doneOn} 完成` : ''}`} />
      )}
      <Space wrap>
        {r.files.map((f) => (
          <Typography.Link key={f.id} onClick={() => void saveDownload(changeRequestApi.fileUrl(r.id, f.id), f.fileName)}>{f.fileName}</Typography.Link>
        ))}
        {r.documents.map((d) => (
          <Space key={d.id}>
            {d.title} {d.number}
            <Button size="small" onClick={() => void saveDownload(changeRequestApi.documentUrl(r.id, d.id, 'pdf'), `${d.title}.pdf`)}>PDF</Button>
            <Button size="small" onClick={() => void saveDownload(changeRequestApi.documentUrl(r.id, d.id, 'docx'), `${d.title}.docx`)}>Word</Button>
          </Space>
        ))}
      </Space>
      <Space wrap>
        {r.allowedEvents.map((e) => (
          <Button
            key={e.event}
            type={e.event === 'approve' || e.event === 'submit' ? 'primary' : 'default'}
            danger={e.event === 'reject'}
            onClick={() => (e.event === 'return' || e.event === 'reject' ? (setText(''), setAsking(e)) : void run(e.event))}
          >
            {e.label}
          </Button>
        ))}
      </Space>
      <Modal open={!!asking} title={asking?.label} okText="确定" cancelText="取消" onCancel={() => setAsking(null)}
        onOk={async () => { if (asking) await run(asking.event, text); setAsking(null); }} okButtonProps={{ disabled: !text.trim() }}>
        <Input.TextArea rows={4} placeholder="请填写理由" value={text} onChange={(ev) => setText(ev.target.value)} />
      </Modal>
    </Space>
  );
}
