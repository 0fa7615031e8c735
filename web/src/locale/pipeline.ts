/**
 * Chinese labels of the designation pipeline the web app needs beyond what the API returns with each
 * answer (the history's raw states and actions, document kinds, deadline states …). Copied from the
 * domain's one label map each (src/domain/designation/states.ts, table.ts, panel.ts) — keep in step.
 */

export const pipelineStateLabel: Record<string, string> = {
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

export const pipelineEventLabel: Record<string, string> = {
  submit: '提交申请',
  screening_completed: '自动筛查',
  confirm_refusal: '确认不予受理',
  override_refusal: '改判继续受理',
  request_supplement: '一次性告知补正',
  supplement: '补正材料',
  accept: '受理签收',
  record_inquiry: '记录函询/互认核查',
  recognise_result: '互认评估结果',
  assign_batch: '编入集中评估批次',
  form_panel: '组建评估小组',
  appoint_third_party: '委托第三方评估',
  record_inspection: '记录现场核查',
  record_scores: '记录评分',
  cast_vote: '表决',
  sign_result: '签字确认评估结果',
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
};

export const documentKindLabel: Record<string, string> = {
  acceptance_notice: '受理通知书',
  supplement_notice: '一次性告知书',
  refusal_decision: '不予受理决定书',
  evaluation_minutes: '评估会议纪要',
  evaluation_result_notice: '评估结果告知书',
  evaluation_filing: '评估结果备案表',
  publicity_notice: '拟签订协议医药机构名单公示',
  complaint_reply: '举报投诉调查核实结果',
  cancellation_notice: '取消协商谈判资格告知书',
  not_signed_notice: '不予签约告知书',
  agreement: '医疗保障服务协议',
  signing_filing: '协议签订情况备案表',
  directory_entry: '定点医药机构信息公布',
};

/** Tag colour per state (valueEnum style). */
export const pipelineStateColor: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  screening_refused: 'warning',
  refused: 'error',
  under_review: 'processing',
  needs_supplement: 'warning',
  supplemented: 'processing',
  accepted: 'blue',
  batched: 'blue',
  evaluating: 'geekblue',
  evaluated_pass: 'green',
  evaluated_fail: 'volcano',
  rectifying: 'orange',
  reevaluation_requested: 'orange',
  banned: 'error',
  in_publicity: 'cyan',
  negotiation_cancelled: 'error',
  negotiating: 'purple',
  not_signed: 'error',
  agreement_study: 'purple',
  signing: 'gold',
  abandoned: 'error',
  signed: 'success',
  filed: 'success',
  activated: 'success',
  withdrawn: 'default',
};

/** Audit actions of an application's history: application.<event> plus creation. */
export function historyActionLabel(action: string): string {
  const ev = action.startsWith('application.') ? action.slice('application.'.length) : action;
  if (ev === 'create') return '创建申请';
  return pipelineEventLabel[ev] ?? action;
}

export const deadlineStateLabel: Record<string, string> = { open: '进行中', stopped: '已办结', expired: '已届满' };

export const specialtyLabel: Record<string, string> = {
  medical_insurance: '医疗保障',
  medicine_health: '医药卫生',
  information_technology: '信息技术',
  law: '法律',
  finance: '财务',
  elderly_care: '养老护理',
};

export const inspectionModeLabel: Record<string, string> = { written: '书面核查', on_site: '现场核查', video: '远程视频核查' };

export const negotiationFormLabel: Record<string, string> = { symposium: '座谈会', meeting: '会议', online: '线上' };

export const inquiryKindLabel: Record<string, string> = {
  inquiry_letter: '函询其他统筹地区',
  mutual_recognition_check: '同城互认核查',
};

export const signerCapacityLabel: Record<string, string> = { legal_rep: '法定代表人', authorised_agent: '授权委托人' };

export const applicationRouteLabel: Record<string, string> = {
  new: '新申请定点',
  add_category: '已定点机构增加医保支付类别（简化程序）',
};

/** Upload limits as the server states them (src/server/routes/uploads.ts); checked first in the browser. */
export const UPLOAD_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
