import { defineRule, fail, PASS, unknown, type Rule } from '../model';
import { fullMonths } from '../dates';
import { BASE_FROM, ord2, ord3 } from './cite';

const cond = { kind: 'eligibility' as const, effective: { from: BASE_FROM } };
const checked = { ...cond, stage: 'conditions' as const };

/** 国家医疗保障局令第2号 第五条: 可申请定点的医疗机构类型. */
export const institutionTypes = defineRule({
  ...cond, id: 'national.eligibility.institution-types', title: '可申请医保定点的医疗机构类型',
  cites: [ord2(5)], appliesTo: ['medical'],
  items: [
    { n: 1, label: '综合医院、中医医院、中西医结合医院、民族医医院、专科医院、康复医院' },
    { n: 2, label: '专科疾病防治院（所、站）、妇幼保健院' },
    { n: 3, label: '社区卫生服务中心（站）、中心卫生院、乡镇卫生院、街道卫生院、门诊部、诊所、卫生所（站）、村卫生室（所）' },
    { n: 4, label: '独立设置的急救中心' },
    { n: 5, label: '安宁疗护中心、血液透析中心、护理院' },
    { n: 6, label: '养老机构内设的医疗机构' },
  ],
});

/** 国家医疗保障局令第2号 第六条: 基本条件 (同时具备). */
export const medicalConditions: Rule[] = [
  defineRule({
    ...checked, id: 'national.condition.min-operating-months', title: '正式运营至少3个月',
    cites: [ord2(6, { item: 1 })], appliesTo: ['medical'], params: ['operating.min.months'],
    check: (f, c) => {
      if (!f.operatingSince) return unknown('operatingSince');
      const m = c.param('operating.min.months');
      return fullMonths(f.operatingSince, m, c.asOf) ? PASS : fail(`正式运营不满${m}个月（自 ${f.operatingSince} 起）`);
    },
  }),
  defineRule({
    ...checked, id: 'national.condition.physician-registration', title: '至少有1名第一注册地在本机构、注册满3个月的医师',
    cites: [ord2(6, { item: 2 })], appliesTo: ['medical'], params: ['physician.min.count', 'physician.registered.min.months'],
    check: (f, c) => {
      if (!f.physicians) return unknown('physicians');
      const m = c.param('physician.registered.min.months');
      const n = c.param('physician.min.count');
      const ok = f.physicians.filter((p) => p.firstRegisteredHere && fullMonths(p.registeredSince, m, c.asOf)).length;
      return ok >= n ? PASS : fail(`第一注册地在本机构且注册满${m}个月的医师不足${n}名`);
    },
  }),
  defineRule({
    ...checked, id: 'national.condition.insurance-staff', title: '配备医保管理人员；100张床位以上设内部医保管理部门',
    cites: [ord2(6, { item: 3 })], appliesTo: ['medical'], params: ['beds.internalDept.threshold'],
    check: (f, c) => {
      if (f.hasInsuranceStaff === undefined || f.beds === undefined) return unknown('hasInsuranceStaff, beds');
      if (!f.hasInsuranceStaff) return fail('未配备专（兼）职医保管理人员');
      const t = c.param('beds.internalDept.threshold');
      if (f.beds >= t && !f.hasInternalInsuranceDept) return fail(`床位${f.beds}张（${t}张以上）但未设内部医保管理部门`);
      return PASS;
    },
  }),
  defineRule({
    ...cond, id: 'national.condition.management-rules', title: '具有符合医保协议管理要求的医保管理、财务、统计信息、医疗质量安全核心制度',
    cites: [ord2(6, { item: 4 })], appliesTo: ['medical'], note: '评估时由评估小组核查（第九条(四)）。',
  }),
  defineRule({
    ...cond, id: 'national.condition.information-system', title: '信息系统与医保信息系统有效对接，直接联网结算，使用国家统一医保编码',
    cites: [ord2(6, { item: 5 })], appliesTo: ['medical'], note: '评估时由评估小组核查（第九条(五)）。',
  }),
  defineRule({
    ...cond, id: 'national.condition.other', title: '符合法律法规和省级及以上医疗保障行政部门规定的其他条件',
    cites: [ord2(6, { item: 6 })], appliesTo: ['medical'],
  }),
];

