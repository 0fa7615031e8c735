/**
 * One 续签 campaign: its progress (proposals, decisions, what is left) per region, and the screening
 * table — filtered, sorted and paged on the server, each row with every rule that fired and its
 * article — where the officer accepts a proposal, decides otherwise with a reason, reopens, or decides
 * in bulk after confirming the count. Excel of exactly the filtered rows; closing ends the decisions.
 * Above them: the campaign's schedule (decision 0046). Under the Beijing profile: 报市 by the district and
 * 市级协商谈判 by the city, per item and in bulk (京医保发〔2021〕30号 第四十一条, decision 0057).
 */
import { lazy, Suspense, useState } from 'react';
import { useParams } from 'react-router-dom';
import { App, Button, Card, Col, Descriptions, Input, Modal, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { DownloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client';
import { describeError, ReasonList } from '../../../api/error-display';
import { downloadRenewalItems, renewalApi, type ItemFilter, type ItemQuery, type RenewalItem } from '../../../api/renewal-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { useSession } from '../../../session/session';
import { DecideModal, type DecideValues } from './components/decide-modal';
import { ReevaluateModal, type ReevaluateValues } from './components/reevaluate-modal';
import { WhatIfPanel } from './components/what-if-panel';
import { SigningPanel } from './components/signing-panel';
import { SchedulePanel } from './components/schedule-panel';
import { CityPanel } from './components/city-panel';
import { NegotiateModal, type NegotiateValues } from './components/negotiate-modal';

const GroupedBars = lazy(() => import('../../../components/bar-chart'));

const OUTCOME_COLOR: Record<string, string> = { renew: 'green', defer: 'gold', not_renew: 'red', manual: 'blue' };
const OUTCOMES = [
  { value: 'renew', label: '续签' }, { value: 'defer', label: '缓签' }, { value: 'not_renew', label: '不再签订' }, { value: 'manual', label: '需人工核定' },
];
type Sort = ItemQuery['sort'];

function Reasons({ item }: { item: RenewalItem }) {
  if (item.reasons.length === 0) return <Typography.Text type="secondary">未触发任何缓签或不再签订情形</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="renewal-reasons">
      {item.reasons.map((r) => (
        <li key={r.ruleId + r.message}>
          {r.result === 'no_data' ? <Tag>无数据</Tag> : <Tag color="red">触发</Tag>}
          {r.message} <Typography.Text type="secondary">（{r.citation}）</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

export default function RenewalCampaignPage() {
  const { id = '' } = useParams();
  const { access, user } = useSession();
  const isCity = !!user && user.orgLevel !== 'county';
  const { message, notification } = App.useApp();
  const [filter, setFilter] = useState<ItemFilter>({});
  const [sort, setSort] = useState<Sort>('region');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [modal, setModal] = useState<{ kind: 'decide' | 'reopen' | 'bulk'; item?: RenewalItem } | null>(null);
  const [reevaluating, setReevaluating] = useState<RenewalItem | null>(null);
  const [negotiating, setNegotiating] = useState<RenewalItem | null>(null);
  const [busy, setBusy] = useState(false);
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const progress = useRequest(() => renewalApi.progress(id), [id]);
  const items = useRequest(() => renewalApi.items(id, { ...filter, sort, order, page, pageSize }), [id, JSON.stringify(filter), sort, order, page, pageSize]);
  const c = progress.data?.campaign;
  const canAct = access.canRunRenewal && c?.state === 'open';
  const reload = () => {
    progress.reload();
    items.reload();
  };
  const set = (patch: Partial<ItemFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409) {
      message.warning(e.message || '已被他人处理，请刷新');
      reload();
    } else if (e instanceof ApiError && e.reasons.length > 0) {
      notification.error({ title: e.message, description: <ReasonList err={e} />, duration: 0 });
    } else message.error(describeError(e));
  };
  const run = async (f: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await f();
      message.success(done);
      setModal(null);
      reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const accept = (it: RenewalItem) => void run(() => renewalApi.decide(it.id, { type: 'accept', version: it.version }), `已按建议核定：${it.institutionName} ${it.proposedLabel}`);
  const onReevaluate = (v: ReevaluateValues) => {
    const it = reevaluating;
    if (!it) return;
    void run(async () => {
      await renewalApi.reevaluate(it.id, { version: it.version, ...v });
      setReevaluating(null); // closed on success only: a refusal keeps what the officer wrote
    }, v.passed ? '已记录评估通过' : '已记录评估未通过，核定为不再签订');
  };
  const onNegotiate = (v: NegotiateValues) => {
    const it = negotiating;
    if (!it) return;
    void run(async () => {
      await renewalApi.negotiate(it.id, { version: it.version, ...v });
      setNegotiating(null);
    }, `${it.state === 'negotiated' ? '已更正' : '已记录'}市级协商谈判：${it.institutionName}`);
  };
  const onModal = (v: DecideValues) => {
    if (!modal) return;
    if (modal.kind === 'reopen' && modal.item) void run(() => renewalApi.decide(modal.item!.id, { type: 'reopen', version: modal.item!.version, reason: v.reason }), '已撤回核定');
    else if (modal.kind === 'decide' && modal.item) void run(() => renewalApi.decide(modal.item!.id, { type: 'decide', version: modal.item!.version, outcome: v.outcome, reason: v.reason }), '已核定');
    else if (modal.kind === 'bulk') void bulkDecide(v);
  };
  const pendingCount = async () => (await renewalApi.items(id, { ...filter, state: 'proposed', page: 1, pageSize: 1 })).total;
  const bulkAccept = async () => {
    const n = await pendingCount();
    if (n === 0) return void message.info('没有符合条件的待核定事项');
    Modal.confirm({
      title: `按筛查建议批量核定 ${n} 项？`,
      content: `将对当前筛选条件下全部 ${n} 项待核定事项按筛查建议（${OUTCOMES.find((o) => o.value === filter.proposed)?.label}）核定，每项记入审计日志。`,
      okText: `核定 ${n} 项`,
      onOk: () => run(() => renewalApi.bulk(id, { type: 'accept', filter, expectedCount: n }), `已批量核定 ${n} 项`),
    });
  };
  const bulkDecide = async (v: DecideValues) => {
    const n = await pendingCount();
    if (n === 0) return void message.info('没有符合条件的待核定事项');
    Modal.confirm({
      title: `批量人工核定 ${n} 项为「${OUTCOMES.find((o) => o.value === v.outcome)?.label}」？`,
      content: `理由：${v.reason}`,
      okText: `核定 ${n} 项`,
      onOk: () => run(() => renewalApi.bulk(id, { type: 'decide', filter, expectedCount: n, outcome: v.outcome, reason: v.reason }), `已批量核定 ${n} 项`),
    });
  };
  const bulkable = !!filter.proposed && filter.proposed !== 'manual';

  const columns: ColumnsType<RenewalItem> = [
    { title: '医药机构', dataIndex: 'institutionName', key: 'institution', sorter: true, render: (v: string, r) => <Space orientation="vertical" size={0}>{v}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.agreementNumber}</Typography.Text></Space> },
    { title: '统筹区', dataIndex: 'regionName', key: 'region', sorter: true },
    { title: '协议期满', dataIndex: 'termTo', key: 'termTo', sorter: true, width: 110 },
    { title: '筛查建议', dataIndex: 'proposedLabel', key: 'proposed', sorter: true, render: (v: string, r) => <Tag color={OUTCOME_COLOR[r.proposed]}>{v}</Tag> },
    {
      title: '核定结果', key: 'decided',
      render: (_, r) => (r.decided
        ? <Space size={4}><Tag color={OUTCOME_COLOR[r.decided]}>{r.decidedLabel}</Tag>{r.overridden && <Tag>已调整建议</Tag>}{r.fixedAnnual && <Tag color="purple">固定+年度</Tag>}{r.renewalAgreementId && <Tag color="cyan">已生成续签协议</Tag>}{r.reevaluation && <Tag color={r.reevaluation.passed ? 'green' : 'red'}>{r.reevaluation.on} 评估{r.reevaluation.passed ? '通过' : '未通过'}</Tag>}{r.negotiation && <Tag color="geekblue">市级协商谈判 {r.negotiation.on}</Tag>}</Space>
        : <Typography.Text type="secondary">待核定</Typography.Text>),
    },
    {
      // 缓签评估 follows the 集中签约期: offered on a closed campaign too
      title: '操作', key: 'op', render: (_, r) => (canAct || (access.canRunRenewal && r.allowedEvents.includes('reevaluate'))) && (
        <Space size={4} wrap>
          {r.allowedEvents.includes('negotiate') && <Button size="small" type="link" onClick={() => setNegotiating(r)}>{r.state === 'negotiated' ? '更正协商谈判结果' : '市级协商谈判'}</Button>}
          {r.allowedEvents.includes('reevaluate') && <Button size="small" type="link" onClick={() => setReevaluating(r)}>缓签评估</Button>}
          {r.allowedEvents.includes('accept') && <Button size="small" type="link" onClick={() => accept(r)}>按建议核定</Button>}
          {r.allowedEvents.includes('decide') && <Button size="small" type="link" onClick={() => setModal({ kind: 'decide', item: r })}>人工核定</Button>}
          {r.allowedEvents.includes('reopen') && <Button size="small" type="link" danger onClick={() => setModal({ kind: 'reopen', item: r })}>撤回核定</Button>}
          {r.allowedEvents.includes('fixed_annual') && (r.decided === 'renew' || (!r.decided && r.proposed === 'renew')) && (
            <Button size="small" type="link" onClick={() => void run(() => renewalApi.fixedAnnual(r.id, r.version, !r.fixedAnnual), r.fixedAnnual ? '已取消固定协议方式' : '已采取固定协议和年度协议相结合的方式')}>
              {r.fixedAnnual ? '取消固定+年度' : '固定+年度'}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const p = progress.data?.progress;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={c ? `${c.title}${c.state === 'closed' ? '（已结束）' : ''}` : '续签工作'}
        extra={canAct && c && (
          <Button danger onClick={() => Modal.confirm({
            title: '结束本次续签工作？', content: '结束后不能再核定。', okText: '结束',
            onOk: () => run(() => renewalApi.close(id, c.version), '续签工作已结束'),
          })}>结束续签工作</Button>
        )}
      >
        {c && (
          <Descriptions size="small" column={3}>
            <Descriptions.Item label="年度">{c.year}</Descriptions.Item>
            <Descriptions.Item label="协议期满日期">{c.windowFrom} 至 {c.windowTo}</Descriptions.Item>
            <Descriptions.Item label="核定截止">{c.decideBy}</Descriptions.Item>
          </Descriptions>
        )}
        {p && (
          <Row gutter={16} style={{ marginTop: 8 }} data-testid="renewal-progress">
            <Col span={4}><Statistic title="协议总数" value={p.total} /></Col>
            <Col span={4}><Statistic title="已核定" value={p.total - p.undecided} /></Col>
            <Col span={4}><Statistic title="待核定" value={p.undecided} /></Col>
            {OUTCOMES.map((o) => <Col span={3} key={o.value}><Statistic title={`建议${o.label}`} value={p.proposed[o.value as keyof typeof p.proposed]} /></Col>)}
          </Row>
        )}
      </Card>
      <SchedulePanel campaignId={id} />
      {progress.data && <CityPanel progress={progress.data} isCity={isCity} canAct={!!canAct} run={run} fail={fail} />}
      <Card title="按统筹区">
        {(progress.data?.regions.length ?? 0) > 0 && (
          <Suspense fallback={null}>
            <GroupedBars
              categories={progress.data!.regions.map((r) => r.regionName)}
              series={OUTCOMES.map((o) => ({ name: `建议${o.label}`, data: progress.data!.regions.map((r) => r.proposed[o.value as keyof typeof r.proposed]) }))}
            />
          </Suspense>
        )}
        <Table
          rowKey="regionCode" size="small" pagination={false} dataSource={progress.data?.regions ?? []}
          onRow={(r) => ({ onClick: () => set({ regionCode: r.regionCode }), style: { cursor: 'pointer' } })}
          columns={[
            { title: '统筹区', dataIndex: 'regionName' },
            { title: '协议数', dataIndex: 'total' },
            ...OUTCOMES.map((o) => ({ title: `建议${o.label}`, key: o.value, render: (_: unknown, r: { proposed: Record<string, number> }) => r.proposed[o.value] })),
            { title: '待核定', dataIndex: 'undecided' },
            // 自治区医保局〔2025〕征求意见稿 一(一): each 市/县's published 续签 standard, as in force when the campaign opened
            ...(progress.data?.standardsBasis ? [{
              title: '续签评估标准', key: 'standard',
              render: (_: unknown, r: { standard: { title: string; docNo: string; effectiveFrom: string; layerLabel: string } | null }) => (r.standard
                ? <Typography.Text title={`${r.standard.layerLabel}，${r.standard.effectiveFrom} 起施行`}>{r.standard.title}（{r.standard.docNo}）</Typography.Text>
                : <Typography.Text type="secondary">未发布（按省级政策）</Typography.Text>),
            }] : []),
          ]}
        />
        {progress.data?.standardsBasis && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            各统筹区的续签评估标准按开展续签之日施行的版本列出（{progress.data.standardsBasis}）；筛查规则按本省政策。
          </Typography.Paragraph>
        )}
      </Card>
      <Card title="筛查结果">
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear aria-label="查询" placeholder="机构名称或协议编号" onSearch={(q) => set({ q: q.trim() || undefined })} style={{ width: 260 }} maxLength={50} />
          <Select aria-label="筛查建议" placeholder="筛查建议" allowClear value={filter.proposed} onChange={(v?: string) => set({ proposed: v as ItemFilter['proposed'] })} options={OUTCOMES} style={{ width: 140 }} />
          <Select
            aria-label="核定结果" placeholder="核定结果" allowClear value={filter.decided} onChange={(v?: string) => set({ decided: v as ItemFilter['decided'] })}
            options={[...OUTCOMES.filter((o) => o.value !== 'manual'), { value: 'none', label: '待核定' }]} style={{ width: 140 }}
          />
          <Select
            aria-label="统筹区" placeholder="统筹区" allowClear value={filter.regionCode} onChange={(v?: string) => set({ regionCode: v })}
            options={(progress.data?.regions ?? []).map((r) => ({ value: r.regionCode, label: r.regionName }))} style={{ width: 160 }}
          />
          <Button onClick={() => { setFilter({}); setPage(1); }}>重置</Button>
          <Button icon={<DownloadOutlined />} onClick={() => void downloadRenewalItems(id, filter).catch(fail)}>导出 Excel</Button>
          {canAct && <Button type="primary" disabled={!bulkable} onClick={() => void bulkAccept().catch(fail)}>按建议批量核定</Button>}
          {canAct && <Button disabled={!bulkable} onClick={() => setModal({ kind: 'bulk' })}>批量人工核定</Button>}
        </Space>
        {canAct && !bulkable && <Typography.Paragraph type="secondary">批量核定须先按筛查建议（续签、缓签或不再签订）筛选；「需人工核定」的事项逐项核定。</Typography.Paragraph>}
        <div data-testid="renewal-items">
        <Table<RenewalItem>
          rowKey="id" size="middle" loading={items.loading} columns={columns} dataSource={items.data?.items ?? []}
          expandable={{ expandedRowRender: (r) => <><Reasons item={r} />{r.reason && <Typography.Paragraph style={{ marginTop: 8 }}>核定理由：{r.reason}</Typography.Paragraph>}{r.negotiation && <Typography.Paragraph>市级协商谈判（{r.negotiation.on}）：{r.negotiation.note}</Typography.Paragraph>}</>, rowExpandable: () => true }}
          onChange={(_p, _f, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<RenewalItem> | undefined;
            if (s?.columnKey && s.order) {
              setSort(s.columnKey as Sort);
              setOrder(s.order === 'descend' ? 'desc' : 'asc');
            } else {
              setSort('region');
              setOrder('asc');
            }
          }}
          pagination={pagination(items.data?.total ?? 0, (t) => `共 ${t} 份协议`)}
        />
        </div>
      </Card>
      {c && <SigningPanel campaignId={id} open={c.state === 'open'} />}
      {progress.data && <WhatIfPanel campaignId={id} progress={progress.data} />}
      <NegotiateModal title={`${negotiating?.state === 'negotiated' ? '更正市级协商谈判结果' : '市级协商谈判'}：${negotiating?.institutionName ?? ''}`} open={!!negotiating} busy={busy} onCancel={() => setNegotiating(null)} onOk={onNegotiate} />
      <ReevaluateModal item={reevaluating} busy={busy} onCancel={() => setReevaluating(null)} onOk={onReevaluate} />
      <DecideModal
        title={modal?.kind === 'reopen' ? '撤回核定' : modal?.kind === 'bulk' ? '批量人工核定' : `人工核定：${modal?.item?.institutionName ?? ''}`}
        open={!!modal} reopen={modal?.kind === 'reopen'} exclude={modal?.item?.proposed ?? filter.proposed} busy={busy}
        onCancel={() => setModal(null)} onOk={onModal}
      />
    </Space>
  );
}
