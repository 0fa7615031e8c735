/**
 * What a person reads in the audit log: every audit action and entity type of the codebase in
 * Chinese. The action strings stay in the log (they are hashed); the labels are for display only.
 */
import { EVENTS, eventLabel, type EventType } from '../designation/states';
import { agreementEventLabel } from '../agreement/lifecycle';
import { itemEventLabel } from '../renewal-campaign/item-case';

/** Fixed actions (grep `action: '` under src/). Pipeline steps are `application.<event>`, labelled from the event. */
export const AUDIT_ACTION_LABEL: Readonly<Record<string, string>> = {
  'auth.login': '登录',
  'auth.lockout': '登录延迟（同一来源连续密码错误）',
  'demo.seed': '载入演示数据',
  'clock.advance': '调整模拟时钟',
  'calendar.seed': '导入工作日历',
  'calendar.year.enter': '录入年度节假日安排',
  'local_parameter.set': '设置统筹地区参数',
  'region_standard.set': '发布地区评估标准和流程',
  'region_standard.withdraw': '撤回地区评估标准和流程',
  'institution.create': '新增医药机构',
  'institution.update': '修改医药机构信息',
  'application.create': '新建定点申请',
  'application.declaration.update': '修改申请声明（联系人、支付类别等）',
  'application.material.upload': '上传申请材料',
  'application.material.delete': '删除申请材料',
  'application_conditions.check': '核查基本条件（按登记信息和申请声明）',
  'application_conditions.finding': '记录基本条件核查结论',
  // the agreement's life after signing (issue #10): 'agreement.<event>' of src/domain/agreement/lifecycle.ts
  ...Object.fromEntries(Object.entries(agreementEventLabel).map(([e, l]) => [`agreement.${e}`, `医保协议：${l}`])),
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
  'auth.sso_login': '统一身份认证登录',
  'auth.sso_refused': '统一身份认证登录被拒绝（未关联或账号已停用）',
  'user_identity.link': '关联统一身份认证账号',
  'user_identity.unlink': '解除统一身份认证账号关联',
  'expert.create': '新增评估专家',
  'expert.update': '修改评估专家信息',
  'expert.suspend': '暂停评估专家',
  'expert.reactivate': '恢复评估专家',
  'expert.retire': '解聘评估专家',
  'expert_pool.import': '导入评估专家库',
  'registration.submit': '医药机构自助注册',
  'registration.update': '修改医药机构注册信息',
  'registration.resubmit': '医药机构注册修改后重新提交',
  'registration.file.upload': '更换医药机构注册证照',
  'registration.verify': '核实医药机构注册（机构入库、账号开通）',
  'registration.return': '退回医药机构注册',
  'registration.reject': '医药机构注册不予登记（账号停用）',
  // accounts and organisations (issue #9)
  'auth.login.refused': '拒绝登录（账号或所在机构已停用）',
  'organization.create': '新增机构（组织）',
  'organization.update': '修改机构（组织）信息',
  'organization.deactivate': '停用机构（组织）',
  'organization.reactivate': '重新启用机构（组织）',
  'user.create': '新建账号',
  'user.update': '修改账号（姓名、角色）',
  'user.deactivate': '停用账号',
  'user.reactivate': '重新启用账号',
  'user.password.reset': '强制重置密码',
  'user.password.change': '修改本人密码',
  'user.person.link': '账号关联法定代表人',
  'user.person.unlink': '账号解除关联法定代表人',
  'user.initial_admin': '首次启动：创建系统管理员',
  'institution.import_create': '导入医药机构（存量登记簿）',
  'institution.import_update': '导入更新医药机构信息',
  'agreement.import_create': '导入存量服务协议',
  'agreement.import_update': '导入更新存量服务协议',
  'screening_finding.record': '记录材料审核发现（不予受理情形）',
  'screening_finding.resolve': '解除材料审核发现（如处罚已履行）',
  // 系统对接（结算订阅） (decision 0033)
  'webhook.create': '新增结算订阅',
  'webhook.update': '修改结算订阅',
  'webhook.deactivate': '暂停结算订阅',
  'webhook.activate': '恢复结算订阅',
  'webhook.delivery.retry': '重新投递失败的结算事件',
  // 续签 campaigns (issue #11): the campaign's rows and the item's steps on the engine (`renewal_item.<event>`)
  'renewal_campaign.open': '组织续签（筛查辖区协议）',
  'renewal_campaign.close': '结束续签工作',
  'renewal_campaign.report': '续签报市经办机构',
  'indicator_import.run': '导入外部数据（结算、追溯码、医保码等）',
  'indicator.update': '更新外部数据指标值',
  // the renewed agreements (decision 0045)
  'agreement.renew_generate': '生成续签协议',
  'agreement.renew_sign': '签署续签协议',
  'renewal_item.fixed_annual': '续签核定：固定协议和年度协议相结合',
  ...Object.fromEntries(Object.entries(itemEventLabel).map(([e, l]) => [`renewal_item.${e}`, `续签核定：${l}`])),
  // 变更申请 (issue #10): the request's own rows and the steps the engine runs (`change_request.<event>`)
  'change_request.create': '新建变更申请',
  'change_request.file.upload': '上传变更材料',
  'change_request.submit': '提交变更申请',
  'change_request.forward': '变更申请报市经办机构',
  'change_request.approve': '同意变更（更新登记信息）',
  'change_request.return': '退回变更申请',
  'change_request.reject': '不予变更',
  'change_request.apply': '办理一般信息变更',
  'change_request.complete_todo': '完成贯标动态平台维护',
  // 暂停人员/科室医保结算 (decision 0035): the row and the engine's steps (`settlement_restriction.<event>`)
  'settlement_restriction.create': '新建人员/科室结算限制',
  'settlement_restriction.suspend': '中止人员/科室医保结算',
  'settlement_restriction.terminate': '终止人员/科室医保结算',
  'settlement_restriction.lift': '恢复人员/科室医保结算',
  'settlement_restriction.lapse': '中止期满自动恢复结算',
  // 争议 (decision 0035)
  'dispute.create': '提出协议争议',
  'dispute.negotiate': '争议协商',
  'dispute.refer': '争议提请行政部门协调',
  'dispute.coordinate': '记录行政部门协调',
  'dispute.seek_review': '记录行政复议/行政诉讼',
  'dispute.close': '办结争议',
  'dispute.reverse': '据争议结果恢复协议',
  'dispute.file.upload': '上传争议材料',
  'renewal_application.create': '申请续签',
  'renewal_application.accept': '受理续签申请',
  'renewal_application.return': '退回续签申请',
  'renewal_application.withdraw': '撤回续签申请',
  // 评价建议 (云医保〔2022〕6号 第二十三条; decision 0035)
  'agency_rating.create': '提交评价建议',
  'agency_rating.answer': '反馈评价建议',
  'institution.change_applied': '按变更申请更新机构登记信息',
};

export const AUDIT_ENTITY_LABEL: Readonly<Record<string, string>> = {
  institution: '医药机构',
  user: '用户',
  system: '系统',
  clock: '模拟时钟',
  calendar_year: '工作日历',
  local_parameter: '统筹地区参数',
  region_standard: '地区评估标准和流程',
  application: '定点申请',
  application_material: '申请材料',
  application_conditions: '基本条件核查',
  agreement: '服务协议',
  agreement_template: '协议范本',
  complaint: '举报投诉',
  document: '文书',
  practice_site: '执业点',
  insured_count: '参保人数',
  province_report: '省级报送',
  third_party_filing: '第三方服务机构备案',
  user_identity: '统一身份认证账号',
  settlement_restriction: '人员/科室结算限制',
  dispute: '协议争议',
  renewal_application: '续签申请',
  agency_rating: '评价建议',
  expert: '评估专家',
  expert_pool: '评估专家库',
  registration: '医药机构注册',
  organization: '机构（组织）',
  screening_finding: '材料审核发现',
  webhook_subscription: '结算订阅',
  change_request: '变更申请',
  renewal_campaign: '续签工作',
  indicator_import: '外部数据导入',
  institution_indicator: '机构外部数据指标',
  renewal_item: '续签核定',
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