/** 国家医疗保障局令第3号 第五条 as commonly cited (policy README) — verified: false. */
export const pharmacyConditions: Rule[] = [
  defineRule({
    ...checked, id: 'national.pharmacy.condition.min-operating-months', title: '在注册地址正式经营至少3个月',
    cites: [ord3(5, { item: 1 })], appliesTo: ['pharmacy'], params: ['pharmacy.operating.min.months'],
    check: (f, c) => {
      if (!f.operatingSince) return unknown('operatingSince');
      const m = c.param('pharmacy.operating.min.months');
      return fullMonths(f.operatingSince, m, c.asOf) ? PASS : fail(`在注册地址正式经营不满${m}个月`);
    },
  }),
  defineRule({
    ...checked, id: 'national.pharmacy.condition.pharmacist', title: '至少1名本地注册、签订1年以上劳动合同的执业药师',
    cites: [ord3(5, { item: 2 })], appliesTo: ['pharmacy'], params: ['pharmacy.pharmacists.min', 'pharmacy.contract.min.years'],
    check: (f, c) => {
      if (f.licensedPharmacistsWithContract === undefined) return unknown('licensedPharmacistsWithContract');
      const n = c.param('pharmacy.pharmacists.min');
      return f.licensedPharmacistsWithContract >= n
        ? PASS
        : fail(`签订${c.param('pharmacy.contract.min.years')}年以上劳动合同的执业药师不足${n}名`);
    },
  }),
  defineRule({
    ...checked, id: 'national.pharmacy.condition.insurance-staff', title: '至少2名签订1年以上劳动合同的医保管理人员',
    cites: [ord3(5, { item: 3 })], appliesTo: ['pharmacy'], params: ['pharmacy.insuranceStaff.min', 'pharmacy.contract.min.years'],
    check: (f, c) => {
      if (f.insuranceStaffWithContract === undefined) return unknown('insuranceStaffWithContract');
      const n = c.param('pharmacy.insuranceStaff.min');
      return f.insuranceStaffWithContract >= n ? PASS : fail(`医保管理人员不足${n}名`);
    },
  }),
  defineRule({
    ...cond, id: 'national.pharmacy.condition.gsp-storage', title: '按药品经营质量管理规范（GSP）分类储存，医保药品标识',
    cites: [ord3(5, { item: 4 })], appliesTo: ['pharmacy'],
  }),
  defineRule({
    ...cond, id: 'national.pharmacy.condition.management-rules', title: '具有医保管理、财务、人员、统计、结算等制度',
    cites: [ord3(5, { item: 5 })], appliesTo: ['pharmacy'],
  }),
  defineRule({
    ...cond, id: 'national.pharmacy.condition.information-system', title: '信息系统可直接联网结算，使用国家统一医保编码',
    cites: [ord3(5, { item: 6 })], appliesTo: ['pharmacy'],
  }),
];

/** 国家医疗保障局令第2号 第七条 (medical) and 令第3号 第六条 (pharmacy, unverified): 申请材料. */
export const nationalMaterials: Rule[] = [
  defineRule({
    kind: 'material', effective: { from: BASE_FROM }, id: 'national.material.medical', title: '医疗机构申请定点应提供的材料',
    cites: [ord2(7)], appliesTo: ['medical'],
    materials: [
      { id: 'application_form', label: '定点医疗机构申请表', cite: ord2(7, { item: 1 }) },
      { id: 'licence_copy', label: '医疗机构执业许可证或中医诊所备案证复印件', cite: ord2(7, { item: 2 }) },
      { id: 'internal_rules', label: '与医保政策对应的内部管理制度和财务制度文本', cite: ord2(7, { item: 3 }) },
      { id: 'information_system', label: '与医保有关的医疗机构信息系统相关材料', cite: ord2(7, { item: 4 }) },
      { id: 'fund_forecast', label: '纳入定点后使用医疗保障基金的预测性分析报告', cite: ord2(7, { item: 5 }) },
      { id: 'other', label: '省级医疗保障行政部门按相关规定要求提供的其他材料', cite: ord2(7, { item: 6 }), optional: true },
    ],
  }),
  defineRule({
    kind: 'material', effective: { from: BASE_FROM }, id: 'national.material.pharmacy', title: '零售药店申请定点应提供的材料',
    cites: [ord3(6)], appliesTo: ['pharmacy'],
    materials: [
      { id: 'application_form', label: '定点零售药店申请表', cite: ord3(6, { item: 1 }) },
      { id: 'licence_copy', label: '药品经营许可证、营业执照和法定代表人、企业负责人或实际控制人身份证复印件', cite: ord3(6, { item: 2 }) },
      { id: 'pharmacist_docs', label: '执业药师资格证书或药学技术人员相关证书及其劳动合同复印件', cite: ord3(6, { item: 3 }) },
      { id: 'insurance_staff_docs', label: '医保专（兼）职管理人员的劳动合同复印件', cite: ord3(6, { item: 4 }) },
      { id: 'internal_rules', label: '与医疗保障政策对应的内部管理制度和财务制度文本', cite: ord3(6, { item: 5 }) },
      { id: 'information_system', label: '与医保有关的信息系统相关材料', cite: ord3(6, { item: 6 }) },
      { id: 'fund_forecast', label: '纳入定点后使用医疗保障基金的预测性分析报告', cite: ord3(6, { item: 7 }) },
      { id: 'other', label: '省级医疗保障行政部门按相关规定要求提供的其他材料', cite: ord3(6, { item: 8 }), optional: true },
    ],
  }),
];
