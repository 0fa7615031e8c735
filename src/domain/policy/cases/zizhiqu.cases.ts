import { check, present, type RuleCase } from './case';

/** 自治区医保局 2025 征求意见稿 (draft profile). */
const P = 'zizhiqu-2025-draft';
const D = '2025-06-01';
const Z = '自治区医保局〔2025〕征求意见稿（草案）';
const S = 'screening' as const;

export const zizhiquCases: RuleCase[] = [
  present(P, D, 'zizhiqu.procedure.public-standards', `${Z} 一(一)`, '公开评估标准和流程'),
  present(P, D, 'zizhiqu.procedure.recorded-negotiation', `${Z} 一(二)`, '协商过程记录在案'),
  present(P, D, 'zizhiqu.procedure.agreement-template', `${Z} 一(三)`, '统一范本加本地补充'),
  present(P, D, 'zizhiqu.procedure.online-signing', `${Z} 一(四)`, '网签率90%以上', { params: { 'online.signing.minRatio': 0.9 } }),
  present(P, D, 'zizhiqu.renewal.annual-evaluation', `${Z} 二`, '每年评估，不符合资源配置的不续签'),
  present(P, D, 'zizhiqu.renewal.deferral', `${Z} 二(一)`, '四种缓签情形', { items: 4 }),
  present(P, D, 'zizhiqu.termination.no-renewal', `${Z} 二(二)`, '十五种不再签订情形', { items: 15, params: { 'suspension.requested.maxDays': 180 } }),
  present(P, D, 'zizhiqu.termination.hospital-exit', `${Z} 三(一)`, '医疗机构退出四种情形，资料原则上7天内提供',
    { items: 4, params: { 'records.provide.days': 7 } }),
  present(P, D, 'zizhiqu.termination.pharmacy-exit', `${Z} 三(二)`, '药店退出三种情形', { items: 3 }),
  check(P, D, 'zizhiqu.refusal.terminated-3-years', `${Z} 三(三)`, '被解除协议后3年内不得再次申请（国家为1年）', S,
    { terminations: [{ date: '2023-01-01', cause: 'serious_breach', penaltiesFulfilled: true }] }, 'fail'),
  check(P, D, 'zizhiqu.refusal.terminated-3-years', `${Z} 三(三)`, '满3年且已履行的可申请', S,
    { terminations: [{ date: '2022-05-31', cause: 'serious_breach', penaltiesFulfilled: true }] }, 'pass'),
  check(P, D, 'zizhiqu.pharmacy.refusal.terminated-3-years', `${Z} 三(三)`, '药店被解除后3年内不得再次申请', S,
    { terminations: [{ date: '2024-01-01', cause: 'serious_breach', penaltiesFulfilled: true }] }, 'fail', 'pharmacy'),
  present(P, D, 'zizhiqu.termination.two-suspensions', `${Z} 三(三)`, '累计2次中止即时解除', { params: { 'suspension.count.toTermination': 2 } }),
  check(P, D, 'zizhiqu.refusal.allocation-plan-freeze', `${Z} 四`, '资源配置规划未出台前暂停新增定点', S, { regionHasAllocationPlan: false }, 'fail'),
  check(P, D, 'zizhiqu.refusal.allocation-plan-freeze', `${Z} 四`, '规划已出台的可受理', S, { regionHasAllocationPlan: true }, 'pass', 'pharmacy'),
];
