import { defineRule, restate, type Override, type Rule } from '../model';
import { ord2 } from '../national/cite';
import { nationalProcedure } from '../national/procedure';
import { medicalRefusals, reapplicationRules } from '../national/refusals';
import { jl, JL_FROM } from './cite';

const eff = { from: JL_FROM };
const all = ['medical', 'pharmacy', 'ltc'] as const;
const pick = (rules: Rule[], id: string): Rule => {
  const r = rules.find((x) => x.id === id);
  if (!r) throw new Error(`未找到规则 ${id}`);
  return r;
};
const proc = (id: string) => pick(nationalProcedure, id);

/**
 * 第九条 款二: an LTC applicant in a 第十二条 situation is not accepted. Items (二)–(八) are restated
 * for 医疗机构 and 长期护理服务机构; item (一) (non-basic scope such as 生活照护) stays medical-only,
 * since 生活照护 is what a care home does.
 */
const ltcRefusals: Override[] = medicalRefusals
  .filter((r) => r.check && r.id !== 'national.refusal.non-basic-scope')
  .map((r) => {
    const item = r.cites[0]!.item!;
    return restate(r, {
      id: r.id.replace('national.', 'jilin.'),
      cites: [jl(9, { clause: 2 }), ord2(12, { item })],
      effective: eff,
      appliesTo: ['medical', 'ltc'],
    });
  });

/** Where 吉医保规〔2023〕1号 replaces or restates the national baseline. */
export const jilinOverrides: Override[] = [
  {
    replaces: 'national.jurisdiction.pooling-region',
    rule: defineRule({
      kind: 'jurisdiction', effective: eff, id: 'jilin.jurisdiction.local',
      title: '属地管理、谁定点谁审核评估：所在地（市级统筹）医保经办机构受理、评估、签约和日常管理，可授权县级经办机构',
      cites: [jl(5), jl(6), jl(12), jl(34)], appliesTo: [...all],
      jurisdiction: {
        entries: [{ adminLevels: ['province', 'prefecture', 'county'], accept: 'prefecture', evaluate: 'prefecture', sign: 'prefecture', manage: 'prefecture', note: '现阶段市级统筹（第三十四条）' }],
        delegableTo: ['county'],
      },
    }),
  },
  restate(proc('national.procedure.immediate-acceptance'), {
    id: 'jilin.procedure.rolling-acceptance', cites: [jl(12)], effective: eff, appliesTo: [...all],
    title: '随时受理、集中评估，按统筹区评估标准审核评估', params: [], verified: true,
    note: '补正告知时限本规程未规定，按国家规定（第三十六条）。',
  }),
  restate(proc('national.procedure.evaluation'), {
    id: 'jilin.procedure.evaluation', cites: [jl(13), jl(14), jl(15)], effective: eff, appliesTo: ['medical', 'pharmacy'],
    title: '按国家规定的评估内容，以书面、现场或远程视频在线形式，由评估组或第三方评估',
  }),
  restate(proc('national.deadline.evaluation-limit'), {
    id: 'jilin.deadline.evaluation-limit', cites: [jl(20)], effective: eff, appliesTo: [...all], verified: true,
  }),
  ...reapplicationRules.map((r) =>
    restate(r, { id: r.id.replace('national.', 'jilin.'), cites: [jl(20)], effective: eff, appliesTo: [...all] }),
  ),
  ...ltcRefusals,
  restate(proc('national.procedure.negotiation-and-term'), {
    id: 'jilin.procedure.negotiation', cites: [jl(21), jl(22)], effective: eff, appliesTo: [...all], verified: true,
    title: '就服务人群、范围、内容、价格标准、结算方式协商谈判；未达成一致的不予签约，一致的自愿签订医保协议',
  }),
  restate(proc('national.procedure.publish-designated'), {
    id: 'jilin.procedure.publish-designated', cites: [jl(22)], effective: eff, appliesTo: [...all],
    title: '向社会公布定点服务机构名称、地址、公开服务电话等信息',
  }),
  restate(proc('national.deadline.change'), {
    id: 'jilin.deadline.change', cites: [jl(25)], effective: eff, appliesTo: [...all],
    title: '重大信息（含企业负责人、药品经营范围）变更自批准之日起30个工作日内申请',
  }),
  restate(proc('national.suspension.requested-max'), {
    id: 'jilin.suspension.requested-max', cites: [jl(28)], effective: eff, appliesTo: [...all],
  }),
  restate(proc('national.deadline.exit-notice'), {
    id: 'jilin.deadline.exit-notice', cites: [jl(29)], effective: eff, appliesTo: [...all],
  }),
];
