/**
 * Labels of the designation pipeline that only the web app has. The server's label maps — states,
 * events, actors, deadlines, document kinds, expert specialties — come from GET /api/meta/enums
 * through useEnums() (meta/enums.tsx), under the names in PIPELINE_ENUM; read them as
 * `enums.label(PIPELINE_ENUM.state, value)`.
 */

/** The names of the server's designation label maps in /api/meta/enums (src/server/routes/regions.ts). */
export const PIPELINE_ENUM = {
  /** application state → 填报中, 评估中 … (src/domain/designation/states.ts stateLabel) */
  state: 'designationState',
  /** pipeline event → 提交申请, 记录评分 … (states.ts eventLabel) */
  event: 'designationEvent',
  /** who acts: 医药机构经办人, 评估专家 … (states.ts actorRoleLabel) */
  actor: 'designationActor',
  /** deadline id → 签订情况备案期限 … (deadlines.ts DEADLINES) */
  deadline: 'designationDeadline',
  /** document kind → 受理通知书, 评估结果备案表 … (table.ts documentLabel) */
  documentKind: 'documentKind',
  /** expert specialty → 医疗保障, 法律 … (panel.ts specialtyLabel) */
  specialty: 'expertSpecialty',
} as const;

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

/**
 * Audit actions of an application's history: application.<event> plus creation. Pass the event
 * label from the enums (`(ev) => enums.label(PIPELINE_ENUM.event, ev)`).
 */
export function historyActionLabel(action: string, eventLabel: (event: string) => string = (ev) => pipelineEventLabel[ev] ?? ev): string {
  const ev = action.startsWith('application.') ? action.slice('application.'.length) : action;
  if (ev === 'create') return '创建申请';
  return eventLabel(ev);
}

export const deadlineStateLabel: Record<string, string> = { open: '进行中', stopped: '已办结', expired: '已届满' };

export const inspectionModeLabel: Record<string, string> = { written: '书面核查', on_site: '现场核查', video: '远程视频核查' };

export const negotiationFormLabel: Record<string, string> = { symposium: '座谈会', meeting: '会议', online: '线上' };

export const inquiryKindLabel: Record<string, string> = {
  inquiry_letter: '函询其他统筹地区',
  mutual_recognition_check: '同城互认核查',
};

export const signerCapacityLabel: Record<string, string> = { legal_rep: '法定代表人', authorised_agent: '授权委托人' };

/** 评估小组成员的表决意见 (云医保〔2022〕6号 第十四条(一)3). */
export const voteLabel: Record<'pass' | 'fail', string> = { pass: '合格', fail: '不合格' };

/** 备案 inbox: the two filings, short (the documents' full names come from the enums' documentKind). */
export const filingKindLabel: Record<string, string> = { evaluation_filing: '评估结果', signing_filing: '签订情况' };

export const applicationRouteLabel: Record<string, string> = {
  new: '新申请定点',
  add_category: '已定点机构增加医保支付类别（简化程序）',
};

/** Upload limits as the server states them (src/server/routes/uploads.ts); checked first in the browser. */
export const UPLOAD_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

// ---- copies of server label maps, kept only until their last readers switch ---------------------
// The application pages (pages/applications/**: state-tag, application-table, history, documents,
// procedure) still import these; they are copies of the maps /api/meta/enums serves (PIPELINE_ENUM).
// Switch each reader to useEnums() and delete this block.

/** @deprecated use `useEnums().label(PIPELINE_ENUM.state, v)` / `options(PIPELINE_ENUM.state)` */
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

/** @deprecated use `useEnums().label(PIPELINE_ENUM.event, v)` */
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

/** @deprecated use `useEnums().label(PIPELINE_ENUM.documentKind, v)` */
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

/** @deprecated use `useEnums().label(PIPELINE_ENUM.specialty, v)` */
export const specialtyLabel: Record<string, string> = {
  medical_insurance: '医疗保障',
  medicine_health: '医药卫生',
  information_technology: '信息技术',
  law: '法律',
  finance: '财务',
  elderly_care: '养老护理',
};
