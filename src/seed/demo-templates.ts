/**
 * Demo 协议范本: one per province profile (云南, 北京, 吉林) and institution kind for the current
 * year, and one local supplement (昆明市, refining the Yunnan hospital template). The wording is
 * a condensed demo text built from the articles it cites, not an official 范本: the real ones
 * are issued by each province (2025 draft 一(三)). Clauses are locked unless marked overridable
 * (服务范围 and 结算, which pooling regions set locally).
 */
import type { TemplateClause, SupplementClause } from '../documents/build-agreement';
import { agreementTemplates } from '../db/schema/index';
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';

type Kind = 'medical' | 'pharmacy' | 'ltc';
const PROVINCES = [
  { profileId: 'yunnan', regionCode: '530000', name: '云南省', issuer: '云南省医疗保障局', basis: '云医保〔2022〕6号' },
  { profileId: 'beijing', regionCode: '110000', name: '北京市', issuer: '北京市医疗保障局', basis: '京医保发〔2021〕30号' },
  { profileId: 'jilin', regionCode: '220000', name: '吉林省', issuer: '吉林省医疗保障局', basis: '吉医保规〔2023〕1号' },
] as const;
const KINDS: Record<Kind, { party: string; title: string; code: string }> = {
  medical: { party: '定点医疗机构', title: '医疗保障定点医疗机构服务协议范本', code: 'medical' },
  pharmacy: { party: '定点零售药店', title: '医疗保障定点零售药店服务协议范本', code: 'pharmacy' },
  ltc: { party: '长期护理保险定点服务机构', title: '长期护理保险定点服务机构服务协议范本', code: 'ltc' },
};

export function demoTemplateClauses(kind: Kind, basis: string): TemplateClause[] {
  const p = KINDS[kind].party;
  const service = kind === 'pharmacy' ? '药品和医用耗材' : kind === 'ltc' ? '长期护理服务' : '医疗服务';
  return [
    { id: 'general', heading: '总则', paragraphs: [`甲方为乙方作为${p}向参保人员提供${service}进行协议管理，乙方自愿承担医疗保障服务，遵守医疗保障法律法规和${basis}等规定。`] },
    { id: 'scope', heading: '服务范围', overridable: true, paragraphs: [`乙方为参保人员提供的医保支付类别为：{{服务类别}}。增加医保支付类别的，按统筹地区规定申请。`] },
    { id: 'party-a', heading: '甲方的权利和义务', paragraphs: ['甲方按规定审核、结算和拨付医保费用，为乙方提供政策咨询、培训和信息系统支持，对乙方履行协议情况进行监督检查和考核。'] },
    { id: 'party-b', heading: '乙方的权利和义务', paragraphs: [`乙方应当严格执行医保政策和本协议，合理${kind === 'pharmacy' ? '销售' : '诊疗、合理收费'}，按规定进行医保费用直接结算，如实上传医保结算信息。`] },
    { id: 'settlement', heading: '医保费用结算', overridable: true, paragraphs: ['甲方按统筹地区规定的支付方式和结算标准与乙方结算，原则上在乙方申报后30个工作日内拨付符合规定的医保费用。'] },
    { id: 'it', heading: '信息系统', paragraphs: ['乙方应当按规定配备医保信息系统，落实医保编码、追溯码扫码和上传、医保码识别使用等要求。'] },
    { id: 'supervision', heading: '监督检查', paragraphs: ['乙方应当配合甲方和医疗保障行政部门的监督检查，按要求提供医学文书、会计凭证、电子信息等资料。'] },
    { id: 'breach', heading: '违约责任', paragraphs: ['乙方违反本协议的，甲方可以采取约谈、拒付费用、暂停结算、中止或解除协议等措施；涉嫌违法的，移交有关部门处理。'] },
    { id: 'termination', heading: '协议的变更、中止和解除', paragraphs: ['协议履行期间重大信息变更、中止和解除，按医疗保障定点管理规定和本协议约定办理。'] },
    { id: 'disputes', heading: '争议处理', paragraphs: ['双方因本协议发生争议的，可协商解决；协商不成的，可依法申请行政复议或提起行政诉讼。'] },
  ];
}

export const KUNMING_SUPPLEMENT: SupplementClause[] = [
  { id: 'km-1', relation: 'refines', target: 'scope', paragraphs: ['昆明市行政区域内的门诊慢特病服务须经市医保经办机构备案后提供。'] },
  { id: 'km-2', relation: 'adds', heading: '异地就医直接结算', paragraphs: ['乙方应当开通跨省异地就医直接结算服务，为异地参保人员提供与本地参保人员同等的结算服务。'] },
];

/** Inserts the demo templates (and the 昆明市 supplement) unless templates exist already. */
export async function seedDemoTemplates(ctx: AppContext): Promise<void> {
  const [any] = await ctx.db.select({ id: agreementTemplates.id }).from(agreementTemplates).limit(1);
  if (any) return;
  const year = Number(chinaDate(ctx.clock.now()).slice(0, 4));
  const now = ctx.clock.now();
  const rows = await ctx.db
    .insert(agreementTemplates)
    .values(PROVINCES.flatMap((pr) => (Object.keys(KINDS) as Kind[]).map((kind) => ({
      kind: 'template' as const, code: `${pr.profileId}-${KINDS[kind].code}-${year}`, version: 1, profileId: pr.profileId,
      institutionKind: kind, year, regionCode: pr.regionCode, title: `${pr.name}${KINDS[kind].title}`, issuer: pr.issuer,
      clauses: demoTemplateClauses(kind, pr.basis), createdAt: now,
    }))))
    .returning({ id: agreementTemplates.id, code: agreementTemplates.code });
  const base = rows.find((r) => r.code === `yunnan-medical-${year}`)!;
  await ctx.db.insert(agreementTemplates).values({
    kind: 'supplement', code: `kunming-medical-${year}`, version: 1, profileId: 'yunnan', institutionKind: 'medical', year,
    regionCode: '530100', baseTemplateId: base.id, title: '昆明市医疗保障定点医疗机构服务协议补充条款', issuer: '昆明市医疗保障局',
    clauses: KUNMING_SUPPLEMENT, createdAt: now,
  });
}
