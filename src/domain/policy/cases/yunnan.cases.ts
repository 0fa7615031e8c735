import { check, present, type RuleCase } from './case';

/** 云医保〔2022〕6号 and 云人社发〔2016〕308号 (云南 profile). */
const P = 'yunnan';
const D = '2022-06-01';
const Y = '云医保〔2022〕6号';
const Y308 = '云人社发〔2016〕308号';
const S = 'screening' as const;

export const yunnanCases: RuleCase[] = [
  present(P, D, 'yunnan.jurisdiction.by-level', `${Y308} 三`, '分级定点、分级管理'),
  present(P, '2019-01-01', 'yunnan.jurisdiction.by-level', `${Y308} 三`, '308号自2017年起即有效，早于国家基线'),
  present(P, D, 'yunnan.procedure.additional-category', `${Y} 第六条第二款`, '增加支付类别材料可简化'),
  present(P, D, 'yunnan.procedure.publish-conditions', `${Y} 第七条`, '发布申请条件和受理时限'),
  present(P, D, 'yunnan.procedure.immediate-acceptance', `${Y} 第八条`, '当场或5个工作日内一次性告知', { params: { 'notice.supplement.workdays': 5 } }),
  present(P, D, 'yunnan.procedure.initial-review', `${Y} 第十条`, '初审、违规性审核、函询'),
  present(P, D, 'yunnan.procedure.evaluation', `${Y} 第十一条`, '评估小组含法律人员，五项评估内容', { items: 5 }),
  present(P, D, 'yunnan.procedure.on-site-inspection', `${Y} 第十三条`, '五种应现场核查的情形', { items: 5 }),
  check(P, D, 'yunnan.refusal.retry-after-failure', `${Y} 第十四条(三)`, '整改3个月后可再次评估', S, { lastEvaluationFailures: ['2022-02-01'] }, 'pass'),
  check(P, D, 'yunnan.refusal.ban-after-second-failure', `${Y} 第十四条(二)3`, '整改后仍不合格未超过1年的不予受理', S,
    { lastEvaluationFailures: ['2021-06-01', '2021-12-01'] }, 'fail'),
  check(P, D, 'yunnan.refusal.person-prior-termination', `${Y} 第十四条(二)4`, '替代曾致原机构被解除未满5年的人员的不予受理', S,
    { persons: [{ role: 'controller', dishonest: false, priorTerminations: [{ date: '2019-01-01', serious: true }] }] }, 'fail'),
  present(P, D, 'yunnan.deadline.publicity', `${Y} 第十五条`, '3个工作日内公示，公示期7个工作日',
    { params: { 'publish.workdays': 3, 'publicity.workdays': 7 } }),
  present(P, D, 'yunnan.deadline.negotiation', `${Y} 第十六条`, '公示期结束后10个工作日内协商谈判',
    { params: { 'negotiation.afterPublicity.workdays': 10 } }),
  present(P, D, 'yunnan.procedure.signing', `${Y} 第十八条`, '逾期未签视为放弃'),
  present(P, D, 'yunnan.deadline.filing', `${Y} 第十九条`, '签订后5个工作日内备案', { params: { 'filing.workdays': 5 } }),
  present(P, D, 'yunnan.deadline.activation', `${Y} 第二十条`, '10个工作日内开通医保支付系统', { params: { 'activation.workdays': 10 } }),
  present(P, D, 'yunnan.deadline.payment', `${Y} 第二十三条`, '申报后30个工作日内拨付', { params: { 'payment.settle.workdays': 30 } }),
  present(P, D, 'yunnan.sanction.kinds', `${Y} 第二十五条`, '六种违约处理方式', { items: 6 }),
  present(P, D, 'yunnan.procedure.audit', `${Y} 第二十六条`, '稽核程序六步', { items: 6 }),
  present(P, D, 'yunnan.deadline.change', `${Y} 第二十八条`, '变更30个工作日内申请、7个工作日内办结',
    { params: { 'change.apply.workdays': 30, 'change.handle.workdays': 7 } }),
  present(P, D, 'yunnan.renewal.annual', `${Y} 第二十九条`, '每年12月组织续签，或期满前1个月',
    { params: { 'renewal.month': 12, 'renewal.organise.beforeExpiry.months': 1 } }),
  check(P, D, 'yunnan.suspension.public-may-not-request', `${Y} 第三十条`, '公立医疗机构不得主动提出中止或解除', 'exit_request',
    { ownership: 'public' }, 'fail'),
  present(P, D, 'yunnan.suspension.effective-on-receipt', `${Y} 第三十条`, '收到申请之日中止并暂停系统'),
  present(P, D, 'yunnan.termination.effective-on-receipt', `${Y} 第三十一条`, '收到申请之日解除并关停系统'),
  present(P, D, 'yunnan.termination.system-shutdown', `${Y} 第三十二条`, '未续签的期满之日关停系统'),
  check(P, D, 'yunnan.refusal.medical-safety', `${Y308} 二(二)`, '出租承包科室的不接受定点申报', S,
    { medicalTout: false, falseAdvertising: false, seriousSafetyHazard: false, leasedDepartments: true }, 'fail'),
  check(P, D, 'yunnan.refusal.medical-safety', `${Y308} 二(二)`, '未查明的待定', S, {}, 'unknown'),
  check(P, D, 'yunnan.refusal.medical-safety', `${Y308} 二(二)`, '造成其它不良社会影响的不接受定点申报', S,
    { medicalTout: false, falseAdvertising: false, seriousSafetyHazard: false, leasedDepartments: false, adverseSocialImpact: true }, 'fail'),
  check(P, D, 'yunnan.refusal.medical-safety', `${Y308} 二(二)`, '五项均已查明且无一存在的通过', S,
    { medicalTout: false, falseAdvertising: false, seriousSafetyHazard: false, leasedDepartments: false, adverseSocialImpact: false }, 'pass'),
  check(P, D, 'yunnan.refusal.medical-safety', `${Y308} 二(二)`, '「不良社会影响」未查明的待定', S,
    { medicalTout: false, falseAdvertising: false, seriousSafetyHazard: false, leasedDepartments: false }, 'unknown'),
  present(P, D, 'yunnan.eligibility.equal-treatment', `${Y308} 二(一)`, '公立民营相同准入条件'),
  present(P, D, 'yunnan.termination.exit-mechanism', `${Y308} 二(三)`, '违规的暂停或取消定点'),
  present(P, D, 'yunnan.procedure.resource-allocation', `${Y308} 二(四)`, '每千参保人定点住院床位数'),
  present(P, D, 'yunnan.procedure.report-to-province', `${Y308} 一(四)`, '定点信息报省级经办机构'),
];
