/**
 * 续签管理: the agency's campaigns (the department reads them) and 「组织续签」 — year, the window of
 * term ends and the day decisions are due. Opening screens every agreement in scope at once; the
 * campaign page then shows the proposals and takes the decisions. 已报市 / 未报市 filter the list: the city's queue of
 * the districts' reported campaigns (京医保发〔2021〕30号 第四十一条, decision 0057).
 */
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { renewalApi, type Campaign } from '../../../api/renewal-endpoints';
import { describeError } from '../../../api/error-display';
import { useRequest } from '../../../hooks/use-request';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { useSession } from '../../../session/session';
import { RenewalApplicationsCard } from './components/applications-card';
import { chinaDay } from '../../../utils/china-date';

interface OpenForm {
  year: number;
  title?: string;
  window: [Dayjs, Dayjs];
  decideBy: Dayjs;
}

function OpenDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<OpenForm>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const next = dayjs().year() + 1;
  const submit = async (v: OpenForm) => {
    setBusy(true);
    try {
      const c = await renewalApi.open({
        year: v.year, title: v.title?.trim() || undefined, windowFrom: v.window[0].format('YYYY-MM-DD'), windowTo: v.window[1].format('YYYY-MM-DD'),
        decideBy: v.decideBy.format('YYYY-MM-DD'),
      });
      message.success(`已组织续签并完成筛查：共 ${c.counts.total ?? 0} 份协议`);
      onClose();
      navigate(`/renewal/${c.id}`);
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title="组织续签" open={open} onClose={onClose} size={480} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        对本辖区内生效或中止、协议期满日期在所选范围内的医保协议逐一筛查，给出续签、缓签、不再签订或需人工核定的建议及触发的情形和依据；筛查不改变任何协议，由经办机构逐项或批量核定。
      </Typography.Paragraph>
      <Form<OpenForm>
        form={form} layout="vertical" onFinish={(v) => void submit(v)}
        initialValues={{ year: next, window: [dayjs(`${next}-01-01`), dayjs(`${next}-12-31`)], decideBy: dayjs(`${next - 1}-12-31`) }}
      >
        <Form.Item name="year" label="续签年度" rules={[{ required: true, message: '请填写续签年度' }]}>
          <InputNumber min={2000} max={2100} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="title" label="名称（可不填）">
          <Input maxLength={100} placeholder="如：2027年度医保协议续签" />
        </Form.Item>
        <Form.Item name="window" label="协议期满日期范围" rules={[{ required: true, message: '请选择协议期满日期范围' }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="decideBy" label="核定截止日期" rules={[{ required: true, message: '请选择核定截止日期' }]}>
          <DatePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>组织续签并筛查</Button>
      </Form>
    </Drawer>
  );
}

export default function RenewalCampaignsPage() {
  const { access } = useSession();
  const [opening, setOpening] = useState(false);
  const { page, pageSize, setPage, pagination } = useServerPagination();
  // ?reported=true: the city's queue, as linked from its home page
  const [params] = useSearchParams();
  const fromUrl = params.get('reported');
  const [reported, setReported] = useState<'all' | 'true' | 'false'>(fromUrl === 'true' || fromUrl === 'false' ? fromUrl : 'all');
  const { data, loading } = useRequest(() => renewalApi.list(page, pageSize, undefined, reported === 'all' ? undefined : reported === 'true'), [page, pageSize, reported]);
  const columns: ColumnsType<Campaign> = [
    { title: '名称', dataIndex: 'title', render: (v: string, r) => <Link to={`/renewal/${r.id}`}>{v}</Link> },
    { title: '年度', dataIndex: 'year', width: 80 },
    { title: '协议期满日期', key: 'window', render: (_, r) => `${r.windowFrom} 至 ${r.windowTo}` },
    { title: '核定截止', dataIndex: 'decideBy', width: 120 },
    {
      title: '筛查建议', key: 'counts',
      render: (_, r) => (
        <Space size={4} wrap>
          <Tag color="green">续签 {r.counts.renew ?? 0}</Tag>
          <Tag color="gold">缓签 {r.counts.defer ?? 0}</Tag>
          <Tag color="red">不再签订 {r.counts.not_renew ?? 0}</Tag>
          <Tag color="blue">需人工核定 {r.counts.manual ?? 0}</Tag>
        </Space>
      ),
    },
    {
      title: '报市', key: 'reported', width: 140,
      render: (_, r) => (!r.cityStep ? <Typography.Text type="secondary">—</Typography.Text>
        : r.reportedAt ? <Tag color="geekblue">已报市 {chinaDay(r.reportedAt)}</Tag> : <Tag>未报市</Tag>),
    },
    { title: '状态', dataIndex: 'state', width: 90, render: (v: string) => (v === 'open' ? <Tag color="processing">进行中</Tag> : <Tag>已结束</Tag>) },
  ];
  return (
    <>
      <Card
        title="续签管理"
        extra={(
          <Space>
            <Segmented
              aria-label="报市" value={reported} onChange={(v) => { setReported(v as typeof reported); setPage(1); }}
              options={[{ value: 'all', label: '全部' }, { value: 'true', label: '已报市（市级协商谈判）' }, { value: 'false', label: '未报市' }]}
            />
            {access.canRunRenewal ? <Button type="primary" onClick={() => setOpening(true)}>组织续签</Button> : null}
          </Space>
        )}
      >
        <Table<Campaign> rowKey="id" loading={loading} columns={columns} dataSource={data?.items ?? []} pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 次续签工作`)} />
        <OpenDrawer open={opening} onClose={() => setOpening(false)} />
      </Card>
      <RenewalApplicationsCard canAct={access.canRunRenewal} />
    </>
  );
}
