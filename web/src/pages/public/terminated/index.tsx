/**
 * 解除医保协议的定点医药机构名单 (京医保发〔2021〕30号 第四十三条 「向社会公布解除医保协议的医疗机构名单」;
 * decision 0034): name, 医保编码, region, date and situation — no personal data. Filtered by region
 * (省 → 市 → 县), year and name on the server; the filters and the page live in the URL. Open data as
 * CSV and Excel with the same filters. A table on a wide screen, cards on a phone (390px): the layout
 * shared with the directory (../components/public-list.tsx).
 */
import { useEffect, useState } from 'react';
import { App, Button, Card, Grid, Input, Select, Space, Tag, Typography } from 'antd';
import { terminationListApi, type TerminatedItem } from '../../../api/termination-list-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { PublicRegionPicker } from '../../../components/public-region-picker';
import { PublicFilterBar, PublicList, useUrlList } from '../components/public-list';

const situation = (r: TerminatedItem) => (r.onRequest ? <Tag color="blue">{r.situationLabel}</Tag> : <span>{r.situationLabel}</span>);

const PAGE_SIZE = 20;

export default function TerminatedInstitutionsPage() {
  const { message } = App.useApp();
  const narrow = Grid.useBreakpoint().md === false;
  const { params, page, set, setPage } = useUrlList<'q' | 'region' | 'year'>();
  const q = params.get('q') ?? undefined;
  const region = params.get('region') ?? undefined;
  const year = Number(params.get('year')) || undefined;
  const [text, setText] = useState(q ?? '');
  useEffect(() => setText(q ?? ''), [q]);
  const { data, loading, error } = useRequest(() => terminationListApi.list({ q, region, year, page, pageSize: PAGE_SIZE }), [q, region, year, page]);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - 2018 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}年` }));
  const download = (format: 'csv' | 'xlsx') => terminationListApi.download(format, { q, region, year }).catch((e: Error) => message.error(e.message));

  return (
    <Card title="解除医保协议的定点医药机构名单" size={narrow ? 'small' : 'default'}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        依据京医保发〔2021〕30号 第四十三条向社会公布。「机构主动申请解除」为机构自行申请，非处理处罚。
      </Typography.Paragraph>
      <PublicFilterBar narrow={narrow}>
        <Input.Search placeholder="机构名称" aria-label="机构名称" allowClear value={text} onChange={(e) => setText(e.target.value)}
          onSearch={(v) => set('q')(v.trim() || undefined)} style={{ width: narrow ? '100%' : 240 }} maxLength={50} />
        <Select placeholder="年份" aria-label="年份" allowClear value={year} onChange={set('year')} options={years} style={{ width: narrow ? '100%' : 120 }} />
        <PublicRegionPicker value={region} onChange={set('region')} block={narrow} />
        <Space wrap>
          <Button onClick={() => download('xlsx')}>下载 Excel</Button>
          <Button onClick={() => download('csv')}>下载 CSV（开放数据）</Button>
        </Space>
      </PublicFilterBar>
      <PublicList<TerminatedItem>
        data={data}
        loading={loading}
        error={error}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        narrow={narrow}
        testId="terminated"
        unit="条"
        emptyText="没有符合条件的记录"
        errorText="名单加载失败，请稍后重试"
        rowKey={(r) => `${r.name}-${r.terminatedOn}-${r.regionCode}`}
        card={{
          title: (r) => r.name,
          lines: (r) => [
            <Typography.Text type="secondary">医保编码：{r.ybCode ?? '—'}</Typography.Text>,
            <Typography.Text>{r.regionName ?? r.regionCode} · 解除日期 {r.terminatedOn}</Typography.Text>,
            <Typography.Text>情形：{situation(r)}</Typography.Text>,
          ],
        }}
        columns={[
          { title: '机构名称', dataIndex: 'name' },
          { title: '医保编码', dataIndex: 'ybCode', render: (v: string | null) => v ?? '—' },
          { title: '地区', dataIndex: 'regionName', render: (v: string | null, r) => v ?? r.regionCode },
          { title: '解除日期', dataIndex: 'terminatedOn', width: 120 },
          { title: '解除情形', dataIndex: 'situationLabel', render: (_: string, r) => situation(r) },
        ]}
      />
    </Card>
  );
}
