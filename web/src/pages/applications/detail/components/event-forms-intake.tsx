/**
 * Forms of the steps up to and including the evaluation: submit, screening confirm/override,
 * 一次性告知 (items, each one's requirement, 补正期限) and 补正, acceptance, 函询, mutual recognition, batches, panel or third party,
 * scores, vote, signature, conclusion (the records — 违规性审核, inspection, study and report — are
 * event-forms-records.tsx).
 */
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatCitation } from '../../../../utils/citation';
import { inquiryKindLabel, inspectionModeLabel } from '../../../../locale/pipeline';
import { isoDay, lines, type EventForm, type EventFormContext } from './event-form-types';
import { requestedItems, SupplementRequest } from './supplement-notice';

const req = (message: string) => [{ required: true, message }];
const opts = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));

function ScreeningReasons({ ctx }: { ctx: EventFormContext }) {
  const reasons = ctx.d.data.screeningReasons ?? [];
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`自动筛查命中 ${reasons.length} 项不予受理情形`}
      description={
        <ul style={{ paddingInlineStart: 18, margin: 0 }}>
          {reasons.map((r, i) => (
            <li key={`${r.ruleId}-${i}`}>
              {r.message}
              {r.citation ? <Typography.Text type="secondary">（依据：{formatCitation(r.citation)}）</Typography.Text> : null}
            </li>
          ))}
        </ul>
      }
    />
  );
}

const inspectionFields = (
  <>
    <Space size="large" wrap>
      <Form.Item name="inspectionRequired" label="是否现场核查" valuePropName="checked">
        <Switch checkedChildren="核查" unCheckedChildren="不核查" />
      </Form.Item>
      <Form.Item name="inspectionMode" label="核查方式" rules={req('请选择核查方式')}>
        <Radio.Group options={opts(inspectionModeLabel)} />
      </Form.Item>
    </Space>
    <Form.Item name="doubts" label="经办机构存疑的情形">
      <Checkbox.Group
        options={[
          { value: 'capabilityMismatch', label: '服务能力与申请类别不符' },
          { value: 'breachInTerm', label: '上一协议期内有违约' },
          { value: 'other', label: '其他存疑情形' },
        ]}
      />
    </Form.Item>
  </>
);
const inspectionPayload = (v: Record<string, unknown>) => {
  const doubts = (v.doubts as string[] | undefined) ?? [];
  return {
    inspection: { required: !!v.inspectionRequired, mode: v.inspectionMode },
    ...(doubts.length ? { doubts: Object.fromEntries(doubts.map((k) => [k, true])) } : {}),
  };
};
const inspectionInitial = { inspectionRequired: true, inspectionMode: 'on_site', doubts: [] };

const memberId = (ctx: EventFormContext) => ({ memberId: ctx.user.id });

/** Submit confirmation: the required materials still missing, if any (submitting is not blocked). */
function SubmitHint({ missing }: { missing: { id: string; label: string }[] }) {
  return (
    <>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="submit-missing"
          title={`以下必备材料尚未上传：${missing.map((m) => m.label).join('、')}，仍要提交吗？`}
          description="提交后经办机构即时受理；材料不全的，将一次性告知补正，补正期间评估时限暂停计算。"
        />
      )}
      <Typography.Paragraph>提交后即时受理并自动筛查不予受理情形；提交后材料不能再修改（补正除外）。</Typography.Paragraph>
    </>
  );
}

/** 一次性告知: the items (pre-filled with the missing required ones), a requirement per item, and the 补正期限. */
function SupplementFields({ ctx }: { ctx: EventFormContext }) {
  const items = (Form.useWatch('missingItems') as string[] | undefined) ?? [];
  const required = ctx.required?.items ?? [];
  return (
    <>
      <Form.Item name="missingItems" label="需补正的材料（可选择或输入）" rules={[{ required: true, type: 'array', min: 1, message: '至少列明一项需补正的材料' }]}>
        <Select mode="tags" options={required.map((i) => ({ value: i.label, label: `${i.label}${i.uploaded.length ? '（已上传）' : i.required ? '（未上传）' : ''}` }))} />
      </Form.Item>
      {items.map((item) => (
        <Form.Item
          key={item}
          name={['requirements', item]}
          label={`具体要求：${item}`}
          rules={[{ max: 200, message: '具体要求不能超过200个字符' }]}
        >
          <Input maxLength={200} placeholder="如：过期证照、缺少盖章（可不填）" />
        </Form.Item>
      ))}
      <Form.Item name="dueOn" label="补正期限（由经办机构确定，不早于今天）">
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
    </>
  );
}

