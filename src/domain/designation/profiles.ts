/**
 * What differs between regions, as data with citations — never `if (region)` in the code.
 * Numbers a region's text leaves open are null (no such deadline) rather than borrowed from
 * another region; values not found in the texts are marked verified: false.
 */
import type { InstitutionKind } from '../registry/enums';
import type { InspectionItemId, InspectionMode } from './application';
import type { DocId } from '../policy/documents';
import { BJ, citesFor, JL, nat, natUnlocated, ownCites, YN, ZZQ, type CitationLayers, type Cite } from './cite';
import { DEADLINES, type DeadlineId, type ParamKey, type ParamSource } from './deadlines';
import type { Specialty } from './panel';
import type { VotingRule } from './scoring';
import { param, paramDetail, resolveProfile, type LocalValue, type ResolvedParam } from '../policy/resolve';
import type { AgencyLevel, Stage } from './states';

export interface Cited<T> {
  value: T;
  cites: Cite[];
  note?: string;
}

export interface ParamValue {
  value: number | null;
  cites: Cite[];
  note?: string;
  /**
   * the dated, cited policy parameter the number is read from (src/domain/policy, the profile's
   * policyProfileId), times `scale` (years → months); absent only for a null (no such limit) or
   * an internal management number (`internal`) — the meta-test params-meta.test.ts holds to it
   */
  policy?: { key: string; scale?: number };
  /** not a legal number: an agency's own management setting (e.g. how early to warn) */
  internal?: true;
}

export interface WorkflowProfile extends CitationLayers {
  id: string;
  name: string;
  /** the policy profile (src/domain/policy/profiles.ts) this workflow profile runs */
  policyProfileId: string;
  /** GB/T 2260; null for the national baseline and the autonomous region's draft (region not named) */
  regionCode: string | null;
  /** the regional (or draft) documents it may cite besides the national orders (decision 0015) */
  documents: readonly DocId[];
  /** what requires the public pages: 申请条件与材料, 评估标准和流程 */
  publicBasis: { conditions: Cite[]; standards: Cite[] };
  /** which agency levels act at a stage; a stage left out is done by the agency of the territory (属地) at any level */
  stageAgency: Cited<Partial<Record<Stage, AgencyLevel[]>>>;
  /** 随时受理、集中评估: accepted applications wait for a batch */
  batchEvaluation: Cited<boolean>;
  /** the 第十三条 situations make an on-site inspection compulsory */
  mandatoryInspection: Cited<boolean>;
  inspectionModes: Cited<InspectionMode[]>;
  /** what an inspection record must cover, item by item; null = a free-text record */
  inspectionChecklist: Cited<InspectionChecklistItem[] | null>;
  /** the inspectors are drawn from the evaluation panel (a third party inspects with its own staff) */
  inspectorsFromPanel: Cited<boolean>;
  /**
   * 材料齐全的办理签收: 受理 only with every required material uploaded; a missing one is asked
   * for by the 一次性告知, which must list every one still missing (decision 0016)
   */
  completeMaterials: Cited<boolean>;
  /** an applicant adding a payment category needs a recorded 违规性审核 before acceptance */
  violationReviewForAddCategory: Cited<boolean>;
  /** a panel's result needs the recorded policy study and the 承办部门's report */
  evaluationBriefing: Cited<boolean>;
  panelSpecialties: Cited<Record<'medical' | 'pharmacy' | 'ltc', Specialty[]>>;
  thirdPartyAllowed: Cited<boolean>;
  voting: Cited<VotingRule>;
  allMembersSign: Cited<boolean>;
  /** scoring sheet per institution kind */
  sheets: Cited<Partial<Record<InstitutionKind, string>>>;
  complaintCancelsNegotiation: Cited<boolean>;
  negotiationRecordRequired: Cited<boolean>;
  /** same-city mutual recognition of results, and for which service categories; null = none */
  mutualRecognition: Cited<{ categories: string[] } | null>;
  /**
   * 不予受理 is decided by the agency's head (经办机构负责人), not any officer; absent = false (none of
   * the texts requires it; decision 0024)
   */
  refusalHeadDecision?: Cited<boolean>;
  params: Record<ParamKey, ParamValue>;
}

export interface InspectionChecklistItem {
  id: InspectionItemId;
  label: string;
}

