import { reciteParam, type ParamDef, type Profile } from '../model';
import { nationalParams } from '../national/params';
import { yunnan308, yunnanProcedure } from './added';
import { yn, YN_FROM } from './cite';
import { yunnanOverrides } from './overrides';

const re = (key: string, cite: ReturnType<typeof yn>, value?: number) => reciteParam(nationalParams, key, YN_FROM, cite, value);
const own = (key: string, label: string, unit: ParamDef['unit'], value: number, cite: ReturnType<typeof yn>): ParamDef => ({
  key, label, unit, values: [{ from: YN_FROM, value, cite }],
});

/** 云医保〔2022〕6号 (in force 2022-03-01) + 云人社发〔2016〕308号 (2017-01-01). */
export const yunnanProfile: Profile = {
  id: 'yunnan',
  name: '云南省（云医保〔2022〕6号、云人社发〔2016〕308号）',
  regionCode: '530000',
  extends: 'national',
  draft: false,
  effectiveFrom: YN_FROM,
  params: [
    re('notice.supplement.workdays', yn(9)),
    re('evaluation.retry.months', yn(14, { item: 3 })),
    re('evaluation.ban.years', yn(14, { item: 3 })),
    re('change.apply.workdays', yn(28)),
    own('change.handle.workdays', '经办机构办理变更时限', 'workdays', 7, yn(28, { clause: 2 })),
    own('renewal.month', '集中续签月份', 'month_of_year', 12, yn(29)),
    // 第二十九条 「也可在医保协议期满前1个月组织」: when the agency may organise a renewal — not the
    // institution's lead time (renewal.advance.months, 3 months of the national order, stands)
    own('renewal.organise.beforeExpiry.months', '经办机构可于协议期满前组织续签的时间', 'months', 1, yn(29)),
    own('publish.workdays', '评估合格后公示名单的时限', 'workdays', 3, yn(15)),
    own('publicity.workdays', '公示期', 'workdays', 7, yn(15)),
    own('negotiation.afterPublicity.workdays', '公示期结束后组织协商谈判的时限', 'workdays', 10, yn(16)),
    // 第十八条: 「规定时限」 is left to the 统筹地区; 20 工作日 is an example value until the region confirms it
    { ...own('signing.limit.workdays', '协议签订时限（示例值，待统筹地区确认）', 'workdays', 20, yn(18, { verified: false })), delegated: yn(18, { text: '在规定时限内签订' }),
      // 第三十三条: a county's 实施细则 may shorten it, never lengthen the prefecture's (decision 0043)
      county: { cite: yn(33, { text: '制定实施细则' }), narrows: 'at_most' } },
    own('filing.workdays', '签订后向行政部门备案时限', 'workdays', 5, yn(19)),
    own('activation.workdays', '签订后开通医保支付系统时限', 'workdays', 10, yn(20)),
    own('payment.settle.workdays', '申报后拨付医保费用时限', 'workdays', 30, yn(23)),
  ],
  overrides: yunnanOverrides,
  added: [...yunnanProcedure, ...yunnan308],
  // 第六条第二款: 申请增加支付类别的，简化申请材料由统筹地区根据实际予以明确
  delegatedLists: (['medical', 'pharmacy', 'ltc'] as const).map((kind) => ({
    key: `materials.add_category.${kind}`,
    label: `增加支付类别的简化申请材料（${{ medical: '医疗机构', pharmacy: '零售药店', ltc: '长期护理机构' }[kind]}）`,
    kind, route: 'add_category' as const,
    delegated: yn(6, { clause: 2, text: '由统筹地区根据实际予以明确' }),
    // 第三十三条: a county may ask for fewer of these items, never for one the prefecture dropped
    county: yn(33, { text: '制定实施细则' }),
  })),
};
