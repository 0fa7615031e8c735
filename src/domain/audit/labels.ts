/**
 * What a person reads in the audit log: every audit action and entity type of the codebase in
 * Chinese. The action strings stay in the log (they are hashed); the labels are for display only.
 */
import { EVENTS, eventLabel, type EventType } from '../designation/states';

/** Fixed actions (grep `action: '` under src/). Pipeline steps are `application.<event>`, labelled from the event. */
export const AUDIT_ACTION_LABEL: Readonly<Record<string, string>> = {
  'auth.login': '登录',
  'auth.lockout': '登录延迟（同一来源连续密码错误）',
  'demo.seed': '载入演示数据',
  'clock.advance': '调整模拟时钟',
  'calendar.seed': '导入工作日历',
  'calendar.year.enter': '录入年度节假日安排',
  'institution.create': '新增医药机构',
  'institution.update': '修改医药机构信息',
  'application.create': '新建定点申请',
  'application.declaration.update': '修改申请声明（联系人、支付类别等）',
  'application.material.upload': '上传申请材料',
  'application.material.delete': '删除申请材料',
  'agreement.generate': '生成服务协议',
  'agreement.study': '协议学习',
  'agreement.sign': '签署服务协议',
  'agreement.mandate.upload': '上传授权委托书',
  'agreement.mandate.grant': '法定代表人在线授权签署',
  'agreement.mandate.revoke': '撤销签署授权',
  'agreement.mandate.verify': '核验纸质授权委托书（通过）',
  'agreement.mandate.reject': '核验纸质授权委托书（退回）',
  'agreement.void': '协议作废（逾期未签订视为自动放弃）',
  'agreement_template.create': '发布协议范本',
  'agreement_supplement.create': '发布地方补充条款',
  'complaint.file': '受理举报投诉',
  'complaint.resolve': '办结举报投诉',
  'filing.acknowledge': '签收协议签订情况备案',
  'site.evaluate': '执业点评估',
  'insured_count.enter': '录入参保人数',
  'province_report.send': '报送省级新增定点情况',
  'third_party_filing.submit': '提交第三方服务机构备案',
  'third_party_filing.check': '核验第三方服务机构备案',
  'third_party_filing.accept': '第三方服务机构备案通过',
  'third_party_filing.return': '退回第三方服务机构备案',
  'screening_finding.record': '记录材料审核发现（不予受理情形）',
  'screening_finding.resolve': '解除材料审核发现（如处罚已履行）',
};

export const AUDIT_ENTITY_LABEL: Readonly<Record<string, string>> = {
  institution: '医药机构',
  user: '用户',
  system: '系统',
  clock: '模拟时钟',
  calendar_year: '工作日历',
  application: '定点申请',
  application_material: '申请材料',
  agreement: '服务协议',
  agreement_template: '协议范本',
  complaint: '举报投诉',
  document: '文书',
  practice_site: '执业点',
  insured_count: '参保人数',
  province_report: '省级报送',
  third_party_filing: '第三方服务机构备案',
  screening_finding: '材料审核发现',
};

/** The Chinese label of an audit action; an unknown action is shown as it is. */
export function auditActionLabel(action: string): string {
  const fixed = AUDIT_ACTION_LABEL[action];
  if (fixed) return fixed;
  const step = /^application\.([a-z_]+)$/.exec(action)?.[1];
  if (step && step in eventLabel) return `定点申请：${eventLabel[step as EventType]}`;
  return action;
}

/** Every action with its label, the pipeline's `application.<event>` included (for a filter list). */
export const ALL_AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  ...AUDIT_ACTION_LABEL,
  ...Object.fromEntries(EVENTS.map((e) => [`application.${e}`, `定点申请：${eventLabel[e]}`])),
};

export const auditEntityLabel = (entityType: string): string => AUDIT_ENTITY_LABEL[entityType] ?? entityType;
