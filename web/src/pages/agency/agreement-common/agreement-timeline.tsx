/** 协议履行记录: every step of the agreement's life from its audit chain, oldest first, with who, why and the notices it issued. */
import { Empty, Space, Timeline, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { agreementDocumentUrl } from '../../../api/agreement-life-endpoints';
import type { AgreementDocument, AgreementTimelineEntry } from '../../../api/agreement-life-types';
import { lifeStateOptions } from './life-state-tag';
import { chinaTime } from '../../../utils/china-date';

const RED = ['terminated', 'ended'];
// a step's states may come as codes or as their labels: either way, one code and one label
const stateOf = (s: string | null) => lifeStateOptions.find((o) => o.value === s || o.label === s);
const stateLabel = (s: string | null) => (s ? (stateOf(s)?.label ?? s) : '');

export function DocumentLinks({ agreementId, doc }: { agreementId: string; doc: AgreementDocument }) {
  return (
    <Space size={12}>
      <a href={agreementDocumentUrl(agreementId, doc.id, 'pdf')} target="_blank" rel="noopener noreferrer" aria-label={`${doc.title} PDF`}>
        <FilePdfOutlined /> PDF
      </a>
      <a href={agreementDocumentUrl(agreementId, doc.id, 'docx')} download aria-label={`${doc.title} DOCX`}>
        <FileWordOutlined /> DOCX
      </a>
    </Space>
  );
}

export function AgreementTimeline({ agreementId, rows, documents }: { agreementId: string; rows: AgreementTimelineEntry[]; documents: AgreementDocument[] }) {
  if (rows.length === 0) return <Empty description="暂无履行记录" />;
  // a step names its documents by id or by number
  const docOf = (ref: string) => documents.find((x) => x.id === ref || x.number === ref);
  return (
    <Timeline
      data-testid="agreement-timeline"
      items={rows.map((h, i) => ({
        key: `${h.at}-${i}`,
        color: RED.includes(stateOf(h.toState)?.value ?? '') ? 'red' : stateOf(h.toState)?.value === 'suspended' ? 'orange' : 'blue',
        content: (
          <>
            <Typography.Text strong>{h.actionLabel}</Typography.Text>
            {h.toState && h.toState !== h.fromState && (
              <Typography.Text type="secondary">
                {' '}
                {h.fromState ? `${stateLabel(h.fromState)} → ` : ''}
                {stateLabel(h.toState)}
              </Typography.Text>
            )}
            <div>
              <Typography.Text type="secondary">
                {chinaTime(h.at)} · {h.actorName ?? '系统'}
              </Typography.Text>
            </div>
            {h.reason && <div>理由：{h.reason}</div>}
            {h.documents.map((ref) => {
              const doc = docOf(ref);
              return doc ? (
                <div key={ref}>
                  {doc.title}（{doc.number}） <DocumentLinks agreementId={agreementId} doc={doc} />
                </div>
              ) : (
                <div key={ref}>文书：{ref}</div>
              );
            })}
          </>
        ),
      }))}
    />
  );
}
