import { defineParam, type ParamDef } from '../model';
import { BASE_FROM, ord2, ord2Unlocated, ord3 } from './cite';

const p = (key: string, label: string, unit: ParamDef['unit'], value: number, cite: ParamDef['values'][number]['cite']) =>
  defineParam({ key, label, unit, values: [{ from: BASE_FROM, value, cite }] });

/** National baseline parameters (国家医疗保障局令第2号、第3号), each value with its own citation. */
export const nationalParams: ParamDef[] = [
  p('operating.min.months', '正式运营最短时间', 'months', 3, ord2(6, { item: 1 })),
  p('physician.registered.min.months', '第一注册地医师注册最短时间', 'months', 3, ord2(6, { item: 2 })),
  p('physician.min.count', '第一注册地在本机构的医师最少人数', 'persons', 1, ord2(6, { item: 2 })),
  p('beds.internalDept.threshold', '应设内部医保管理部门的床位数', 'beds', 100, ord2(6, { item: 3 })),
  p('notice.supplement.workdays', '材料不全一次性告知补正时限', 'workdays', 5, ord2(8)),
  p('evaluation.limit.months', '评估期限（补充材料时间不计入）', 'months', 3, ord2(9)),
  p('evaluation.retry.months', '评估不合格整改后可再次评估的时间', 'months', 3, ord2(9)),
  p('evaluation.ban.years', '再次评估仍不合格后不得申请的期限', 'years', 1, ord2(9)),
  p('agreement.term.years', '医保协议期限（一般）', 'years', 1, ord2(10)),
  p('refusal.fraud.years', '弄虚作假申请定点后不予受理期限', 'years', 3, ord2(12, { item: 4 })),
  p('refusal.illegalTermination.years', '因违法违规被解除协议后不予受理期限', 'years', 3, ord2(12, { item: 5 })),
  p('refusal.seriousBreach.years', '因严重违约被解除协议后不予受理期限', 'years', 1, ord2(12, { item: 6 })),
  p('refusal.personTermination.years', '相关人员曾致原机构被解除协议后不予受理期限', 'years', 5, ord2(12, { item: 7 })),
  p('change.apply.workdays', '重大信息变更申请时限（自有关部门批准之日起）', 'workdays', 30,
    ord2Unlocated('重大信息变更时，应自有关部门批准之日起30个工作日内向经办机构提出变更申请')),
  p('renewal.advance.months', '续签申请提前时间（协议期满前）', 'months', 3,
    ord2Unlocated('续签应由定点医疗机构于医保协议期满前3个月向经办机构提出申请')),
  p('suspension.requested.maxDays', '依申请中止最长时间', 'days', 180,
    ord2Unlocated('中止时间原则上不得超过180日')),
  p('exit.notice.months', '请求中止、解除或不再续签的提前申请时间', 'months', 3,
    ord2Unlocated('请求中止、解除医保协议或不再续签医保协议的，应提前3个月向经办机构提出申请')),
  // 国家医疗保障局令第3号 — not verified against the official text
  p('pharmacy.operating.min.months', '药店在注册地址正式经营最短时间', 'months', 3, ord3(5, { item: 1 })),
  p('pharmacy.pharmacists.min', '执业药师（或同等）最少人数', 'persons', 1, ord3(5, { item: 2 })),
  p('pharmacy.contract.min.years', '劳动合同最短期限', 'years', 1, ord3(5, { item: 2 })),
  p('pharmacy.insuranceStaff.min', '医保管理人员最少人数', 'persons', 2, ord3(5, { item: 3 })),
];
