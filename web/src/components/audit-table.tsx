/** Audit rows with expandable before/after; shared by 审计日志 and the institution detail tab. */
import { Col, Row, Table, Tooltip, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { AuditRow } from '../api/types';
import { auditEntityTypeLabel } from '../locale/zh-CN';
import { JsonBlock } from './json-block';
import { chinaTime } from '../utils/china-date';

const columns: ColumnsType<AuditRow> = [
  { title: '序号', dataIndex: 'seq', width: 80 },
  { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => chinaTime(v, true) },
  {
    title: '操作人',
    key: 'actor',
    render: (_, r) => (
      <span>
        {r.actorName ?? '系统'}
        {r.actorOrgName && <Typography.Text type="secondary">（{r.actorOrgName}）</Typography.Text>}
      </span>
    ),
  },
  {
    title: '动作',
    dataIndex: 'action',
    render: (v: string, r) => (
      <Tooltip title={v}>
        <span>{r.actionLabel ?? v}</span>
      </Tooltip>
    ),
  },
  {
    title: '对象',
    key: 'entity',
    render: (_, r) => (
      <Tooltip title={`编号：${r.entityId}`}>
        <span>
          {r.entityLabel ?? auditEntityTypeLabel[r.entityType] ?? r.entityType}
          {r.entityName && <Typography.Text type="secondary">：{r.entityName}</Typography.Text>}
        </span>
      </Tooltip>
    ),
  },
  { title: '事由', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
  {
    title: '哈希',
    dataIndex: 'hash',
    width: 110,
    render: (v: string, r) => (
      <Tooltip title={`${v}（该对象哈希链第 ${r.chainSeq} 条）`}>
        <Typography.Text code>{v?.slice(0, 10)}</Typography.Text>
      </Tooltip>
    ),
  },
];

function Expanded({ row }: { row: AuditRow }) {
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Typography.Text strong>变更前</Typography.Text>
        <JsonBlock value={row.before} />
      </Col>
      <Col span={12}>
        <Typography.Text strong>变更后</Typography.Text>
        <JsonBlock value={row.after} />
      </Col>
    </Row>
  );
}

export function AuditTable({
  rows,
  loading,
  pagination,
}: {
  rows: AuditRow[];
  loading: boolean;
  pagination: TablePaginationConfig | false;
}) {
  return (
    <Table<AuditRow>
      rowKey={(r) => String(r.seq)}
      size="small"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={pagination}
      scroll={{ x: 1000 }}
      expandable={{
        expandedRowRender: (r) => <Expanded row={r} />,
        rowExpandable: (r) => r.before !== undefined || r.after !== undefined,
      }}
    />
  );
}
