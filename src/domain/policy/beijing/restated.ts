import { restate, type Override, type Rule } from '../model';
import { institutionTypes, medicalConditions, nationalMaterials } from '../national/conditions';
import { nationalProcedure } from '../national/procedure';
import { medicalRefusals, reapplicationRules } from '../national/refusals';
import { bj, BJ_FROM } from './cite';

/**
 * Where 京医保发〔2021〕30号 repeats the national order, the Beijing profile restates the national
 * rule under its own article (same logic, own citation). Restatements name only 医疗机构:
 * the Beijing text does not govern pharmacies, which keep the national rule.
 */
const eff = { from: BJ_FROM };
const byId = (rules: Rule[], id: string): Rule => {
  const r = rules.find((x) => x.id === id);
  if (!r) throw new Error(`未找到规则 ${id}`);
  return r;
};
const med = ['medical'] as const;

const refusalIds = medicalRefusals.map((r) => r.id);
const refusalOverrides: Override[] = refusalIds.map((id, i) =>
  restate(byId(medicalRefusals, id), {
    id: id.replace('national.', 'beijing.'),
    cites: [bj(12, { item: i + 1 })],
    effective: eff,
    ...(i === 1 ? { title: '基本医疗服务未执行国家及本市医药价格政策的，不予受理' } : {}),
  }),
);

const conditionOverrides: Override[] = medicalConditions.map((r, i) =>
  restate(r, {
    id: r.id.replace('national.', 'beijing.'),
    cites: [bj(6, { item: i + 1 })],
    effective: eff,
    ...(i === 5 ? { title: '符合法律法规和市级（含）以上医疗保障行政部门规定的其他条件' } : {}),
  }),
);

const proc = (id: string) => byId(nationalProcedure, id);

export const beijingRestated: Override[] = [
  restate(institutionTypes, {
    id: 'beijing.eligibility.institution-types', cites: [bj(5)], effective: eff,
    title: '取得执业许可证或中医诊所备案证的医疗机构及有为民服务资质的军队医疗机构可申请定点',
  }),
  ...conditionOverrides,
  restate(byId(nationalMaterials, 'national.material.medical'), {
    id: 'beijing.material.medical', cites: [bj(7)], effective: eff, title: '向所在区经办机构申请定点应提供的材料',
    materials: [
      { id: 'application_form', label: '定点医疗机构申请表', cite: bj(7, { item: 1 }) },
      { id: 'licence_copy', label: '医疗机构执业许可证或中医诊所备案证或军队医疗机构为民服务许可证照复印件', cite: bj(7, { item: 2 }) },
      { id: 'internal_rules', label: '与医保政策对应的内部管理制度和财务制度文本', cite: bj(7, { item: 3 }) },
      { id: 'information_system', label: '与医保有关的医疗机构信息系统相关材料', cite: bj(7, { item: 4 }) },
      { id: 'fund_forecast', label: '纳入定点后使用医疗保障基金的预测性分析报告', cite: bj(7, { item: 5 }) },
      { id: 'other', label: '市医疗保障行政部门按相关规定要求提供的其他材料', cite: bj(7, { item: 6 }), optional: true },
    ],
  }),
  restate(proc('national.procedure.immediate-acceptance'), {
    id: 'beijing.procedure.immediate-acceptance', cites: [bj(8)], effective: eff, appliesTo: [...med],
    title: '区经办机构即时受理；材料不全的，5个工作日内一次性告知补充',
  }),
  restate(proc('national.deadline.evaluation-limit'), {
    id: 'beijing.deadline.evaluation-limit', cites: [bj(9)], effective: eff, appliesTo: [...med],
  }),
  restate(proc('national.procedure.evaluation'), {
    id: 'beijing.procedure.evaluation', cites: [bj(9)], effective: eff,
    title: '市经办机构委托第三方或区经办机构组织评估小组评估；结果报市医疗保障行政部门备案，合格的向社会公示',
  }),
  ...reapplicationRules.map((r) =>
    restate(r, { id: r.id.replace('national.', 'beijing.'), cites: [bj(9)], effective: eff, appliesTo: [...med] }),
  ),
  restate(proc('national.procedure.negotiation-and-term'), {
    id: 'beijing.procedure.negotiation-and-term', cites: [bj(10)], effective: eff, appliesTo: [...med],
    title: '市经办机构与评估合格的医疗机构协商谈判、签订医保协议并向市医疗保障行政部门备案，协议期限一般为1年',
  }),
  restate(proc('national.procedure.publish-designated'), {
    id: 'beijing.procedure.publish-designated', cites: [bj(11)], effective: eff, appliesTo: [...med],
    title: '市经办机构向社会公布定点医疗机构名称、地址等信息',
  }),
  ...refusalOverrides,
  restate(proc('national.deadline.change'), {
    id: 'beijing.deadline.change', cites: [bj(40)], effective: eff, appliesTo: [...med],
    title: '重大信息变更自批准之日起30个工作日内向区经办机构申请，区经办机构报市经办机构',
  }),
  restate(proc('national.renewal.advance-application'), {
    id: 'beijing.renewal.advance-application', cites: [bj(41)], effective: eff, appliesTo: [...med],
    title: '协议期满前3个月向区经办机构申请续签或由区经办机构统一组织，市经办机构协商谈判；绩效好的可固定协议与年度协议结合',
  }),
  restate(proc('national.suspension.requested-max'), {
    id: 'beijing.suspension.requested-max', cites: [bj(42, { clause: 2 })], effective: eff, appliesTo: [...med],
  }),
  restate(proc('national.deadline.exit-notice'), {
    id: 'beijing.deadline.exit-notice', cites: [bj(44)], effective: eff, appliesTo: [...med],
    title: '请求中止、解除或不再续签的，提前3个月向区经办机构申请',
  }),
];
