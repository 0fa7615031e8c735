/**
 * The situations in which an agency suspends (中止) or terminates (解除) an agreement, each with
 * its article listed per layer. A situation is offered under a profile only when one of its
 * citations belongs to the profile's layers (its own region or the national baseline) — the
 * 2025 draft's 阴阳价格 is not a ground in Beijing, and Beijing's numbering never reaches Yunnan.
 *
 * The national orders' own lists (国家医疗保障局令第2号 第三十八条、第三十九条; 第3号 mirrors them
 * for pharmacies) are not in the project's texts: those citations are marked unverified. Beijing's
 * 第四十二条、第四十三条 restate them and are verified.
 */
import { BJ, JL, NHSA2, NHSA3, ZZQ, citesFor, type CitationLayers, type Cite } from '../designation/cite';
import type { InstitutionKind } from '../registry/enums';

/** serious: 因严重违法违规 — what 京医保发〔2021〕30号 第十二条(七) and the 5-year ban count */
export type Seriousness = 'serious' | 'other';

export interface Situation {
  code: string;
  label: string;
  cites: readonly Cite[];
  /** which institution kinds it applies to (default: every kind) */
  kinds?: readonly InstitutionKind[];
  seriousness: Seriousness;
  /** imposed suspensions: documents to be produced within N natural days, else termination (2025 draft 三(一)2) */
  documentsWithinDays?: number;
  /** the agreement concerned is the 双通道 one alone (2025 draft 三(二)3) */
  dualChannelOnly?: boolean;
}

const n2 = (article: number, item: number): Cite => ({ doc: NHSA2, article, item, verified: false });
const n3 = (article: number, item: number): Cite => ({ doc: NHSA3, article, item, verified: false });
const bj = (article: number, item: number): Cite => ({ doc: BJ, article, item });
const zzq = (item: number, point?: number): Cite => (point === undefined ? { doc: ZZQ, part: 3, item } : { doc: ZZQ, part: 3, item, point });

/** 中止 imposed by the agency (京医保发〔2021〕30号 第四十二条第二款; 2025 draft 三(一)1–2). */
export const SUSPENSION_SITUATIONS: readonly Situation[] = [
  { code: 'major_risk', label: '根据日常检查和绩效考核，发现对医疗保障基金安全和参保人员权益可能造成重大风险', cites: [bj(42, 1), n2(38, 1), n3(38, 1)], seriousness: 'other' },
  { code: 'data_not_provided', label: '未按规定向经办机构及医疗保障行政部门提供有关数据或提供数据不真实', cites: [bj(42, 2), n2(38, 2), n3(38, 2)], seriousness: 'other' },
  { code: 'by_agreement', label: '根据医保协议约定应当中止医保协议', cites: [bj(42, 3), n2(38, 3), n3(38, 3)], seriousness: 'other' },
  { code: 'by_law', label: '法律法规和规章规定的应当中止的其他情形', cites: [bj(42, 4), n2(38, 4), n3(38, 4)], seriousness: 'other' },
  { code: 'zzq_fraud_signs', label: '存在冒名行医、虚构医药服务项目、伪造检查检验报告、编造病历等可能造成重大风险的情形，暂停医保基金结算', cites: [zzq(1, 1)], kinds: ['medical'], seriousness: 'other' },
  { code: 'zzq_documents', label: '未按规定保管、提供医学文书、医学证明、会计凭证、电子信息等有关资料，暂停医保基金结算（原则上7天内仍不能提供的，解除协议）', cites: [zzq(1, 2)], kinds: ['medical'], seriousness: 'other', documentsWithinDays: 7 },
  { code: 'zzq_dual_price', label: '违反医保服务协议执行"阴阳价格"，暂停医保结算', cites: [zzq(2, 2)], kinds: ['pharmacy'], seriousness: 'other' },
];

