/**
 * One panel, for one of its experts: the application and the inspection (现场核查) with its findings,
 * the panel's members and where each stands, then my steps — findings per checklist item, the
 * scoring sheet, the vote, the signature. Every step sends the version the expert saw; a stale one
 * answers 409 and, like every refusal, is shown by the central error display; the list reloads
 * after each attempt so the next one carries the current version.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Descriptions, Divider, Drawer, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { RecuseButton } from './recuse-button';
import { applicationApi, expertApi, type ExpertPanel, type ExpertPanelMember } from '../../../../api/pipeline-endpoints';
import { useEnums } from '../../../../meta/enums';
import { useSession } from '../../../../session/session';
import { inspectionModeLabel, PIPELINE_ENUM, voteLabel } from '../../../../locale/pipeline';
import { StateTag } from '../../../applications/components/state-tag';
import type { ChecklistLine, InspectionChecklistView } from '../../../../api/pipeline-types';
import { checklistInitial, checklistPayload, ChecklistFields } from '../../../applications/components/inspection-checklist';

export function DoneTag({ done, yes, no, muted }: { done: boolean; yes: string; no: string; muted?: boolean }) {
  if (done) return <Tag color="success" icon={<CheckCircleOutlined />}>{yes}</Tag>;
  return <Tag color={muted ? 'default' : 'warning'}>{no}</Tag>;
}

const Section = ({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) => (
  <div style={{ marginBottom: 24 }}>
    <Divider titlePlacement="start" style={{ marginTop: 8 }}>
      <Space>
        {title}
        {extra}
      </Space>
    </Divider>
    {children}
  </div>
);

interface Props {
  panel: ExpertPanel | null;
  onClose: () => void;
  onChanged: () => void;
}

export function PanelDrawer({ panel, onClose, onChanged }: Props) {
  return (
    <Drawer
      open={!!panel}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={panel ? `${panel.institutionName} · 定点评估` : '定点评估'}
      extra={panel ? <StateTag state={panel.state} label={panel.stateLabel} /> : null}
    >
      {panel && <PanelBody key={panel.applicationId} p={panel} onChanged={onChanged} />}
    </Drawer>
  );
}

function PanelBody({ p, onChanged }: { p: ExpertPanel; onChanged: () => void }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const enums = useEnums();
  const [busy, setBusy] = useState<string | null>(null);

  /** One expert step: success toast, then reload (also after a refusal, so a 409 leaves the current version). */
  const act = async (key: string, done: string, call: () => Promise<unknown>) => {
    setBusy(key);
    try {
      await call();
      message.success(done);
    } catch {
      // shown by the error sink (rule refusals list their articles; 409 says the data changed)
    } finally {
      setBusy(null);
      onChanged();
    }
  };

  const insp = p.inspection;
  const anySigned = p.members.some((m) => m.signed);
  const allScored = p.members.every((m) => m.scored);

  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'inst', label: '申请机构', children: p.institutionName },
          { key: 'kind', label: '机构类别', children: enums.label('institutionKind', p.kind) },
          {
            key: 'insp',
            label: '现场核查',
            span: 2,
            children: (
              <>
                {insp.required ? <Tag color="orange">须核查</Tag> : <Tag>不强制核查</Tag>}
                核查方式：{inspectionModeLabel[insp.mode] ?? insp.mode}
                {insp.situations.length > 0 && `；属须现场核查的第${insp.situations.join('、')}项情形`}
              </>
            ),
          },
        ]}
      />

      <Section
        title="评估小组"
        extra={!p.mine.scores && !p.concluded ? <RecuseButton applicationId={p.applicationId} version={p.version} onDone={onChanged} /> : undefined}
      >
        <Table<ExpertPanelMember>
          rowKey="expertId"
          size="small"
          pagination={false}
          dataSource={p.members}
          columns={[
            {
              title: '专家',
              dataIndex: 'name',
              render: (v: string, m) => (
                <Space size={4}>
                  {v}
                  {m.expertId === user?.id && <Tag color="blue">本人</Tag>}
                </Space>
              ),
            },
            { title: '专业', dataIndex: 'specialty', render: (v: string) => enums.label(PIPELINE_ENUM.specialty, v) },
            { title: '评分', dataIndex: 'scored', render: (v: boolean) => <DoneTag done={v} yes="已评分" no="未评分" /> },
            { title: '表决', dataIndex: 'voted', render: (v: boolean) => <DoneTag done={v} yes="已表决" no="未表决" muted /> },
            { title: '签字', dataIndex: 'signed', render: (v: boolean) => <DoneTag done={v} yes="已签字" no="未签字" /> },
          ]}
        />
      </Section>

      <Inspection p={p} busy={busy === 'inspection'} act={act} />

      {anySigned && !p.mine.signed && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已有成员签字确认评估结果，评分和表决不得再修改（${p.signing.citation}）`}
        />
      )}

      <ScoringSheet p={p} locked={anySigned} busy={busy === 'scores'} act={act} />

      <Section title="表决">
        <Typography.Paragraph type="secondary">
          需要表决时提交本人意见；实行量化赋分确定结果的统筹地区不表决，提交时系统会说明依据。
        </Typography.Paragraph>
        <Vote p={p} locked={anySigned} busy={busy === 'vote'} act={act} />
      </Section>

      <Section title={p.signing.allMustSign ? '签字确认（全体成员）' : '签字确认（可选）'} extra={<Typography.Text type="secondary">{p.signing.citation}</Typography.Text>}>
        <Typography.Paragraph type="secondary">{p.signing.rule}</Typography.Paragraph>
        {p.mine.signed ? (
          <Alert type="success" showIcon title="您已签字确认评估结果" />
        ) : (
          <Space orientation="vertical">
            {!allScored && (
              <Typography.Text type="secondary">
                尚有成员未完成评分：{p.members.filter((m) => !m.scored).map((m) => m.name).join('、')}。全体完成评分（及表决）后方可签字。
              </Typography.Text>
            )}
            <Popconfirm
              title="签字确认评估结果"
              description={`${p.signing.rule}确认以本人名义签字？`}
              okText="确认签字"
              cancelText="取消"
              onConfirm={() => act('sign', '已签字确认评估结果', () => expertApi.sign(p.applicationId, { version: p.version }))}
            >
              <Button type="primary" loading={busy === 'sign'} disabled={!p.mine.scores}>
                签字确认评估结果
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Section>
    </>
  );
}

type Act = (key: string, done: string, call: () => Promise<unknown>) => Promise<void>;

/**
 * 核查情况 (云医保〔2022〕6号 第十三条): the inspectors are members of this panel; where the profile has a
 * checklist, each item is recorded with whether it conforms and what was found. Recording again
 * replaces the record.
 */
function Inspection({ p, busy, act }: { p: ExpertPanel; busy: boolean; act: Act }) {
  const { user } = useSession();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [checklist, setChecklist] = useState<InspectionChecklistView | null>(null);
  const rec = p.inspection.record;
  const names = new Map(p.members.map((m) => [m.expertId, m.name]));
  // the checklist's items come with the application (the panel list does not carry them)
  useEffect(() => {
    let live = true;
    applicationApi.get(p.applicationId).then((d) => {
      if (live) setChecklist(d.inspectionChecklist);
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [p.applicationId]);
  // the rows show the lines recorded: once the items are known, and again when the recorded lines
  // change — not on every reload of the panel list, which would wipe what the expert is typing
  const recorded = JSON.stringify(rec?.checklist ?? null);
  useEffect(() => {
    if (checklist) form.setFieldsValue(checklistInitial(checklist, (JSON.parse(recorded) as ChecklistLine[] | null) ?? undefined));
  }, [checklist, form, recorded]);
  return (
    <Section title="核查情况">
      {rec ? (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={`${rec.on} 已记录（核查人员：${rec.by.map((b) => names.get(b) ?? b).join('、')}）`}
          description={<Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{rec.findings}</Typography.Paragraph>}
        />
      ) : (
        <Typography.Paragraph type="secondary">尚未记录核查情况。</Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ findings: rec?.findings ?? '', by: rec?.by ?? (user ? [user.id] : []) }}
        onFinish={(v) =>
          act('inspection', '已记录核查情况', () =>
            expertApi.inspection(p.applicationId, {
              findings: String(v.findings).trim(), by: (v.by as string[]) ?? [], ...checklistPayload(checklist, v), version: p.version,
            }),
          )
        }
      >
        <Form.Item name="by" label="核查人员（从评估小组中抽取）" rules={[{ required: true, type: 'array', min: 1, message: '须选择核查人员' }]}>
          <Select mode="multiple" options={p.members.map((m) => ({ value: m.expertId, label: m.name }))} />
        </Form.Item>
        <ChecklistFields view={checklist} />
        <Form.Item
          name="findings"
          label="核查情况（综述）"
          rules={[{ required: true, whitespace: true, message: '请填写核查情况' }]}
        >
          <Input.TextArea rows={3} maxLength={4000} showCount />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {rec ? '更新核查情况' : '记录核查情况'}
        </Button>
      </Form>
    </Section>
  );
}

/** 评分表: one score per checklist item, at most its points (吉医保规〔2023〕1号 第十六条). */
function ScoringSheet({ p, locked, busy, act }: { p: ExpertPanel; locked: boolean; busy: boolean; act: Act }) {
  const [form] = Form.useForm<{ scores: Record<string, number | null> }>();
  const values = Form.useWatch('scores', form);
  const sheet = p.sheet;
  const mine = p.mine.scores;
  useEffect(() => {
    if (mine) form.setFieldsValue({ scores: mine });
  }, [mine, form]);

  if (!sheet) {
    return (
      <Section title="评分表">
        <Alert type="warning" showIcon title="本次评估未配置评分表，请联系经办机构" />
      </Section>
    );
  }
  const total = sheet.items.reduce((sum, i) => sum + (Number(values?.[i.id]) || 0), 0);
  const max = sheet.items.reduce((sum, i) => sum + i.maxPoints, 0);

  return (
    <Section title="评分表" extra={mine ? <Tag color="success">已提交</Tag> : <Tag color="warning">待评分</Tag>}>
      <Typography.Paragraph>
        <Typography.Text strong>{sheet.title}</Typography.Text>
        <Typography.Text type="secondary">（合格线：小组平均总分 {sheet.passThreshold} 分；满分 {max} 分）</Typography.Text>
      </Typography.Paragraph>
      <Form
        form={form}
        layout="horizontal"
        disabled={locked}
        initialValues={{ scores: mine ?? {} }}
        onFinish={(v) => {
          const scores = Object.fromEntries(sheet.items.map((i) => [i.id, Number(v.scores[i.id])]));
          return act('scores', '已提交评分', () => expertApi.scores(p.applicationId, { scores, version: p.version }));
        }}
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={sheet.items}
          columns={[
            {
              title: '评估项目',
              dataIndex: 'title',
              render: (v: string, i) => (
                <Space orientation="vertical" size={0}>
                  <span>
                    {v} {i.veto && <Tag color="red">否决项</Tag>}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    依据：{i.citation}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '满分', dataIndex: 'maxPoints', width: 70 },
            {
              title: '得分',
              key: 'score',
              width: 130,
              render: (_, i) => (
                <Form.Item
                  name={['scores', i.id]}
                  style={{ marginBottom: 0 }}
                  rules={[{ required: true, message: '请评分' }]}
                >
                  <InputNumber aria-label={`${i.title} 得分`} min={0} max={i.maxPoints} step={0.5} style={{ width: 100 }} />
                </Form.Item>
              ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>本人合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{max}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>
                <Typography.Text strong>{total}</Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 12 }}>
          {mine ? '修改评分' : '提交评分'}
        </Button>
      </Form>
    </Section>
  );
}

function Vote({ p, locked, busy, act }: { p: ExpertPanel; locked: boolean; busy: boolean; act: Act }) {
  const [vote, setVote] = useState<'pass' | 'fail' | null>(p.mine.vote);
  useEffect(() => setVote(p.mine.vote), [p.mine.vote]);
  return (
    <Space wrap>
      <Radio.Group
        disabled={locked}
        value={vote}
        onChange={(e) => setVote(e.target.value as 'pass' | 'fail')}
        options={Object.entries(voteLabel).map(([value, label]) => ({ value, label }))}
      />
      <Button
        loading={busy}
        disabled={locked || !vote || vote === p.mine.vote}
        onClick={() => vote && act('vote', `已表决：${voteLabel[vote]}`, () => expertApi.vote(p.applicationId, { vote, version: p.version }))}
      >
        {p.mine.vote ? '修改表决' : '提交表决'}
      </Button>
      {p.mine.vote && <Typography.Text type="secondary">本人已表决：{voteLabel[p.mine.vote]}</Typography.Text>}
    </Space>
  );
}
