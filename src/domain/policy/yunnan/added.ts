import { defineRule, fail, PASS, unknown, type Rule } from '../model';
import { yn, YN_FROM, yn308, YN308_FROM } from './cite';

const eff = { from: YN_FROM };
const eff308 = { from: YN308_FROM };
const both = ['medical', 'pharmacy'] as const;

/** 云医保〔2022〕6号: the steps the national orders leave open. */
export const yunnanProcedure: Rule[] = [
  defineRule({
    kind: 'procedure', effective: eff, id: 'yunnan.procedure.additional-category', title: '定点后增加医保支付类别的，材料可简化，评估标准由统筹地区制定',
    cites: [yn(6, { clause: 2 })], appliesTo: [...both],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'yunnan.procedure.publish-conditions', title: '在官网发布申请条件、所需材料、受理时间、受理部门、受理时限',
    cites: [yn(7)], appliesTo: [...both],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'yunnan.procedure.initial-review', title: '受理后初审真实性、完整性；增加支付类别的开展违规性审核；同城或省市互认的开展函询审核',
    cites: [yn(10)], appliesTo: [...both],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'yunnan.procedure.on-site-inspection', title: '应开展现场核查的情形',
    cites: [yn(13)], appliesTo: [...both],
    items: [
      { n: 1, label: '医疗机构首次申报定点的' },
      { n: 2, label: '单体零售药店首次申请定点的' },
      { n: 3, label: '申请医保支付类别与其医药服务能力匹配情况存疑的' },
      { n: 4, label: '协议期内有违反协议情形的' },
      { n: 5, label: '其他需要开展现场核查的' },
    ],
    note: '现场核查查看：试运营情况；人员配备、执业资质和服务项目；信息系统、接口标准和设备；核心管理制度；其他。',
  }),
  defineRule({
    kind: 'deadline', effective: eff, id: 'yunnan.deadline.publicity', title: '评估合格的，3个工作日内在官网公示，公示期7个工作日；举报投诉应调查核实',
    cites: [yn(15)], appliesTo: [...both], params: ['publish.workdays', 'publicity.workdays'],
  }),
  defineRule({
    kind: 'deadline', effective: eff, id: 'yunnan.deadline.negotiation', title: '公示期结束后10个工作日内组织协商谈判',
    cites: [yn(16)], appliesTo: [...both], params: ['negotiation.afterPublicity.workdays'],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'yunnan.procedure.signing', title: '组织协议学习后及时签订；由双方法定代表人或其授权委托人签订；逾期未签视为自动放弃本次申请',
    cites: [yn(17), yn(18)], appliesTo: [...both], params: ['signing.limit.workdays'],
  }),
  defineRule({
    kind: 'deadline', effective: eff, id: 'yunnan.deadline.filing', title: '签订工作完成后5个工作日内向同级医疗保障行政部门备案',
    cites: [yn(19)], appliesTo: [...both], params: ['filing.workdays'],
  }),
  defineRule({
    kind: 'deadline', effective: eff, id: 'yunnan.deadline.activation', title: '协议签订完成后10个工作日内开通医保支付系统',
    cites: [yn(20)], appliesTo: [...both], params: ['activation.workdays'],
  }),
  defineRule({
    kind: 'deadline', effective: eff, id: 'yunnan.deadline.payment', title: '原则上在定点医药机构申报后30个工作日内拨付符合规定的医保费用',
    cites: [yn(23)], appliesTo: [...both], params: ['payment.settle.workdays'],
  }),
  defineRule({
    kind: 'sanction', effective: eff, id: 'yunnan.sanction.kinds', title: '违约处理方式（依法依规、平等公正、实事求是、适用得当）',
    cites: [yn(24), yn(25)], appliesTo: [...both],
    items: [
      { n: 1, label: '约谈法定代表人、主要负责人或实际控制人' },
      { n: 2, label: '暂停或不予拨付费用' },
      { n: 3, label: '不予支付或追回已支付的医保费用' },
      { n: 4, label: '要求按照医保协议支付违约金' },
      { n: 5, label: '中止相关责任人员或所在部门涉及医疗保障基金使用的医疗服务' },
      { n: 6, label: '中止或解除服务协议' },
    ],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'yunnan.procedure.audit', title: '稽核程序',
    cites: [yn(26), yn(27)], appliesTo: [...both],
    items: [
      { n: 1, label: '下达稽核通知书' },
      { n: 2, label: '开展实地稽核' },
      { n: 3, label: '送达稽核结果告知书' },
      { n: 4, label: '被稽核单位反馈意见' },
      { n: 5, label: '经办机构复核反馈意见' },
      { n: 6, label: '送达稽核处理意见书' },
    ],
  }),
  defineRule({
    kind: 'suspension', effective: eff, stage: 'exit_request', id: 'yunnan.suspension.public-may-not-request',
    title: '公立医疗机构不得主动提出中止或解除医保协议', cites: [yn(30), yn(31)], appliesTo: ['medical'],
    check: (f) => {
      if (!f.ownership) return unknown('ownership');
      return f.ownership === 'public' ? fail('公立医疗机构不得主动提出中止或解除医保协议') : PASS;
    },
  }),
  defineRule({
    kind: 'suspension', effective: eff, id: 'yunnan.suspension.effective-on-receipt', title: '自收到中止申请或作出中止处理之日中止协议，暂停医保支付系统，中止基金结算',
    cites: [yn(30)], appliesTo: [...both],
  }),
  defineRule({
    kind: 'termination', effective: eff, id: 'yunnan.termination.effective-on-receipt', title: '自收到解除申请或作出解除处理之日解除协议，关停医保支付系统，及时向行政部门备案',
    cites: [yn(31)], appliesTo: [...both],
  }),
  defineRule({
    kind: 'termination', effective: eff, id: 'yunnan.termination.system-shutdown', title: '未续签的，于协议期满之日关停医保支付系统',
    cites: [yn(32)], appliesTo: [...both],
  }),
];

