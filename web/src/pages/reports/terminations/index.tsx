/**
 * 协议解除季度报告 (吉医保规〔2023〕1号 第三十一条 「医保经办机构应将解除医保服务协议情况，定期向同级医疗保障
 * 行政部门报告」; 京医保发〔2021〕30号 第四十九条; decision 0034): the terminations and suspensions of a
 * quarter in the user's territory, with situation, citation, decision number and region; Excel to
 * download. Year and quarter live in the URL. Two bar charts (decision 0044): the quarter's terminations and
 * suspensions per region, and the year's four quarters side by side.
 */
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Card, Col, Empty, Row, Segmented, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { terminationListApi, type TerminationReportRow } from '../../../api/termination-list-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { chinaToday } from '../../../utils/china-date';

/** Year and month (1–12) of today in China on the procedure clock. */
function todayYearMonth(): { year: number; month: number } {
  const [y, m] = chinaToday().split('-');
  return { year: Number(y), month: Number(m) };
}

/** The last complete quarter: what a report is usually about. */
function lastQuarter(): { year: number; quarter: number } {
  const { year, month } = todayYearMonth();
  const q = Math.floor((month - 1) / 3); // 0..3: the current quarter - 1
  return q === 0 ? { year: year - 1, quarter: 4 } : { year, quarter: q };
}

type KindFilter = 'all' | 'termination' | 'suspension';

/** echarts loads with the first chart, not with the app (decision 0044) */
const GroupedBars = lazy(() => import('../../../components/bar-chart'));
const RED = '#cf1322';
const ORANGE = '#fa8c16';

/** 解除 and 中止 per region of the quarter's rows (regions by their name, the code where it has none). */
function perRegion(rows: TerminationReportRow[]): { categories: string[]; terminations: number[]; suspensions: number[] } {
  const by = new Map<string, { name: string; t: number; s: number }>();
  for (const r of rows) {
    const e = by.get(r.regionCode) ?? { name: r.regionName ?? r.regionCode, t: 0, s: 0 };
    if (r.kind === 'termination') e.t += 1;
    else e.s += 1;
    by.set(r.regionCode, e);
  }
  const sorted = [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, e]) => e);
  return { categories: sorted.map((e) => e.name), terminations: sorted.map((e) => e.t), suspensions: sorted.map((e) => e.s) };
}

/** The year's quarters so far (a quarter not yet begun has nothing to report), 解除 and 中止 of each. */
function YearChart({ year }: { year: number }) {
  const now = todayYearMonth();
  const last = year < now.year ? 4 : year > now.year ? 0 : Math.floor((now.month - 1) / 3) + 1;
  const quarters = Array.from({ length: last }, (_, i) => i + 1);
  const { data } = useRequest(
    () => (quarters.length ? Promise.all(quarters.map((quarter) => terminationListApi.report({ year, quarter }))) : null),
    [year, last],
  );
  if (!data) return null;
  return (
    <Suspense fallback={null}>
      <GroupedBars
        testId="chart-quarters"
        label={`${year}年各季度解除、中止医保协议的家次`}
        categories={quarters.map((q) => `第${q}季度`)}
        series={[
          { name: '解除', data: data.map((r) => r.terminations), color: RED },
          { name: '中止', data: data.map((r) => r.suspensions), color: ORANGE },
        ]}
        valueName="家次"
        unit="家次"
      />
    </Suspense>
  );
}

