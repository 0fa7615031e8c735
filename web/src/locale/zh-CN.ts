/**
 * Chinese labels the web app owns. Everything the server has a label map for — roles, institution
 * kinds, statuses … — comes from GET /api/meta/enums (public) so that server and UI share one map.
 */
export const ruleSourceLabel: Record<string, string> = {
  national: '国家基线',
  override: '地方覆盖',
  added: '地方新增',
};

export const ruleDiffLabel: Record<string, string> = {
  only_a: '仅左侧有',
  only_b: '仅右侧有',
  override: '规则不同（地方覆盖）',
  params: '参数不同',
};

export const calendarKindLabel: Record<string, string> = { holiday: '休', workday: '班' };
export const calendarKindLongLabel: Record<string, string> = { holiday: '法定节假日（休）', workday: '调休上班（班）' };

export const deadlineUnitLabel: Record<string, string> = { workday: '工作日', natural_day: '自然日', month: '月' };

export const auditEntityTypeLabel: Record<string, string> = {
  institution: '医药机构',
  user: '用户',
  session: '会话',
  calendar: '工作日历',
  calendar_year: '工作日历',
  clock: '模拟时钟',
  application: '定点申请',
  agreement: '服务协议',
  rule_profile: '政策规则',
};

/** Fallbacks when /api/meta/enums does not carry ruleKindLabel / unitLabel (src/domain/policy/model.ts). */
export const ruleKindLabel: Record<string, string> = {
  eligibility: '申请条件', refusal: '不予受理', deadline: '时限', material: '申请材料', jurisdiction: '管辖',
  procedure: '经办程序', sanction: '违约处理', suspension: '协议中止', termination: '协议解除/不再签订', renewal: '协议续签',
};
export const unitLabel: Record<string, string> = {
  workdays: '个工作日', days: '日', months: '个月', years: '年', beds: '张床位', persons: '人', ratio: '比例', times: '次',
  month_of_year: '月份',
};
