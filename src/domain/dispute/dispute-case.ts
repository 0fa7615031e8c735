/**
 * 争议 as a case type on the one engine (decision 0035): the institution objects to a decision on its
 * agreement (a suspension, termination, a settlement restriction, or the agency's own breach);
 * 京医保发〔2021〕30号 第四十六条 (协商 → 提请行政部门协调 → 行政复议 / 行政诉讼), 第三十九条 (the agency's breach).
 * raised (已提出) → negotiating (协商中) → coordinating (提请行政部门协调) → review (行政复议/行政诉讼) → closed
 * with outcome upheld (维持) / overturned (撤销) / settled (和解).
 */
import type { CaseContext, CaseDefinition, Guard, IsoDate, TransitionRow } from '../workflow/case-type';
import { natUnlocated, BJ, type Cite } from '../designation/cite';
import type { Role } from '../identity/roles';

export const DISPUTE_STATES = ['raised', 'negotiating', 'coordinating', 'review', 'closed'] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];
export const disputeStateLabel: Record<DisputeState, string> = {
  raised: '已提出', negotiating: '协商中', coordinating: '提请行政部门协调', review: '行政复议/行政诉讼', closed: '已办结',
};
export const DISPUTE_SUBJECTS = ['suspension', 'termination', 'restriction', 'agency_breach'] as const;
export type DisputeSubject = (typeof DISPUTE_SUBJECTS)[number];
export const disputeSubjectLabel: Record<DisputeSubject, string> = {
  suspension: '中止协议决定', termination: '解除协议决定', restriction: '暂停人员/科室结算决定', agency_breach: '经办机构违反协议',
};
export const DISPUTE_OUTCOMES = ['upheld', 'overturned', 'settled'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];
export const disputeOutcomeLabel: Record<DisputeOutcome, string> = { upheld: '维持', overturned: '撤销', settled: '和解' };

export interface DisputeNote { on: IsoDate; text: string }
export interface DisputeCase {
  id: string;
  agreementId: string;
  institutionId: string;
  regionCode: string;
  state: DisputeState;
  subject: DisputeSubject;
  text: string;
  raisedOn: IsoDate;
  notes: (DisputeNote & { stage: string })[];
  review: { kind: 'reconsideration' | 'litigation'; reference: string } | null;
  outcome: DisputeOutcome | null;
  outcomeReference: string | null;
  closedOn: IsoDate | null;
  /** the agreement event reverse_decision run for this dispute */
  reversedOn: IsoDate | null;
}

export type DisputeEvent =
  | { type: 'negotiate'; note: string }
  | { type: 'refer'; note: string }
  | { type: 'coordinate'; note: string }
  | { type: 'seek_review'; kind: 'reconsideration' | 'litigation'; reference: string }
  | { type: 'close'; outcome: DisputeOutcome; note: string; reference?: string | null };
export type DisputeEventType = DisputeEvent['type'];
export const disputeEventLabel: Record<DisputeEventType, string> = {
  negotiate: '协商', refer: '提请行政部门协调', coordinate: '记录行政部门协调', seek_review: '记录行政复议/行政诉讼', close: '办结争议',
};

const INST: readonly Role[] = ['institution_staff', 'institution_admin'];
const AGENCY: readonly Role[] = ['agency_officer', 'agency_head'];
const DEPT: readonly Role[] = ['admin_dept_officer'];
export const DISPUTE_CITES: readonly Cite[] = [{ doc: BJ, article: 46 }, { doc: BJ, article: 39 }, natUnlocated('争议处理')];
const OPEN: readonly DisputeState[] = ['raised', 'negotiating', 'coordinating', 'review'];

const GUARDS: Record<string, Guard<DisputeCase, DisputeEvent, CaseContext>> = {
  note: {
    id: 'dispute.note', cites: DISPUTE_CITES,
    check: (_c, e) => ('note' in e && e.note.trim() === '' ? '请填写办理情况' : null),
  },
};

type Row = TransitionRow<DisputeState, DisputeEventType>;
export const DISPUTE_TABLE: readonly Row[] = [
  { from: ['raised'], event: 'negotiate', to: 'negotiating', roles: AGENCY, guards: ['note'], cites: DISPUTE_CITES },
  { from: ['raised', 'negotiating'], event: 'refer', to: 'coordinating', roles: [...INST, ...AGENCY], guards: ['note'], cites: DISPUTE_CITES },
  { from: ['coordinating'], event: 'coordinate', to: 'same', roles: DEPT, guards: ['note'], cites: DISPUTE_CITES },
  { from: ['raised', 'negotiating', 'coordinating'], event: 'seek_review', to: 'review', roles: [...INST, ...AGENCY], guards: [], cites: DISPUTE_CITES },
  { from: OPEN, event: 'close', to: 'closed', roles: [...AGENCY, ...DEPT], guards: [], cites: DISPUTE_CITES },
];

function reduce(c: DisputeCase, e: DisputeEvent, to: DisputeState, ctx: CaseContext): DisputeCase {
  const base = { ...c, state: to };
  switch (e.type) {
    case 'negotiate': case 'refer': case 'coordinate':
      return { ...base, notes: [...c.notes, { stage: e.type, on: ctx.today, text: e.note.trim() }] };
    case 'seek_review':
      return { ...base, review: { kind: e.kind, reference: e.reference.trim() } };
    case 'close':
      return { ...base, outcome: e.outcome, outcomeReference: e.reference ?? c.review?.reference ?? null, closedOn: ctx.today, notes: [...c.notes, { stage: 'close', on: ctx.today, text: e.note.trim() }] };
  }
}

export const DISPUTE_CASE: CaseDefinition<DisputeState, DisputeEvent, DisputeCase, CaseContext> = {
  caseType: 'dispute', label: '协议争议', stateLabel: disputeStateLabel, eventLabel: disputeEventLabel, table: DISPUTE_TABLE, guards: GUARDS,
  stateOf: (c) => c.state, reduce, effects: () => [],
};

/** An overturned suspension or termination the agency reverses with the agreement's reverse_decision. */
export const mayReverse = (c: DisputeCase): boolean =>
  c.state === 'closed' && c.outcome === 'overturned' && (c.subject === 'suspension' || c.subject === 'termination') && c.reversedOn === null;
