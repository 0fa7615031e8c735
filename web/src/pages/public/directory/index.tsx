/**
 * 定点医药机构名录: name, 医保编码, address, service phone and payment categories of every designated
 * institution (吉医保规〔2023〕1号 第二十二条), filtered by name, kind and region. A table on a wide
 * screen, a list of cards on a phone; a spinner (not 暂无数据) until the first answer.
 */
import { useState } from 'react';
import { Card, Cascader, Empty, Grid, Input, List, Pagination, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { CascaderProps } from 'antd';
import { publicApi } from '../../../api/pipeline-endpoints';
import type { DirectoryItem } from '../../../api/pipeline-types';
import { useRequest } from '../../../hooks/use-request';
import { useEnums } from '../../../meta/enums';

interface RegionOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: RegionOption[];
}

/** 省 → 市 → 县 from /api/public/regions, loaded level by level; any level may be chosen. */
function RegionPicker({ onChange, block }: { onChange: (code: string | undefined) => void; block: boolean }) {
  const [options, setOptions] = useState<RegionOption[]>([]);
  const toOption = (r: { code: string; name: string; hasChildren: boolean }): RegionOption => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren });
  useRequest(async () => {
    const top = await publicApi.regions();
    setOptions(top.map(toOption));
    return top;
  }, []);
  const loadData: CascaderProps<RegionOption>['loadData'] = async (path) => {
    const target = path[path.length - 1]!;
    try {
      const children = await publicApi.regions(target.value);
      target.children = children.map(toOption);
      if (children.length === 0) target.isLeaf = true;
    } catch {
      target.isLeaf = true; // the error sink said why
    }
    setOptions((o) => [...o]);
  };
  return (
    <Cascader<RegionOption>
      aria-label="地区"
      placeholder="地区"
      options={options}
      loadData={loadData}
      changeOnSelect
      allowClear
      onChange={(v) => onChange(v && v.length ? String(v[v.length - 1]) : undefined)}
      style={{ width: block ? '100%' : 220 }}
    />
  );
}

function DirectoryCard({ r }: { r: DirectoryItem }) {
  const enums = useEnums();
  return (
    <Card size="small" title={<span style={{ whiteSpace: 'normal' }}>{r.name}</span>} data-testid="directory-card" style={{ width: '100%' }}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text type="secondary">医保编码：{r.ybCode ?? '—'}</Typography.Text>
        <Typography.Text>{enums.label('institutionSubtype', r.subtype)} · {r.regionName ?? r.regionCode}</Typography.Text>
        <Typography.Text style={{ wordBreak: 'break-all' }}>地址：{r.address}</Typography.Text>
        <Typography.Text>
          服务电话：{r.servicePhone ? <a href={`tel:${r.servicePhone}`}>{r.servicePhone}</a> : '—'}
        </Typography.Text>
        <div>{r.categories.map((c) => <Tag key={c}>{enums.label('paymentCategory', c)}</Tag>)}</div>
      </Space>
    </Card>
  );
}

export default function PublicDirectoryPage() {
  const enums = useEnums();
  const narrow = Grid.useBreakpoint().md === false;
  const [q, setQ] = useState<string>();
  const [kind, setKind] = useState<string>();
  const [region, setRegion] = useState<string>();
  const [page, setPage] = useState(1);
  const { data, loading, error } = useRequest(() => publicApi.directory({ q, kind, region, page, pageSize: 20 }), [q, kind, region, page]);
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  let body: React.ReactNode;
  if (!data && error) {
    body = <Empty description="名录加载失败，请稍后重试" />;
  } else if (!data) {
    body = <Spin data-testid="directory-loading" style={{ display: 'block', padding: 48 }} />;
  } else if (narrow) {
    body = (
      <Spin spinning={loading}>
        <Typography.Text type="secondary" data-testid="directory-total">共 {data.total} 家</Typography.Text>
        {data.items.length === 0 ? <Empty description="没有符合条件的定点医药机构" /> : (
          <List dataSource={data.items} renderItem={(r) => <List.Item style={{ padding: '6px 0' }}><DirectoryCard r={r} /></List.Item>} />
        )}
        <Pagination simple current={page} pageSize={20} total={data.total} onChange={setPage} style={{ marginTop: 12, textAlign: 'center' }} />
      </Spin>
    );
  } else {
    body = (
      <Table<DirectoryItem>
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        pagination={{ current: page, pageSize: 20, total: data.total, onChange: setPage, showTotal: (t) => `共 ${t} 家` }}
        columns={[
          { title: '机构名称', dataIndex: 'name' },
          { title: '医保编码', dataIndex: 'ybCode', render: (v: string | null) => v ?? '—' },
          { title: '类型', dataIndex: 'subtype', render: (v: string) => enums.label('institutionSubtype', v) },
          { title: '地区', dataIndex: 'regionName', render: (v: string | null, r) => v ?? r.regionCode },
          { title: '地址', dataIndex: 'address' },
          { title: '服务电话', dataIndex: 'servicePhone', render: (v: string | null) => v ?? '—' },
          { title: '医保支付类别', dataIndex: 'categories', render: (v: string[]) => v.map((c) => <Tag key={c}>{enums.label('paymentCategory', c)}</Tag>) },
        ]}
      />
    );
  }

  return (
    <Card title="定点医药机构名录" size={narrow ? 'small' : 'default'}>
      <div style={{ display: 'flex', flexDirection: narrow ? 'column' : 'row', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <Input.Search placeholder="机构名称" allowClear onSearch={(v) => filter(setQ)(v.trim() || undefined)} style={{ width: narrow ? '100%' : 260 }} maxLength={50} />
        <Select placeholder="机构类别" allowClear value={kind} onChange={filter(setKind)} options={enums.options('institutionKind')} style={{ width: narrow ? '100%' : 200 }} />
        <RegionPicker onChange={filter(setRegion)} block={narrow} />
      </div>
      {body}
    </Card>
  );
}