/** 云医保〔2022〕6号 第十三条 现场核查主要查看 1–5. */
const YN_INSPECTION_CHECKLIST: InspectionChecklistItem[] = [
  { id: 'trial_operation', label: '医药机构试运营情况' },
  { id: 'staffing', label: '人员配备、执业资质和服务项目情况' },
  { id: 'information_system', label: '信息系统技术、接口标准和设备配置情况' },
  { id: 'core_rules', label: '核心管理制度搭建情况' },
  { id: 'other', label: '其他需要核查的内容' },
];

const v = (value: number | null, cites: Cite[], note?: string): ParamValue => (note ? { value, cites, note } : { value, cites });
const warn: ParamValue = { ...v(10, [], '提前提醒天数为经办内部管理参数（自然日），非规范性文件规定'), internal: true };

/** The date the static `value` of a policy-backed number is read on (the latest value); steps read theirs on their own day (`profileParams(profile, asOf)`). */
const LATEST = '2099-12-31';

/**
 * A workflow number read from the policy profile's dated, cited parameter `key` (× `scale`), shown
 * with the workflow's citations (which include the parameter's own).
 */
const fromPolicy = (policyProfileId: string) => (key: string, cites: Cite[], opts: { scale?: number; note?: string } = {}): ParamValue => {
  const scale = opts.scale ?? 1;
  return {
    ...v(param(policyProfileId, key, LATEST) * scale, cites, opts.note),
    policy: scale === 1 ? { key } : { key, scale },
  };
};
const yn = fromPolicy('yunnan');
const bj = fromPolicy('beijing');
const jlp = fromPolicy('jilin');
const natp = fromPolicy('national');

export const YUNNAN: WorkflowProfile = {
  id: 'yunnan-2022', name: '云南省（云医保〔2022〕6号）', policyProfileId: 'yunnan', regionCode: '530000',
  documents: [YN, '云人社发〔2016〕308号'],
  publicBasis: { conditions: [{ doc: YN, article: 7 }], standards: [{ doc: YN, article: 6, clause: 2 }, { doc: YN, article: 7 }, { doc: YN, article: 11 }] },
  stageAgency: { value: {}, cites: [{ doc: YN, article: 3 }, { doc: YN, article: 11 }] },
  batchEvaluation: { value: false, cites: [{ doc: YN, article: 8 }] },
  mandatoryInspection: { value: true, cites: [{ doc: YN, article: 13 }] },
  inspectionModes: { value: ['written', 'on_site'], cites: [{ doc: YN, article: 11 }] },
  inspectionChecklist: { value: YN_INSPECTION_CHECKLIST, cites: [{ doc: YN, article: 13 }], note: '现场核查主要查看1–5项，逐项记录核查情况及是否符合' },
  inspectorsFromPanel: { value: true, cites: [{ doc: YN, article: 13 }], note: '现场核查从评估小组中抽取人员承担' },
  completeMaterials: { value: true, cites: [{ doc: YN, article: 9 }], note: '对材料齐全的办理签收；对资料不全的，一次性告知医药机构补充' },
  violationReviewForAddCategory: { value: true, cites: [{ doc: YN, article: 10 }], note: '对申请增加支付类别的医药机构开展违规性审核' },
  evaluationBriefing: {
    value: true, cites: [{ doc: YN, article: 14, item: 1, point: 1 }, { doc: YN, article: 14, item: 1, point: 2 }],
    note: '组织学习政策规定和纪律要求；承办部门汇报基本情况、材料审核、违规审查、现场核查和需要重点说明的情况',
  },
  panelSpecialties: {
    value: {
      medical: ['medical_insurance', 'medicine_health', 'information_technology', 'law', 'finance'],
      pharmacy: ['medical_insurance', 'medicine_health', 'information_technology', 'law', 'finance'],
      ltc: ['medical_insurance', 'elderly_care', 'information_technology', 'law', 'finance'],
    },
    cites: [{ doc: YN, article: 11 }],
    note: '第十一条未涉及长期护理机构；长期护理机构以养老护理专业替代医药卫生（本系统设定，待统筹地区确认）',
  },
  thirdPartyAllowed: { value: true, cites: [{ doc: YN, article: 11 }] },
  voting: { value: 'optional', cites: [{ doc: YN, article: 14, item: 1, point: 3 }] },
  allMembersSign: { value: false, cites: [{ doc: YN, article: 14, item: 1, point: 3 }], note: '形成会议纪要，未要求全体签字' },
  sheets: { value: { medical: 'yn-2022-checklist', pharmacy: 'yn-2022-checklist', ltc: 'yn-2022-checklist' }, cites: [{ doc: YN, article: 14, item: 2 }] },
  complaintCancelsNegotiation: { value: false, cites: [{ doc: YN, article: 15 }], note: '认真调查核实，稳妥处理' },
  negotiationRecordRequired: { value: true, cites: [{ doc: YN, article: 16 }] },
  mutualRecognition: { value: null, cites: [{ doc: YN, article: 10 }], note: '同城互认只作函询审核，不免评估' },
  params: {
    'notice.supplement.workdays': yn('notice.supplement.workdays', [{ doc: YN, article: 9 }]),
    'evaluation.limit.months': yn('evaluation.limit.months', [{ doc: YN, article: 8 }, nat(9)], { note: '第八条只要求限时办结；3个月取自国家医疗保障局令第2号' }),
    'evaluation.warn.days': warn,
    'publicity.publish.workdays': yn('publish.workdays', [{ doc: YN, article: 15 }]),
    'publicity.duration.workdays': yn('publicity.workdays', [{ doc: YN, article: 15 }]),
    'negotiation.window.workdays': yn('negotiation.afterPublicity.workdays', [{ doc: YN, article: 16 }]),
    'signing.limit.workdays': yn('signing.limit.workdays', [{ doc: YN, article: 18, verified: false }], { note: '“规定时限”由统筹地区确定；20个工作日为示例值，待统筹地区确认' }),
    'filing.workdays': yn('filing.workdays', [{ doc: YN, article: 19 }]),
    'activation.workdays': yn('activation.workdays', [{ doc: YN, article: 20 }]),
    'reevaluation.wait.months': yn('evaluation.retry.months', [{ doc: YN, article: 14, item: 3 }]),
    'reapplication.ban.months': yn('evaluation.ban.years', [{ doc: YN, article: 14, item: 3 }], { scale: 12 }),
  },
};

