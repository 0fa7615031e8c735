import type { Role } from '../domain/identity/roles';

/**
 * The demo deployment's organisations and logins, as data: the seed writes them, and the
 * README and the login page print them. Every demo account has the password DEMO_PASSWORD.
 */
export { PUBLISHED_DEMO_PASSWORD as DEMO_PASSWORD } from '../config';

export interface DemoOrg {
  key: string;
  kind: 'agency' | 'admin_dept' | 'expert_pool' | 'system' | 'third_party_assessor';
  name: string;
  level: 'national' | 'province' | 'prefecture' | 'county';
  regionCode: string | null;
}

export const DEMO_ORGS: DemoOrg[] = [
  { key: 'system', kind: 'system', name: '系统管理', level: 'national', regionCode: null },
  // 云南 (云医保〔2022〕6号; 云人社发〔2016〕308号 三: province, 统筹地区 and county agencies)
  { key: 'yn_agency', kind: 'agency', name: '云南省医疗保障基金管理中心', level: 'province', regionCode: '530000' },
  { key: 'km_agency', kind: 'agency', name: '昆明市医疗保障局经办中心', level: 'prefecture', regionCode: '530100' },
  { key: 'wuhua_agency', kind: 'agency', name: '五华区医疗保障经办中心', level: 'county', regionCode: '530102' },
  { key: 'panlong_agency', kind: 'agency', name: '盘龙区医疗保障经办中心', level: 'county', regionCode: '530103' },
  { key: 'yn_dept', kind: 'admin_dept', name: '云南省医疗保障局', level: 'province', regionCode: '530000' },
  { key: 'km_dept', kind: 'admin_dept', name: '昆明市医疗保障局', level: 'prefecture', regionCode: '530100' },
  { key: 'wuhua_dept', kind: 'admin_dept', name: '五华区医疗保障局', level: 'county', regionCode: '530102' },
  { key: 'panlong_dept', kind: 'admin_dept', name: '盘龙区医疗保障局', level: 'county', regionCode: '530103' },
  { key: 'yn_experts', kind: 'expert_pool', name: '云南省医疗保障定点评估专家库', level: 'province', regionCode: '530000' },
  // each province draws from its own pool (issue #8): Beijing and Jilin have theirs
  { key: 'bj_experts', kind: 'expert_pool', name: '北京市医疗保障定点评估专家库', level: 'province', regionCode: '110000' },
  { key: 'jl_experts', kind: 'expert_pool', name: '吉林省医疗保障定点评估专家库', level: 'province', regionCode: '220000' },
  // a 第三方评估机构 (云医保〔2022〕6号 第十一条 lets the agency 委托第三方): its account sees its home page only, for now
  { key: 'yn_assessor', kind: 'third_party_assessor', name: '云南示例医疗评估咨询有限公司', level: 'province', regionCode: '530000' },
  // 北京 (京医保发〔2021〕30号): the city is province-level
  { key: 'bj_agency', kind: 'agency', name: '北京市医疗保障事务管理中心', level: 'province', regionCode: '110000' },
  { key: 'dongcheng_agency', kind: 'agency', name: '东城区医疗保障事务管理中心', level: 'county', regionCode: '110101' },
  { key: 'chaoyang_agency', kind: 'agency', name: '朝阳区医疗保障事务管理中心', level: 'county', regionCode: '110105' },
  { key: 'bj_dept', kind: 'admin_dept', name: '北京市医疗保障局', level: 'province', regionCode: '110000' },
  { key: 'dongcheng_dept', kind: 'admin_dept', name: '东城区医疗保障局', level: 'county', regionCode: '110101' },
  { key: 'chaoyang_dept', kind: 'admin_dept', name: '朝阳区医疗保障局', level: 'county', regionCode: '110105' },
  // 吉林 (吉医保规〔2023〕1号: 省本级, 长春市, 延边州 and their counties)
  { key: 'jl_agency', kind: 'agency', name: '吉林省医疗保障经办局', level: 'province', regionCode: '220000' },
  { key: 'cc_agency', kind: 'agency', name: '长春市医疗保障经办中心', level: 'prefecture', regionCode: '220100' },
  { key: 'nanguan_agency', kind: 'agency', name: '南关区医疗保障经办中心', level: 'county', regionCode: '220102' },
  { key: 'yb_agency', kind: 'agency', name: '延边州医疗保障经办中心', level: 'prefecture', regionCode: '222400' },
  { key: 'yanji_agency', kind: 'agency', name: '延吉市医疗保障经办中心', level: 'county', regionCode: '222401' },
  { key: 'jl_dept', kind: 'admin_dept', name: '吉林省医疗保障局', level: 'province', regionCode: '220000' },
  { key: 'cc_dept', kind: 'admin_dept', name: '长春市医疗保障局', level: 'prefecture', regionCode: '220100' },
  { key: 'yb_dept', kind: 'admin_dept', name: '延边州医疗保障局', level: 'prefecture', regionCode: '222400' },
  // 广西 runs the autonomous region's 2025 draft in the demo (DEMO_DRAFT_PROFILE): its agencies publish their
  // evaluation standards (一(一)) and see the draft's rules under their own logins
  { key: 'gx_agency', kind: 'agency', name: '广西壮族自治区医疗保障事业管理中心', level: 'province', regionCode: '450000' },
  { key: 'nn_agency', kind: 'agency', name: '南宁市医疗保障事业管理中心', level: 'prefecture', regionCode: '450100' },
  { key: 'gx_dept', kind: 'admin_dept', name: '广西壮族自治区医疗保障局', level: 'province', regionCode: '450000' },
];

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  /** a DEMO_ORGS key, or 'inst:<demo institution key>' for institution staff */
  orgKey: string;
  orgName: string;
  /** what the account is for, shown on the login page */
  note: string;
  specialties?: string[];
  /** the account of the institution's registered 法定代表人 (linked to that person; named after them at seeding) */
  legalRep?: true;
  /** the registered natural person who holds the account (an agent signs as this person, 云医保〔2022〕6号 第十八条) */
  person?: { idBody17: string; name: string };
}

