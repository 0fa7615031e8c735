import { defineRule, restate, type Override, type Rule } from '../model';
import { nationalProcedure } from '../national/procedure';
import { medicalRefusals, reapplicationRules } from '../national/refusals';
import { yn, YN_FROM, yn308, YN308_FROM } from './cite';
import { ord2 } from '../national/cite';

const eff = { from: YN_FROM };
const pick = (rules: Rule[], id: string): Rule => {
  const r = rules.find((x) => x.id === id);
  if (!r) throw new Error(`未找到规则 ${id}`);
  return r;
};
const proc = (id: string) => pick(nationalProcedure, id);

/** Where 云医保〔2022〕6号 and 云人社发〔2016〕308号 replace or restate the national baseline. */
export const yunnanOverrides: Override[] = [
  {
    replaces: 'national.jurisdiction.pooling-region',
    rule: defineRule({
      kind: 'jurisdiction', effective: { from: YN308_FROM }, id: 'yunnan.jurisdiction.by-level',
      title: '分级定点、分级管理：县区经办机构管县区级及基层医疗机构，统筹地区管州市级及其他，省级管省级',
      cites: [yn308(3)], appliesTo: ['medical'],
      note: '中心卫生院按乡镇卫生院对待。零售药店仍由统筹地区经办机构管理（云医保〔2022〕6号 第三条）。',
      jurisdiction: {
        entries: [
          {
            adminLevels: [], subtypes: ['township_health_center', 'central_health_center', 'village_clinic', 'community_center', 'community_station'],
            accept: 'county', evaluate: 'county', sign: 'county', manage: 'county', note: '乡镇卫生院、村卫生室、社区卫生服务中心和卫生服务站',
          },
          { adminLevels: ['county'], accept: 'county', evaluate: 'county', sign: 'county', manage: 'county', note: '县区级医疗机构' },
          { adminLevels: ['prefecture'], accept: 'prefecture', evaluate: 'prefecture', sign: 'prefecture', manage: 'prefecture', note: '州市级及其他医疗机构' },
          { adminLevels: ['province'], accept: 'province', evaluate: 'province', sign: 'province', manage: 'province', note: '省级定点医疗机构' },
        ],
      },
    }),
  },
  restate(proc('national.procedure.immediate-acceptance'), {
    id: 'yunnan.procedure.immediate-acceptance', cites: [yn(8), yn(9)], effective: eff,
    title: '即时受理、限时办结；材料不全的，当场或5个工作日内一次性告知补充；鼓励线上受理',
  }),
  restate(proc('national.procedure.evaluation'), {
    id: 'yunnan.procedure.evaluation', cites: [yn(11), yn(12), yn(14)], effective: eff, appliesTo: ['medical', 'pharmacy'],
    title: '评估小组（医保、医药卫生、信息技术、法律、财务）经现场核查、专业评估、结果公示；逐一发表意见，必要时表决，形成会议纪要',
    items: [
      { n: 1, label: '按国家医疗保障局令第2号、第3号规定的条件核查' },
      { n: 2, label: '核查资质、等级、能力和资源配置与所申请的医保支付类别是否相符' },
      { n: 3, label: '核查是否属于评估不合格整改后仍不合格未超过1年的情形' },
      { n: 4, label: '核查法定代表人、主要负责人或实际控制人是否替代曾致原机构被解除协议未满5年的人员' },
      { n: 5, label: '其他需要评估的相关内容' },
    ],
  }),
  restate(pick(reapplicationRules, 'national.refusal.retry-after-failure'), {
    id: 'yunnan.refusal.retry-after-failure', cites: [yn(14, { item: 3 })], effective: eff,
  }),
  restate(pick(reapplicationRules, 'national.refusal.ban-after-second-failure'), {
    id: 'yunnan.refusal.ban-after-second-failure', cites: [yn(14, { item: 2, point: 3 }), yn(14, { item: 3 })], effective: eff,
  }),
  restate(pick(medicalRefusals, 'national.refusal.person-prior-termination'), {
    id: 'yunnan.refusal.person-prior-termination', cites: [ord2(12, { item: 7 }), yn(14, { item: 2, point: 4 })], effective: eff,
    title: '法定代表人、主要负责人或实际控制人曾致原定点机构被解除协议未满5年（含替代情形）的，不予受理',
  }),
  restate(proc('national.deadline.change'), {
    id: 'yunnan.deadline.change', cites: [yn(28)], effective: eff, params: ['change.apply.workdays', 'change.handle.workdays'],
    title: '重大信息变更自批准之日起30个工作日内申请，经办机构7个工作日内办结；一般信息变更在贯标动态平台维护',
  }),
  restate(proc('national.renewal.advance-application'), {
    id: 'yunnan.renewal.annual', cites: [yn(29)], effective: eff, params: ['renewal.month', 'renewal.organise.beforeExpiry.months'],
    title: '续签由经办机构组织，不留空档期，原则上每年12月开展，也可在协议期满前1个月组织；绩效好的可固定协议与年度协议结合',
  }),
];
