/**
 * One filing, read-only: who filed what about which institution, the document as PDF / DOCX, and
 * its text as filed (the stored document model, rendered as plain text — never as HTML). The only
 * action is the acknowledgement of receipt, with an optional note (recorded in the audit log).
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Descriptions, Drawer, Empty, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { documentUrl, filingApi, type FiledDocumentModel, type FilingRow } from '../../../../api/pipeline-endpoints';
import { useRequest } from '../../../../hooks/use-request';
import { useEnums } from '../../../../meta/enums';
import { filingKindLabel, PIPELINE_ENUM } from '../../../../locale/pipeline';
import { StateTag } from '../../../applications/components/state-tag';
import { chinaTime } from '../../../../utils/china-date';

export function AcknowledgeButton({ filing, size, onDone }: { filing: Pick<FilingRow, 'id' | 'number'>; size?: 'small'; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await filingApi.acknowledge(filing.id, note.trim() || undefined);
      message.success(`已确认收到 ${filing.number}`);
      setOpen(false);
    } catch {
      // shown by the error sink (a second acknowledgement answers 409)
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return (
    <>
      <Button size={size} type="primary" onClick={() => setOpen(true)}>
        确认收到
      </Button>
      <Modal
        open={open}
        title={`确认收到备案材料 ${filing.number}`}
        okText="确认收到"
        cancelText="取消"
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">确认后记入审计日志；同一部门只确认一次。</Typography.Paragraph>
        <Input.TextArea aria-label="备注" placeholder="备注（可选）" rows={3} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}

export function FilingDrawer({ id, onClose, onAcknowledged }: { id: string | null; onClose: () => void; onAcknowledged: () => void }) {
  const enums = useEnums();
  const { data: f, loading, reload } = useRequest(() => (id ? filingApi.get(id) : null), [id]);
  const shown = f && f.id === id ? f : undefined;

  return (
    <Drawer open={!!id} onClose={onClose} size={720} title={shown ? `${shown.title} ${shown.number}` : '备案材料'} destroyOnHidden>
      {loading && !shown ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : !shown ? (
        <Empty description="未找到该备案材料" />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'kind', label: '类别', children: `${filingKindLabel[shown.kind] ?? ''}（${enums.label(PIPELINE_ENUM.documentKind, shown.kind)}）` },
              { key: 'number', label: '文号', children: shown.number },
              { key: 'inst', label: '医药机构', children: shown.institutionName },
              {
                key: 'state',
                label: '申请状态',
                children: (
                  <Space>
                    <StateTag state={shown.applicationState} label={enums.label(PIPELINE_ENUM.state, shown.applicationState)} />
                    <Link to={`/applications/${shown.applicationId}`}>查看申请</Link>
                  </Space>
                ),
              },
              {
                key: 'issuer',
                label: '报送机构',
                children: `${shown.issuerName ?? '—'}${shown.issuerLevel ? `（${enums.label('orgLevel', shown.issuerLevel)}）` : ''}`,
              },
              { key: 'at', label: '收到时间', children: chinaTime(shown.issuedAt) },
              {
                key: 'ack',
                label: '确认收到',
                children: shown.acknowledgedAt ? (
                  <Tag color="success">已确认 {chinaTime(shown.acknowledgedAt)}</Tag>
                ) : (
                  <AcknowledgeButton
                    filing={shown}
                    size="small"
                    onDone={() => {
                      reload();
                      onAcknowledged();
                    }}
                  />
                ),
              },
              {
                key: 'dl',
                label: '下载',
                children: (
                  <Space>
                    <a href={documentUrl(shown.applicationId, shown.id, 'pdf')} target="_blank" rel="noopener noreferrer">
                      <FilePdfOutlined /> PDF
                    </a>
                    <a href={documentUrl(shown.applicationId, shown.id, 'docx')} download>
                      <FileWordOutlined /> DOCX
                    </a>
                  </Space>
                ),
              },
            ]}
          />
          <FiledText model={shown.model} />
        </Space>
      )}
    </Drawer>
  );
}

/** The filed document's text, as React text (sections with paragraphs, lists and tables). */
function FiledText({ model }: { model: FiledDocumentModel | null }) {
  const sections = model?.sections ?? [];
  if (!model || sections.length === 0) return <Alert type="info" showIcon title="备案材料正文请下载 PDF / DOCX 查看" />;
  return (
    <div style={{ border: '1px solid rgba(5,5,5,0.06)', borderRadius: 8, padding: 16 }}>
      <Typography.Title level={5} style={{ textAlign: 'center', marginTop: 0 }}>
        {model.title}
      </Typography.Title>
      {model.number && <Typography.Paragraph style={{ textAlign: 'center' }} type="secondary">{model.number}</Typography.Paragraph>}
      {model.recipient && <Typography.Paragraph>{model.recipient}：</Typography.Paragraph>}
      {sections.map((s, i) => (
        <div key={i} style={{ marginBottom: 12 }}>
          {s.heading && <Typography.Text strong>{s.heading}</Typography.Text>}
          {(s.paragraphs ?? []).map((p, j) => (
            <Typography.Paragraph key={j} style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
              {p}
            </Typography.Paragraph>
          ))}
          {s.list && (
            <ol style={{ paddingInlineStart: 20, margin: 0, listStyleType: s.list.ordered ? 'decimal' : 'disc' }}>
              {s.list.items.map((it, j) => (
                <li key={j}>{it}</li>
              ))}
            </ol>
          )}
          {s.table && (
            <Table
              size="small"
              bordered
              pagination={false}
              rowKey={(_, j) => String(j)}
              dataSource={s.table.rows.map((r) => ({ cells: r }))}
              columns={s.table.columns.map((c, k) => ({ title: c, key: String(k), render: (_: unknown, r: { cells: string[] }) => r.cells[k] ?? '' }))}
            />
          )}
          {s.note && <Typography.Text type="secondary">{s.note}</Typography.Text>}
        </div>
      ))}
      {model.issuer && (
        <Typography.Paragraph style={{ textAlign: 'right', marginTop: 16, marginBottom: 0 }}>
          {model.issuer}
          <br />
          {model.date}
        </Typography.Paragraph>
      )}
      {(model.citations ?? []).length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          依据：{(model.citations ?? []).join('；')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
