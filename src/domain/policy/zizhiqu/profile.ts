import type { Citation } from '../citation';
import { checks } from '../national/checks';
import { defineRule, fail, PASS, restate, unknown, type ParamDef, type Profile, type Rule } from '../model';
import { medicalRefusals, pharmacyRefusals } from '../national/refusals';
import { docEffectiveFrom } from '../documents';

/**
 * 自治区医保局关于进一步加强医疗保障定点医药机构协议管理的通知（征求意见稿）, 2025. A draft: no 文号,
 * no 施行 date, region not named. Previewed as if in force from the document's assumed date.
 */
const DOC = '自治区医保局〔2025〕征求意见稿' as const;
export const ZZ_FROM = docEffectiveFrom(DOC);
const zz = (part: number, loc: Omit<Citation, 'doc' | 'part' | 'article'> = {}): Citation => ({ doc: DOC, part, ...loc });
const eff = { from: ZZ_FROM };
const both = ['medical', 'pharmacy'] as const;
const own = (key: string, label: string, unit: ParamDef['unit'], value: number, cite: Citation): ParamDef => ({
  key, label, unit, values: [{ from: ZZ_FROM, value, cite }],
});
const pick = (rules: Rule[], id: string) => rules.find((r) => r.id === id)!;

const added: Rule[] = [
  defineRule({
    kind: 'procedure', effective: eff, id: 'zizhiqu.procedure.public-standards', title: '向社会公开新增定点及续签协议的评估标准和流程',
    cites: [zz(1, { item: 1 })], appliesTo: [...both],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'zizhiqu.procedure.recorded-negotiation', title: '协议签订前就服务内容、支付方式、结算标准等核心条款协商，协商过程记录在案',
    cites: [zz(1, { item: 2 })], appliesTo: [...both],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'zizhiqu.procedure.agreement-template', title: '全区统一协议范本，分统筹地区可补充细化但不得与上位文件及范本相冲突',
    cites: [zz(1, { item: 3 })], appliesTo: [...both],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'zizhiqu.procedure.online-signing', title: '协议线上签订，网签率达到90%以上',
    cites: [zz(1, { item: 4 })], appliesTo: [...both], params: ['online.signing.minRatio'],
  }),
  defineRule({
    kind: 'renewal', effective: eff, id: 'zizhiqu.renewal.annual-evaluation', title: '每年全面评估履约情况；不符合资源配置、协议管理要求的不纳入续签范围',
    cites: [zz(2)], appliesTo: [...both],
  }),
  defineRule({
    kind: 'renewal', effective: eff, id: 'zizhiqu.renewal.deferral', title: '集中签约期内暂缓签订（缓签）的情形',
    cites: [zz(2, { item: 1 })], appliesTo: [...both],
    items: [
      { n: 1, label: '超过集中签约期仍处于中止医保服务协议状态的' },
      { n: 2, label: '发生信息变更，需综合考量、重新核定的' },
      { n: 3, label: '已做出行政或协议处理决定未执行或未整改到位的' },
      { n: 4, label: '法律法规规定或医保服务协议约定的其它情形' },
    ],
  }),
  defineRule({
    kind: 'termination', effective: eff, id: 'zizhiqu.termination.no-renewal', title: '不再签订协议的情形',
    cites: [zz(2, { item: 2 })], appliesTo: [...both], params: ['suspension.requested.maxDays'],
    items: [
      { n: 1, label: '相关证照被吊销、注销的' },
      { n: 2, label: '相关证照超过有效期的' },
      { n: 3, label: '上年度协议期内未发生医保结算费用的' },
      { n: 4, label: '主动提出解除医保服务协议的' },
      { n: 5, label: '因自身原因未按时签订年度医保协议的' },
      { n: 6, label: '依申请中止超过180日仍未提出继续履行申请的' },
      { n: 7, label: '不再符合本统筹区定点确定条件和评估要求的' },
      { n: 8, label: '未落实追溯码扫码和上传，未实现“依码结算、依码支付”的' },
      { n: 9, label: '不支持医保码识别使用的' },
      { n: 10, label: '医务、技术人员或药师挂证而由他人代为执业的' },
      { n: 11, label: '“双通道”药店连续一年未提供“双通道”药品保障服务且未主动申请取消资格的' },
      { n: 12, label: '药店跨医保管理区域变更注册地址，不符合新区域资源配置规划的' },
      { n: 13, label: '药店对医保和非医保患者采用“阴阳价格”，金额较大、情节严重的' },
      { n: 14, label: '新评估定点的医疗机构在政策辅导期延长期仍未整改的' },
      { n: 15, label: '法律法规规定或医保服务协议约定的其它情形' },
    ],
  }),
  defineRule({
    kind: 'termination', effective: eff, id: 'zizhiqu.termination.hospital-exit', title: '定点医疗机构暂停结算、解除协议的情形',
    cites: [zz(3, { item: 1 })], appliesTo: ['medical'], params: ['records.provide.days'],
    items: [
      { n: 1, label: '冒名行医、虚构服务、伪造报告、编造病历、虚假处方、诱导冒名或虚假就医等重大风险的，暂停结算；查实欺诈骗保的解除' },
      { n: 2, label: '未按要求保管、提供医学文书、会计凭证、电子信息等资料的，暂停结算；原则上7天内仍不能提供的解除' },
      { n: 3, label: '隐匿销毁资料、删改记录、集体串供等拒不配合检查、情节恶劣的，解除' },
      { n: 4, label: '在评估政策辅导期及延长期拒不整改的，解除' },
    ],
  }),
  defineRule({
    kind: 'termination', effective: eff, id: 'zizhiqu.termination.pharmacy-exit', title: '定点零售药店处理、解除协议的情形',
    cites: [zz(3, { item: 2 })], appliesTo: ['pharmacy'],
    items: [
      { n: 1, label: '冒名售药、虚假处方、串换个账或统筹支付、虚假购药等，查实欺诈骗保的解除' },
      { n: 2, label: '执行“阴阳价格”的，视情节约谈、暂停结算、追回、暂停或解除协议、移交' },
      { n: 3, label: '“双通道”药店未改造电子处方系统或一年内未提供服务，约谈后仍不整改的，解除“双通道”协议' },
    ],
  }),
  defineRule({
    kind: 'termination', effective: eff, id: 'zizhiqu.termination.two-suspensions', title: '协议有效期内累计2次及以上被中止，或中止期间未整改到位的，即时解除',
    cites: [zz(3, { item: 3 })], appliesTo: [...both], params: ['suspension.count.toTermination'],
  }),
  defineRule({
    kind: 'refusal', stage: 'screening', effective: eff, id: 'zizhiqu.refusal.allocation-plan-freeze',
    title: '资源配置规划出台实施前，原则上暂停新增定点', cites: [zz(4)], appliesTo: [...both],
    check: (f) =>
      f.regionHasAllocationPlan === undefined
        ? unknown('regionHasAllocationPlan')
        : f.regionHasAllocationPlan ? PASS : fail('本分统筹地区定点医药机构资源配置规划未出台实施，原则上暂停新增医保定点'),
  }),
];

