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
export function historyActionLabel(action: string, eventLabel: (event: string) => string, auditLabel?: (action: string) => string): string {
  const ev = action.startsWith('application.') ? action.slice('application.'.length) : action;
  if (ev === 'create') return '创建申请';
  const label = eventLabel(ev);
  // not a pipeline event (材料上传, 申请声明修改 …): the audit log's own label
  return label === ev && auditLabel ? auditLabel(action) : label;
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
