/** 机构名录: server-side paginated table with filters; the total is exact up to 1 000 matches (decision 0001). */
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Input, Select, Space, Table, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { institutionApi, type InstitutionQuery } from '../../../api/endpoints';
import type { InstitutionRow } from '../../../api/types';
import { useRequest } from '../../../hooks/use-request';
import { useEnums } from '../../../meta/enums';
import { institutionStatusColor } from '../../../meta/status';
import { RegionCascader } from './components/region-cascader';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { useSession } from '../../../session/session';
import { importApi } from '../../../api/import-endpoints';

type Filters = Omit<InstitutionQuery, 'page' | 'pageSize'>;

/** The server counts exactly up to this many matches (decision 0001). */
const EXACT_CAP = 1000;

export default function InstitutionListPage() {
  const [params] = useSearchParams();
  const enums = useEnums();
  const initial: Filters = {
    q: params.get('q') ?? undefined,
    status: params.get('status') ?? undefined,
    kind: params.get('kind') ?? undefined,
  };
  const [draft, setDraft] = useState<Filters>(initial);
  const [regionPath, setRegionPath] = useState<string[]>([]);
  const [filters, setFilters] = useState<Filters>(initial);
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const { access } = useSession();
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  /** the same filters as the list (issue #9): Excel with the template's headers, CSV with the national field names */
  const exportAs = (format: 'xlsx' | 'csv') => {
    setExporting(format);
    importApi.exportRegistry(format, { ...filters } as Record<string, string | undefined>)
      .catch((e: Error) => message.error(e.message))
      .finally(() => setExporting(null));
  };

  const { data, loading } = useRequest(
    () => institutionApi.list({ ...filters, page, pageSize }),
    [filters, page, pageSize],
  );

  const set = (k: keyof Filters) => (v: string | undefined) => setDraft((d) => ({ ...d, [k]: v || undefined }));
  const apply = (next: Filters = draft) => {
    setFilters({ ...next });
    setPage(1);
  };
  const reset = () => {
    setDraft({});
    setRegionPath([]);
    apply({});
  };

  /** false when the server found more than EXACT_CAP matches: an estimated total and the page in registry order */
  const exact = data?.totalExact !== false;

  const subtypeOptions = useMemo(() => enums.options('institutionSubtype'), [enums]);

  const columns: ColumnsType<InstitutionRow> = [
    {
      title: '机构名称',
      dataIndex: 'name',
      render: (v: string, r) => <Link to={`/institutions/${r.id}`}>{v}</Link>,
    },
    { title: '医保编码', dataIndex: 'ybCode', render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: '类别', dataIndex: 'kind', render: (v: string) => enums.label('institutionKind', v) },
    { title: '类型', dataIndex: 'subtype', render: (v: string) => enums.label('institutionSubtype', v) },
    {
      title: '等级',
      key: 'level',
      render: (_, r) =>
        r.kind === 'medical'
          ? `${enums.label('hospitalLevel', r.hospitalLevel)}${r.grade && r.grade !== 'none' ? enums.label('grade', r.grade) : ''}`
          : '—',
    },
    { title: '性质', dataIndex: 'ownership', render: (v: string) => enums.label('ownership', v) },
    { title: '所在地区', dataIndex: 'regionName', render: (v: string | null, r) => v ?? r.regionCode },
    { title: '地址', dataIndex: 'address', ellipsis: true },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: string, r) => (
        <>
          <Tag color={institutionStatusColor[v] ?? 'default'}>{enums.label('institutionStatus', v)}</Tag>
          {r.dualChannel && <Tag color="cyan">双通道</Tag>}
        </>
      ),
    },
  ];

  return (
    <Card title="机构名录">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="名称关键字"
          allowClear
          value={draft.q}
          onChange={(e) => set('q')(e.target.value)}
          onSearch={(v) => apply({ ...draft, q: v || undefined })}
          style={{ width: 220 }}
        />
        <RegionCascader
          value={regionPath}
          onChange={(path) => {
            setRegionPath(path);
            set('region')(path[path.length - 1]);
          }}
          style={{ width: 260 }}
        />
        <Select placeholder="机构类别" allowClear value={draft.kind} onChange={set('kind')} options={enums.options('institutionKind')} style={{ width: 180 }} />
        <Select
          placeholder="机构类型"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={draft.subtype}
          onChange={set('subtype')}
          options={subtypeOptions}
          style={{ width: 200 }}
        />
        <Select placeholder="医院等级" allowClear value={draft.hospitalLevel} onChange={set('hospitalLevel')} options={enums.options('hospitalLevel')} style={{ width: 120 }} />
        <Select placeholder="经营性质" allowClear value={draft.ownership} onChange={set('ownership')} options={enums.options('ownership')} style={{ width: 120 }} />
        <Select placeholder="状态" allowClear value={draft.status} onChange={set('status')} options={enums.options('institutionStatus')} style={{ width: 160 }} />
        <Button type="primary" onClick={() => apply()}>
          查询
        </Button>
        <Button onClick={reset}>重置</Button>
        {access.canImportRegistry && (
          <>
            <Button loading={exporting === 'xlsx'} onClick={() => exportAs('xlsx')}>导出 Excel</Button>
            <Button loading={exporting === 'csv'} onClick={() => exportAs('csv')}>导出 CSV</Button>
          </>
        )}
      </Space>
      <Table<InstitutionRow>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 1100 }}
        // beyond the cap only the first 1 000 rows (in registry order) are pageable: narrow the search
        pagination={pagination(exact ? (data?.total ?? 0) : Math.min(data?.total ?? 0, EXACT_CAP), () =>
          exact ? `共 ${data?.total ?? 0} 家` : `超过 ${EXACT_CAP} 家（约 ${(data?.total ?? 0).toLocaleString('zh-CN')} 家），按登记顺序显示；请缩小范围`)}
      />
    </Card>
  );
}
