/**
 * An institution's own termination records (institution_terminations) as the screening facts the
 * refusal rules read (decision 0034):
 *
 * - 京医保发〔2021〕30号 第十二条(五) / 令第2号 第十二条(五): 「因违法违规被解除医保协议未满3年或已满3年但未完全
 *   履行行政处罚法律责任」 — cause 'illegal';
 * - 第十二条(六): 「因严重违反医保协议约定而被解除协议未满1年或已满1年但未完全履行违约责任」 — cause
 *   'serious_breach';
 * - 自治区医保局〔2025〕征求意见稿 三(三): 「定点医药机构被解除协议后，3年内不得再次申请」 — any sanction
 *   (every cause, 'other' included);
 * - a termination at the institution's own request (京医保发〔2021〕30号 第四十三条(十二), 云医保〔2022〕6号
 *   第三十一条) is no sanction: it bans nothing and is left out.
 *
 * Which cause a record has: the recorded cause when it names one (violation / breach / on_request /
 * cascade), else the situation code the agency decided on, else the category. A record converted by
 * migration 0015 from a registry status keeps the reading the screening had before it (严重违约,
 * penalties unfulfilled until an officer records otherwise), so no ban changes length by the upgrade.
 * Pure: the records come from src/db/screening-repo.ts.
 */
import type { ScreeningFacts } from './facts';
import { ON_REQUEST, TERMINATION_SITUATIONS, CASCADE } from '../agreement/situations';

export type TerminationFact = ScreeningFacts['terminations'][number];

/** A termination record as the screening reads it (a subset of institution_terminations). */
export interface OwnTerminationRecord {
  terminatedOn: string;
  category: 'serious' | 'other';
  cause: string | null;
  situation: string | null;
  source: string;
  penaltiesFulfilledOn: string | null;
}

/**
 * Agency grounds that are breaches of the agreement's own duties (第十二条(六) 「严重违反医保协议约定」):
 * an agency terminates for a breach only when it is serious (milder ones are 约谈、拒付、中止), so each
 * of these counts under (六). The grounds marked serious in situations.ts are 违法违规 (五); the rest
 * (licence revoked, the principal unable to perform, by law, the 双通道 agreement alone) are neither.
 */
export const BREACH_SITUATIONS: readonly string[] = [
  'suspended_twice', 'change_unreported', 'closure_unreported', 'by_agreement',
  'zzq_documents_not_produced', 'zzq_rectification_refused', 'zzq_dual_price',
];

/** The cause the refusal rules read, or null when the record bans nothing (a requested termination). */
export function terminationCause(r: Pick<OwnTerminationRecord, 'category' | 'cause' | 'situation' | 'source'>): TerminationFact['cause'] | null {
  if (r.cause === 'on_request' || r.situation === ON_REQUEST.code) return null;
  if (r.cause === 'violation') return 'illegal';
  if (r.cause === 'breach') return 'serious_breach';
  if (r.cause === 'cascade' || r.situation === CASCADE.code) return 'other';
  const s = r.situation ? TERMINATION_SITUATIONS.find((x) => x.code === r.situation) : undefined;
  if (s) return BREACH_SITUATIONS.includes(s.code) ? 'serious_breach' : s.seriousness === 'serious' ? 'illegal' : 'other';
  // converted from the registry status (0015): the reading the screening had before the records
  if (r.source === 'converted') return r.category === 'serious' ? 'serious_breach' : 'other';
  return r.category === 'serious' ? 'illegal' : 'other';
}

/** The institution's records as (五)(六) and 三(三) read them, on `today` (YYYY-MM-DD). */
export function terminationFacts(records: readonly OwnTerminationRecord[], today: string): TerminationFact[] {
  return records.flatMap((r) => {
    const cause = terminationCause(r);
    if (!cause) return [];
    return [{ date: r.terminatedOn, cause, penaltiesFulfilled: r.penaltiesFulfilledOn !== null && r.penaltiesFulfilledOn <= today }];
  }).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}