/** 解除 decided by the agency (京医保发〔2021〕30号 第四十三条; 2025 draft 三(一)–(三); 吉医保规〔2023〕1号 第三十条 by cascade). */
export const TERMINATION_SITUATIONS: readonly Situation[] = [
  { code: 'suspended_twice', label: '医保协议有效期内累计2次及以上被中止医保协议或中止医保协议期间未按要求整改或整改不到位', cites: [bj(43, 1), n2(39, 1), n3(39, 1), zzq(3)], seriousness: 'other' },
  { code: 'fraudulent_application', label: '以弄虚作假等不正当手段申请取得定点', cites: [bj(43, 2), n2(39, 2), n3(39, 2)], seriousness: 'serious' },
  { code: 'fraud', label: '经医疗保障部门和其他有关部门查实有欺诈骗保行为', cites: [bj(43, 3), n2(39, 3), n3(39, 3), zzq(1, 1), zzq(2, 1)], seriousness: 'serious' },
  { code: 'settled_for_others', label: '为非定点医疗机构或处于中止医保协议期间的医疗机构提供医保费用结算', cites: [bj(43, 4), n2(39, 4), n3(39, 4)], seriousness: 'serious' },
  { code: 'obstructed', label: '拒绝、阻挠或不配合医疗保障部门开展智能审核、绩效考核、监督检查等，情节恶劣', cites: [bj(43, 5), n2(39, 5), n3(39, 5), zzq(1, 3)], seriousness: 'serious' },
  { code: 'change_unreported', label: '被发现重大信息发生变更但未办理重大信息变更', cites: [bj(43, 6), n2(39, 6), n3(39, 6)], seriousness: 'other' },
  { code: 'closure_unreported', label: '停业或歇业后未按规定向经办机构报告', cites: [bj(43, 7), n2(39, 7), n3(39, 7)], seriousness: 'other' },
  { code: 'major_violation', label: '行政执法中发现存在重大违法违规行为且可能造成医疗保障基金重大损失', cites: [bj(43, 8), n2(39, 8), n3(39, 8)], seriousness: 'serious' },
  { code: 'licence_revoked', label: '被吊销、注销执业许可证或中医诊所备案证', cites: [bj(43, 9), n2(39, 9), n3(39, 9)], seriousness: 'other' },
  { code: 'principal_unable', label: '法定代表人、主要负责人或实际控制人不能履行医保协议约定，或有违法失信行为', cites: [bj(43, 10), n2(39, 10), n3(39, 10)], seriousness: 'other' },
  { code: 'penalty_unfulfilled', label: '未依法履行医疗保障行政部门作出的行政处罚决定', cites: [bj(43, 11), n2(39, 11), n3(39, 11)], seriousness: 'serious' },
  { code: 'by_agreement', label: '根据医保协议约定应当解除医保协议', cites: [bj(43, 13), n2(39, 13), n3(39, 13)], seriousness: 'other' },
  { code: 'by_law', label: '法律法规和规章规定的应当解除的其他情形', cites: [bj(43, 14), n2(39, 14), n3(39, 14)], seriousness: 'other' },
  { code: 'zzq_documents_not_produced', label: '暂停结算后在规定时间内（原则上7天内）仍不能提供有关资料', cites: [zzq(1, 2)], kinds: ['medical'], seriousness: 'other' },
  { code: 'zzq_rectification_refused', label: '在医保定点评估政策辅导期及延长期拒不整改相关问题', cites: [zzq(1, 4)], kinds: ['medical'], seriousness: 'other' },
  { code: 'zzq_dual_price', label: '执行"阴阳价格"，视情节严重程度和整改情况解除医保服务协议', cites: [zzq(2, 2)], kinds: ['pharmacy'], seriousness: 'other' },
  { code: 'zzq_dual_channel', label: '"双通道"药店未按规定改造医保电子处方信息系统或一年内未提供"双通道"保障服务，经约谈仍不整改（解除"双通道"医保服务协议）', cites: [zzq(2, 3)], kinds: ['pharmacy'], seriousness: 'other', dualChannelOnly: true },
];

/** The institution's own request (京医保发〔2021〕30号 第四十三条(十二)); not a decision ground the agency picks. */
export const ON_REQUEST: Situation = {
  code: 'on_request', label: '定点医药机构主动提出解除医保协议且经办机构同意', cites: [bj(43, 12), n2(39, 12), n3(39, 12), { doc: '云医保〔2022〕6号', article: 31 }], seriousness: 'other',
};

/** 吉医保规〔2023〕1号 第三十条: the other pooling regions' agreements follow. */
export const CASCADE: Situation = {
  code: 'cascade', label: '地市级及以上统筹地区经办机构中止或解除医保协议，其他统筹区的医保协议同时中止或解除', cites: [{ doc: JL, article: 30 }], seriousness: 'other',
};

/**
 * The situations a profile offers for a kind of institution, each with its citations resolved to
 * the profile: those its own documents cite, and — unless its region restates the national list
 * article by article (Beijing) — the national orders' ones (the 2025 draft adds to them: 「除…规定情形外」).
 */
export function situationsFor(list: readonly Situation[], layers: CitationLayers, kind: InstitutionKind): (Situation & { resolved: Cite[] })[] {
  const ownList = layers.documents.some((d) => OWN_LISTS.includes(d));
  return list
    .filter((s) => !s.kinds || s.kinds.includes(kind))
    .filter((s) => s.cites.some((c) => layers.documents.includes(c.doc)) || (!ownList && s.cites.some((c) => c.doc === NHSA2 || c.doc === NHSA3)))
    .map((s) => ({ ...s, resolved: citesFor(layers, s.cites) }));
}

/** Regions whose text restates the national lists article by article. */
const OWN_LISTS: readonly string[] = [BJ];

export function findSituation(list: readonly Situation[], code: string): Situation | undefined {
  return list.find((s) => s.code === code);
}
