/**
 * What differs between regions in an agreement's life after signing, as data with citations
 * (never `if (region)`). Two conflicts the texts leave are decided here and in
 * docs/decisions/0032-agreement-lifecycle.md:
 * - a requested suspension or termination takes effect on receipt in Yunnan (云医保〔2022〕6号
 *   第三十条、第三十一条) but after 3 months' notice elsewhere (京医保发〔2021〕30号 第四十四条,
 *   吉医保规〔2023〕1号 第二十九条);
 * - 180 days of suspension without a resumption request ends the agreement in Beijing and Jilin
 *   (and under the national order they restate) but is only a no-renewal ground in the 2025 draft
 *   (二(二)6).
 */
import { BJ, JL, NHSA2, YN, ZZQ, type Cite } from '../designation/cite';

export interface Cited<T> {
  value: T;
  cites: readonly Cite[];
  note?: string;
}

export interface LifecycleProfile {
  /** the policy profile id (src/domain/policy/profiles.ts) */
  profileId: string;
  /** when a request to suspend / terminate takes effect */
  requestEffect: Cited<{ mode: 'on_receipt' } | { mode: 'notice'; months: number; shortNotice: 'refuse' | 'flag' }>;
  /** a public institution's own request to suspend / terminate */
  publicRequest: Cited<'refuse' | 'warn' | 'allow'>;
  /** the longest suspension, in natural days */
  suspensionMaxDays: Cited<number>;
  /** what day 181 without a resumption request does */
  afterMaxSuspension: Cited<'ends' | 'no_renewal_ground'>;
  /** a suspension or termination by a prefecture-level agency or above applies to the other pooling regions (吉医保规〔2023〕1号 第三十条) */
  cascade: Cited<boolean>;
  /** the second suspension within one term (or one not rectified) is a termination ground the system proposes */
  secondSuspensionTerminates: Cited<boolean>;
  /** years a terminated institution may not apply again; null = the designation screening's own rule */
  banYearsAfterTermination: Cited<number | null>;
}

const natU = (article: number, text: string): Cite => ({ doc: NHSA2, article, text, verified: false });

export const NATIONAL_LIFECYCLE: LifecycleProfile = {
  profileId: 'national',
  requestEffect: { value: { mode: 'notice', months: 3, shortNotice: 'flag' }, cites: [natU(37, '请求中止、解除医保协议或不再续签医保协议的，应提前3个月向经办机构提出申请')] },
  publicRequest: { value: 'allow', cites: [natU(37, '公立医疗机构不得主动提出中止或解除医保协议')], note: '国家令第2号的公立医疗机构条款未在项目文本中核对，暂不拒绝' },
  suspensionMaxDays: { value: 180, cites: [natU(36, '中止时间原则上不得超过180日')] },
  afterMaxSuspension: { value: 'ends', cites: [natU(36, '中止超过180日仍未提出继续履行医保协议申请的，原则上医保协议自动终止')] },
  cascade: { value: false, cites: [] },
  secondSuspensionTerminates: { value: true, cites: [{ doc: NHSA2, article: 39, item: 1, verified: false }] },
  banYearsAfterTermination: { value: null, cites: [] },
};

export const YUNNAN_LIFECYCLE: LifecycleProfile = {
  ...NATIONAL_LIFECYCLE,
  profileId: 'yunnan',
  requestEffect: { value: { mode: 'on_receipt' }, cites: [{ doc: YN, article: 30 }, { doc: YN, article: 31 }], note: '经办机构收到申请之日中止或解除医保协议' },
  publicRequest: { value: 'refuse', cites: [{ doc: YN, article: 30 }, { doc: YN, article: 31 }] },
};

export const BEIJING_LIFECYCLE: LifecycleProfile = {
  ...NATIONAL_LIFECYCLE,
  profileId: 'beijing',
  requestEffect: { value: { mode: 'notice', months: 3, shortNotice: 'refuse' }, cites: [{ doc: BJ, article: 44 }] },
  // 「原则上不得」: a warning the institution must confirm, shown to the agency that decides
  publicRequest: { value: 'warn', cites: [{ doc: BJ, article: 44 }] },
  suspensionMaxDays: { value: 180, cites: [{ doc: BJ, article: 42, clause: 2 }] },
  afterMaxSuspension: { value: 'ends', cites: [{ doc: BJ, article: 42, clause: 2 }] },
  secondSuspensionTerminates: { value: true, cites: [{ doc: BJ, article: 43, item: 1 }] },
};

export const JILIN_LIFECYCLE: LifecycleProfile = {
  ...NATIONAL_LIFECYCLE,
  profileId: 'jilin',
  requestEffect: { value: { mode: 'notice', months: 3, shortNotice: 'flag' }, cites: [{ doc: JL, article: 29 }] },
  suspensionMaxDays: { value: 180, cites: [{ doc: JL, article: 28 }] },
  afterMaxSuspension: { value: 'ends', cites: [{ doc: JL, article: 28 }] },
  cascade: { value: true, cites: [{ doc: JL, article: 30 }] },
};

export const ZIZHIQU_LIFECYCLE: LifecycleProfile = {
  ...NATIONAL_LIFECYCLE,
  profileId: 'zizhiqu-2025-draft',
  afterMaxSuspension: { value: 'no_renewal_ground', cites: [{ doc: ZZQ, part: 2, item: 2, point: 6 }], note: '中止超过180日为不予续签情形，协议至期满终止' },
  secondSuspensionTerminates: { value: true, cites: [{ doc: ZZQ, part: 3, item: 3 }] },
  banYearsAfterTermination: { value: 3, cites: [{ doc: ZZQ, part: 3, item: 3 }] },
};

const ALL: readonly LifecycleProfile[] = [NATIONAL_LIFECYCLE, YUNNAN_LIFECYCLE, BEIJING_LIFECYCLE, JILIN_LIFECYCLE, ZIZHIQU_LIFECYCLE];

export function lifecycleProfileOf(policyProfileId: string | null | undefined): LifecycleProfile {
  return ALL.find((p) => p.profileId === policyProfileId) ?? NATIONAL_LIFECYCLE;
}
