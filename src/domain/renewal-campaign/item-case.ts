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
import type { Fact } from '../renewal-screening/facts';
import { fixedAnnualEligibility, type Assessment } from './fixed-annual';
import { isCityAgency } from './city-report';

export const OUTCOMES = ['renew', 'defer', 'not_renew', 'manual'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** what an officer may decide: 需人工核定 is a proposal, never a decision */
export const DECISIONS = ['renew', 'defer', 'not_renew'] as const;
export type Decision = (typeof DECISIONS)[number];

export const outcomeLabel: Record<Outcome, string> = { renew: '续签', defer: '缓签', not_renew: '不再签订', manual: '需人工核定' };

export const ITEM_STATES = ['proposed', 'decided', 'negotiated'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export const itemStateLabel: Record<ItemState, string> = { proposed: '待核定', decided: '已核定', negotiated: '已协商谈判' };

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
  /**
   * 固定协议 + 年度协议 marked (decision 0045), with the eligibility the officer was shown. Set by the binding
   * on load from the row (the column is what generation reads).
   */
  fixedAnnual: boolean;
  fixedAnnualBasis: { because: string; citation: string } | null;
  /** the renewed agreement is generated: the way of renewing can no longer change; set by the binding on load */
  generated: boolean;
  /** the last year of the old term (云医保 第二十九条's 近3年 count back from it); set by the binding on load */
  lastTermYear: number;
  /**
   * A 缓签 item's re-evaluation (自治区医保局〔2025〕征求意见稿 二(一): 「暂缓签订服务协议，待评估通过后签订协议」):
   * passed → its agreement is generated like a renewal; not passed → 不再签订. Null until recorded.
   */
  reevaluation: { on: string; passed: boolean; note: string } | null;
  /**
   * 京医保发〔2021〕30号 第四十一条: the district reports its decisions to the city (报市), which negotiates each renewal
   * with the institution. `cityStep`: the profile has that step; `reported`: the campaign is reported (both set by the
   * binding on load from the campaign); `negotiation`: the city's outcome, with the district's decision it replaced.
   */
  cityStep: boolean;
  reported: boolean;
  negotiation: { on: string; outcome: Decision; note: string; districtDecided: Decision | null } | null;
}

export type RenewalItemEvent =
  | { type: 'accept' }
  | { type: 'decide'; outcome: Decision; reason: string }
  | { type: 'reopen'; reason: string }
  /**
   * mark or unmark 固定+年度; `assessment` is the screening fact the use case read (I/O stays out of the
   * domain), so the guard that judges it is pure and its refusal cites the profile's article
   */
  | { type: 'fixed_annual'; fixedAnnual: boolean; assessment: Fact<Assessment> }
  /** the re-evaluation of a deferred renewal, after the 集中签约期 as much as during it */
  | { type: 'reevaluate'; passed: boolean; note: string }
  /** 市级协商谈判: the city's outcome for a reported item (协商一致 → 续签; 未达成一致 → 不再签订, the agreement ends at expiry) */
  | { type: 'negotiate'; outcome: Decision; note: string };

export const itemEventLabel: Record<RenewalItemEvent['type'], string> = {
  accept: '按筛查建议核定', decide: '人工核定', reopen: '撤回核定', fixed_annual: '固定协议和年度协议相结合', reevaluate: '缓签评估',
  negotiate: '市级协商谈判',
};

export type RenewalItemContext = CaseContext;

/**
 * Where 固定+年度 is provided (云医保 第二十九条; 京医保发 第四十一条第二款) and where the renewal article says
 * nothing of it (吉医保规 第二十七条, the 2025 draft 二): the refusal cites the text that governs the profile.
 */
const FIXED_ANNUAL: readonly Cite[] = [
  { doc: YN, article: 29 }, { doc: BJ, article: 41, clause: 2 }, { doc: JL, article: 27 }, { doc: ZZQ, part: 2 },
];

/**
 * 缓签 until re-evaluated: the draft's 二(一) says so in words; the other texts let the agency defer a renewal it
 * cannot decide yet (云 第二十九条, 京 第四十一条, 吉 第二十七条: renewal on the agreement's record and assessment).
 */
const DEFERRAL: readonly Cite[] = [{ doc: ZZQ, part: 2, item: 1 }, { doc: YN, article: 29 }, { doc: BJ, article: 41 }, { doc: JL, article: 27 }];

/** 京医保发〔2021〕30号 第四十一条: the district reports to the city, the city negotiates. */
const CITY: readonly Cite[] = [{ doc: BJ, article: 41 }];

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
  not_generated: {
    id: 'renewal.item.not-generated', cites: FIXED_ANNUAL, onCase: true,
    check: (c) => (c.generated ? '续签协议已生成，不能再改变协议方式' : null),
  },
  renew_only: {
    // the outcome that stands: the decision, or while undecided the proposal (a 续签 proposal may be marked before accepting it)
    id: 'renewal.fixed-annual.renew-only', cites: FIXED_ANNUAL, onCase: true,
    check: (c) => ((c.decided ?? c.proposed) !== 'renew' ? '只有续签的事项可以采取固定协议和年度协议相结合的方式' : null),
  },
  fixed_annual_eligible: {
    id: 'renewal.fixed-annual', cites: FIXED_ANNUAL,
    check: (c, e) => {
      if (e.type !== 'fixed_annual' || !e.fixedAnnual) return null; // unmarking is always allowed until generation
      const el = fixedAnnualEligibility(c.profileId, e.assessment, c.lastTermYear);
      return el.eligible ? null : el.because;
    },
  },
  deferred: {
    id: 'renewal.reevaluation.deferred', cites: DEFERRAL, onCase: true,
    check: (c) => (c.decided !== 'defer' ? '只有核定为缓签的事项需要评估' : null),
  },
  not_reevaluated: {
    id: 'renewal.reevaluation.once', cites: DEFERRAL, onCase: true,
    check: (c) => (c.reevaluation ? `该事项已于 ${c.reevaluation.on} 评估${c.reevaluation.passed ? '通过' : '未通过'}` : null),
  },
  note_given: {
    id: 'renewal.reevaluation.note', cites: DEFERRAL,
    check: (_c, e) => (e.type === 'reevaluate' && e.note.trim().length < 2 ? '请填写评估情况' : null),
  },
  // ---- 报市 and 市级协商谈判 (京医保发〔2021〕30号 第四十一条; decision 0057) ----
  not_reported: {
    // once reported the district's decisions are what the city negotiates on: nobody changes them but by negotiating
    id: 'renewal.city.not-reported', cites: CITY, onCase: true,
    check: (c) => (c.cityStep && c.reported ? '本次续签已报市经办机构，由市经办机构协商谈判，区经办机构不能再更改核定' : null),
  },
  city_step: {
    id: 'renewal.city.profile', cites: CITY, onCase: true,
    check: (c) => (c.cityStep ? null : '本地区政策未规定市级协商谈判，由组织续签的经办机构核定'),
  },
  reported: {
    id: 'renewal.city.reported', cites: CITY, onCase: true,
    check: (c) => (c.reported ? null : '区经办机构尚未将本次续签报市经办机构'),
  },
  city_agency: {
    id: 'renewal.city.agency', cites: CITY,
    check: (_c, _e, ctx) => (ctx.actor.kind === 'user' && isCityAgency(ctx.actor.agencyLevel) ? null : '协商谈判由市经办机构进行'),
  },
  // a negotiation recorded wrongly is corrected by the city until what it decided has been acted on
  negotiation_open: {
    id: 'renewal.city.correctable', cites: CITY, onCase: true,
    check: (c) => {
      if (c.state !== 'negotiated') return null;
      if (c.generated) return '续签协议已生成，不能再更正协商谈判结果';
      if (c.reevaluation) return `缓签事项已于 ${c.reevaluation.on} 评估，不能再更正协商谈判结果`;
      return null;
    },
  },
  negotiation_note: {
    id: 'renewal.city.note', cites: CITY,
    check: (_c, e) => (e.type === 'negotiate' && e.note.trim().length < 2 ? '请填写协商谈判情况' : null),
  },
  /**
   * After 报市 the city marks 固定+年度 (it negotiates the agreement's form with the institution), before it the
   * district; elsewhere the organising agency.
   */
  marks_fixed_annual: {
    id: 'renewal.city.fixed-annual', cites: CITY,
    check: (c, _e, ctx) => (!c.cityStep || !c.reported || (ctx.actor.kind === 'user' && isCityAgency(ctx.actor.agencyLevel))
      ? null : '本次续签已报市经办机构，协议方式由市经办机构在协商谈判中确定'),
  },
  /** Under the city step the deferral that counts is the city's: it re-evaluates what it negotiated as 缓签. */
  reevaluated_by_city: {
    id: 'renewal.city.reevaluation', cites: CITY,
    check: (c, _e, ctx) => {
      if (!c.cityStep) return null;
      if (c.state !== 'negotiated') return '缓签事项经市经办机构协商谈判后方可评估';
      return ctx.actor.kind === 'user' && isCityAgency(ctx.actor.agencyLevel) ? null : '缓签评估由市经办机构进行';
    },
  },
  differs: {
    id: 'renewal.item.differs', cites: BASIS,
    check: (c, e) => (e.type === 'decide' && e.outcome === c.proposed ? `与筛查建议（${outcomeLabel[c.proposed]}）相同，请直接按建议核定` : null),
  },
};

