/**
 * 报省级经办机构 (云人社发〔2016〕308号 一(四)): a prefecture's agency sends the institutions newly
 * designated in a period (generated from its filed / activated applications); the province's agency
 * and the departments read each report as it was sent.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Space, Spin, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { provinceApi, type ProvinceReport, type ProvinceReportRow } from '../../api/province-endpoints';
import { useRequest } from '../../hooks/use-request';
import { useServerPagination } from '../../hooks/use-server-pagination';
import { useSession } from '../../session/session';
import { chinaTime } from '../../utils/china-date';

function SendReport({ onSent }: { onSent: () => void }) {
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!range) return;
    setBusy(true);
    try {
      const r = await provinceApi.sendReport(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
      message.success(`已报送省级经办机构：新增定点 ${r.count} 家`);
      onSent();
    } catch {
      // shown by the error sink (only a prefecture's agency sends; 403 otherwise)
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space>
      <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} />
      <Button type="primary" disabled={!range} loading={busy} onClick={() => void send()}>
        生成并报送
      </Button>
    </Space>
  );
}

function ReportDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { data } = useRequest(() => (id ? provinceApi.report(id) : null), [id]);
  const r = data && data.id === id ? data : undefined;
  return (
    <Drawer open={!!id} width={760} title="新增定点医疗机构名单" onClose={onClose} destroyOnHidden>
      {r ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {r.regionName} · {r.periodFrom} 至 {r.periodTo} · 报送于 {chinaTime(r.submittedAt)}（依据：{r.citation}）
          </Typography.Text>
          <Table<ProvinceReport['items'][number]>
            rowKey="applicationId"
            size="small"
            pagination={false}
            dataSource={r.items}
            locale={{ emptyText: '本期无新增定点' }}
            columns={[
              { title: '医药机构', dataIndex: 'institutionName' },
              { title: '医保编码', dataIndex: 'ybCode', render: (v: string | null) => v ?? '—' },
              { title: '区划', dataIndex: 'regionCode' },
              { title: '备案日期', dataIndex: 'filedOn', render: (v: string | null) => v ?? '—' },
              { title: '系统开通', dataIndex: 'activatedOn', render: (v: string | null) => v ?? <Tag>未开通</Tag> },
            ]}
          />
        </Space>
      ) : (
        <Spin />
      )}
    </Drawer>
  );
}

export default function ProvinceReportsPage() {
  const { user } = useSession();
  const { page, pageSize, pagination } = useServerPagination();
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, loading, reload } = useRequest(() => provinceApi.reports({ page, pageSize }), [page, pageSize]);
  const prefectureAgency = user?.orgKind === 'agency' && user.orgLevel === 'prefecture';
  return (
    <Card title="新增定点医疗机构报省级经办机构" extra={<Typography.Text type="secondary">云人社发〔2016〕308号 一(四)</Typography.Text>}>
      {prefectureAgency && (
        <div style={{ marginBottom: 16 }}>
          <SendReport onSent={reload} />
        </div>
      )}
      <Table<ProvinceReportRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无报送记录' }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 次`)}
        columns={[
          { title: '统筹地区', dataIndex: 'regionName', render: (v: string, r) => <Typography.Link onClick={() => setOpenId(r.id)}>{v}</Typography.Link> },
          { title: '统计期间', key: 'period', render: (_, r) => `${r.periodFrom} 至 ${r.periodTo}` },
          { title: '新增定点', dataIndex: 'count', align: 'right' },
          { title: '报送时间', dataIndex: 'submittedAt', render: (v: string) => chinaTime(v) },
        ]}
      />
      <ReportDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
