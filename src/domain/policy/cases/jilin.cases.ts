import { check, present, type RuleCase } from './case';

/** 吉医保规〔2023〕1号 (吉林 profile). */
const P = 'jilin';
const D = '2023-09-01';
const J = '吉医保规〔2023〕1号';
const S = 'screening' as const;
const C = 'conditions' as const;
const ltc = { hasLicence: true, medicalOrNursingStaff: 1, socialWorkerOrCaregiver: 1 };

export const jilinCases: RuleCase[] = [
  present(P, D, 'jilin.jurisdiction.local', `${J} 第五条`, '属地管理，可授权县级经办机构'),
  present(P, D, 'jilin.jurisdiction.mutual-recognition', `${J} 第七条`, '省本级↔长春市、延边州本级↔延吉市同城互认'),
  present(P, D, 'jilin.condition.national-conditions', `${J} 第八条`, '医疗机构、药店适用国家条件'),
  check(P, D, 'jilin.condition.ltc-licence', `${J} 第九条(一)`, '无养老或护理机构许可证的不通过', C, { ltc: { ...ltc, hasLicence: false } }, 'fail', 'ltc'),
  check(P, D, 'jilin.condition.ltc-licence', `${J} 第九条(一)`, '有许可证的通过', C, { ltc }, 'pass', 'ltc'),
  check(P, D, 'jilin.condition.ltc-staff', `${J} 第九条(三)`, '缺社会工作者或养老护理员的不通过', C,
    { ltc: { ...ltc, socialWorkerOrCaregiver: 0 } }, 'fail', 'ltc'),
  check(P, D, 'jilin.condition.ltc-staff', `${J} 第九条(三)`, '医护背景1人、社工或护理员1人即可', C, { ltc }, 'pass', 'ltc'),
  present(P, D, 'jilin.condition.ltc-other', `${J} 第九条(二)`, '其他长护条件评估时核查', { items: 4 }),
  check(P, D, 'jilin.refusal.price-policy', `${J} 第九条第二款`, '长护机构适用第十二条情形：未执行价格政策不予受理', S,
    { priceViolation: true }, 'fail', 'ltc'),
  check(P, D, 'jilin.refusal.unfulfilled-penalty', `${J} 第九条第二款`, '长护机构未履行行政处罚不予受理', S, { unfulfilledPenalty: true }, 'fail', 'ltc'),
  check(P, D, 'jilin.refusal.fraud-application', `${J} 第九条第二款`, '长护机构弄虚作假未满3年不予受理', S, { fraudApplicationFoundOn: '2022-01-01' }, 'fail', 'ltc'),
  check(P, D, 'jilin.refusal.illegal-termination', `${J} 第九条第二款`, '长护机构违法违规被解除未满3年不予受理', S,
    { terminations: [{ date: '2022-01-01', cause: 'illegal', penaltiesFulfilled: true }] }, 'fail', 'ltc'),
  check(P, D, 'jilin.refusal.serious-breach-termination', `${J} 第九条第二款`, '长护机构严重违约满1年已履行的可受理', S,
    { terminations: [{ date: '2022-01-01', cause: 'serious_breach', penaltiesFulfilled: true }] }, 'pass', 'ltc'),
  check(P, D, 'jilin.refusal.person-prior-termination', `${J} 第九条第二款`, '长护机构负责人曾致被解除未满5年不予受理', S,
    { persons: [{ role: 'legal_rep', dishonest: false, priorTerminations: [{ date: '2020-01-01', serious: true }] }] }, 'fail', 'ltc'),
  check(P, D, 'jilin.refusal.person-dishonest', `${J} 第九条第二款`, '长护机构法定代表人失信不予受理', S,
    { persons: [{ role: 'legal_rep', dishonest: true, priorTerminations: [] }] }, 'fail', 'ltc'),
  present(P, D, 'jilin.procedure.additional-category', `${J} 第十条`, '增加服务类别按统筹区规定'),
  present(P, D, 'jilin.material.ltc', `${J} 第十一条`, '长护七项申请材料', { materials: 7 }),
  present(P, D, 'jilin.procedure.rolling-acceptance', `${J} 第十二条`, '随时受理、集中评估'),
  present(P, D, 'jilin.procedure.evaluation', `${J} 第十三条`, '书面、现场或远程视频评估', { items: 5 }),
  present(P, D, 'jilin.procedure.scoring', `${J} 第十六条`, '基本情况、服务能力、内部管理量化赋分'),
  present(P, D, 'jilin.procedure.ltc-evaluation', `${J} 第十七条`, '长护评估五项内容', { items: 5 }),
  present(P, D, 'jilin.procedure.result-signed-by-all', `${J} 第十八条`, '评估组全体成员签字'),
  present(P, D, 'jilin.procedure.complaint-cancels-negotiation', `${J} 第十九条`, '举报属实取消协商谈判资格'),
  present(P, D, 'jilin.deadline.evaluation-limit', `${J} 第二十条`, '评估不超过3个月', { params: { 'evaluation.limit.months': 3 } }),
  check(P, D, 'jilin.refusal.retry-after-failure', `${J} 第二十条`, '长护机构整改不满3个月不予再评', S, { lastEvaluationFailures: ['2023-08-01'] }, 'fail', 'ltc'),
  check(P, D, 'jilin.refusal.ban-after-second-failure', `${J} 第二十条`, '再次不合格1年内不得申请', S,
    { lastEvaluationFailures: ['2023-01-01', '2023-05-01'] }, 'fail', 'pharmacy'),
  present(P, D, 'jilin.procedure.negotiation', `${J} 第二十一条`, '谈判未达成一致的不予签约'),
  present(P, D, 'jilin.procedure.publish-designated', `${J} 第二十二条`, '公布名称、地址、服务电话'),
  present(P, D, 'jilin.procedure.site-evaluation', `${J} 第二十三条(二)`, '多个执业地逐一评估'),
  present(P, D, 'jilin.procedure.special-signing', `${J} 第二十三条`, '五种签约特殊情形', { items: 5 }),
  present(P, D, 'jilin.deadline.change', `${J} 第二十五条`, '变更30个工作日内申请', { params: { 'change.apply.workdays': 30 } }),
  present(P, D, 'jilin.procedure.performance', `${J} 第二十六条`, '绩效考核与续签挂钩'),
  present(P, D, 'jilin.renewal.negotiation', `${J} 第二十七条`, '期满协商续签，未达成一致自动终止'),
  present(P, D, 'jilin.suspension.requested-max', `${J} 第二十八条`, '依申请中止不超过180日', { params: { 'suspension.requested.maxDays': 180 } }),
  present(P, D, 'jilin.deadline.exit-notice', `${J} 第二十九条`, '提前3个月申请', { params: { 'exit.notice.months': 3 } }),
  present(P, D, 'jilin.suspension.cascade', `${J} 第三十条`, '中止或解除在其他统筹区同时生效'),
  present(P, D, 'jilin.procedure.report-terminations', `${J} 第三十一条`, '定期报告解除情况'),
  present(P, D, 'jilin.eligibility.internet-hospital', `${J} 第三十三条`, '互联网医院补充协议'),
  present(P, D, 'jilin.procedure.third-party-filing', `${J} 第三十三条第二款`, '第三方服务机构备案三项材料', { materials: 3 }),
  present(P, D, 'jilin.procedure.schemes-together', `${J} 第三十五条`, '职工、居民、大病保险一并申请'),
  present(P, D, 'jilin.procedure.medical-aid', `${J} 第三十五条第二款`, '医疗救助参照执行'),
];
