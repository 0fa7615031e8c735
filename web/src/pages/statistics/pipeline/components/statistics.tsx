/**
 * 辖区统计: applications by state, open deadlines past due (by deadline), and the online-signing
 * rate — agreements signed online by both parties over all agreements signed by both — against the
 * target of the 2025 draft 一(四) (协议网签率达到90%以上), drawn as a bar with the target line.
 * Applications by state and overdue deadlines are drawn as bar charts above their tables (decision 0044).
 */
import { lazy, Suspense } from 'react';
import { Alert, Button, Card, Col, Empty, Progress, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { filingApi, type PipelineStatistics } from '../../../../api/pipeline-endpoints';
import { useRequest } from '../../../../hooks/use-request';
import { useEnums } from '../../../../meta/enums';
import { PIPELINE_ENUM } from '../../../../locale/pipeline';
import { StateTag } from '../../../applications/components/state-tag';

/** echarts loads with the first chart, not with the app (decision 0044) */
const GroupedBars = lazy(() => import('../../../../components/bar-chart'));

const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;

/** A full-width bar with a marker at the target (antd Progress has no target line of its own). */
function RateBar({ rate, target }: { rate: number | null; target: number }) {
  const met = rate !== null && rate >= target;
  return (
    <div style={{ position: 'relative', paddingTop: 22 }} aria-label={`网签率 ${rate === null ? '—' : pct(rate)}，目标 ${pct(target)}`}>
      <div style={{ position: 'absolute', left: `${target * 100}%`, top: 0, transform: 'translateX(-50%)', fontSize: 12, whiteSpace: 'nowrap' }}>
        目标 {pct(target)}
      </div>
      <Progress
        percent={rate === null ? 0 : Math.round(rate * 1000) / 10}
        showInfo={false}
        status={rate === null ? 'normal' : met ? 'success' : 'exception'}
        size={{ height: 14 }}
      />
      <div
        style={{
          position: 'absolute',
          left: `${target * 100}%`,
          top: 16,
          bottom: 0,
          borderLeft: '2px dashed #595959',
        }}
      />
    </div>
  );
}

export function PipelineStatisticsView() {
  const enums = useEnums();
  const { data: s, loading, reload } = useRequest(() => filingApi.statistics(), []);

  if (loading && !s) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!s) return <Empty description="暂无统计数据" />;

  const total = s.byState.reduce((a, r) => a + r.count, 0);
  const o = s.onlineSigning;
  const byState = [...s.byState].sort((a, b) => b.count - a.count);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space>
        <Typography.Text type="secondary">统计日：{s.asOf}（辖区内）</Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="定点申请" value={total} suffix="件" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="逾期时限" value={s.overdue.total} suffix="项" styles={{ content: s.overdue.total > 0 ? { color: '#cf1322' } : undefined }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="双方已签订协议" value={o.signed} suffix="份" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title="协议网签率"
              value={o.rate === null ? '—' : pct(o.rate)}
              styles={{ content: o.meetsTarget === null ? undefined : { color: o.meetsTarget ? '#3f8600' : '#cf1322' } }}
            />
          </Card>
        </Col>
      </Row>

      <Card size="small" title="协议网签率" extra={o.citation && <Typography.Text type="secondary">依据：{o.citation}</Typography.Text>}>
        {o.target !== null && <RateBar rate={o.rate} target={o.target} />}
        <Space wrap style={{ marginTop: 12 }}>
          <span>网上签订 {o.online} 份</span>
          <span>线下（纸质）签订 {o.offline} 份</span>
          {o.target === null ? <span>本地区政策未规定网签率目标</span> : <span>目标 ≥ {pct(o.target)}</span>}
          {o.target === null ? null : o.meetsTarget === null ? (
            <Tag>尚无签订的协议</Tag>
          ) : o.meetsTarget ? (
            <Tag color="success">已达到目标</Tag>
          ) : (
            <Tag color="error">未达到目标</Tag>
          )}
        </Space>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="各环节申请数量">
            {byState.length > 0 && (
              <Suspense fallback={null}>
                <GroupedBars
                  testId="chart-by-state"
                  label="辖区内定点申请按办理环节的数量"
                  horizontal
                  categories={byState.map((r) => r.label)}
                  series={[{ name: '申请数量', data: byState.map((r) => r.count) }]}
                  valueName="件"
                  unit="件"
                />
              </Suspense>
            )}
            <Table<PipelineStatistics['byState'][number]>
              rowKey="state"
              size="small"
              pagination={false}
              dataSource={byState}
              locale={{ emptyText: '辖区内暂无定点申请' }}
              columns={[
                { title: '状态', dataIndex: 'state', render: (v: string, r) => <StateTag state={v} label={r.label} /> },
                { title: '数量', dataIndex: 'count', align: 'right' },
                { title: '占比', key: 'share', align: 'right', render: (_, r) => (total ? pct(r.count / total) : '—') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="逾期未办结的时限">
            {s.overdue.total === 0 ? (
              <Alert type="success" showIcon title="辖区内没有逾期的办理时限" />
            ) : (
              <>
              <Suspense fallback={null}>
                <GroupedBars
                  testId="chart-overdue"
                  label="逾期未办结的办理时限数量"
                  horizontal
                  categories={s.overdue.byDeadline.map((r) => enums.label(PIPELINE_ENUM.deadline, r.deadline))}
                  series={[{ name: '逾期数量', data: s.overdue.byDeadline.map((r) => r.count), color: '#cf1322' }]}
                  valueName="项"
                  unit="项"
                />
              </Suspense>
              <Table<PipelineStatistics['overdue']['byDeadline'][number]>
                rowKey="deadline"
                size="small"
                pagination={false}
                dataSource={s.overdue.byDeadline}
                columns={[
                  { title: '时限', dataIndex: 'deadline', render: (v: string) => enums.label(PIPELINE_ENUM.deadline, v) },
                  { title: '逾期数量', dataIndex: 'count', align: 'right', render: (v: number) => <Typography.Text type="danger">{v}</Typography.Text> },
                ]}
              />
              </>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