type Row = TransitionRow<ItemState, RenewalItemEvent['type']>;
export const RENEWAL_ITEM_TABLE: readonly Row[] = [
  { from: ['proposed'], event: 'accept', to: 'decided', roles: AGENCY, guards: ['campaign_open', 'not_reported', 'proposal_clear'], cites: BASIS },
  { from: ['proposed'], event: 'decide', to: 'decided', roles: AGENCY, guards: ['campaign_open', 'not_reported', 'reason_given', 'differs'], cites: BASIS },
  { from: ['decided'], event: 'reopen', to: 'proposed', roles: AGENCY, guards: ['campaign_open', 'not_reported', 'reason_given'], cites: BASIS },
  {
    from: ['proposed', 'decided', 'negotiated'], event: 'fixed_annual', to: 'same', roles: AGENCY,
    guards: ['campaign_open', 'marks_fixed_annual', 'not_generated', 'renew_only', 'fixed_annual_eligible'], cites: FIXED_ANNUAL,
  },
  // not bound to the open campaign: the re-evaluation follows the 集中签约期
  {
    from: ['decided', 'negotiated'], event: 'reevaluate', to: 'same', roles: AGENCY,
    guards: ['deferred', 'reevaluated_by_city', 'not_reevaluated', 'note_given'], cites: DEFERRAL,
  },
  // 京医保发〔2021〕30号 第四十一条: the city negotiates what the district reported; it may correct what it recorded
  // (negotiated → negotiated) until the renewed agreement is generated or the 缓签 re-evaluated
  {
    from: ['decided', 'negotiated'], event: 'negotiate', to: 'negotiated', roles: AGENCY,
    guards: ['campaign_open', 'city_step', 'reported', 'city_agency', 'negotiation_open', 'negotiation_note'], cites: CITY,
  },
];

