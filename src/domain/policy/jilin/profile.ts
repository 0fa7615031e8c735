import { reciteParam, type Profile } from '../model';
import { nationalParams } from '../national/params';
import { jilinAdded } from './added';
import { jl, JL_FROM } from './cite';
import { jilinOverrides } from './overrides';

const re = (key: string, cite: ReturnType<typeof jl>) => reciteParam(nationalParams, key, JL_FROM, cite);

/** 吉医保规〔2023〕1号《吉林省医疗保障定点服务机构评估经办规程（试行）》, in force 2023-07-01. */
export const jilinProfile: Profile = {
  id: 'jilin',
  name: '吉林省（吉医保规〔2023〕1号）',
  regionCode: '220000',
  extends: 'national',
  draft: false,
  effectiveFrom: JL_FROM,
  params: [
    re('evaluation.limit.months', jl(20)),
    re('evaluation.retry.months', jl(20)),
    re('evaluation.ban.years', jl(20)),
    re('change.apply.workdays', jl(25)),
    re('suspension.requested.maxDays', jl(28)),
    re('exit.notice.months', jl(29)),
    {
      key: 'ltc.staff.medicalOrNursing.min', label: '具有医学或护理学背景的人员最少人数', unit: 'persons',
      values: [{ from: JL_FROM, value: 1, cite: jl(9, { item: 3 }) }],
    },
    {
      key: 'ltc.staff.socialOrCare.min', label: '社会工作者或二级及以上养老护理员最少人数', unit: 'persons',
      values: [{ from: JL_FROM, value: 1, cite: jl(9, { item: 3 }) }],
    },
  ],
  overrides: jilinOverrides,
  added: jilinAdded,
};