const ban = (parent: Rule, id: string) =>
  restate(parent, {
    id, cites: [zz(3, { item: 3 })], effective: eff, params: ['ban.afterTermination.years'],
    title: '被解除协议后3年内不得再次申请', check: checks.terminatedAny('ban.afterTermination.years'),
  });

export const zizhiquDraftProfile: Profile = {
  id: 'zizhiqu-2025-draft',
  name: '自治区 2025 协议管理通知（征求意见稿）',
  regionCode: null,
  extends: 'national',
  draft: true,
  effectiveFrom: ZZ_FROM,
  params: [
    own('online.signing.minRatio', '协议网签率下限', 'ratio', 0.9, zz(1, { item: 4 })),
    own('ban.afterTermination.years', '被解除协议后不得再次申请的期限', 'years', 3, zz(3, { item: 3 })),
    own('suspension.count.toTermination', '协议有效期内累计被中止次数达到即解除', 'times', 2, zz(3, { item: 3 })),
    own('records.provide.days', '暂停结算后补交资料期限（原则上）', 'days', 7, zz(3, { item: 1, point: 2 })),
    own('suspension.requested.maxDays', '依申请中止最长时间', 'days', 180, zz(2, { item: 2, point: 6 })),
    // 二(一)1、二(二)5 name a 集中签约期 without its length: 20 工作日 after decisions are due is an example value (decision 0046)
    own('renewal.signing.period.workdays', '集中签约期（示例值，文件未规定）', 'workdays', 20, zz(2, { item: 1, point: 1, verified: false })),
  ],
  overrides: [
    ban(pick(medicalRefusals, 'national.refusal.serious-breach-termination'), 'zizhiqu.refusal.terminated-3-years'),
    ban(pick(pharmacyRefusals, 'national.pharmacy.refusal.serious-breach-termination'), 'zizhiqu.pharmacy.refusal.terminated-3-years'),
  ],
  added,
  regionStandards: { cite: zz(1, { item: 1 }), kinds: ['new_designation', 'renewal'] },
};
