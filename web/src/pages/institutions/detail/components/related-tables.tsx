/** The tab tables of 机构详情: persons, licences, sites, related institutions, audit. */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Table, Tag, Typography } from 'antd';
import { chinaToday } from '../../../../utils/china-date';
import type { InstitutionDetail, InstitutionPerson, Licence, PracticeSite, RelatedInstitution } from '../../../../api/types';
import { auditApi } from '../../../../api/endpoints';
import { useRequest } from '../../../../hooks/use-request';
import { useEnums } from '../../../../meta/enums';
import { institutionStatusColor } from '../../../../meta/status';
import { AuditTable } from '../../../../components/audit-table';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

export function PersonsTable({ rows }: { rows: InstitutionPerson[] }) {
  const enums = useEnums();
  return (
    <Table<InstitutionPerson>
      size="small"
      pagination={false}
      rowKey={(r) => `${r.role}-${r.personId}-${r.fromDate}`}
      dataSource={rows}
      columns={[
        { title: '身份', dataIndex: 'role', render: (v: string) => enums.label('personRole', v) },
        {
          title: '姓名',
          dataIndex: 'name',
          render: (v: string, r) => (
            <span>
              {v}
              {r.dishonest && (
                <Tag color="error" style={{ marginInlineStart: 6 }}>
                  失信
                </Tag>
              )}
            </span>
          ),
        },
        { title: '身份证号', dataIndex: 'idNumberMasked', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: '联系电话', dataIndex: 'phone', render: (v: string | null) => v ?? dash },
        { title: '起始日期', dataIndex: 'fromDate' },
        { title: '终止日期', dataIndex: 'toDate', render: (v: string | null) => v ?? <Tag color="green">至今</Tag> },
      ]}
    />
  );
}

export function LicencesTable({ rows }: { rows: Licence[] }) {
  const enums = useEnums();
  const today = chinaToday();
  return (
    <Table<Licence>
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={rows}
      columns={[
        { title: '证照类型', dataIndex: 'kind', render: (v: string) => enums.label('licenceKind', v) },
        { title: '证号', dataIndex: 'number' },
        { title: '发证机关', dataIndex: 'issuedBy', render: (v: string | null) => v ?? dash },
        { title: '有效期起', dataIndex: 'validFrom' },
        {
          title: '有效期止',
          dataIndex: 'validTo',
          render: (v: string | null) =>
            !v ? '长期' : v < today ? <Typography.Text type="danger">{v}（已过期）</Typography.Text> : v,
        },
      ]}
    />
  );
}

export function SitesTable({ rows }: { rows: PracticeSite[] }) {
  return (
    <Table<PracticeSite>
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={rows}
      columns={[
        { title: '执业地点', dataIndex: 'name' },
        { title: '地址', dataIndex: 'address' },
        { title: '区划代码', dataIndex: 'regionCode' },
        {
          title: '评估结论',
          dataIndex: 'approved',
          render: (v: boolean | null) => (v === null || v === undefined ? <Tag>未评估</Tag> : v ? <Tag color="success">通过</Tag> : <Tag color="error">未通过</Tag>),
        },
      ]}
    />
  );
}

export function RelatedTable({ detail }: { detail: InstitutionDetail }) {
  const enums = useEnums();
  const rows: (RelatedInstitution & { side: string })[] = [
    // the relation is always the child's: for the parent row it is this institution's own relation
    ...(detail.parent ? [{ ...detail.parent, side: '上级机构', parentRelation: detail.parentRelation }] : []),
    ...detail.children.map((c) => ({ ...c, side: '下属机构' })),
  ];
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={rows}
      columns={[
        { title: '方向', dataIndex: 'side' },
        { title: '机构', dataIndex: 'name', render: (v: string, r) => <Link to={`/institutions/${r.id}`}>{v}</Link> },
        {
          title: '关系',
          key: 'relation',
          render: (_, r) => enums.label('parentRelation', r.parentRelation) || dash,
        },
        { title: '类型', dataIndex: 'subtype', render: (v: string) => enums.label('institutionSubtype', v) },
        { title: '区划代码', dataIndex: 'regionCode' },
        {
          title: '状态',
          dataIndex: 'status',
          render: (v: string) => <Tag color={institutionStatusColor[v]}>{enums.label('institutionStatus', v)}</Tag>,
        },
      ]}
    />
  );
}

export function InstitutionAudit({ id }: { id: string }) {
  const [page, setPage] = useState(1);
  const { data, loading } = useRequest(
    () => auditApi.list({ entityType: 'institution', entityId: id, page, pageSize: 20 }),
    [id, page],
  );
  return (
    <AuditTable
      rows={data?.items ?? []}
      loading={loading}
      pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
    />
  );
}
