/**
 * 评价建议 (云医保〔2022〕6号 第二十三条: 定点医药机构可采取书面、电话、邮件等形式对经办机构履行协议情况开展评价建议
 * … 及时反馈) as a case type on the one engine (decision 0035): submitted → answered (反馈). The other
 * profiles have no such article (nor, located, the national orders): available without a regional citation.
 */
import type { CaseContext, CaseDefinition, Guard, IsoDate, TransitionRow } from '../workflow/case-type';
import { YN, type Cite } from '../designation/cite';
import type { Role } from '../identity/roles';

export const RATING_STATES = ['submitted', 'answered'] as const;
export type RatingState = (typeof RATING_STATES)[number];
export const ratingStateLabel: Record<RatingState, string> = { submitted: '待反馈', answered: '已反馈' };
export const RATING_CHANNELS = ['online', 'written', 'phone', 'email'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];
export const ratingChannelLabel: Record<RatingChannel, string> = { online: '网上', written: '书面', phone: '电话', email: '邮件' };

export interface RatingCase {
  id: string;
  institutionId: string;
  regionCode: string;
  state: RatingState;
  channel: RatingChannel;
  score: number;
  text: string;
  /** recorded by the agency on the institution's behalf (phone / mail) */
  recordedByAgency: boolean;
  submittedOn: IsoDate;
  answer: string | null;
  answeredOn: IsoDate | null;
}
export type RatingEvent = { type: 'answer'; answer: string };
export const RATING_CITES: readonly Cite[] = [{ doc: YN, article: 23 }];

const GUARDS: Record<string, Guard<RatingCase, RatingEvent, CaseContext>> = {
  answer: { id: 'rating.answer', cites: RATING_CITES, check: (_c, e) => (e.answer.trim() ? null : '请填写反馈内容') },
};
const AGENCY: readonly Role[] = ['agency_officer', 'agency_head'];
const TABLE: readonly TransitionRow<RatingState, 'answer'>[] = [
  { from: ['submitted'], event: 'answer', to: 'answered', roles: AGENCY, guards: ['answer'], cites: RATING_CITES },
];

export const RATING_CASE: CaseDefinition<RatingState, RatingEvent, RatingCase, CaseContext> = {
  caseType: 'agency_rating', label: '评价建议', stateLabel: ratingStateLabel, eventLabel: { answer: '反馈评价建议' }, table: TABLE, guards: GUARDS,
  stateOf: (c) => c.state,
  reduce: (c, e, to, ctx) => ({ ...c, state: to, answer: e.answer.trim(), answeredOn: ctx.today }),
  effects: () => [],
};