export const BEIJING: WorkflowProfile = {
  id: 'beijing-2021', name: '北京市（京医保发〔2021〕30号）', policyProfileId: 'beijing', regionCode: '110000',
  documents: [BJ],
  publicBasis: { conditions: [{ doc: BJ, article: 7 }, { doc: BJ, article: 8 }], standards: [{ doc: BJ, article: 9 }] },
  stageAgency: {
    value: { acceptance: ['county'], panel: ['province', 'county'], result: ['province'], signing: ['province'] },
    cites: [{ doc: BJ, article: 3 }, { doc: BJ, article: 8 }, { doc: BJ, article: 9 }, { doc: BJ, article: 10 }],
    note: '区经办机构受理；市经办机构评估（可委托区经办机构组织评估小组）、确定结果并签订协议',
  },
  batchEvaluation: { value: false, cites: [{ doc: BJ, article: 8 }] },
  mandatoryInspection: { value: false, cites: [{ doc: BJ, article: 9 }] },
  inspectionModes: { value: ['written', 'on_site'], cites: [{ doc: BJ, article: 9 }] },
  inspectionChecklist: { value: null, cites: [{ doc: BJ, article: 9 }], note: '评估内容见评分表（第九条(一)–(五)），现场核查无逐项清单' },
  inspectorsFromPanel: { value: false, cites: [{ doc: BJ, article: 9 }] },
  completeMaterials: { value: true, cites: [{ doc: BJ, article: 8 }], note: '对申请材料内容不全的，一次性告知医疗机构补充' },
  violationReviewForAddCategory: { value: false, cites: [{ doc: BJ, article: 8 }] },
  evaluationBriefing: { value: false, cites: [{ doc: BJ, article: 9 }] },
  panelSpecialties: {
    value: {
      medical: ['medical_insurance', 'medicine_health', 'finance', 'information_technology'],
      pharmacy: ['medical_insurance', 'medicine_health', 'finance', 'information_technology'],
      ltc: ['medical_insurance', 'elderly_care', 'finance', 'information_technology'],
    },
    cites: [{ doc: BJ, article: 9 }],
  },
  thirdPartyAllowed: { value: true, cites: [{ doc: BJ, article: 9 }] },
  voting: { value: 'optional', cites: [{ doc: BJ, article: 9 }] },
  allMembersSign: { value: false, cites: [{ doc: BJ, article: 9 }] },
  sheets: { value: { medical: 'bj-2021-checklist' }, cites: [{ doc: BJ, article: 9 }] },
  complaintCancelsNegotiation: { value: false, cites: [{ doc: BJ, article: 9 }] },
  negotiationRecordRequired: { value: true, cites: [{ doc: BJ, article: 10 }] },
  mutualRecognition: { value: null, cites: [{ doc: BJ, article: 3 }] },
  params: {
    'notice.supplement.workdays': bj('notice.supplement.workdays', [{ doc: BJ, article: 8 }]),
    'evaluation.limit.months': bj('evaluation.limit.months', [{ doc: BJ, article: 9 }]),
    'evaluation.warn.days': warn,
    'publicity.publish.workdays': v(null, [{ doc: BJ, article: 9 }], '未规定公示发布时限'),
    'publicity.duration.workdays': v(null, [{ doc: BJ, article: 9 }], '未规定公示期；由经办人结束公示'),
    'negotiation.window.workdays': v(null, [{ doc: BJ, article: 10 }]),
    'signing.limit.workdays': v(null, [{ doc: BJ, article: 10 }]),
    'filing.workdays': v(null, [{ doc: BJ, article: 10 }], '向市医疗保障行政部门备案，未规定时限'),
    'activation.workdays': v(null, [{ doc: BJ, article: 10 }]),
    'reevaluation.wait.months': bj('evaluation.retry.months', [{ doc: BJ, article: 9 }]),
    'reapplication.ban.months': bj('evaluation.ban.years', [{ doc: BJ, article: 9 }], { scale: 12 }),
  },
};

