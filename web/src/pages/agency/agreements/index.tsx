/**
 * 协议管理: the agreement register of the agency's territory (the department reads it) — search,
 * filters (region, kind, state, term end), sorting and paging on the server, Excel export of exactly
 * what is filtered; a proposed termination (建议解除) and a pending request are tagged on the row.
 * The home page links here with ?lifeState=… and ?termToFrom=…&termToTo=….
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ColumnsType, SorterResult, SortOrder } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { agreementLifeApi, downloadAgreementRegister } from '../../../api/agreement-life-endpoints';
import type { AgreementItem, AgreementRegisterQuery, AgreementRegisterSort } from '../../../api/agreement-life-types';
import { useRequest } from '../../../hooks/use-request';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { useEnums } from '../../../meta/enums';
import { RegionCascader } from '../../institutions/list/components/region-cascader';
import { AgreementTags, lifeStateOptions } from '../agreement-common/life-state-tag';

type Filters = Omit<AgreementRegisterQuery, 'page' | 'pageSize' | 'sort'>;
type SortKey = 'termTo' | 'number' | 'institutionName' | 'lifeSince';

const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

function filtersFromUrl(p: URLSearchParams): Filters {
  return {
    q: p.get('q') ?? undefined, region: p.get('region') ?? undefined, kind: p.get('kind') ?? undefined,
    lifeState: p.get('lifeState') ?? undefined, termToFrom: day(p.get('termToFrom')), termToTo: day(p.get('termToTo')),
  };
}

export default function AgreementRegisterPage() {
  const enums = useEnums();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => filtersFromUrl(params));
  const [regionPath, setRegionPath] = useState<string[]>(() => (filters.region ? [filters.region] : []));
  const [sort, setSort] = useState<AgreementRegisterSort>('termTo');
  const [exporting, setExporting] = useState(false);
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const { data, loading, reload } = useRequest(
    () => agreementLifeApi.register({ ...filters, sort, page, pageSize }),
    [JSON.stringify(filters), sort, page, pageSize],
  );

  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const reset = () => {
    setFilters({});
    setRegionPath([]);
    setPage(1);
  };
  const onExport = async () => {
    setExporting(true);
    try {
      await downloadAgreementRegister({ ...filters, sort });
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败');
    } finally {
      setExporting(false);
    }
  };

  const sortOrder = (key: SortKey): SortOrder => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);
  const link = (r: AgreementItem) => `/agreements/${r.id}`;
  const columns: ColumnsType<AgreementItem> = [
    { title: '协议编号', dataIndex: 'number', key: 'number', sorter: true, sortOrder: sortOrder('number'), sortDirections: ['ascend'], render: (v: string, r) => <Link to={link(r)}>{v}</Link> },
    {
      title: '医药机构', dataIndex: 'institutionName', key: 'institutionName', sorter: true, sortOrder: sortOrder('institutionName'), sortDirections: ['ascend'],
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={link(r)}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.ybCode ?? r.uscc}</Typography.Text>
        </Space>
      ),
    },
    { title: '机构类别', dataIndex: 'kind', render: (v: string) => enums.label('institutionKind', v) },
    { title: '统筹地区', dataIndex: 'regionName', render: (v: string | null, r) => v ?? r.regionCode },
    { title: '状态', key: 'state', render: (_, r) => <AgreementTags a={r} /> },
    { title: '状态起始', dataIndex: 'lifeSince', key: 'lifeSince', sorter: true, sortOrder: sortOrder('lifeSince'), sortDirections: ['ascend'], render: (v: string | null) => v ?? '—' },
    { title: '协议期限', dataIndex: 'termTo', key: 'termTo', sorter: true, sortOrder: sortOrder('termTo'), render: (_: string, r) => `${r.termFrom} 至 ${r.termTo}` },
    { title: '操作', key: 'op', render: (_, r) => <Link to={link(r)}>办理 / 查看</Link> },
  ];

  return (
    <Card title="协议管理">
      <Typography.Paragraph type="secondary">
        辖区内的医保服务协议。可按机构名称、协议编号、统一社会信用代码或医保编码查询，按统筹地区、机构类别、协议状态和协议期满日期筛选；点击列标题排序。「建议解除」表示系统依规定的应当解除情形提出的建议，经办机构核实后作出解除决定；导出的 Excel 与当前筛选结果一致。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label="查询"
          placeholder="机构名称、协议编号、统一社会信用代码或医保编码"
          defaultValue={filters.q}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          style={{ width: 360 }}
          maxLength={50}
        />
        <RegionCascader
          value={regionPath}
          onChange={(path) => {
            setRegionPath(path);
            set({ region: path[path.length - 1] });
          }}
          style={{ width: 240 }}
        />
        <Select placeholder="机构类别" allowClear value={filters.kind} onChange={(kind?: string) => set({ kind })} options={enums.options('institutionKind')} style={{ width: 160 }} />
        <Select
          placeholder="协议状态" aria-label="协议状态" allowClear value={filters.lifeState}
          onChange={(lifeState?: string) => set({ lifeState })} options={lifeStateOptions} style={{ width: 130 }}
        />
        <DatePicker.RangePicker
          placeholder={['协议期满自', '至']}
          value={[filters.termToFrom ? dayjs(filters.termToFrom) : null, filters.termToTo ? dayjs(filters.termToTo) : null]}
          allowEmpty={[true, true]}
          onChange={(v) => set({ termToFrom: v?.[0]?.format('YYYY-MM-DD'), termToTo: v?.[1]?.format('YYYY-MM-DD') })}
        />
        <Button onClick={reset}>重置</Button>
        <Button onClick={reload}>刷新</Button>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()}>导出 Excel</Button>
      </Space>
      <Table<AgreementItem>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 1100 }}
        onRow={(r) => (r.proposal ? { style: { background: '#fff1f0' } } : {})}
        onChange={(_p, _f, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<AgreementItem> | undefined;
          const key = s?.columnKey as SortKey | undefined;
          if (key && s?.order) setSort(s.order === 'descend' && key === 'termTo' ? '-termTo' : key);
          else setSort('termTo');
        }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 份协议`)}
      />
    </Card>
  );
}