const u = (username: string, displayName: string, roles: Role[], orgKey: string, orgName: string, note: string, specialties?: string[]): DemoUser =>
  ({ username, displayName, roles, orgKey, orgName, note, ...(specialties ? { specialties } : {}) });

export const EXPERT_SPECIALTIES = ['医疗保障', '医药卫生', '信息技术', '法律', '财务', '养老护理'] as const;
/** 京医保发〔2021〕30号 第九条 / 吉医保规〔2023〕1号 第十五条: 医疗保障、医药卫生、财务管理、信息技术 (+ 养老护理 for 长期护理) */
const PROVINCE_POOL_SPECIALTIES = ['医疗保障', '医药卫生', '信息技术', '财务', '养老护理'] as const;

export const DEMO_USERS: DemoUser[] = [
  u('admin', '系统管理员', ['sysadmin'], 'system', '系统管理', '日历、模拟时钟、用户管理；全国范围只读'),
  u('yn_prov', '云南省中心负责人', ['agency_head'], 'yn_agency', '云南省医疗保障基金管理中心', '省级经办负责人：省本级机构的定点决定'),
  u('yn_officer', '云南省中心经办员', ['agency_officer'], 'yn_agency', '云南省医疗保障基金管理中心', '省级经办：省本级机构'),
  u('km_city', '昆明市经办员', ['agency_officer'], 'km_agency', '昆明市医疗保障局经办中心', '统筹地区经办：市本级及全市机构'),
  u('km_head', '昆明市经办负责人', ['agency_head'], 'km_agency', '昆明市医疗保障局经办中心', '统筹地区经办负责人'),
  u('wuhua', '五华区经办员', ['agency_officer'], 'wuhua_agency', '五华区医疗保障经办中心', '县区经办：受理、审核、组织评估'),
  u('wuhua_head', '五华区经办负责人', ['agency_head'], 'wuhua_agency', '五华区医疗保障经办中心', '县区经办负责人：决定、签约'),
  u('panlong', '盘龙区经办员', ['agency_officer'], 'panlong_agency', '盘龙区医疗保障经办中心', '县区经办（看不到五华区的机构）'),
  u('yn_dept', '云南省医保局', ['admin_dept_officer'], 'yn_dept', '云南省医疗保障局', '行政部门：备案、监督、统计'),
  u('km_dept', '昆明市医保局', ['admin_dept_officer'], 'km_dept', '昆明市医疗保障局', '统筹地区行政部门：备案'),
  u('wuhua_dept', '五华区医保局', ['admin_dept_officer'], 'wuhua_dept', '五华区医疗保障局', '县区行政部门'),
  u('bj_city', '北京市经办员', ['agency_officer'], 'bj_agency', '北京市医疗保障事务管理中心', '北京市级经办（京医保发〔2021〕30号）'),
  u('bj_head', '北京市经办负责人', ['agency_head'], 'bj_agency', '北京市医疗保障事务管理中心', '北京市级经办负责人'),
  u('bj_dongcheng', '东城区经办员', ['agency_officer'], 'dongcheng_agency', '东城区医疗保障事务管理中心', '北京区级经办'),
  u('bj_dongcheng_head', '东城区经办负责人', ['agency_head'], 'dongcheng_agency', '东城区医疗保障事务管理中心', '北京区级经办负责人：续签报市（京医保发〔2021〕30号 第四十一条）'),
  u('bj_chaoyang', '朝阳区经办员', ['agency_officer'], 'chaoyang_agency', '朝阳区医疗保障事务管理中心', '北京区级经办'),
  u('bj_dept', '北京市医保局', ['admin_dept_officer'], 'bj_dept', '北京市医疗保障局', '北京行政部门'),
  u('jl_prov', '吉林省经办负责人', ['agency_head'], 'jl_agency', '吉林省医疗保障经办局', '吉林省本级经办负责人（吉医保规〔2023〕1号）'),
  u('jl_officer', '吉林省经办员', ['agency_officer'], 'jl_agency', '吉林省医疗保障经办局', '吉林省本级经办'),
  u('cc_city', '长春市经办员', ['agency_officer'], 'cc_agency', '长春市医疗保障经办中心', '长春市经办（含长期护理保险）'),
  u('cc_nanguan', '南关区经办员', ['agency_officer'], 'nanguan_agency', '南关区医疗保障经办中心', '受委托的县区经办（第七条）'),
  u('yb_state', '延边州经办员', ['agency_officer'], 'yb_agency', '延边州医疗保障经办中心', '延边州本级经办'),
  u('yanji', '延吉市经办员', ['agency_officer'], 'yanji_agency', '延吉市医疗保障经办中心', '延吉市经办'),
  u('jl_dept', '吉林省医保局', ['admin_dept_officer'], 'jl_dept', '吉林省医疗保障局', '吉林行政部门'),
  u('cc_dept', '长春市医保局', ['admin_dept_officer'], 'cc_dept', '长春市医疗保障局', '长春行政部门'),
  u('gx_prov', '自治区经办负责人', ['agency_head'], 'gx_agency', '广西壮族自治区医疗保障事业管理中心', '自治区本级经办负责人（自治区医保局〔2025〕征求意见稿）'),
  u('nn_head', '南宁市经办负责人', ['agency_head'], 'nn_agency', '南宁市医疗保障事业管理中心', '南宁市经办负责人：发布本市评估标准'),
  u('nn_city', '南宁市经办员', ['agency_officer'], 'nn_agency', '南宁市医疗保障事业管理中心', '南宁市经办'),
  u('gx_dept', '自治区医保局', ['admin_dept_officer'], 'gx_dept', '广西壮族自治区医疗保障局', '自治区行政部门'),
  ...EXPERT_SPECIALTIES.map((s, i) =>
    u(`expert${i + 1}`, `评估专家${i + 1}（${s}）`, ['expert'], 'yn_experts', '云南省医疗保障定点评估专家库', `评估专家：${s}`, [s])),
  ...PROVINCE_POOL_SPECIALTIES.map((s, i) =>
    u(`bj_expert${i + 1}`, `北京评估专家${i + 1}（${s}）`, ['expert'], 'bj_experts', '北京市医疗保障定点评估专家库', `北京市评估专家：${s}`, [s])),
  ...PROVINCE_POOL_SPECIALTIES.map((s, i) =>
    u(`jl_expert${i + 1}`, `吉林评估专家${i + 1}（${s}）`, ['expert'], 'jl_experts', '吉林省医疗保障定点评估专家库', `吉林省评估专家：${s}`, [s])),
  u('assessor', '第三方评估机构人员', ['third_party_assessor'], 'yn_assessor', '云南示例医疗评估咨询有限公司', '第三方评估机构：目前只有首页和本人账号'),
  { ...u('inst_hosp', '五华区人民医院医保办', ['institution_staff'], 'inst:wuhua-people-hospital', '昆明市五华区人民医院', '医疗机构经办人（账号已关联本人身份）：申请、补正；经法定代表人授权后以授权委托人身份签约'), person: { idBody17: '53010219880512002', name: '李医保' } },
  { ...u('inst_hosp_rep', '五华区人民医院法定代表人', ['institution_staff', 'institution_admin'], 'inst:wuhua-people-hospital', '昆明市五华区人民医院', '医疗机构法定代表人（账号已关联登记的法定代表人本人）：以法定代表人身份签约；兼本机构管理员'), legalRep: true },
  u('inst_pharm', '云南白药大药房医保专员', ['institution_staff'], 'inst:wuhua-baiyao-pharmacy', '云南白药大药房（五华店）', '零售药店经办人'),
  { ...u('inst_renji_rep', '盘龙区仁济门诊部法定代表人', ['institution_staff', 'institution_admin'], 'inst:panlong-renji-clinic', '盘龙区仁济门诊部', '门诊部法定代表人：演示中其定点协议已签订并备案'), legalRep: true },
  u('inst_ltc', '延吉市康乐养老院', ['institution_staff'], 'inst:yanji-ltc-home', '延吉市康乐养老院', '长期护理保险定点机构经办人（吉林）'),
];
