import { defineRule, type Rule } from '../model';
import { checks } from './checks';
import { BASE_FROM, ord2, ord3 } from './cite';

const from = { from: BASE_FROM };
const screening = { kind: 'refusal' as const, stage: 'screening' as const, effective: from };

/** 国家医疗保障局令第2号 第十二条: 不予受理定点申请的九种情形 (medical institutions). */
export const medicalRefusals: Rule[] = [
  defineRule({
    ...screening, id: 'national.refusal.non-basic-scope', title: '以非基本医疗服务为主要执业范围的，不予受理',
    cites: [ord2(12, { item: 1 })], appliesTo: ['medical'], check: checks.nonBasicScope,
  }),
  defineRule({
    ...screening, id: 'national.refusal.price-policy', title: '基本医疗服务未执行医药价格政策的，不予受理',
    cites: [ord2(12, { item: 2 })], appliesTo: ['medical'], check: checks.priceViolation,
  }),
  defineRule({
    ...screening, id: 'national.refusal.unfulfilled-penalty', title: '未依法履行行政处罚责任的，不予受理',
    cites: [ord2(12, { item: 3 })], appliesTo: ['medical'], check: checks.unfulfilledPenalty,
  }),
  defineRule({
    ...screening, id: 'national.refusal.fraud-application', title: '以弄虚作假等不正当手段申请定点，自发现之日起未满3年的，不予受理',
    cites: [ord2(12, { item: 4 })], appliesTo: ['medical'], params: ['refusal.fraud.years'],
    check: checks.fraudApplication('refusal.fraud.years'),
  }),
  defineRule({
    ...screening, id: 'national.refusal.illegal-termination', title: '因违法违规被解除医保协议未满3年或未完全履行行政处罚法律责任的，不予受理',
    cites: [ord2(12, { item: 5 })], appliesTo: ['medical'], params: ['refusal.illegalTermination.years'],
    check: checks.terminatedIllegal('refusal.illegalTermination.years'),
  }),
  defineRule({
    ...screening, id: 'national.refusal.serious-breach-termination', title: '因严重违约被解除协议未满1年或未完全履行违约责任的，不予受理',
    cites: [ord2(12, { item: 6 })], appliesTo: ['medical'], params: ['refusal.seriousBreach.years'],
    check: checks.terminatedSeriousBreach('refusal.seriousBreach.years'),
  }),
  defineRule({
    ...screening, id: 'national.refusal.person-prior-termination', title: '法定代表人、主要负责人或实际控制人曾致原定点机构被解除协议未满5年的，不予受理',
    cites: [ord2(12, { item: 7 })], appliesTo: ['medical'], params: ['refusal.personTermination.years'],
    check: checks.personPriorTermination('refusal.personTermination.years'),
  }),
  defineRule({
    ...screening, id: 'national.refusal.person-dishonest', title: '法定代表人、主要负责人或实际控制人被列入失信人名单的，不予受理',
    cites: [ord2(12, { item: 8 })], appliesTo: ['medical'], check: checks.personDishonest,
  }),
  defineRule({
    kind: 'refusal', effective: from, id: 'national.refusal.other-by-law', title: '法律法规规定的其他不予受理的情形',
    cites: [ord2(12, { item: 9 })], appliesTo: ['medical'],
    note: '兜底条款，无法预先编码；由经办人员依据具体法律法规认定并记录理由。',
  }),
];

/**
 * 国家医疗保障局令第3号 第十一条: 零售药店不予受理的情形. The list is not reproduced in the project;
 * it is taken as commonly cited and marked verified: false.
 */
export const pharmacyRefusals: Rule[] = [
  defineRule({
    ...screening, id: 'national.pharmacy.refusal.unfulfilled-penalty', title: '未依法履行行政处罚责任的，不予受理',
    cites: [ord3(11, { item: 1 })], appliesTo: ['pharmacy'], check: checks.unfulfilledPenalty,
  }),
  defineRule({
    ...screening, id: 'national.pharmacy.refusal.fraud-application', title: '以弄虚作假等不正当手段申请定点，自发现之日起未满3年的，不予受理',
    cites: [ord3(11, { item: 2 })], appliesTo: ['pharmacy'], params: ['refusal.fraud.years'],
    check: checks.fraudApplication('refusal.fraud.years'),
  }),
  defineRule({
    ...screening, id: 'national.pharmacy.refusal.illegal-termination', title: '因违法违规被解除医保协议未满3年或未完全履行行政处罚法律责任的，不予受理',
    cites: [ord3(11, { item: 3 })], appliesTo: ['pharmacy'], params: ['refusal.illegalTermination.years'],
    check: checks.terminatedIllegal('refusal.illegalTermination.years'),
  }),
  defineRule({
    ...screening, id: 'national.pharmacy.refusal.serious-breach-termination', title: '因严重违约被解除协议未满1年或未完全履行违约责任的，不予受理',
    cites: [ord3(11, { item: 4 })], appliesTo: ['pharmacy'], params: ['refusal.seriousBreach.years'],
    check: checks.terminatedSeriousBreach('refusal.seriousBreach.years'),
  }),
  defineRule({
    ...screening, id: 'national.pharmacy.refusal.person-prior-termination', title: '法定代表人、企业负责人或实际控制人曾致原定点药店被解除协议未满5年的，不予受理',
    cites: [ord3(11, { item: 5 })], appliesTo: ['pharmacy'], params: ['refusal.personTermination.years'],
    check: checks.personPriorTermination('refusal.personTermination.years'),
  }),
  defineRule({
    ...screening, id: 'national.pharmacy.refusal.person-dishonest', title: '法定代表人、企业负责人或实际控制人被列入失信人名单的，不予受理',
    cites: [ord3(11, { item: 6 })], appliesTo: ['pharmacy'], check: checks.personDishonest,
  }),
];

/** 第九条: 整改3个月后可再次评估；仍不合格的，1年内不得再次申请. Applies to pharmacies alike (令第3号, unverified). */
export const reapplicationRules: Rule[] = [
  defineRule({
    ...screening, id: 'national.refusal.retry-after-failure', title: '评估不合格的，整改3个月后方可再次评估',
    cites: [ord2(9), ord3(undefined, { text: '程序与医疗机构相同' })], appliesTo: ['medical', 'pharmacy'],
    params: ['evaluation.retry.months'], check: checks.retryAfterFailure('evaluation.retry.months'),
    verified: true, note: '医疗机构出处已核；药店适用依政策说明（令第3号，未核）。',
  }),
  defineRule({
    ...screening, id: 'national.refusal.ban-after-second-failure', title: '再次评估仍不合格的，1年内不得再次申请',
    cites: [ord2(9), ord3(undefined, { text: '程序与医疗机构相同' })], appliesTo: ['medical', 'pharmacy'],
    params: ['evaluation.ban.years'], check: checks.banAfterSecondFailure('evaluation.ban.years'),
    verified: true, note: '医疗机构出处已核；药店适用依政策说明（令第3号，未核）。',
  }),
];