export const JILIN: WorkflowProfile = {
  id: 'jilin-2023', name: '吉林省（吉医保规〔2023〕1号）', policyProfileId: 'jilin', regionCode: '220000',
  documents: [JL],
  publicBasis: { conditions: [{ doc: JL, article: 8 }, { doc: JL, article: 10 }, { doc: JL, article: 12 }], standards: [{ doc: JL, article: 12 }, { doc: JL, article: 13 }, { doc: JL, article: 16 }] },
  stageAgency: { value: {}, cites: [{ doc: JL, article: 5 }, { doc: JL, article: 6 }], note: '属地管理，可授权县级经办机构' },
  batchEvaluation: { value: true, cites: [{ doc: JL, article: 12 }] },
  mandatoryInspection: { value: false, cites: [{ doc: JL, article: 14 }] },
  inspectionModes: { value: ['written', 'on_site', 'video'], cites: [{ doc: JL, article: 14 }] },
  inspectionChecklist: { value: null, cites: [{ doc: JL, article: 13 }], note: '评估内容见评分表（第十三条、第十七条）' },
  inspectorsFromPanel: { value: false, cites: [{ doc: JL, article: 14 }, { doc: JL, article: 15 }] },
  completeMaterials: {
    value: true, cites: [{ doc: JL, article: 10 }, nat(8)],
    note: '第十条：提供国家医疗保障局令第2号、第3号规定的材料；材料不全一次性告知补充取自令第2号',
  },
  violationReviewForAddCategory: { value: false, cites: [{ doc: JL, article: 10 }], note: '增加服务类别的具体办法由统筹区确定' },
  evaluationBriefing: { value: false, cites: [{ doc: JL, article: 16 }] },
  panelSpecialties: {
    value: {
      medical: ['medical_insurance', 'medicine_health', 'finance', 'information_technology'],
      pharmacy: ['medical_insurance', 'medicine_health', 'finance', 'information_technology'],
      ltc: ['medical_insurance', 'elderly_care', 'finance', 'information_technology'],
    },
    cites: [{ doc: JL, article: 15 }],
  },
  thirdPartyAllowed: { value: true, cites: [{ doc: JL, article: 15 }] },
  voting: { value: 'none', cites: [{ doc: JL, article: 16 }], note: '量化赋分确定结果' },
  allMembersSign: { value: true, cites: [{ doc: JL, article: 18 }] },
  sheets: {
    value: { medical: 'jl-2023-medical', pharmacy: 'jl-2023-medical', ltc: 'jl-2023-ltc' },
    cites: [{ doc: JL, article: 16 }, { doc: JL, article: 17 }],
  },
  complaintCancelsNegotiation: { value: true, cites: [{ doc: JL, article: 19 }] },
  negotiationRecordRequired: { value: true, cites: [{ doc: JL, article: 21 }] },
  mutualRecognition: {
    value: { categories: ['general_outpatient', 'inpatient', 'pharmacy_purchase'] },
    cites: [{ doc: JL, article: 7 }],
    note: '省本级与长春市、延边州本级与延吉市互认普通门诊（普通药店购药）、住院服务的评估结果',
  },
  params: {
    'notice.supplement.workdays': jlp('notice.supplement.workdays', [{ doc: JL, article: 36 }, nat(8)], { note: '第三十六条：本规程未提及的按国家医疗保障局令第2号执行；5个工作日一次性告知取自令第2号第八条' }),
    'evaluation.limit.months': jlp('evaluation.limit.months', [{ doc: JL, article: 20 }]),
    'evaluation.warn.days': warn,
    'publicity.publish.workdays': v(null, [{ doc: JL, article: 19 }]),
    'publicity.duration.workdays': v(null, [{ doc: JL, article: 19 }], '未规定公示期；由经办人结束公示'),
    'negotiation.window.workdays': v(null, [{ doc: JL, article: 21 }]),
    'signing.limit.workdays': v(null, [{ doc: JL, article: 22 }]),
    'filing.workdays': v(null, [{ doc: JL, article: 18 }]),
    'activation.workdays': v(null, [{ doc: JL, article: 22 }]),
    'reevaluation.wait.months': jlp('evaluation.retry.months', [{ doc: JL, article: 20 }]),
    'reapplication.ban.months': jlp('evaluation.ban.years', [{ doc: JL, article: 20 }], { scale: 12 }),
  },
};

