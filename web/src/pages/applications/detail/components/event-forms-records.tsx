/**
 * Forms of the records the agency and the panel keep during 初审 and the evaluation:
 * 违规性审核 (云医保〔2022〕6号 第十条), 现场核查 item by item by panel members (第十三条), and the
 * policy study and the 承办部门's report that open the professional evaluation (第十四条(一)1–2).
 */
import { Form, Input, Radio, Select, Typography } from 'antd';
import { inspectionModeLabel } from '../../../../locale/pipeline';
import { lines, type EventForm } from './event-form-types';
import { checklistInitial, checklistPayload, ChecklistFields, memberNames } from '../../components/inspection-checklist';

const text = (name: string | string[], label: string, message: string, rows = 2) => (
  <Form.Item name={name} label={label} rules={[{ required: true, whitespace: true, message }]}>
    <Input.TextArea rows={rows} maxLength={2000} showCount />
  </Form.Item>
);

export const RECORD_FORMS: Record<string, EventForm> = {
  record_violation_review: {
    hint: '对申请增加医保支付类别的定点医药机构开展违规性审核，记录后方可受理。',
    initial: () => ({ violationsFound: false }),
    fields: () => (
      <>
        <Form.Item name="violationsFound" label="审核结论" rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group options={[{ value: false, label: '未发现违规' }, { value: true, label: '发现违规' }]} />
        </Form.Item>
        {text('summary', '违规性审核情况（协议履行、违规处理等）', '请填写违规性审核情况', 4)}
      </>
    ),
    payload: (v) => ({ violationsFound: !!v.violationsFound, summary: String(v.summary).trim() }),
  },
  record_inspection: {
    initial: ({ d }) => {
      const rec = d.data.evaluation?.inspection.record;
      return { by: rec?.by ?? [], findings: rec?.findings ?? '', ...checklistInitial(d.inspectionChecklist, rec?.checklist) };
    },
    hint: (ctx) => `核查方式：${inspectionModeLabel[ctx.d.data.evaluation?.inspection.mode ?? ''] ?? '—'}`,
    fields: ({ d }) => {
      const checklist = d.inspectionChecklist;
      const names = memberNames(d.data);
      return (
        <>
          <Form.Item
            name="by"
            label={names.size ? '核查人员（从评估小组中抽取）' : '核查人员'}
            rules={[{ required: true, type: 'array', min: 1, message: '须填写核查人员' }]}
          >
            {names.size ? <Select mode="multiple" options={[...names].map(([value, label]) => ({ value, label }))} /> : <Select mode="tags" />}
          </Form.Item>
          <ChecklistFields view={checklist} />
          <Form.Item name="findings" label="核查情况（逐项记录）" rules={[{ required: true, whitespace: true, message: '请填写核查情况' }]}>
            <Input.TextArea rows={checklist ? 3 : 6} maxLength={5000} showCount />
          </Form.Item>
        </>
      );
    },
    payload: (v, ctx) => ({ by: lines(v.by), findings: String(v.findings).trim(), ...checklistPayload(ctx.d.inspectionChecklist, v) }),
  },
  recuse_member: {
    hint: '评估小组成员与申请机构存在利害关系的，应当回避（专家本人申报或经办机构核查发现）；系统从本地区专家库中按原抽取序列补抽同专业人员，并记录回避理由。已评分、表决或签字的成员不能再回避。',
    fields: ({ d }) => {
      const names = memberNames(d.data);
      return (
        <>
          <Form.Item name="memberId" label="回避的评估小组成员" rules={[{ required: true, message: '请选择回避的成员' }]}>
            <Select options={[...names].map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {text('reason', '回避理由（利害关系）', '请填写回避理由', 3)}
        </>
      );
    },
    payload: (v) => ({ memberId: String(v.memberId), reason: String(v.reason).trim() }),
  },
  record_evaluation_briefing: {
    hint: '专业评估前：组织学习医药机构定点有关政策规定和纪律要求；承办部门汇报申报定点情况。',
    initial: ({ d: { data } }) => {
      const rec = data.evaluation?.inspection.record;
      return {
        attendees: [...memberNames(data).values()],
        content: '医药机构定点有关政策规定和纪律要求',
        violationReview: data.violationReview?.summary ?? '',
        inspection: rec?.findings ?? '',
      };
    },
    fields: () => (
      <>
        <Typography.Title level={5}>1. 组织学习</Typography.Title>
        <Form.Item name="attendees" label="参加学习人员" rules={[{ required: true, type: 'array', min: 1, message: '须填写参加学习人员' }]}>
          <Select mode="tags" />
        </Form.Item>
        {text('content', '学习内容', '请填写学习内容')}
        <Typography.Title level={5}>2. 承办部门汇报</Typography.Title>
        <Form.Item name="reporter" label="汇报人（承办部门）" rules={[{ required: true, whitespace: true, message: '请填写汇报人' }]}>
          <Input maxLength={100} />
        </Form.Item>
        {text('basics', '申报定点的基本情况', '请填写基本情况')}
        {text('materialReview', '材料审核情况', '请填写材料审核情况')}
        {text('violationReview', '违规审查情况', '请填写违规审查情况')}
        {text('inspection', '现场核查情况', '请填写现场核查情况')}
        <Form.Item name="keyPoints" label="需要重点说明的情况（可不填）">
          <Input.TextArea rows={2} maxLength={2000} showCount />
        </Form.Item>
      </>
    ),
    payload: (v) => {
      const t = (k: string) => String(v[k] ?? '').trim();
      return {
        study: { attendees: lines(v.attendees), content: t('content') },
        report: {
          reporter: t('reporter'), basics: t('basics'), materialReview: t('materialReview'), violationReview: t('violationReview'), inspection: t('inspection'),
          ...(t('keyPoints') ? { keyPoints: t('keyPoints') } : {}),
        },
      };
    },
  },
  // 京医保发〔2021〕30号 第十二条(九): the typed article is printed on the 不予受理决定书 (decision 0024)
  refuse_by_law: {
    danger: true,
    hint: '依据「法律法规规定的其他不予受理的情形」不予受理：须写明所依据的法律法规名称及条款，并说明理由；将出具不予受理决定书，办理终结。',
    fields: () => (
      <>
        <Form.Item name="basis" label="法律法规依据（名称及条款）" rules={[{ required: true, whitespace: true, message: '请填写所依据的法律法规条款' }]}>
          <Input maxLength={500} placeholder="如：《医疗机构管理条例》第二十二条" />
        </Form.Item>
        {text('reason', '不予受理的理由', '请填写不予受理的理由', 3)}
      </>
    ),
    payload: (v) => ({ basis: String(v.basis).trim(), reason: String(v.reason).trim() }),
  },
};
