/**
 * One agreement's renewal decision inside a campaign (issue #11) as a case type on the engine
 * (decision 0032): the screening proposes 续签 / 缓签 / 不再签订 / 需人工核定 with every rule that fired;
 * the officer accepts the proposal or decides otherwise with a reason (audited either way), and may
 * reopen a decision while the campaign is open. Signing the next agreement, deferral and expiry are
 * the agreement's own events (src/domain/agreement/); this case only records what the agency decided.
 */
import type { CaseContext, CaseDefinition, Guard, TransitionRow } from '../workflow/case-type';
import { BJ, JL, NHSA2, YN, ZZQ, type Cite } from '../designation/cite';
import type { Role } from '../identity/roles';

export const OUTCOMES = ['renew', 'defer', 'not_renew', 'manual'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** what an officer may decide: 需人工核定 is a proposal, never a decision */
export const DECISIONS = ['renew', 'defer', 'not_renew'] as const;
export type Decision = (typeof DECISIONS)[number];

export const outcomeLabel: Record<Outcome, string> = { renew: '续签', defer: '缓签', not_renew: '不再签订', manual: '需人工核定' };

export type ItemState = 'proposed' | 'decided';
export const itemStateLabel: Record<ItemState, string> = { proposed: '待核定', decided: '已核定' };

export interface RenewalItemCase {
  state: ItemState;
  proposed: Outcome;
  decided: Decision | null;
  /** the decision differs from the proposal (or the proposal was 需人工核定) */
  overridden: boolean;
  reason: string | null;
  decidedOn: string | null;
  /** the campaign is open (decisions are taken until it closes); set by the binding on load */
  campaignOpen: boolean;
  /** the campaign's policy profile (the layers its citations come from) */
  profileId: string;
}

export type RenewalItemEvent =
  | { type: 'accept' }
  | { type: 'decide'; outcome: Decision; reason: string }
  | { type: 'reopen'; reason: string };

export const itemEventLabel: Record<RenewalItemEvent['type'], string> = {
  accept: '按筛查建议核定', decide: '人工核定', reopen: '撤回核定',
};

export type RenewalItemContext = CaseContext;

type G = Guard<RenewalItemCase, RenewalItemEvent, RenewalItemContext>;
const AGENCY: readonly Role[] = ['agency_officer', 'agency_head'];

/** who renews and on what basis, per text: the agency organises it; performance and the agreement's record decide */
const BASIS: readonly Cite[] = [
  { doc: YN, article: 29 }, { doc: BJ, article: 41 }, { doc: JL, article: 27 }, { doc: ZZQ, part: 2 },
  { doc: NHSA2, text: '续签应由定点医疗机构于医保协议期满前3个月向经办机构提出申请或由经办机构统一组织', verified: false },
];

const GUARDS: Record<string, G> = {
  campaign_open: {
    id: 'renewal.campaign.open', cites: BASIS, onCase: true,
    check: (c) => (c.campaignOpen ? null : '续签工作已结束，不能再核定'),
  },
  proposal_clear: {
    id: 'renewal.item.proposal-clear', cites: BASIS, onCase: true,
    check: (c) => (c.proposed === 'manual' ? '筛查结果为「需人工核定」（有无数据或须人工判断的情形），请人工核定并说明理由' : null),
  },
  reason_given: {
    id: 'renewal.item.reason', cites: BASIS,
    check: (_c, e) => ((e.type === 'decide' || e.type === 'reopen') && e.reason.trim().length < 2 ? '请填写理由' : null),
  },
  differs: {
    id: 'renewal.item.differs', cites: BASIS,
    check: (c, e) => (e.type === 'decide' && e.outcome === c.proposed ? `与筛查建议（${outcomeLabel[c.proposed]}）相同，请直接按建议核定` : null),
  },
};

type Row = TransitionRow<ItemState, RenewalItemEvent['type']>;
export const RENEWAL_ITEM_TABLE: readonly Row[] = [
  { from: ['proposed'], event: 'accept', to: 'decided', roles: AGENCY, guards: ['campaign_open', 'proposal_clear'], cites: BASIS },
  { from: ['proposed'], event: 'decide', to: 'decided', roles: AGENCY, guards: ['campaign_open', 'reason_given', 'differs'], cites: BASIS },
  { from: ['decided'], event: 'reopen', to: 'proposed', roles: AGENCY, guards: ['campaign_open', 'reason_given'], cites: BASIS },
];

export const RENEWAL_ITEM_CASE: CaseDefinition<ItemState, RenewalItemEvent, RenewalItemCase, RenewalItemContext> = {
  caseType: 'renewal_item',
  label: '续签核定',
  stateLabel: itemStateLabel,
  eventLabel: itemEventLabel,
  table: RENEWAL_ITEM_TABLE,
  guards: GUARDS,
  stateOf: (c) => c.state,
  reduce(c, e, to, ctx) {
    switch (e.type) {
      case 'accept':
        return { ...c, state: to, decided: c.proposed as Decision, overridden: false, reason: null, decidedOn: ctx.today };
      case 'decide':
        return { ...c, state: to, decided: e.outcome, overridden: true, reason: e.reason.trim(), decidedOn: ctx.today };
      case 'reopen':
        return { ...c, state: to, decided: null, overridden: false, reason: e.reason.trim(), decidedOn: null };
    }
  },
  effects: () => [],
};
