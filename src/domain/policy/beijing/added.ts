import { defineRule, fail, PASS, unknown, type Override, type Rule } from '../model';
import { nationalProcedure } from '../national/procedure';
import { bj, BJ_FROM } from './cite';

const eff = { from: BJ_FROM };
const med = ['medical'] as const;

/** 第三条、第七条至第十条、第四十条: 区受理、市评估签约、区具体管理. */
export const beijingJurisdiction: Override = {
  replaces: nationalProcedure.find((r) => r.id === 'national.jurisdiction.pooling-region')!.id,
  rule: defineRule({
    kind: 'jurisdiction', effective: eff, id: 'beijing.jurisdiction.district-city',
    title: '区经办机构受理，市经办机构组织评估、确定定点并签订协议，区医疗保障部门负责辖区具体管理',
    cites: [bj(3), bj(7), bj(9), bj(10)], appliesTo: [...med],
    jurisdiction: {
      entries: [{
        adminLevels: ['province', 'prefecture', 'county'], accept: 'county', evaluate: 'province', sign: 'province', manage: 'county',
        note: '北京市为省级行政区：市经办机构按省级、区经办机构按县区级对应',
      }],
    },
  }),
};

export const beijingAdded: Rule[] = [
  defineRule({
    kind: 'procedure', effective: eff, id: 'beijing.procedure.resource-allocation', title: '区提出定点配置需求，市医疗保障行政部门统一确定资源配置',
    cites: [bj(4)], appliesTo: [...med],
  }),
  defineRule({
    kind: 'eligibility', effective: eff, id: 'beijing.eligibility.internet-hospital', title: '互联网医院依托实体医疗机构签订补充协议，费用与实体机构结算',
    cites: [bj(5, { clause: 2 })], appliesTo: [...med],
  }),
  defineRule({
    kind: 'deadline', effective: eff, id: 'beijing.deadline.payment', title: '原则上在定点医疗机构申报后30个工作日内拨付符合规定的医保费用',
    cites: [bj(30)], appliesTo: [...med], params: ['payment.settle.workdays'],
  }),
  defineRule({
    kind: 'sanction', effective: eff, id: 'beijing.sanction.kinds', title: '违反协议约定的处理方式',
    cites: [bj(38)], appliesTo: [...med],
    items: [
      { n: 1, label: '约谈法定代表人、主要负责人或实际控制人' },
      { n: 2, label: '暂停或不予拨付费用' },
      { n: 3, label: '不予支付或追回已支付的医保费用' },
      { n: 4, label: '要求按照协议约定支付违约金' },
      { n: 5, label: '中止相关责任人员或者所在部门涉及医疗保障基金使用的医疗服务' },
      { n: 6, label: '中止或解除医保协议' },
    ],
  }),
  defineRule({
    kind: 'suspension', effective: eff, id: 'beijing.suspension.mandatory', title: '市经办机构应中止医保协议的情形',
    cites: [bj(42, { clause: 2 })], appliesTo: [...med],
    items: [
      { n: 1, label: '根据日常检查和绩效考核，发现对基金安全和参保人员权益可能造成重大风险的' },
      { n: 2, label: '未按规定提供有关数据或提供数据不真实的' },
      { n: 3, label: '根据医保协议约定应当中止的' },
      { n: 4, label: '法律法规和规章规定的应当中止的其他情形' },
    ],
  }),
  defineRule({
    kind: 'termination', effective: eff, id: 'beijing.termination.situations', title: '市经办机构应解除医保协议并向社会公布的情形',
    cites: [bj(43)], appliesTo: [...med], params: ['suspension.count.toTermination'],
    items: [
      { n: 1, label: '协议有效期内累计2次及以上被中止协议或中止期间未按要求整改或整改不到位的' },
      { n: 2, label: '以弄虚作假等不正当手段申请取得定点的' },
      { n: 3, label: '经查实有欺诈骗保行为的' },
      { n: 4, label: '为非定点医疗机构或处于中止协议期间的医疗机构提供医保费用结算的' },
      { n: 5, label: '拒绝、阻挠或不配合智能审核、绩效考核、监督检查等，情节恶劣的' },
      { n: 6, label: '重大信息发生变更但未办理重大信息变更的' },
      { n: 7, label: '停业或歇业后未按规定向经办机构报告的' },
      { n: 8, label: '行政执法中发现存在重大违法违规行为且可能造成基金重大损失的' },
      { n: 9, label: '被吊销、注销医疗机构执业许可证或中医诊所备案证的' },
      { n: 10, label: '法定代表人、主要负责人或实际控制人不能履行协议约定，或有违法失信行为的' },
      { n: 11, label: '未依法履行医疗保障行政部门作出的行政处罚决定的' },
      { n: 12, label: '主动提出解除医保协议且经办机构同意的' },
      { n: 13, label: '根据医保协议约定应当解除医保协议的' },
      { n: 14, label: '法律法规和规章规定的应当解除的其他情形' },
    ],
  }),
  defineRule({
    kind: 'suspension', effective: eff, stage: 'exit_request', id: 'beijing.suspension.public-may-not-request',
    title: '公立医疗机构原则上不得主动提出中止或解除医保协议', cites: [bj(44)], appliesTo: [...med],
    check: (f) => {
      if (!f.ownership) return unknown('ownership');
      return f.ownership === 'public' ? fail('公立医疗机构原则上不得主动提出中止或解除医保协议') : PASS;
    },
  }),
  defineRule({
    kind: 'suspension', effective: eff, id: 'beijing.suspension.department-personnel', title: '部分人员或科室违反协议管理要求的，可对其中止或终止医保结算',
    cites: [bj(45)], appliesTo: [...med],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'beijing.procedure.disputes', title: '协议争议可协商、请求同级医疗保障行政部门协调，或依法申请行政复议、提起行政诉讼',
    cites: [bj(46), bj(39)], appliesTo: [...med],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'beijing.procedure.report-to-admin', title: '作出中止人员或部门、中止和解除协议等处理时，及时报告同级医疗保障行政部门',
    cites: [bj(49)], appliesTo: [...med],
  }),
];
