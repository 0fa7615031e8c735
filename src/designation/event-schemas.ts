/**
 * The payload of each event as a zod schema (the domain's types in
 * src/domain/designation/events.ts), with Chinese messages. Text is kept as text: markup is
 * neither stripped nor rendered, only its length is limited.
 */
import { z } from 'zod';
import { EVENTS, type EventType } from '../domain/designation/states';
import { INSPECTION_ITEMS } from '../domain/designation/application';

const text = (label: string, max = 2000, min = 1) =>
  z.string({ error: `${label}应为文字` }).trim().min(min, { error: `${label}不能为空` }).max(max, { error: `${label}不能超过${max}个字符` });
const isoDate = (label: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}应为 YYYY-MM-DD 格式的日期` });
const id = (label: string) => text(label, 100);
const list = (label: string, max = 50) => z.array(text(label, 500)).max(max, { error: `${label}最多${max}项` });

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * One item of a 一次性告知: the material (its id in the profile's list, its label, or free text)
 * and, optionally, what exactly is wrong with it (过期证照、缺少盖章 …). A bare string is an item
 * without its own requirement.
 */
const missingItem = z.preprocess(
  (v) => (typeof v === 'string' ? { item: v } : v),
  z.object({
    item: text('需补正的材料', 500),
    requirement: z.string({ error: '具体要求应为文字' }).trim().max(200, { error: '具体要求不能超过200个字符' })
      .refine((t) => !CONTROL.test(t), { error: '具体要求不能含控制字符' }).optional(),
  }, { error: '需补正的材料应为文字，或含 item 与 requirement 的对象' }),
);

const inspection = z.object({
  required: z.boolean({ error: '是否现场核查应为 true 或 false' }),
  mode: z.enum(['written', 'on_site', 'video'], { error: '核查方式应为 written、on_site 或 video' }),
});
const doubts = z.object({ capabilityMismatch: z.boolean().optional(), breachInTerm: z.boolean().optional(), other: z.boolean().optional() }).optional();
const sign = z.object({
  signer: text('签署人', 100),
  capacity: z.enum(['legal_rep', 'authorised_agent'], { error: '签署身份应为 legal_rep 或 authorised_agent' }),
  authorisationFileId: z.string().max(100).optional(),
  online: z.boolean().default(true),
  textHash: text('协议文本摘要', 200),
});

/** 云医保〔2022〕6号 第十三条 现场核查主要查看: one line per item (the profile's guard checks that every item is there). */
const checklist = z.array(z.object({
  item: z.enum(INSPECTION_ITEMS, { error: `核查内容应为：${INSPECTION_ITEMS.join('、')}` }),
  conforming: z.boolean({ error: '是否符合应为 true 或 false' }),
  finding: text('核查发现', 2000),
})).max(INSPECTION_ITEMS.length, { error: `核查内容最多${INSPECTION_ITEMS.length}项` });

/** Per event: its payload (without `type`). form_panel may give a full draw or only a seed (the server draws). */
export const EVENT_PAYLOADS = {
  submit: z.object({}),
  screening_completed: z.object({ reasons: z.array(z.object({ ruleId: z.string(), citation: z.string(), message: z.string() })) }),
  confirm_refusal: z.object({ note: text('审查意见', 2000).optional() }),
  override_refusal: z.object({ reason: text('改判理由', 2000) }),
  request_supplement: z.object({
    missingItems: z.array(missingItem).min(1, { error: '一次性告知书须列明需补正的材料' }).max(50, { error: '需补正的材料最多50项' })
      .refine((xs) => new Set(xs.map((x) => x.item)).size === xs.length, { error: '需补正的材料不能重复列出' }),
    /** 补正期限 set by the agency; not before today (checked against the clock in perform-step) */
    dueOn: isoDate('补正期限').optional(),
  }),
  supplement: z.object({ items: list('补正的材料').min(1, { error: '未提交任何补正材料' }) }),
  accept: z.object({}),
  record_inquiry: z.object({
    kind: z.enum(['inquiry_letter', 'mutual_recognition_check'], { error: '类型应为 inquiry_letter 或 mutual_recognition_check' }),
    counterpart: text('函询对象', 200), summary: text('函询内容', 2000),
  }),
  record_violation_review: z.object({
    violationsFound: z.boolean({ error: '是否发现违规应为 true 或 false' }), summary: text('违规性审核情况', 2000),
  }),
  recognise_result: z.object({ sourceAgency: text('互认来源机构', 200), categories: list('互认服务类别', 10) }),
  assign_batch: z.object({ batchId: id('批次编号'), plannedOn: isoDate('计划评估日期') }),
  // the server always draws the panel (云医保〔2022〕6号 第十一条、吉医保规〔2023〕1号 第十五条: 随机抽取);
  // a seed may be given in a training sandbox only, so that a drill can be replayed
  form_panel: z.object({
    seed: z.number().int().min(0).max(4294967295).optional(),
    sheetId: z.string().max(100).optional(), inspection, doubts,
  }),
  appoint_third_party: z.object({ name: text('第三方机构名称', 200), qualification: text('资质', 500), sheetId: z.string().max(100).optional(), inspection, doubts }),
  record_inspection: z.object({
    by: list('核查人员', 20).min(1, { error: '须填写核查人员' }), findings: text('核查情况', 5000), checklist: checklist.optional(),
  }),
  record_evaluation_briefing: z.object({
    study: z.object({ attendees: list('参加学习人员', 50).min(1, { error: '须填写参加学习人员' }), content: text('学习内容', 2000) }),
    report: z.object({
      reporter: text('汇报人', 100), basics: text('基本情况', 2000), materialReview: text('材料审核情况', 2000),
      violationReview: text('违规审查情况', 2000), inspection: text('现场核查情况', 2000), keyPoints: text('需要重点说明的情况', 2000).optional(),
    }),
  }),
  record_scores: z.object({ memberId: id('专家'), scores: z.record(z.string(), z.number({ error: '分值应为数字' }).min(0)) }),
  cast_vote: z.object({ memberId: id('专家'), vote: z.enum(['pass', 'fail'], { error: '表决应为 pass 或 fail' }) }),
  sign_result: z.object({ memberId: id('专家') }),
  recuse_member: z.object({ memberId: id('回避专家'), reason: text('回避理由', 500) }),
  record_third_party_result: z.object({ pass: z.boolean(), reportId: id('评估报告编号') }),
  conclude_evaluation: z.object({ advice: list('整改建议', 20).optional() }),
  serve_result_notice: z.object({ servedOn: isoDate('送达日期') }),
  request_reevaluation: z.object({}),
  publish_publicity: z.object({ complaintPhone: z.string().max(50).optional() }),
  file_complaint: z.object({ complaintId: id('举报编号').optional(), summary: text('举报内容', 5000), contact: text('联系方式', 200) }),
  resolve_complaint: z.object({ complaintId: id('举报编号'), foundTrue: z.boolean(), finding: text('调查核实结果', 5000) }),
  end_publicity: z.object({}),
  record_negotiation: z.object({
    meeting: z.object({
      on: isoDate('协商日期'),
      form: z.enum(['symposium', 'meeting', 'online'], { error: '协商形式应为 symposium、meeting 或 online' }),
      participants: list('参加人员', 50).min(1, { error: '须填写参加人员' }),
      points: z.object({
        // 吉医保规〔2023〕1号 第二十一条 names 服务人群 and 价格标准 beside 服务范围/内容 and 结算方式
        servicePopulation: text('服务人群', 2000).optional(), serviceScope: text('服务内容', 2000).optional(),
        priceStandard: text('价格标准', 2000).optional(), paymentMethod: text('支付方式', 2000).optional(),
        settlementStandard: text('结算标准', 2000).optional(), other: text('其他', 2000).optional(),
      }),
    }),
  }),
  negotiation_agreed: z.object({}),
  negotiation_failed: z.object({ reason: text('未达成一致的原因', 2000) }),
  complete_study: z.object({ attendees: list('参加人员', 50), templateId: id('协议范本'), templateVersion: id('范本版本'), textHash: text('协议文本摘要', 200) }),
  institution_sign: sign,
  agency_sign: sign,
  signing_deadline_passed: z.object({}),
  file_signing: z.object({}),
  activate_payment: z.object({}),
  withdraw: z.object({ reason: text('撤回理由', 2000) }),
  refuse_by_law: z.object({ basis: text('法律法规依据', 500), reason: text('不予受理理由', 2000) }),
} satisfies Record<EventType, z.ZodType>;

export const EventParam = z.enum(EVENTS, { error: `事件应为：${EVENTS.join('、')}` });
