/**
 * What happened at each stage, read-only: screening and 补正, evaluation (panel with drawn members,
 * inspection, scores, votes, signatures; outcomes), publicity with complaints, negotiation records,
 * agreement signatures. Every actor follows the procedure here.
 */
import { Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import type { ApplicationData, InspectionChecklistView } from '../../../../api/pipeline-types';
import { formatCitation } from '../../../../utils/citation';
import { useEnums } from '../../../../meta/enums';
import { inquiryKindLabel, inspectionModeLabel, negotiationFormLabel, PIPELINE_ENUM, signerCapacityLabel } from '../../../../locale/pipeline';
import { SupplementRequest } from './supplement-notice';
import { memberNames } from '../../components/inspection-checklist';

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <div style={{ marginBottom: 20 }}>
    <Typography.Title level={5}>{title}</Typography.Title>
    {children}
  </div>
);

function Evaluation({ data, checklist }: { data: ApplicationData; checklist: InspectionChecklistView | null }) {
  const enums = useEnums();
  const ev = data.evaluation;
  if (!ev) return null;
  const insp = ev.inspection;
  const names = memberNames(data);
  const rec = insp.record;
  const briefing = ev.briefing;
  return (
    <Section title="评估">
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}
        items={[
          { key: 'start', label: '评估开始', children: ev.startedOn },
          { key: 'sheet', label: '评分表', children: <span title={ev.sheetId}>{enums.label('scoringSheet', ev.sheetId)}</span> },
          { key: 'insp', label: '现场核查', children: `${insp.required ? '须核查' : '不核查'}（${inspectionModeLabel[insp.mode] ?? insp.mode}）${insp.situations.length ? `；第十三条情形：${insp.situations.join('、')}` : ''}` },
          { key: 'rec', label: '核查记录', children: rec ? `${rec.on} ${rec.by.map((b) => names.get(b) ?? b).join('、')}：${rec.findings}` : '未记录' },
        ]}
      />
      {rec?.checklist && (
        <Table rowKey="item" size="small" pagination={false} style={{ marginBottom: 12 }} dataSource={rec.checklist}
          columns={[
            { title: '核查内容（云医保〔2022〕6号 第十三条）', dataIndex: 'item', render: (_, l, i) => `${i + 1}. ${checklist?.items.find((x) => x.id === l.item)?.label ?? l.item}` },
            { title: '是否符合', dataIndex: 'conforming', render: (v: boolean) => <Tag color={v ? 'green' : 'red'}>{v ? '符合' : '不符合'}</Tag> },
            { title: '核查发现', dataIndex: 'finding' },
          ]}
        />
      )}
      {briefing && (
        <Descriptions size="small" bordered column={1} style={{ marginBottom: 12 }} title="政策学习和承办部门汇报（云医保〔2022〕6号 第十四条(一)1–2）"
          items={[
            { key: 'study', label: `学习（${briefing.on}）`, children: `${briefing.study.content}；参加：${briefing.study.attendees.join('、')}` },
            { key: 'basics', label: `汇报（${briefing.report.reporter}）`, children: briefing.report.basics },
            { key: 'mat', label: '材料审核情况', children: briefing.report.materialReview },
            { key: 'vio', label: '违规审查情况', children: briefing.report.violationReview },
            { key: 'insp', label: '现场核查情况', children: briefing.report.inspection },
            ...(briefing.report.keyPoints ? [{ key: 'key', label: '重点说明', children: briefing.report.keyPoints }] : []),
          ]}
        />
      )}
      {ev.evaluator.kind === 'panel' ? (
        <>
          <Typography.Paragraph type="secondary">评估小组（随机抽取种子 {ev.evaluator.panel.seed}，可复现）</Typography.Paragraph>
          <Table
            rowKey="expertId"
            size="small"
            pagination={false}
            dataSource={ev.evaluator.panel.members}
            columns={[
              { title: '专家', dataIndex: 'name' },
              { title: '专业', dataIndex: 'specialty', render: (v: string) => enums.label(PIPELINE_ENUM.specialty, v) },
              {
                title: '评分',
                key: 'scores',
                render: (_, m) => {
                  const s = ev.evaluator.kind === 'panel' ? ev.evaluator.scores.find((x) => x.memberId === m.expertId) : undefined;
                  return s ? Object.entries(s.scores).map(([k, v]) => `${k} ${v}`).join('；') : <Typography.Text type="secondary">未评分</Typography.Text>;
                },
              },
              {
                title: '表决',
                key: 'vote',
                render: (_, m) => {
                  const v = ev.evaluator.kind === 'panel' ? ev.evaluator.votes.find((x) => x.memberId === m.expertId) : undefined;
                  return v ? <Tag color={v.vote === 'pass' ? 'green' : 'red'}>{v.vote === 'pass' ? '合格' : '不合格'}</Tag> : '—';
                },
              },
              {
                title: '签字',
                key: 'sig',
                render: (_, m) => {
                  const s = ev.evaluator.kind === 'panel' ? ev.evaluator.signatures.find((x) => x.memberId === m.expertId) : undefined;
                  return s ? <Tag color="success">已签字 {s.on}</Tag> : <Tag>未签字</Tag>;
                },
              },
            ]}
          />
          {ev.evaluator.panel.replacements.length > 0 && (
            <Typography.Paragraph type="secondary">
              利益冲突回避替换：{ev.evaluator.panel.replacements.map((r) => `${r.out} → ${r.in}`).join('；')}
            </Typography.Paragraph>
          )}
        </>
      ) : (
        <Descriptions size="small" bordered column={2}
          items={[
            { key: 'n', label: '第三方评估机构', children: ev.evaluator.name },
            { key: 'q', label: '资质', children: ev.evaluator.qualification },
            { key: 'r', label: '评估结论', children: ev.evaluator.result ? `${ev.evaluator.result.pass ? '合格' : '不合格'}（报告 ${ev.evaluator.result.reportId}）` : '待报告' },
          ]}
        />
      )}
    </Section>
  );
}

