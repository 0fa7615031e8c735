/**
 * Scoring sheets as profile data. The checklists copy the articles' evaluation content item by
 * item; the Jilin point weights are not in the text (第十六条 only requires 量化赋分 on 基本情况、
 * 服务能力、内部管理) and are marked verified: false until the region publishes its standard
 * (自治区医保局〔2025〕征求意见稿 一(一): the standards must be public).
 */
import { BJ, JL, nat, NHSA3, YN, type Cite } from './cite';
import type { ScoringItem, ScoringSheet } from './scoring';

const check = (id: string, title: string, cites: Cite[]): ScoringItem => ({ id, title, maxPoints: 1, vetoBelow: 1, cites });

const checklist = (id: string, title: string, items: ScoringItem[], cites: Cite[]): ScoringSheet => ({
  id, version: '1', title, items, passThreshold: items.length, cites,
});

export const YUNNAN_CHECKLIST = checklist('yn-2022-checklist', '云南省定点评估核查表', [
  check('conditions', '符合国家医疗保障局令第2号、第3号规定的定点申请条件', [{ doc: YN, article: 14, item: 2, point: 1 }]),
  check('capability', '资质、等级、能力和资源配置与申请的医保支付类别相符', [{ doc: YN, article: 14, item: 2, point: 2 }]),
  check('not_failed_within_year', '不属于评估不合格整改后仍不合格未超过1年的情形', [{ doc: YN, article: 14, item: 2, point: 3 }]),
  check('no_substitute_person', '法定代表人、主要负责人或实际控制人不是替代被解除协议未满5年的人员', [{ doc: YN, article: 14, item: 2, point: 4 }]),
], [{ doc: YN, article: 14, item: 2 }]);

export const BEIJING_CHECKLIST = checklist('bj-2021-checklist', '北京市医疗机构定点评估核查表', [
  check('licence', '执业许可证或中医诊所备案证或军队医疗机构为民服务许可证', [{ doc: BJ, article: 9, item: 1 }]),
  check('staff', '专业技术人员执业信息和医师第一注册地信息', [{ doc: BJ, article: 9, item: 2 }]),
  check('facilities', '与服务功能相适应的基础设施和仪器设备', [{ doc: BJ, article: 9, item: 3 }]),
  check('rules', '与医保政策对应的内部管理制度和财务制度、医疗机构评审结果', [{ doc: BJ, article: 9, item: 4 }]),
  check('it', '信息系统具备直接联网结算条件', [{ doc: BJ, article: 9, item: 5 }]),
], [{ doc: BJ, article: 9 }]);

const unverified = (c: Cite): Cite => ({ ...c, verified: false });

/** 国家医疗保障局令第2号 第九条 评估内容(一)–(五) (attested by 吉医保规〔2023〕1号 第十三条, repeated by 京医保发〔2021〕30号 第九条). */
export const NATIONAL_MEDICAL_CHECKLIST = checklist('nhsa-2020-medical-checklist', '医疗机构定点评估核查表（国家医疗保障局令第2号）', [
  check('licence', '医疗机构执业许可证或中医诊所备案证', [nat(9, 1)]),
  check('staff', '专业技术人员执业信息和医师第一注册地信息', [nat(9, 2)]),
  check('facilities', '与服务功能相适应的基础设施和仪器设备', [nat(9, 3)]),
  check('rules', '与医保政策对应的内部管理制度和财务制度、卫生健康部门评审结果', [nat(9, 4)]),
  check('it', '信息系统具备直接联网结算条件', [nat(9, 5)]),
], [nat(9)]);

/** 国家医疗保障局令第3号 第八条 (cited by 吉医保规〔2023〕1号 第十三条); its items are not held in the project: one item, unverified. */
export const NATIONAL_PHARMACY_CHECKLIST = checklist('nhsa-2020-pharmacy-checklist', '零售药店定点评估核查表（国家医疗保障局令第3号）', [
  check('content', '符合国家医疗保障局令第3号规定的评估内容', [unverified({ doc: NHSA3, article: 8 })]),
], [unverified({ doc: NHSA3, article: 8 })]);

export const JILIN_MEDICAL_SHEET: ScoringSheet = {
  id: 'jl-2023-medical', version: '1', title: '吉林省定点医药机构评估量化赋分表（示例权重）',
  items: [
    { id: 'basics', title: '基本情况', maxPoints: 30, cites: [unverified({ doc: JL, article: 16 })] },
    { id: 'capability', title: '服务能力', maxPoints: 40, cites: [unverified({ doc: JL, article: 16 })] },
    { id: 'management', title: '内部管理', maxPoints: 20, cites: [unverified({ doc: JL, article: 16 })] },
    { id: 'it', title: '信息系统具备直接联网结算条件', maxPoints: 10, vetoBelow: 10, cites: [unverified({ doc: JL, article: 13 })] },
  ],
  passThreshold: 60,
  cites: [unverified({ doc: JL, article: 16 })],
};

/**
 * 吉医保规〔2023〕1号 第十七条(一)–(五) names what is reviewed; the point values are examples (the text
 * gives none), so every item is verified: false like the medical sheet's (issue #8).
 */
export const JILIN_LTC_SHEET: ScoringSheet = {
  id: 'jl-2023-ltc', version: '1', title: '吉林省长期护理保险定点机构评估量化赋分表（示例权重）',
  items: [
    { id: 'licences', title: '许可证、营业执照、法人证书、法定代表人身份证', maxPoints: 20, vetoBelow: 20, cites: [unverified({ doc: JL, article: 17, item: 1 })] },
    { id: 'staff', title: '工作人员资格证书、注册证、劳动合同及参保证明', maxPoints: 20, cites: [unverified({ doc: JL, article: 17, item: 2 })] },
    { id: 'premises', title: '服务场所与基础设施', maxPoints: 20, cites: [unverified({ doc: JL, article: 17, item: 3 })] },
    { id: 'rules', title: '内部管理制度和运营制度', maxPoints: 20, cites: [unverified({ doc: JL, article: 17, item: 4 })] },
    { id: 'it', title: '信息系统具备直接联网结算条件', maxPoints: 20, vetoBelow: 20, cites: [unverified({ doc: JL, article: 17, item: 5 })] },
  ],
  passThreshold: 60,
  cites: [{ doc: JL, article: 17 }, unverified({ doc: JL, article: 16 })],
};

export const SHEETS: Record<string, ScoringSheet> = Object.fromEntries(
  [YUNNAN_CHECKLIST, BEIJING_CHECKLIST, JILIN_MEDICAL_SHEET, JILIN_LTC_SHEET, NATIONAL_MEDICAL_CHECKLIST, NATIONAL_PHARMACY_CHECKLIST].map((s) => [s.id, s]),
);