const none = (cites: Cite[], note?: string): ParamValue => v(null, cites, note ?? '国家医疗保障局令第2号未规定该时限');

/**
 * The national baseline (国家医疗保障局令第2号; 第3号 for pharmacies mirrors it, unverified): the
 * procedure the regional texts restate, with only the limits the order itself sets. 公示期,
 * negotiation window, signing limit, filing and activation limits: none (null), never a region's.
 */
export const NATIONAL: WorkflowProfile = {
  id: 'national-2020', name: '国家基线（国家医疗保障局令第2号、第3号）', policyProfileId: 'national', regionCode: null,
  documents: [],
  publicBasis: { conditions: [nat(7), nat(8)], standards: [nat(9)] },
  stageAgency: { value: {}, cites: [nat(7)], note: '向统筹地区经办机构申请，由其受理、评估和签约' },
  batchEvaluation: { value: false, cites: [nat(8)], note: '即时受理' },
  mandatoryInspection: { value: false, cites: [nat(9)] },
  inspectionModes: { value: ['written', 'on_site'], cites: [nat(9)] },
  inspectionChecklist: { value: null, cites: [nat(9)], note: '评估内容见核查表（第九条(一)–(五)）' },
  inspectorsFromPanel: { value: false, cites: [nat(9)] },
  completeMaterials: { value: true, cites: [nat(8)], note: '材料不全的，一次性告知补充；材料齐全方可受理' },
  violationReviewForAddCategory: { value: false, cites: [nat(8)] },
  evaluationBriefing: { value: false, cites: [nat(9)] },
  panelSpecialties: {
    value: {
      medical: ['medical_insurance', 'medicine_health', 'finance', 'information_technology'],
      pharmacy: ['medical_insurance', 'medicine_health', 'finance', 'information_technology'],
      ltc: ['medical_insurance', 'elderly_care', 'finance', 'information_technology'],
    },
    cites: [nat(9)],
  },
  thirdPartyAllowed: { value: true, cites: [nat(9)] },
  voting: { value: 'optional', cites: [nat(9)] },
  allMembersSign: { value: false, cites: [nat(9)] },
  sheets: { value: { medical: 'nhsa-2020-medical-checklist', pharmacy: 'nhsa-2020-pharmacy-checklist' }, cites: [nat(9)] },
  complaintCancelsNegotiation: { value: false, cites: [nat(9)] },
  negotiationRecordRequired: { value: false, cites: [nat(10)] },
  mutualRecognition: { value: null, cites: [nat(7)] },
  params: {
    'notice.supplement.workdays': natp('notice.supplement.workdays', [nat(8)]),
    'evaluation.limit.months': natp('evaluation.limit.months', [nat(9)]),
    'evaluation.warn.days': warn,
    'publicity.publish.workdays': none([nat(9)]),
    'publicity.duration.workdays': none([nat(9)], '未规定公示期；由经办人结束公示'),
    'negotiation.window.workdays': none([nat(10)]),
    'signing.limit.workdays': none([nat(10)]),
    'filing.workdays': none([nat(10)]),
    'activation.workdays': none([natUnlocated('签订医保协议后开通医保结算')], '未规定开通时限'),
    'reevaluation.wait.months': natp('evaluation.retry.months', [nat(9)]),
    'reapplication.ban.months': natp('evaluation.ban.years', [nat(9)], { scale: 12 }),
  },
};

