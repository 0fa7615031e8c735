/**
 * 定点医药机构名录: name, 医保编码, address, service phone and payment categories of every designated
 * institution (吉医保规〔2023〕1号 第二十二条), filtered by name, kind, payment category (a 双通道
 * pharmacy) and region — 省 → 市 → 县, offering only places that have designated institutions, with
 * their counts (issue #9). The filters and the page live in the URL, so the back button and a shared
 * link keep them. A table on a wide screen, a list of cards on a phone; a spinner (not 暂无数据) until
 * the first answer (the layout shared with the terminated list: ../components/public-list.tsx).
 */
import { useEffect, useState } from 'react';
import { Card, Grid, Input, Select, Tag, Typography } from 'antd';
import { publicApi } from '../../../api/pipeline-endpoints';
import type { DirectoryItem } from '../../../api/pipeline-types';
import { useRequest } from '../../../hooks/use-request';
import { PublicRegionPicker } from '../../../components/public-region-picker';
import { useEnums } from '../../../meta/enums';
import { PublicFilterBar, PublicList, useUrlList } from '../components/public-list';

/** 协议中止 (京医保发〔2021〕30号 第四十二条): listed, but insurance does not pay there until it resumes (decision 0034). */
const SuspendedTag = () => <Tag color="orange" style={{ marginLeft: 8 }} data-testid="suspended-tag">协议中止</Tag>;
const PAGE_SIZE = 20;

export default function PublicDirectoryPage() {
  const enums = useEnums();
  const narrow = Grid.useBreakpoint().md === false;
  const { params, page, set, setPage } = useUrlList<'q' | 'kind' | 'category' | 'region'>();
  const q = params.get('q') ?? undefined;
  const kind = params.get('kind') ?? undefined;
  const category = params.get('category') ?? undefined;
  const region = params.get('region') ?? undefined;
  const [text, setText] = useState(q ?? '');
  useEffect(() => setText(q ?? ''), [q]);
  const { data, loading, error } = useRequest(
    () => publicApi.directory({ q, kind, category, region, page, pageSize: PAGE_SIZE }),
    [q, kind, category, region, page],
  );
  // a citizen looks for places where insurance pays: hospitals and clinics, pharmacies, care homes
  const kindOptions = enums.options('institutionKind').filter((o) => o.value !== 'third_party');
  const tags = (cs: string[]) => cs.map((c) => <Tag key={c}>{enums.label('paymentCategory', c)}</Tag>);

  return (
    <Card title="定点医药机构名录" size={narrow ? 'small' : 'default'}>
      <PublicFilterBar narrow={narrow}>
        <Input.Search placeholder="机构名称" allowClear value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => set('q')(v.trim() || undefined)} style={{ width: narrow ? '100%' : 260 }} maxLength={50} />
        <Select placeholder="机构类别" allowClear value={kind} onChange={set('kind')} options={kindOptions} style={{ width: narrow ? '100%' : 180 }} />
        <Select placeholder="医保支付类别" aria-label="医保支付类别" allowClear value={category} onChange={set('category')} options={enums.options('paymentCategory')} style={{ width: narrow ? '100%' : 180 }} />
        <PublicRegionPicker value={region} onChange={set('region')} block={narrow} designated />
      </PublicFilterBar>
      <PublicList<DirectoryItem>
        data={data}
        loading={loading}
        error={error}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        narrow={narrow}
        testId="directory"
        unit="家"
        emptyText="没有符合条件的定点医药机构"
        errorText="名录加载失败，请稍后重试"
        rowKey={(r) => r.id}
        card={{
          title: (r) => <>{r.name}{r.suspended && <SuspendedTag />}</>,
          lines: (r) => [
            <Typography.Text type="secondary">医保编码：{r.ybCode ?? '—'}</Typography.Text>,
            <Typography.Text>{enums.label('institutionSubtype', r.subtype)} · {r.regionName ?? r.regionCode}</Typography.Text>,
            <Typography.Text>地址：{r.address}</Typography.Text>,
            <Typography.Text>服务电话：{r.servicePhone ? <a href={`tel:${r.servicePhone}`}>{r.servicePhone}</a> : '—'}</Typography.Text>,
            <div>{tags(r.categories)}</div>,
          ],
        }}
        columns={[
          { title: '机构名称', dataIndex: 'name', render: (v: string, r) => <>{v}{r.suspended && <SuspendedTag />}</> },
          { title: '医保编码', dataIndex: 'ybCode', render: (v: string | null) => v ?? '—' },
          { title: '类型', dataIndex: 'subtype', render: (v: string) => enums.label('institutionSubtype', v) },
          { title: '地区', dataIndex: 'regionName', render: (v: string | null, r) => v ?? r.regionCode },
          { title: '地址', dataIndex: 'address' },
          { title: '服务电话', dataIndex: 'servicePhone', render: (v: string | null) => v ?? '—' },
          { title: '医保支付类别', dataIndex: 'categories', render: (v: string[]) => tags(v) },
        ]}
      />
    </Card>
  );
}