/** A decision other than 续签 drops a 固定+年度 mark: only a renewal has a way of renewing. */
const keepFixedAnnual = (c: RenewalItemCase, decided: Decision | null): Pick<RenewalItemCase, 'fixedAnnual' | 'fixedAnnualBasis'> =>
  decided === 'renew' || (decided === null && c.proposed === 'renew') ? { fixedAnnual: c.fixedAnnual, fixedAnnualBasis: c.fixedAnnualBasis } : { fixedAnnual: false, fixedAnnualBasis: null };

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
        return { ...c, ...keepFixedAnnual(c, c.proposed as Decision), state: to, decided: c.proposed as Decision, overridden: false, reason: null, decidedOn: ctx.today };
      case 'decide':
        return { ...c, ...keepFixedAnnual(c, e.outcome), state: to, decided: e.outcome, overridden: true, reason: e.reason.trim(), decidedOn: ctx.today };
      case 'reopen':
        return { ...c, state: to, decided: null, overridden: false, reason: e.reason.trim(), decidedOn: null };
      case 'reevaluate': {
        const reevaluation = { on: ctx.today, passed: e.passed, note: e.note.trim() };
        // not passed: the deferral becomes 不再签订, with the evaluation as its reason
        return e.passed ? { ...c, reevaluation } : { ...c, reevaluation, decided: 'not_renew', overridden: true, reason: `缓签评估未通过：${reevaluation.note}`, decidedOn: ctx.today };
      }
      case 'negotiate': {
        const note = e.note.trim();
        // a correction keeps the district's decision the first negotiation replaced
        const districtDecided = c.negotiation ? c.negotiation.districtDecided : c.decided;
        const negotiation = { on: ctx.today, outcome: e.outcome, note, districtDecided };
        return {
          ...c, ...keepFixedAnnual(c, e.outcome), state: to, negotiation, decided: e.outcome, overridden: e.outcome !== c.proposed,
          reason: e.outcome === districtDecided && !c.negotiation ? c.reason : `市级协商谈判：${note}`, decidedOn: ctx.today,
        };
      }
      case 'fixed_annual': {
        if (!e.fixedAnnual) return { ...c, fixedAnnual: false, fixedAnnualBasis: null };
        const el = fixedAnnualEligibility(c.profileId, e.assessment, c.lastTermYear);
        return { ...c, fixedAnnual: true, fixedAnnualBasis: el.eligible ? { because: el.because, citation: el.citation } : null };
      }
    }
  },
  effects: () => [],
};