/**
 * 自治区医保局〔2025〕征求意见稿 (draft): an agreement-management notice over the national procedure.
 * It adds the recorded negotiation (一(二)), the template and its study (一(三)) and the public
 * standards (一(一)); every limit stays the national one — none borrowed from a province.
 */
export const ZIZHIQU_DRAFT: WorkflowProfile = {
  ...NATIONAL,
  id: 'zizhiqu-2025-draft', name: '自治区 2025 协议管理通知（征求意见稿）', policyProfileId: 'zizhiqu-2025-draft', regionCode: null,
  documents: [ZZQ],
  publicBasis: { conditions: [nat(7), nat(8)], standards: [{ doc: ZZQ, part: 1, item: 1 }] },
  negotiationRecordRequired: { value: true, cites: [{ doc: ZZQ, part: 1, item: 2 }] },
};

export const PROFILES: readonly WorkflowProfile[] = [NATIONAL, YUNNAN, BEIJING, JILIN, ZIZHIQU_DRAFT];

/** The workflow profile of a policy profile; the national baseline when none is written for it. */
export function workflowProfileOf(policyProfileId: string | null | undefined): WorkflowProfile {
  return PROFILES.find((w) => w.policyProfileId === policyProfileId) ?? NATIONAL;
}

/**
 * The citations of a deadline under a profile: the profile's own parameter citations (its value's
 * article), else the deadline's shared citations resolved to the profile's layers.
 */
export function deadlineCites(profile: WorkflowProfile, id: DeadlineId): Cite[] {
  const spec = DEADLINES[id];
  const own = ownCites(profile, profile.params[spec.paramKey].cites);
  return own.length > 0 ? own : citesFor(profile, spec.cites);
}

/**
 * A workflow number on `asOf`: the policy parameter behind it as in force that day (× its scale),
 * with the pooling region's own value when it set one (`local`, decision 0031), else — no `asOf`,
 * or no value yet in force — the profile's latest value.
 */
export function paramOn(profile: WorkflowProfile, key: ParamKey, asOf?: string, local: readonly LocalValue[] = []): number | null {
  const p = profile.params[key];
  if (!asOf || !p.policy || p.value === null) return p.value;
  const d = localDetail(profile, key, asOf, local);
  return d ? d.value * (p.policy.scale ?? 1) : p.value;
}

/** The policy parameter behind a workflow number on `asOf`, with the layer it came from. */
export function localDetail(profile: WorkflowProfile, key: ParamKey, asOf: string, local: readonly LocalValue[] = []): ResolvedParam | undefined {
  const p = profile.params[key];
  if (!p.policy) return undefined;
  return local.length ? resolveProfile(profile.policyProfileId, asOf, local).params.get(p.policy.key) : paramDetail(profile.policyProfileId, p.policy.key, asOf);
}

/**
 * The profile's parameter values (on `asOf`, from the dated policy parameters, over the pooling
 * region's layer `local`) as a ParamSource, each deadline with the profile's citations — or, for a
 * value the pooling region set, the delegating article with the region's 文号.
 */
export function profileParams(profile: WorkflowProfile, asOf?: string, local: readonly LocalValue[] = []): ParamSource {
  return {
    get: (key) => paramOn(profile, key, asOf, local),
    cites: (key) => {
      const d = asOf && local.length ? localDetail(profile, key, asOf, local) : undefined;
      if (d?.local) return [d.cite];
      const spec = Object.values(DEADLINES).find((d) => d.paramKey === key);
      return spec ? deadlineCites(profile, spec.id) : ownCites(profile, profile.params[key].cites);
    },
  };
}

export function panelSpecialtiesFor(profile: WorkflowProfile, kind: InstitutionKind): Specialty[] {
  const group = kind === 'ltc' ? 'ltc' : kind === 'pharmacy' ? 'pharmacy' : 'medical';
  return profile.panelSpecialties.value[group];
}
