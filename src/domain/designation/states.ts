/**
 * The states, events and actors of the designation pipeline (定点申请 → 评估 → 公示 → 协商谈判 →
 * 协议签订 → 备案 → 系统开通). English values in code, one Chinese label map each.
 * See docs/decisions/0007-designation-workflow.md for the diagram.
 */
import type { Role } from '../identity/roles';

export const STATES = [
  'draft', // 填报中
  'submitted', // 已提交（即时受理，待自动筛查）
  'screening_refused', // 筛查命中不予受理情形，待经办人确认或改判
  'refused', // 不予受理
  'under_review', // 材料审核（初审）
  'needs_supplement', // 已一次性告知补正
  'supplemented', // 已补正，待复核
  'accepted', // 材料齐全，已签收
  'batched', // 已编入集中评估批次（随时受理、集中评估）
  'evaluating', // 评估中
  'evaluated_pass', // 评估合格，待公示
  'evaluated_fail', // 评估不合格，待送达告知书
  'rectifying', // 整改期
  'reevaluation_requested', // 已申请再次评估
  'banned', // 再次评估不合格，1年内不得再次申请
  'in_publicity', // 公示中
  'negotiation_cancelled', // 举报属实，取消协商谈判资格
  'negotiating', // 协商谈判
  'not_signed', // 谈判未达成一致，不予签约
  'agreement_study', // 协议学习
  'signing', // 协议签订中
  'abandoned', // 逾期未签订，视为自动放弃
  'signed', // 已签订
  'filed', // 已备案
  'activated', // 医保支付系统已开通
  'withdrawn', // 申请人撤回
] as const;
export type State = (typeof STATES)[number];

export const stateLabel: Record<State, string> = {
  draft: '填报中',
  submitted: '已提交',
  screening_refused: '筛查拟不予受理',
  refused: '不予受理',
  under_review: '材料审核中',
  needs_supplement: '待补正材料',
  supplemented: '已补正待复核',
  accepted: '已受理',
  batched: '待集中评估',
  evaluating: '评估中',
  evaluated_pass: '评估合格',
  evaluated_fail: '评估不合格',
  rectifying: '整改中',
  reevaluation_requested: '已申请再次评估',
  banned: '一年内不得再次申请',
  in_publicity: '公示中',
  negotiation_cancelled: '已取消协商谈判资格',
  negotiating: '协商谈判中',
  not_signed: '不予签约',
  agreement_study: '协议学习',
  signing: '协议签订中',
  abandoned: '视为自动放弃',
  signed: '协议已签订',
  filed: '签订情况已备案',
  activated: '医保支付系统已开通',
  withdrawn: '已撤回',
};

export const TERMINAL_STATES: readonly State[] = [
  'refused', 'banned', 'negotiation_cancelled', 'not_signed', 'abandoned', 'activated', 'withdrawn',
];

export const EVENTS = [
  'submit', 'screening_completed', 'confirm_refusal', 'override_refusal',
  'request_supplement', 'supplement', 'accept', 'record_inquiry', 'record_violation_review', 'recognise_result', 'assign_batch',
  'form_panel', 'appoint_third_party', 'record_inspection', 'record_evaluation_briefing', 'record_scores', 'cast_vote', 'sign_result', 'recuse_member',
  'record_third_party_result', 'conclude_evaluation',
  'serve_result_notice', 'request_reevaluation',
  'publish_publicity', 'file_complaint', 'resolve_complaint', 'end_publicity',
  'record_negotiation', 'negotiation_agreed', 'negotiation_failed',
  'complete_study', 'institution_sign', 'agency_sign', 'signing_deadline_passed',
  'file_signing', 'activate_payment', 'withdraw',
  'refuse_by_law',
] as const;
export type EventType = (typeof EVENTS)[number];

export const eventLabel: Record<EventType, string> = {
  submit: '提交申请',
  screening_completed: '自动筛查',
  confirm_refusal: '确认不予受理',
  override_refusal: '改判继续受理',
  request_supplement: '一次性告知补正',
  supplement: '补正材料',
  accept: '受理签收',
  record_inquiry: '记录函询/互认核查',
  record_violation_review: '记录违规性审核',
  recognise_result: '互认评估结果',
  assign_batch: '编入集中评估批次',
  form_panel: '组建评估小组',
  appoint_third_party: '委托第三方评估',
  record_inspection: '记录现场核查',
  record_evaluation_briefing: '记录政策学习和承办部门汇报',
  record_scores: '记录评分',
  cast_vote: '表决',
  sign_result: '签字确认评估结果',
  recuse_member: '评估专家回避',
  record_third_party_result: '记录第三方评估结论',
  conclude_evaluation: '形成评估结果',
  serve_result_notice: '送达评估结果告知书',
  request_reevaluation: '申请再次评估',
  publish_publicity: '发布公示',
  file_complaint: '受理举报投诉',
  resolve_complaint: '办结举报投诉',
  end_publicity: '公示期满',
  record_negotiation: '记录协商谈判',
  negotiation_agreed: '谈判达成一致',
  negotiation_failed: '谈判未达成一致',
  complete_study: '完成协议学习',
  institution_sign: '医药机构签署',
  agency_sign: '经办机构签署',
  signing_deadline_passed: '签订期限届满',
  file_signing: '签订情况备案',
  activate_payment: '开通医保支付系统',
  withdraw: '撤回申请',
  refuse_by_law: '依法律法规不予受理',
};

/** Who may act. The human roles are the identity module's; `system` is the scheduler, `public` anyone on the public site. */
export const ACTOR_ROLES = [
  'institution_staff', 'agency_officer', 'agency_head', 'expert', 'admin_dept_officer', 'system', 'public',
] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];
/** Compile-time check: every human actor role is a role of the identity module. */
export const HUMAN_ROLES_ARE_ROLES: Exclude<ActorRole, 'system' | 'public'> extends Role ? true : never = true;

export const actorRoleLabel: Record<ActorRole, string> = {
  institution_staff: '医药机构经办人',
  agency_officer: '经办机构工作人员',
  agency_head: '经办机构负责人',
  expert: '评估专家',
  admin_dept_officer: '医疗保障行政部门',
  system: '系统',
  public: '社会公众',
};

/** Which agency level acts at a stage; Beijing splits them (district accepts, city evaluates and signs). */
export type AgencyLevel = 'province' | 'prefecture' | 'county';
/** acceptance = 受理/补正; panel = 组织评估小组、现场核查; result = 确定评估结果; signing = 协商、签订、备案 */
export type Stage = 'acceptance' | 'panel' | 'result' | 'signing';