export function Procedure({ data, checklist = null }: { data: ApplicationData; checklist?: InspectionChecklistView | null }) {
  const blocks: React.ReactNode[] = [];
  if (data.screeningReasons && data.screeningReasons.length > 0) {
    blocks.push(
      <Section key="screen" title="自动筛查命中的不予受理情形">
        <List size="small" dataSource={data.screeningReasons}
          renderItem={(r) => <List.Item>{r.message}<Typography.Text type="secondary">（依据：{formatCitation(r.citation)}）</Typography.Text></List.Item>} />
        {data.override && <Typography.Paragraph>经办机构改判继续受理（{data.override.on}）：{data.override.reason}</Typography.Paragraph>}
      </Section>,
    );
  }
  if (data.supplementNotice) {
    blocks.push(
      <Section key="supp" title={`一次性告知补正（${data.supplementNotice.issuedOn}）`}>
        <SupplementRequest notice={data.supplementNotice} />
        {data.supplementedOn && <Typography.Paragraph>已于 {data.supplementedOn} 补正。</Typography.Paragraph>}
        {data.supplementNotice.pending && <Typography.Paragraph type="secondary">首次告知的材料：{data.supplementNotice.items.join('、')}</Typography.Paragraph>}
      </Section>,
    );
  }
  if (data.inquiries && data.inquiries.length > 0) {
    blocks.push(
      <Section key="inq" title="函询与互认核查">
        <List size="small" dataSource={data.inquiries}
          renderItem={(q) => <List.Item>{q.on} {inquiryKindLabel[q.kind] ?? q.kind}（{q.counterpart}）：{q.summary}</List.Item>} />
      </Section>,
    );
  }
  const review = data.violationReview;
  if (review) {
    blocks.push(
      <Section key="vio" title={`违规性审核（${review.on}，云医保〔2022〕6号 第十条）`}>
        <Space>
          <Tag color={review.violationsFound ? 'red' : 'green'}>{review.violationsFound ? '发现违规' : '未发现违规'}</Tag>
          <span>{review.summary}</span>
        </Space>
      </Section>,
    );
  }
  if (data.evaluation) blocks.push(<Evaluation key="ev" data={data} checklist={checklist} />);
  if (data.evaluations && data.evaluations.length > 0) {
    blocks.push(
      <Section key="out" title="评估结果">
        <List size="small" dataSource={data.evaluations}
          renderItem={(o) => (
            <List.Item>
              <Space wrap>
                <span>第 {o.attempt} 次评估（{o.on}）</span>
                <Tag color={o.pass ? 'green' : 'red'}>{o.pass ? '合格' : '不合格'}</Tag>
                {o.total != null && <span>总分 {o.total}</span>}
                {o.reasons.length > 0 && <span>理由：{o.reasons.join('；')}</span>}
              </Space>
            </List.Item>
          )} />
      </Section>,
    );
  }
  if (data.publicity) {
    const p = data.publicity;
    blocks.push(
      <Section key="pub" title={`公示（${p.publishedOn} 至 ${p.endsOn ?? '经办机构结束公示'}）`}>
        <List size="small" dataSource={p.complaints} locale={{ emptyText: '公示期间未收到举报投诉' }}
          renderItem={(c) => (
            <List.Item>
              <Space orientation="vertical" size={0}>
                <span>{c.receivedOn} 举报：{c.summary}</span>
                <Typography.Text type="secondary">
                  {c.outcome ? `调查结果（${c.outcome.on}）：${c.outcome.foundTrue ? '属实' : '不属实'}，${c.outcome.finding}` : '调查核实中'}
                </Typography.Text>
              </Space>
            </List.Item>
          )} />
      </Section>,
    );
  }
  if (data.negotiation) {
    const n = data.negotiation;
    blocks.push(
      <Section key="neg" title="协商谈判记录">
        <List size="small" bordered dataSource={n.meetings} locale={{ emptyText: `协商谈判自 ${n.opensOn} 起组织，尚无记录` }}
          renderItem={(m) => (
            <List.Item>
              <Space orientation="vertical" size={0}>
                <strong>{m.on} {negotiationFormLabel[m.form] ?? m.form}：{m.participants.join('、')}</strong>
                {m.points.servicePopulation && <span>服务人群：{m.points.servicePopulation}</span>}
                {m.points.serviceScope && <span>服务内容：{m.points.serviceScope}</span>}
                {m.points.priceStandard && <span>价格标准：{m.points.priceStandard}</span>}
                {m.points.paymentMethod && <span>支付方式：{m.points.paymentMethod}</span>}
                {m.points.settlementStandard && <span>结算标准：{m.points.settlementStandard}</span>}
                {m.points.other && <span>其他：{m.points.other}</span>}
              </Space>
            </List.Item>
          )} />
        {n.failedReason && <Typography.Paragraph type="danger">未达成一致：{n.failedReason}</Typography.Paragraph>}
      </Section>,
    );
  }
  if (data.agreement) {
    const a = data.agreement;
    const sig = (s?: { signer: string; capacity: string; on: string }) => (s ? `${s.signer}（${signerCapacityLabel[s.capacity] ?? s.capacity}）${s.on}` : '未签署');
    blocks.push(
      <Section key="agr" title="服务协议">
        <Descriptions size="small" bordered column={2}
          items={[
            { key: 't', label: '协议范本', children: `${a.templateId} 第 ${a.templateVersion} 版` },
            { key: 'h', label: '文本摘要', children: <Typography.Text code>{a.textHash}</Typography.Text> },
            { key: 'b', label: '签署期限', children: a.signBy ?? '未规定' },
            { key: 's', label: '签订日期', children: a.signedOn ?? '—' },
            { key: 'i', label: '医药机构签署', children: sig(a.institutionSignature) },
            { key: 'g', label: '经办机构签署', children: sig(a.agencySignature) },
          ]}
        />
      </Section>,
    );
  }
  return blocks.length ? <>{blocks}</> : <Empty description="尚未进入评估" />;
}
