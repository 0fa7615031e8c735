import { reciteParam, type Profile } from '../model';
import { nationalParams } from '../national/params';
import { beijingAdded, beijingJurisdiction } from './added';
import { bj, BJ_FROM } from './cite';
import { beijingRestated } from './restated';

const re = (key: string, cite: ReturnType<typeof bj>, value?: number) => reciteParam(nationalParams, key, BJ_FROM, cite, value);

/** 京医保发〔2021〕30号《北京市医疗机构医疗保障定点管理暂行办法》, in force 2022-01-01. */
export const beijingProfile: Profile = {
  id: 'beijing',
  name: '北京市（京医保发〔2021〕30号）',
  regionCode: '110000',
  extends: 'national',
  draft: false,
  effectiveFrom: BJ_FROM,
  params: [
    re('operating.min.months', bj(6, { item: 1 })),
    re('physician.registered.min.months', bj(6, { item: 2 })),
    re('physician.min.count', bj(6, { item: 2 })),
    re('beds.internalDept.threshold', bj(6, { item: 3 })),
    re('notice.supplement.workdays', bj(8)),
    re('evaluation.limit.months', bj(9)),
    re('evaluation.retry.months', bj(9)),
    re('evaluation.ban.years', bj(9)),
    re('agreement.term.years', bj(10)),
    re('refusal.fraud.years', bj(12, { item: 4 })),
    re('refusal.illegalTermination.years', bj(12, { item: 5 })),
    re('refusal.seriousBreach.years', bj(12, { item: 6 })),
    re('refusal.personTermination.years', bj(12, { item: 7 })),
    re('change.apply.workdays', bj(40)),
    re('renewal.advance.months', bj(41)),
    // 第四十一条 「并将相关信息报市经办机构」 gives no time: 10 工作日 after the applications are due is an example value (decision 0046)
    {
      key: 'renewal.report.workdays', label: '区经办机构将续签信息报市经办机构的时限（示例值，文件未规定）', unit: 'workdays',
      values: [{ from: BJ_FROM, value: 10, cite: bj(41, { verified: false }) }],
    },
    re('suspension.requested.maxDays', bj(42, { clause: 2 })),
    re('exit.notice.months', bj(44)),
    {
      key: 'payment.settle.workdays', label: '申报后拨付医保费用时限', unit: 'workdays',
      values: [{ from: BJ_FROM, value: 30, cite: bj(30) }],
    },
    {
      key: 'suspension.count.toTermination', label: '协议有效期内累计被中止次数达到即解除', unit: 'times',
      values: [{ from: BJ_FROM, value: 2, cite: bj(43, { item: 1 }) }],
    },
  ],
  overrides: [...beijingRestated, beijingJurisdiction],
  added: beijingAdded,
};