export default function TerminationReportPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const def = lastQuarter();
  const year = Number(params.get('year')) || def.year;
  const quarter = Number(params.get('quarter')) || def.quarter;
  const kind = (params.get('kind') as KindFilter | null) ?? 'all';
  const { data, loading, error } = useRequest(() => terminationListApi.report({ year, quarter }), [year, quarter]);
  const set = (key: string, v: string | number) => {
    const next = new URLSearchParams(params);
    next.set(key, String(v));
    setParams(next);
  };
  const thisYear = todayYearMonth().year;
  const years = Array.from({ length: thisYear - 2018 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}年` }));
  const rows = (data?.items ?? []).filter((r) => kind === 'all' || r.kind === kind);
  const download = () => terminationListApi.reportXlsx({ year, quarter }).catch((e: Error) => message.error(e.message));

  return (
    <Card
      title="协议解除（及中止）情况季度报告"
      extra={<Button icon={<DownloadOutlined />} onClick={download}>导出 Excel</Button>}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        依据吉医保规〔2023〕1号 第三十一条、京医保发〔2021〕30号 第四十九条，经办机构定期向同级医疗保障行政部门报告解除（及中止）医保协议情况。范围为本辖区。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label="年份" value={year} options={years} onChange={(v) => set('year', v)} style={{ width: 110 }} />
        <Select aria-label="季度" value={quarter} onChange={(v) => set('quarter', v)} style={{ width: 120 }}
          options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度` }))} />
        <Segmented<KindFilter> value={kind} onChange={(v) => set('kind', v)}
          options={[{ value: 'all', label: '全部' }, { value: 'termination', label: '解除' }, { value: 'suspension', label: '中止' }]} />
      </Space>
      {!data && error ? <Empty description="报告加载失败，请稍后重试" /> : !data ? <Spin style={{ display: 'block', padding: 48 }} /> : (
        <>
          <Space size="large" style={{ display: 'flex', marginBottom: 16 }}>
            <Statistic title={`解除（${data.from} 至 ${data.to}）`} value={data.terminations} suffix="家次" />
            <Statistic title="中止" value={data.suspensions} suffix="家次" />
          </Space>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={`第${quarter}季度 各地区解除、中止家次`}>
                {data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本季度没有记录" /> : (() => {
                  const g = perRegion(data.items);
                  return (
                    <Suspense fallback={null}>
                      <GroupedBars
                        testId="chart-regions"
                        label={`${year}年第${quarter}季度各地区解除、中止医保协议的家次`}
                        horizontal
                        stacked
                        categories={g.categories}
                        series={[{ name: '解除', data: g.terminations, color: RED }, { name: '中止', data: g.suspensions, color: ORANGE }]}
                        valueName="家次"
                        categoryName="地区"
                        unit="家次"
                      />
                    </Suspense>
                  );
                })()}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={`${year}年各季度`}>
                <YearChart year={year} />
              </Card>
            </Col>
          </Row>
          <Table<TerminationReportRow>
            rowKey={(r) => `${r.kind}-${r.on}-${r.institutionName}-${r.regionCode}-${r.decisionNo ?? ''}`}
            loading={loading}
            dataSource={rows}
            locale={{ emptyText: '本季度辖区内没有解除或中止医保协议的记录' }}
            pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 条`, hideOnSinglePage: true }}
            scroll={{ x: 1100 }}
            columns={[
              { title: '处理', dataIndex: 'kindLabel', width: 90, render: (v: string, r) => <Tag color={r.kind === 'termination' ? 'red' : 'orange'}>{v}</Tag> },
              { title: '日期', dataIndex: 'on', width: 110, sorter: (a, b) => a.on.localeCompare(b.on) },
              { title: '机构名称', dataIndex: 'institutionName', sorter: (a, b) => a.institutionName.localeCompare(b.institutionName, 'zh') },
              { title: '医保编码', dataIndex: 'ybCode', width: 130, render: (v: string | null) => v ?? '—' },
              { title: '地区', dataIndex: 'regionName', width: 100, render: (v: string | null, r) => v ?? r.regionCode, sorter: (a, b) => a.regionCode.localeCompare(b.regionCode) },
              { title: '情形', dataIndex: 'situationLabel' },
              { title: '依据', dataIndex: 'citation', render: (v: string) => v || '—' },
              { title: '文书编号', dataIndex: 'decisionNo', width: 160, render: (v: string | null) => v ?? '—' },
              { title: '备注', dataIndex: 'note', width: 180 },
            ]}
          />
        </>
      )}
    </Card>
  );
}
