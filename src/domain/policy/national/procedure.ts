import { defineRule, type Rule } from '../model';
import { BASE_FROM, ord2, ord2Unlocated, ord3 } from './cite';

const from = { from: BASE_FROM };
const both = ['medical', 'pharmacy'] as const;
const pharmacySame = ord3(undefined, { text: '零售药店的程序与医疗机构相同（依政策说明，未核）' });

/** The baseline procedure of 国家医疗保障局令第2号 (mirrored for pharmacies by 令第3号, unverified). */
export const nationalProcedure: Rule[] = [
  defineRule({
    kind: 'jurisdiction', effective: from, id: 'national.jurisdiction.pooling-region', title: '向统筹地区经办机构申请，由其受理、评估、签约和管理',
    cites: [ord2(7, { text: '向统筹地区经办机构提出医保定点申请' })], appliesTo: [...both],
    jurisdiction: {
      entries: [{
        adminLevels: ['province', 'prefecture', 'county'], accept: 'prefecture', evaluate: 'prefecture', sign: 'prefecture', manage: 'prefecture',
        note: '统筹地区经办机构（多数统筹地区为地市级）',
      }],
    },
  }),
  defineRule({
    kind: 'deadline', effective: from, id: 'national.procedure.immediate-acceptance', title: '即时受理；材料不全的，5个工作日内一次性告知补充',
    cites: [ord2(8), pharmacySame], appliesTo: [...both], params: ['notice.supplement.workdays'], verified: true,
    note: '医疗机构出处已核；药店适用未核。',
  }),
  defineRule({
    kind: 'deadline', effective: from, id: 'national.deadline.evaluation-limit', title: '自受理之日起评估时间不超过3个月，补充材料时间不计入',
    cites: [ord2(9), pharmacySame], appliesTo: [...both], params: ['evaluation.limit.months'], verified: true,
  }),
  defineRule({
    kind: 'procedure', effective: from, id: 'national.procedure.evaluation', title: '组织评估小组或委托第三方，以书面、现场等形式评估；结果分合格和不合格',
    cites: [ord2(9)], appliesTo: ['medical'],
    items: [
      { n: 1, label: '核查医疗机构执业许可证或中医诊所备案证' },
      { n: 2, label: '核查专业技术人员执业信息和医师第一注册地信息' },
      { n: 3, label: '核查与服务功能相适应的基础设施和仪器设备' },
      { n: 4, label: '核查与医保政策对应的内部管理制度和财务制度，卫生健康部门评审结果' },
      { n: 5, label: '核查信息系统是否具备直接联网结算的条件' },
    ],
  }),
  defineRule({
    kind: 'procedure', effective: from, id: 'national.procedure.negotiation-and-term', title: '与评估合格的机构协商谈判，自愿签订医保协议，协议期限一般为1年',
    cites: [ord2(10), pharmacySame], appliesTo: [...both], params: ['agreement.term.years'], verified: true,
  }),
  defineRule({
    kind: 'procedure', effective: from, id: 'national.procedure.publish-designated', title: '向社会公布签订医保协议的定点机构信息',
    cites: [ord2(11)], appliesTo: [...both],
  }),
  defineRule({
    kind: 'deadline', effective: from, id: 'national.deadline.change', title: '重大信息变更自有关部门批准之日起30个工作日内申请',
    cites: [ord2Unlocated('自有关部门批准之日起30个工作日内向经办机构提出变更申请'), pharmacySame], appliesTo: [...both],
    params: ['change.apply.workdays'],
  }),
  defineRule({
    kind: 'renewal', effective: from, id: 'national.renewal.advance-application', title: '于医保协议期满前3个月申请续签或由经办机构统一组织；未达成一致的，期满自动终止',
    cites: [ord2Unlocated('于医保协议期满前3个月向经办机构提出申请或由经办机构统一组织'), pharmacySame], appliesTo: [...both],
    params: ['renewal.advance.months'],
  }),
  defineRule({
    kind: 'suspension', effective: from, id: 'national.suspension.requested-max', title: '依申请中止原则上不超过180日，逾期未申请继续履行的协议自动终止',
    cites: [ord2Unlocated('中止时间原则上不得超过180日'), pharmacySame], appliesTo: [...both],
    params: ['suspension.requested.maxDays'],
  }),
  defineRule({
    kind: 'deadline', effective: from, id: 'national.deadline.exit-notice', title: '请求中止、解除或不再续签的，应提前3个月申请',
    cites: [ord2Unlocated('应提前3个月向经办机构提出申请'), pharmacySame], appliesTo: [...both],
    params: ['exit.notice.months'],
  }),
];