export const INTAKE_FORMS: Record<string, EventForm> = {
  submit: {
    // 即时受理: submitting with missing materials is allowed — the agency decides and asks once (decision 0016)
    needsMaterials: true,
    hint: (ctx) => <SubmitHint missing={ctx.required?.missing ?? []} />,
  },
  confirm_refusal: {
    danger: true,
    hint: (ctx) => <ScreeningReasons ctx={ctx} />,
    fields: () => (
      <Form.Item name="note" label="审查意见（写入不予受理决定书）">
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    ),
    payload: (v) => (String(v.note ?? '').trim() ? { note: String(v.note).trim() } : {}),
  },
  override_refusal: {
    hint: (ctx) => <ScreeningReasons ctx={ctx} />,
    fields: () => (
      <Form.Item name="reason" label="改判理由（必填，记入审计）" rules={[{ required: true, whitespace: true, message: '改判须写明理由' }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
    ),
    payload: (v) => ({ reason: String(v.reason).trim() }),
  },
  request_supplement: {
    needsMaterials: true,
    hint: '一次性告知：须在一份告知书中列明全部需补正的材料（尚未上传的必备材料不能遗漏），可逐项写明具体要求；补正期间评估时限暂停计算。',
    initial: (ctx) => ({ missingItems: (ctx.required?.missing ?? []).map((i) => i.label) }),
    fields: (ctx) => <SupplementFields ctx={ctx} />,
    payload: (v) => {
      const reqs = (v.requirements ?? {}) as Record<string, unknown>;
      const missingItems = lines(v.missingItems).map((item) => {
        const requirement = String(reqs[item] ?? '').trim();
        return requirement ? { item, requirement } : item;
      });
      return { missingItems, ...(v.dueOn ? { dueOn: isoDay(v.dueOn) } : {}) };
    },
  },
  supplement: {
    hint: (ctx) => ctx.d.data.supplementNotice ? <SupplementRequest notice={ctx.d.data.supplementNotice} /> : null,
    initial: (ctx) => ({ items: ctx.d.data.supplementNotice ? requestedItems(ctx.d.data.supplementNotice) : [] }),
    fields: (ctx) => (
      <Form.Item name="items" label="本次补正的材料（请先在“申请材料”中上传）" rules={[{ required: true, type: 'array', min: 1, message: '未选择补正的材料' }]}>
        <Checkbox.Group options={(ctx.d.data.supplementNotice ? requestedItems(ctx.d.data.supplementNotice) : []).map((i) => ({ value: i, label: i }))} />
      </Form.Item>
    ),
    payload: (v) => ({ items: lines(v.items) }),
  },
  accept: {
    needsMaterials: true,
    hint: (ctx) => {
      const missing = ctx.required?.missing ?? [];
      return missing.length === 0 ? (
        <Typography.Paragraph>材料齐全，受理签收并出具受理通知书。</Typography.Paragraph>
      ) : (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`申请材料不全，不能受理：${missing.map((m) => m.label).join('、')}尚未上传`}
          description="材料不全的，请一次性告知医药机构补正。"
        />
      );
    },
  },
  record_inquiry: {
    initial: () => ({ kind: 'inquiry_letter' }),
    fields: () => (
      <>
        <Form.Item name="kind" label="类型" rules={req('请选择类型')}>
          <Radio.Group options={opts(inquiryKindLabel)} />
        </Form.Item>
        <Form.Item name="counterpart" label="函询对象 / 互认来源" rules={[{ required: true, whitespace: true, message: '请填写函询对象' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label="函询内容及答复" rules={[{ required: true, whitespace: true, message: '请填写函询内容' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </>
    ),
    payload: (v) => ({ kind: v.kind, counterpart: String(v.counterpart).trim(), summary: String(v.summary).trim() }),
  },
  recognise_result: {
    hint: '同一统筹区内已通过评估的，可互认评估结果。',
    fields: () => (
      <>
        <Form.Item name="sourceAgency" label="互认来源经办机构" rules={[{ required: true, whitespace: true, message: '请填写互认来源' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="categories" label="互认的服务类别" rules={[{ required: true, type: 'array', min: 1, message: '至少一项' }]}>
          <Select mode="tags" />
        </Form.Item>
      </>
    ),
    payload: (v) => ({ sourceAgency: String(v.sourceAgency).trim(), categories: lines(v.categories) }),
  },
  assign_batch: {
    initial: () => ({ plannedOn: dayjs().add(1, 'month') }),
    fields: () => (
      <Space size="large" wrap>
        <Form.Item name="batchId" label="批次编号" rules={[{ required: true, whitespace: true, message: '请填写批次编号' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="plannedOn" label="计划评估日期" rules={req('请选择日期')}>
          <DatePicker />
        </Form.Item>
      </Space>
    ),
    payload: (v) => ({ batchId: String(v.batchId).trim(), plannedOn: isoDay(v.plannedOn) }),
  },
  form_panel: {
    needsStandards: true,
    hint: (ctx) => (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="从专家库随机抽取评估小组，覆盖下列专业；抽取种子记录在案，可复现。"
        description={
          <Space wrap>
            {(ctx.standards?.panel.specialties ?? []).map((s) => <Tag key={s}>{s}</Tag>)}
            {ctx.standards && <Typography.Text type="secondary">依据：{ctx.standards.panel.citation}</Typography.Text>}
          </Space>
        }
      />
    ),
    initial: () => inspectionInitial,
    fields: () => (
      <>
        <Form.Item name="seed" label="抽取种子（仅培训环境可指定；正式环境由系统随机生成并记录）">
          <InputNumber min={0} max={4294967295} style={{ width: 220 }} />
        </Form.Item>
        {inspectionFields}
      </>
    ),
    payload: (v) => ({ ...(typeof v.seed === 'number' ? { seed: v.seed } : {}), ...inspectionPayload(v) }),
  },
  appoint_third_party: {
    initial: () => inspectionInitial,
    fields: () => (
      <>
        <Form.Item name="name" label="第三方机构名称" rules={[{ required: true, whitespace: true, message: '请填写机构名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="qualification" label="资质" rules={[{ required: true, whitespace: true, message: '请填写资质' }]}>
          <Input maxLength={500} />
        </Form.Item>
        {inspectionFields}
      </>
    ),
    payload: (v) => ({ name: String(v.name).trim(), qualification: String(v.qualification).trim(), ...inspectionPayload(v) }),
  },
  record_scores: {
    needsStandards: true,
    hint: (ctx) =>
      ctx.standards?.sheet ? `${ctx.standards.sheet.title}（合格线 ${ctx.standards.sheet.passThreshold} 分；依据：${ctx.standards.sheet.citation}）` : '评分表',
    fields: (ctx) =>
      (ctx.standards?.sheet?.items ?? []).map((i) => (
        <Form.Item
          key={i.id}
          name={['scores', i.id]}
          label={`${i.title}（满分 ${i.maxPoints}${i.veto ? '，否决项' : ''}；${i.citation}）`}
          rules={req('请评分')}
        >
          <InputNumber min={0} max={i.maxPoints} />
        </Form.Item>
      )),
    payload: (v, ctx) => ({ ...memberId(ctx), scores: v.scores ?? {} }),
  },
  cast_vote: {
    fields: () => (
      <Form.Item name="vote" label="表决意见" rules={req('请表决')}>
        <Radio.Group options={[{ value: 'pass', label: '合格' }, { value: 'fail', label: '不合格' }]} />
      </Form.Item>
    ),
    payload: (v, ctx) => ({ ...memberId(ctx), vote: v.vote }),
  },
  sign_result: {
    hint: '以本人名义签字确认评估结果？是否须全体成员签字后结果方可确定，按下方依据所示的本地区规定。',
    payload: (_v, ctx) => memberId(ctx),
  },
  record_third_party_result: {
    initial: () => ({ pass: true }),
    fields: () => (
      <Space size="large" wrap>
        <Form.Item name="pass" label="评估结论" rules={req('请选择')}>
          <Radio.Group options={[{ value: true, label: '合格' }, { value: false, label: '不合格' }]} />
        </Form.Item>
        <Form.Item name="reportId" label="评估报告编号" rules={[{ required: true, whitespace: true, message: '请填写报告编号' }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Space>
    ),
    payload: (v) => ({ pass: !!v.pass, reportId: String(v.reportId).trim() }),
  },
  conclude_evaluation: {
    hint: '按评分、表决和签字情况形成评估结果，生成评估会议纪要并报行政部门备案。不合格的，告知书写明理由和整改建议。',
    fields: () => (
      <Form.Item name="advice" label="整改建议（不合格时写入告知书，每行一条）">
        <Input.TextArea rows={4} />
      </Form.Item>
    ),
    payload: (v) => {
      const advice = lines(v.advice);
      return advice.length ? { advice } : {};
    },
  },
};