/** 云人社发〔2016〕308号 (城乡居民医保定点医疗机构), in force 2017-01-01. */
export const yunnan308: Rule[] = [
  defineRule({
    kind: 'refusal', stage: 'screening', effective: eff308, id: 'yunnan.refusal.medical-safety',
    title: '存在医托、虚假医疗广告、严重医疗安全隐患、出租承包科室或造成其它不良社会影响的，不接受定点申报',
    cites: [yn308(2, { item: 2 })], appliesTo: ['medical'],
    check: (f) => {
      const why = (fact: string) => (f.evidence?.[fact] ? `（${f.evidence[fact]}）` : '');
      const found = [
        f.medicalTout && `存在医托${why('medicalTout')}`,
        f.falseAdvertising && `发布虚假医疗广告${why('falseAdvertising')}`,
        f.seriousSafetyHazard && `被卫生计生行政部门认定存在严重医疗安全隐患${why('seriousSafetyHazard')}`,
        f.leasedDepartments && `出租、承包科室${why('leasedDepartments')}`,
        // 「以及造成其它不良社会影响的医疗机构不接受定点申报」
        f.adverseSocialImpact && `造成其它不良社会影响${why('adverseSocialImpact')}`,
      ].filter(Boolean);
      if (found.length) return fail(`${found.join('、')}，不接受定点申报`);
      const unset = [f.medicalTout, f.falseAdvertising, f.seriousSafetyHazard, f.leasedDepartments, f.adverseSocialImpact].some((x) => x === undefined);
      return unset ? unknown('medicalTout, falseAdvertising, seriousSafetyHazard, leasedDepartments, adverseSocialImpact') : PASS;
    },
  }),
  defineRule({
    kind: 'eligibility', effective: eff308, id: 'yunnan.eligibility.equal-treatment', title: '公立、民营医疗机构相同准入条件、退出机制、监督管理、审核标准',
    cites: [yn308(2, { item: 1 }), yn308(2, { item: 2 })], appliesTo: ['medical'],
  }),
  defineRule({
    kind: 'termination', effective: eff308, id: 'yunnan.termination.exit-mechanism', title: '查实违反协议管理、欺诈骗保或其他违法违规的，暂停或取消定点',
    cites: [yn308(2, { item: 3 })], appliesTo: ['medical'],
  }),
  defineRule({
    kind: 'procedure', effective: eff308, id: 'yunnan.procedure.resource-allocation', title: '按每千参保人占定点住院床位数配置资源：低于规划指标可扩大定点，高于的通过退出机制均衡',
    cites: [yn308(2, { item: 4 })], appliesTo: ['medical'],
  }),
  defineRule({
    kind: 'procedure', effective: eff308, id: 'yunnan.procedure.report-to-province', title: '统筹地按统一程序办理定点，信息及时报省级经办机构并向社会公开',
    cites: [yn308(1, { item: 4 })], appliesTo: ['medical'],
  }),
];
