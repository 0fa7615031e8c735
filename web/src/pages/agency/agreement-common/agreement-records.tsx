/** The agreement's notices (PDF / DOCX, numbered), its deadlines with their articles and its suspensions, as tables. */
import { Table, Tag, Typography } from 'antd';
import type { AgreementDeadline, AgreementDocument, AgreementSuspensionRecord } from '../../../api/agreement-life-types';
import { DocumentLinks } from './agreement-timeline';
import { chinaTime } from '../../../utils/china-date';

export function AgreementDocuments({ agreementId, rows }: { agreementId: string; rows: AgreementDocument[] }) {
  return (
    <Table<AgreementDocument>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '尚未出具文书' }}
      columns={[
        { title: '文书', dataIndex: 'title' },
        { title: '文号', dataIndex: 'number' },
        { title: '出具时间', dataIndex: 'issuedAt', render: (v: string) => chinaTime(v) },
        { title: '下载', key: 'dl', render: (_, r) => <DocumentLinks agreementId={agreementId} doc={r} /> },
      ]}
    />
  );
}

const DEADLINE_STATE: Record<string, { label: string; color: string }> = {
  open: { label: '进行中', color: 'processing' },
  stopped: { label: '已停止', color: 'default' },
  expired: { label: '已届满', color: 'red' },
};

export function AgreementDeadlines({ rows, today }: { rows: AgreementDeadline[]; today: string }) {
  return (
    <Table<AgreementDeadline>
      rowKey={(r) => `${r.deadline}-${r.dueOn}`}
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '没有办理时限' }}
      onRow={(r) => (r.state === 'open' && r.dueOn < today ? { style: { background: '#fff1f0' } } : {})}
      columns={[
        { title: '时限', dataIndex: 'label' },
        {
          title: '截止日', dataIndex: 'dueOn',
          render: (v: string, r) => <Typography.Text type={r.state === 'open' && v < today ? 'danger' : undefined} strong={r.state === 'open'}>{v}</Typography.Text>,
        },
        { title: '状态', dataIndex: 'state', render: (v: string) => <Tag color={DEADLINE_STATE[v]?.color ?? 'default'}>{DEADLINE_STATE[v]?.label ?? v}</Tag> },
        { title: '依据', dataIndex: 'cites', render: (v: string | string[]) => (Array.isArray(v) ? v.join('；') : v) || '—' },
      ]}
    />
  );
}

const MODE: Record<string, string> = { requested: '依申请', imposed: '经办机构中止', cascade: '随其他统筹区' };

export function AgreementSuspensions({ rows, situationLabel }: { rows: AgreementSuspensionRecord[]; situationLabel: (code: string) => string }) {
  return (
    <Table<AgreementSuspensionRecord>
      rowKey={(r) => `${r.fromOn}-${r.mode}`}
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '本协议没有中止记录' }}
      columns={[
        { title: '方式', dataIndex: 'mode', render: (v: string) => MODE[v] ?? v },
        { title: '中止情形', dataIndex: 'situation', render: (v: string | null) => (v ? situationLabel(v) : '—') },
        { title: '起始日', dataIndex: 'fromOn' },
        { title: '最长至', dataIndex: 'maxUntil' },
        { title: '恢复履行日', dataIndex: 'resumedOn', render: (v: string | null) => v ?? '—' },
        { title: '随协议终止日', dataIndex: 'endedOn', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}
