/**
 * 每千参保人占有定点医疗机构住院床位数 per 统筹地区 (云人社发〔2016〕308号 二(四)): designated medical
 * institutions' beds over the insured count the agency entered (date and source shown). The agency
 * enters a new count here; a correction is a count with a new date. A bar chart per 统筹地区 shows the
 * measure picked above it (beds per 1,000 insured by default; decision 0044).
 */
import { lazy, Suspense, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Segmented, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { provinceApi, type BedStatistics } from '../../../../api/province-endpoints';
import { useRequest } from '../../../../hooks/use-request';
import { useSession } from '../../../../session/session';
import { catching } from '../../../../utils/catching';

type Row = BedStatistics['regions'][number];

/** echarts loads with the first chart, not with the app (decision 0044) */
const GroupedBars = lazy(() => import('../../../../components/bar-chart'));

type Measure = 'bedsPerThousand' | 'insured' | 'beds' | 'designatedInstitutions';
/** what the chart can show per 统筹地区: label, unit, decimals, the value of a row (null: not known) */
const MEASURES: Record<Measure, { label: string; unit: string; digits: number; of: (r: Row) => number | null }> = {
  bedsPerThousand: { label: '每千参保人床位数', unit: '张/千人', digits: 2, of: (r) => r.bedsPerThousand },
  insured: { label: '参保人数', unit: '人', digits: 0, of: (r) => r.insured?.persons ?? null },
  beds: { label: '住院床位', unit: '张', digits: 0, of: (r) => r.beds },
  designatedInstitutions: { label: '定点医疗机构', unit: '家', digits: 0, of: (r) => r.designatedInstitutions },
};

/** One measure per 统筹地区; regions without the value (参保人数 not entered) are named under the chart, not drawn as 0. */
function RegionChart({ regions }: { regions: Row[] }) {
  const [measure, setMeasure] = useState<Measure>('bedsPerThousand');
  const m = MEASURES[measure];
  const known = regions.filter((r) => m.of(r) !== null);
  const missing = regions.filter((r) => m.of(r) === null);
  return (
    <div style={{ marginBottom: 16 }}>
      <Segmented<Measure>
        aria-label="图表指标"
        value={measure}
        onChange={setMeasure}
        options={(Object.keys(MEASURES) as Measure[]).map((k) => ({ value: k, label: MEASURES[k].label }))}
      />
      {known.length > 0 && (
        <Suspense fallback={null}>
          <GroupedBars
            testId="chart-beds"
            label={`各统筹地区${m.label}`}
            horizontal
            categories={known.map((r) => r.regionName)}
            series={[{ name: m.label, data: known.map((r) => m.of(r) ?? 0) }]}
            valueName={m.unit}
            unit={m.unit === '张/千人' ? ' 张/千人' : m.unit}
            digits={m.digits}
          />
        </Suspense>
      )}
      {missing.length > 0 && (
        <Typography.Text type="secondary">未填报参保人数（不计算）：{missing.map((r) => r.regionName).join('、')}</Typography.Text>
      )}
    </div>
  );
}
interface FormValues { regionCode: string; asOf: Dayjs; persons: number; source: string }

function EnterCount({ regions, onDone }: { regions: Row[]; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await provinceApi.enterInsured({ ...v, asOf: v.asOf.format('YYYY-MM-DD') });
      message.success('参保人数已填报');
      setOpen(false);
      onDone();
    } catch {
      // shown by the error sink
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>填报参保人数</Button>
      <Modal open={open} title="填报统筹地区参保人数" okText="保存" cancelText="取消" confirmLoading={busy} onOk={catching(ok)} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="regionCode" label="统筹地区" rules={[{ required: true, message: '请选择统筹地区' }]}>
            <Select options={regions.map((r) => ({ value: r.regionCode, label: r.regionName }))} />
          </Form.Item>
          <Form.Item name="asOf" label="统计日期" rules={[{ required: true, message: '统计日期为必填项' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="persons" label="参保人数" rules={[{ required: true, message: '参保人数为必填项' }]}>
            <InputNumber min={1} precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="source" label="数据来源" rules={[{ required: true, message: '数据来源不能为空' }]}>
            <Input maxLength={200} placeholder="如：2025年6月参保统计月报" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function BedsPerThousand() {
  const { access } = useSession();
  const { data: s, loading, reload } = useRequest(() => provinceApi.beds(), []);
  if (!s || !s.applies) return null;
  return (
    <Card
      size="small"
      title="每千参保人占有定点医疗机构住院床位数"
      extra={
        <>
          <Typography.Text type="secondary" style={{ marginRight: 8 }}>依据：{s.citation}</Typography.Text>
          {access.canEnterInsuredCounts && <EnterCount regions={s.regions} onDone={reload} />}
        </>
      }
    >
      <RegionChart regions={s.regions} />
      <Table<Row>
        rowKey="regionCode"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={s.regions}
        columns={[
          { title: '统筹地区', dataIndex: 'regionName' },
          { title: '定点医疗机构', dataIndex: 'designatedInstitutions', align: 'right' },
          { title: '住院床位', dataIndex: 'beds', align: 'right' },
          {
            title: '参保人数',
            key: 'insured',
            align: 'right',
            render: (_, r) => (r.insured ? <span title={`${r.insured.source}（${r.insured.asOf}）`}>{r.insured.persons.toLocaleString('zh-CN')}</span> : <Typography.Text type="secondary">未填报</Typography.Text>),
          },
          { title: '数据日期/来源', key: 'src', render: (_, r) => (r.insured ? `${r.insured.asOf} ${r.insured.source}` : '—') },
          { title: '每千参保人床位数', dataIndex: 'bedsPerThousand', align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
        ]}
      />
    </Card>
  );
}
