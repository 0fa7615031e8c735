/**
 * 续签申请 (京医保发〔2021〕30号 第四十一条, decision 0048) as a case type on the one engine: under a profile
 * where the institution applies (北京, the national baseline), it asks its district agency to renew an
 * agreement 3 months before the term ends; the agency takes it into the renewal (受理) or returns it with a
 * reason; the institution may withdraw it before. A late application is flagged (逾期申请) with the
 * article, never refused: the same article lets the district organise the renewal itself, so the
 * agreement is renewed through the campaign either way (decision 0046).
 */
import type { CaseContext, CaseDefinition, Guard, IsoDate, TransitionRow } from '../workflow/case-type';
import { BJ, NHSA2, type Cite } from '../designation/cite';
import type { Role } from '../identity/roles';

export const RENEWAL_APPLICATION_STATES = ['submitted', 'accepted', 'returned', 'withdrawn'] as const;
export type RenewalApplicationState = (typeof RENEWAL_APPLICATION_STATES)[number];
export const renewalApplicationStateLabel: Record<RenewalApplicationState, string> = {
  submitted: '已申请', accepted: '已受理', returned: '已退回', withdrawn: '已撤回',
};

export interface RenewalApplicationCase {
  agreementId: string;
  institutionId: string;
  regionCode: string;
  termTo: IsoDate;
  state: RenewalApplicationState;
  submittedOn: IsoDate;
  /** 期满前3个月 (the profile's 'renewal.advance.months') */
  dueOn: IsoDate;
  /** submitted after dueOn: flagged, not refused */
  late: boolean;
  note: string;
  reason: string | null;
  decidedOn: IsoDate | null;
}

export type RenewalApplicationEvent =
  | { type: 'accept'; note?: string }
  | { type: 'return'; reason: string }
  | { type: 'withdraw' };
export type RenewalApplicationEventType = RenewalApplicationEvent['type'];
export const renewalApplicationEventLabel: Record<RenewalApplicationEventType, string> = { accept: '受理', return: '退回', withdraw: '撤回申请' };

const INST: readonly Role[] = ['institution_staff', 'institution_admin'];
const AGENCY: readonly Role[] = ['agency_officer', 'agency_head'];
export const RENEWAL_APPLICATION_CITES: readonly Cite[] = [
  { doc: BJ, article: 41 },
  { doc: NHSA2, text: '续签应由定点医疗机构于医保协议期满前3个月向经办机构提出申请或由经办机构统一组织', verified: false },
];

const GUARDS: Record<string, Guard<RenewalApplicationCase, RenewalApplicationEvent, CaseContext>> = {
  reason: {
    id: 'renewal-application.reason', cites: RENEWAL_APPLICATION_CITES,
    check: (_c, e) => (e.type === 'return' && e.reason.trim().length < 2 ? '请填写退回理由' : null),
  },
};

type Row = TransitionRow<RenewalApplicationState, RenewalApplicationEventType>;
export const RENEWAL_APPLICATION_TABLE: readonly Row[] = [
  { from: ['submitted'], event: 'accept', to: 'accepted', roles: AGENCY, guards: [], cites: RENEWAL_APPLICATION_CITES },
  { from: ['submitted'], event: 'return', to: 'returned', roles: AGENCY, guards: ['reason'], cites: RENEWAL_APPLICATION_CITES },
  { from: ['submitted'], event: 'withdraw', to: 'withdrawn', roles: INST, guards: [], cites: RENEWAL_APPLICATION_CITES },
];

function reduce(c: RenewalApplicationCase, e: RenewalApplicationEvent, to: RenewalApplicationState, ctx: CaseContext): RenewalApplicationCase {
  const base = { ...c, state: to, decidedOn: ctx.today };
  switch (e.type) {
    case 'accept': return { ...base, reason: e.note?.trim() || null };
    case 'return': return { ...base, reason: e.reason.trim() };
    case 'withdraw': return base;
  }
}

export const RENEWAL_APPLICATION_CASE: CaseDefinition<RenewalApplicationState, RenewalApplicationEvent, RenewalApplicationCase, CaseContext> = {
  caseType: 'renewal_application', label: '续签申请', stateLabel: renewalApplicationStateLabel, eventLabel: renewalApplicationEventLabel,
  table: RENEWAL_APPLICATION_TABLE, guards: GUARDS, stateOf: (c) => c.state, reduce, effects: () => [],
};

/** An application still waiting for the agency (one per agreement). */
export const OPEN_APPLICATION_STATES: readonly RenewalApplicationState[] = ['submitted'];
