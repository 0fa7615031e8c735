/**
 * The transition table: every legal step of the designation pipeline, as data.
 * For one (from, event) the rows are tried in order; the first whose guards all hold wins, and a
 * last row with fewer guards is the explicit fallback (XState style). A row with a `stage` also
 * checks that the actor's agency level may act at that stage (profile.stageAgency).
 */
import { BJ, citesFor, JL, nat, natUnlocated, YN, ZZQ, type CitationLayers, type Cite } from './cite';
import type { DeadlineId } from './deadlines';
import type { ActorRole, EventType, Stage, State } from './states';

export const DOCUMENT_KINDS = [
  'acceptance_notice', 'supplement_notice', 'refusal_decision', 'evaluation_minutes', 'evaluation_result_notice',
  'evaluation_filing', 'publicity_notice', 'complaint_reply', 'cancellation_notice', 'not_signed_notice',
  'agreement', 'signing_filing', 'directory_entry',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const documentLabel: Record<DocumentKind, string> = {
  acceptance_notice: '受理通知书',
  supplement_notice: '一次性告知书',
  refusal_decision: '不予受理决定书',
  evaluation_minutes: '评估会议纪要',
  evaluation_result_notice: '评估结果告知书',
  evaluation_filing: '评估结果备案表',
  publicity_notice: '拟签订协议医药机构名单公示',
  complaint_reply: '举报投诉调查核实结果',
  cancellation_notice: '取消协商谈判资格告知书',
  not_signed_notice: '不予签约告知书',
  agreement: '医疗保障服务协议',
  signing_filing: '协议签订情况备案表',
  directory_entry: '定点医药机构信息公布',
};

export interface Row {
  from: State;
  event: EventType;
  to: State;
  roles: ActorRole[];
  stage?: Stage;
  guards: string[];
  starts?: DeadlineId[];
  stops?: DeadlineId[] | 'all';
  documents?: DocumentKind[];
  /** every layer's articles side by side (national order, each region's text); a profile shows only its own (cite.ts `citesFor`) */
  cites: Cite[];
}

const INST: ActorRole[] = ['institution_staff'];
const OFFICER: ActorRole[] = ['agency_officer', 'agency_head'];
const HEAD: ActorRole[] = ['agency_head'];
const EXPERT: ActorRole[] = ['expert'];
const SYSTEM: ActorRole[] = ['system'];

const WITHDRAWABLE: State[] = [
  'draft', 'submitted', 'screening_refused', 'under_review', 'needs_supplement', 'supplemented', 'accepted', 'batched',
  'evaluating', 'evaluated_pass', 'evaluated_fail', 'rectifying', 'reevaluation_requested', 'in_publicity', 'negotiating',
  'agreement_study', 'signing',
];

const formPanelRows = (from: State, extraGuards: string[]): Row[] => [
  {
    from, event: 'form_panel', to: 'evaluating', roles: OFFICER, stage: 'panel',
    guards: [...extraGuards, 'panel.covers-specialties', 'inspection.mode-allowed', 'inspection.required-situations'],
    cites: [nat(9), { doc: YN, article: 11 }, { doc: YN, article: 13 }, { doc: BJ, article: 9 }, { doc: JL, article: 15 }],
  },
  {
    from, event: 'appoint_third_party', to: 'evaluating', roles: OFFICER, stage: 'panel',
    guards: [...extraGuards, 'third-party.allowed', 'inspection.mode-allowed', 'inspection.required-situations'],
    cites: [nat(9), { doc: YN, article: 11 }, { doc: BJ, article: 9 }, { doc: JL, article: 15 }],
  },
];

/** 云医保〔2022〕6号 第十条: 违规性审核 during 初审, state unchanged; the acceptance waits for it (guard `violation-review.recorded`). */
const violationReviewRow = (from: State): Row => ({
  from, event: 'record_violation_review', to: from, roles: OFFICER, stage: 'acceptance', guards: ['violation-review.applicable'],
  cites: [nat(8), { doc: YN, article: 10 }, { doc: BJ, article: 8 }, { doc: JL, article: 10 }],
});

/**
 * An officer's finding at 材料审核 (decision 0024) re-runs the screening as the system: clear → the
 * state stays, a rule fired → 筛查拟不予受理 (confirm or override as after submission).
 */
const rescreenRows = (from: State): Row[] => [
  { from, event: 'screening_completed', to: from, roles: SYSTEM, guards: ['screening.clear'], cites: [nat(12), { doc: BJ, article: 12 }] },
  { from, event: 'screening_completed', to: 'screening_refused', roles: SYSTEM, guards: [], cites: [nat(12), { doc: BJ, article: 12 }] },
];

/** States from receipt until the evaluation starts: an officer may refuse under 第十二条(九) with a typed citation. */
const REFUSABLE_BY_LAW: State[] = ['under_review', 'needs_supplement', 'supplemented', 'accepted', 'batched'];

const inquiryRow = (from: State): Row => ({
  from, event: 'record_inquiry', to: from, roles: OFFICER, guards: [], cites: [nat(8), { doc: YN, article: 10 }, { doc: BJ, article: 8 }, { doc: JL, article: 7 }],
});

export const TABLE: readonly Row[] = [
  // 第二章 定点申请: 即时受理 — the evaluation clock runs from receipt (京医保发〔2021〕30号 第九条)
  { from: 'draft', event: 'submit', to: 'submitted', roles: INST, guards: [], starts: ['supplement_notice', 'evaluation_limit'], cites: [nat(8), { doc: YN, article: 8 }, { doc: BJ, article: 8 }, { doc: JL, article: 12 }] },
  { from: 'submitted', event: 'screening_completed', to: 'under_review', roles: SYSTEM, guards: ['screening.clear'], cites: [nat(12), { doc: BJ, article: 12 }] },
  { from: 'submitted', event: 'screening_completed', to: 'screening_refused', roles: SYSTEM, guards: [], cites: [nat(12), { doc: BJ, article: 12 }] },
  { from: 'screening_refused', event: 'confirm_refusal', to: 'refused', roles: OFFICER, stage: 'acceptance', guards: [], stops: 'all', documents: ['refusal_decision'], cites: [nat(12), { doc: BJ, article: 12 }] },
  { from: 'screening_refused', event: 'override_refusal', to: 'under_review', roles: OFFICER, stage: 'acceptance', guards: ['override.written-reason'], cites: [nat(12), { doc: BJ, article: 12 }] },
  { from: 'under_review', event: 'accept', to: 'accepted', roles: OFFICER, stage: 'acceptance', guards: ['materials.complete', 'violation-review.recorded'], stops: ['supplement_notice'], documents: ['acceptance_notice'], cites: [nat(8), { doc: YN, article: 9 }, { doc: YN, article: 10 }, { doc: BJ, article: 8 }, { doc: JL, article: 12 }] },
  { from: 'under_review', event: 'request_supplement', to: 'needs_supplement', roles: OFFICER, stage: 'acceptance', guards: ['supplement.lists-items', 'supplement.lists-missing'], stops: ['supplement_notice'], documents: ['supplement_notice'], cites: [nat(8), { doc: YN, article: 9 }, { doc: BJ, article: 8 }, { doc: JL, article: 10 }] },
  { from: 'needs_supplement', event: 'supplement', to: 'supplemented', roles: INST, guards: ['supplement.has-items'], cites: [nat(8), { doc: YN, article: 9 }, { doc: BJ, article: 8 }, { doc: JL, article: 10 }] },
  { from: 'supplemented', event: 'accept', to: 'accepted', roles: OFFICER, stage: 'acceptance', guards: ['materials.complete', 'violation-review.recorded'], documents: ['acceptance_notice'], cites: [nat(8), { doc: YN, article: 9 }, { doc: YN, article: 10 }, { doc: BJ, article: 8 }, { doc: JL, article: 12 }] },
  { from: 'supplemented', event: 'request_supplement', to: 'needs_supplement', roles: OFFICER, stage: 'acceptance', guards: ['supplement.lists-items', 'supplement.one-time', 'supplement.lists-missing'], documents: ['supplement_notice'], cites: [nat(8), { doc: YN, article: 9 }, { doc: BJ, article: 8 }, { doc: JL, article: 10 }] },
  inquiryRow('under_review'), inquiryRow('supplemented'), inquiryRow('accepted'), inquiryRow('batched'),
  violationReviewRow('under_review'), violationReviewRow('needs_supplement'), violationReviewRow('supplemented'),
  ...rescreenRows('under_review'), ...rescreenRows('supplemented'),
  // 第十二条(九) 法律法规规定的其他不予受理的情形: a cited refusal, the head's decision where the profile says so
  ...REFUSABLE_BY_LAW.map((from): Row => ({
    from, event: 'refuse_by_law', to: 'refused', roles: OFFICER, stage: 'acceptance', guards: ['refusal-by-law.cited', 'refusal.head-decision'],
    stops: 'all', documents: ['refusal_decision'], cites: [nat(12, 9), { doc: BJ, article: 12, item: 9 }],
  })),
  // 第三章 组织评估
  { from: 'accepted', event: 'recognise_result', to: 'evaluated_pass', roles: OFFICER, stage: 'result', guards: ['mutual-recognition.applicable'], stops: ['evaluation_limit'], starts: ['publicity_publish'], documents: ['evaluation_filing'], cites: [nat(9), { doc: YN, article: 10 }, { doc: JL, article: 7 }] },
  { from: 'accepted', event: 'assign_batch', to: 'batched', roles: OFFICER, stage: 'panel', guards: ['evaluation.batch-profile'], cites: [nat(8), { doc: YN, article: 8 }, { doc: BJ, article: 8 }, { doc: JL, article: 12 }] },
  ...formPanelRows('accepted', ['evaluation.not-awaiting-batch']),
  ...formPanelRows('batched', []),
  ...formPanelRows('reevaluation_requested', []),
  { from: 'evaluating', event: 'record_inspection', to: 'evaluating', roles: [...OFFICER, ...EXPERT], guards: ['inspection.by-panel-members', 'inspection.checklist-complete'], cites: [nat(9), { doc: YN, article: 13 }, { doc: BJ, article: 9 }, { doc: JL, article: 14 }] },
  { from: 'evaluating', event: 'record_evaluation_briefing', to: 'evaluating', roles: OFFICER, guards: ['briefing.panel-evaluation'], cites: [nat(9), { doc: YN, article: 14, item: 1, point: 1 }, { doc: YN, article: 14, item: 1, point: 2 }, { doc: BJ, article: 9 }, { doc: JL, article: 16 }] },
  { from: 'evaluating', event: 'record_scores', to: 'evaluating', roles: EXPERT, guards: ['panel.member', 'evaluation.not-signed-yet', 'scores.valid'], cites: [nat(9), { doc: YN, article: 14, item: 1 }, { doc: BJ, article: 9 }, { doc: JL, article: 16 }] },
  { from: 'evaluating', event: 'cast_vote', to: 'evaluating', roles: EXPERT, guards: ['voting.allowed', 'panel.member', 'evaluation.not-signed-yet'], cites: [nat(9), { doc: YN, article: 14, item: 1, point: 3 }, { doc: BJ, article: 9 }, { doc: JL, article: 16 }] },
  { from: 'evaluating', event: 'sign_result', to: 'evaluating', roles: EXPERT, guards: ['panel.member', 'evaluation.ready-to-sign'], cites: [nat(9), { doc: YN, article: 14, item: 1, point: 3 }, { doc: BJ, article: 9 }, { doc: JL, article: 18 }] },
  // 回避: a member with a conflict (declared by the expert, or found by the officer) stands down and the
  // slot is redrawn from the same pool and seed stream, logged in the draw (云医保〔2022〕6号 第十一条, 吉医保规〔2023〕1号 第十五条)
  { from: 'evaluating', event: 'recuse_member', to: 'evaluating', roles: [...OFFICER, ...EXPERT], guards: ['recusal.allowed', 'recusal.replacement-available'], cites: [nat(9), { doc: YN, article: 11 }, { doc: BJ, article: 9 }, { doc: JL, article: 15 }] },
  { from: 'evaluating', event: 'record_third_party_result', to: 'evaluating', roles: OFFICER, guards: ['third-party.appointed'], cites: [nat(9), { doc: YN, article: 11 }, { doc: BJ, article: 9 }, { doc: JL, article: 15 }] },
  { from: 'evaluating', event: 'conclude_evaluation', to: 'evaluated_pass', roles: OFFICER, stage: 'result', guards: ['inspection.done', 'evaluation.briefed', 'evaluation.complete', 'evaluation.passed', 'conditions.determined', 'conditions.met'], stops: ['evaluation_limit'], starts: ['publicity_publish'], documents: ['evaluation_minutes', 'evaluation_filing'], cites: [nat(9), { doc: YN, article: 14, item: 3 }, { doc: BJ, article: 9 }, { doc: JL, article: 18 }] },
  { from: 'evaluating', event: 'conclude_evaluation', to: 'evaluated_fail', roles: OFFICER, stage: 'result', guards: ['inspection.done', 'evaluation.briefed', 'evaluation.complete', 'conditions.determined'], stops: ['evaluation_limit'], documents: ['evaluation_minutes', 'evaluation_result_notice', 'evaluation_filing'], cites: [nat(9), { doc: YN, article: 14, item: 3 }, { doc: BJ, article: 9 }, { doc: JL, article: 18 }] },
  // failure path
  { from: 'evaluated_fail', event: 'serve_result_notice', to: 'rectifying', roles: OFFICER, guards: ['evaluation.first-failure'], starts: ['reevaluation_wait'], cites: [nat(9), { doc: YN, article: 14, item: 3 }, { doc: BJ, article: 9 }, { doc: JL, article: 20 }] },
  { from: 'evaluated_fail', event: 'serve_result_notice', to: 'banned', roles: OFFICER, guards: [], starts: ['reapplication_ban'], cites: [nat(9), { doc: YN, article: 14, item: 3 }, { doc: BJ, article: 9 }, { doc: JL, article: 20 }] },
  { from: 'rectifying', event: 'request_reevaluation', to: 'reevaluation_requested', roles: [...INST, ...OFFICER], guards: ['reevaluation.wait-elapsed'], stops: ['reevaluation_wait'], starts: ['evaluation_limit'], cites: [nat(9), { doc: YN, article: 14, item: 3 }, { doc: BJ, article: 9 }, { doc: JL, article: 20 }] },
  // 公示
  { from: 'evaluated_pass', event: 'publish_publicity', to: 'in_publicity', roles: OFFICER, stage: 'result', guards: [], stops: ['publicity_publish'], starts: ['publicity_period'], documents: ['publicity_notice'], cites: [nat(9), { doc: YN, article: 15 }, { doc: BJ, article: 9 }, { doc: JL, article: 19 }] },
  { from: 'in_publicity', event: 'file_complaint', to: 'in_publicity', roles: ['public', 'institution_staff', 'agency_officer'], guards: ['complaint.new'], cites: [nat(9), { doc: YN, article: 15 }, { doc: BJ, article: 9 }, { doc: JL, article: 19 }] },
  { from: 'in_publicity', event: 'resolve_complaint', to: 'negotiation_cancelled', roles: OFFICER, guards: ['complaint.open', 'complaint.cancels-negotiation'], stops: 'all', documents: ['complaint_reply', 'cancellation_notice'], cites: [nat(9), { doc: YN, article: 15 }, { doc: BJ, article: 9 }, { doc: JL, article: 19 }] },
  { from: 'in_publicity', event: 'resolve_complaint', to: 'in_publicity', roles: OFFICER, guards: ['complaint.open'], documents: ['complaint_reply'], cites: [nat(9), { doc: YN, article: 15 }, { doc: BJ, article: 9 }, { doc: JL, article: 19 }] },
  { from: 'in_publicity', event: 'end_publicity', to: 'negotiating', roles: [...SYSTEM, ...OFFICER], guards: ['publicity.period-elapsed', 'publicity.complaints-resolved'], stops: ['publicity_period'], starts: ['negotiation_window'], cites: [nat(9), nat(10), { doc: YN, article: 15 }, { doc: YN, article: 16 }, { doc: BJ, article: 9 }, { doc: BJ, article: 10 }, { doc: JL, article: 19 }, { doc: JL, article: 21 }] },
  // 第四章 协议签订
  { from: 'negotiating', event: 'record_negotiation', to: 'negotiating', roles: OFFICER, stage: 'signing', guards: ['negotiation.meeting-date'], stops: ['negotiation_window'], cites: [nat(10), { doc: YN, article: 16 }, { doc: BJ, article: 10 }, { doc: JL, article: 21 }, { doc: ZZQ, part: 1, item: 2 }] },
  { from: 'negotiating', event: 'negotiation_agreed', to: 'agreement_study', roles: OFFICER, stage: 'signing', guards: ['negotiation.recorded'], stops: ['negotiation_window'], cites: [nat(10), { doc: YN, article: 17 }, { doc: BJ, article: 10 }, { doc: JL, article: 22 }, { doc: ZZQ, part: 1, item: 2 }] },
  { from: 'negotiating', event: 'negotiation_failed', to: 'not_signed', roles: OFFICER, stage: 'signing', guards: ['negotiation.recorded'], stops: 'all', documents: ['not_signed_notice'], cites: [nat(10), { doc: YN, article: 16 }, { doc: BJ, article: 10 }, { doc: JL, article: 21 }, { doc: ZZQ, part: 1, item: 2 }] },
  { from: 'agreement_study', event: 'complete_study', to: 'signing', roles: OFFICER, stage: 'signing', guards: ['study.recorded'], starts: ['signing_limit'], cites: [nat(10), { doc: YN, article: 17 }, { doc: YN, article: 18 }, { doc: BJ, article: 10 }, { doc: JL, article: 22 }, { doc: ZZQ, part: 1, item: 3 }] },
  { from: 'signing', event: 'institution_sign', to: 'signed', roles: INST, guards: ['signing.signer-authorised', 'signing.text-unchanged', 'signing.party-not-signed', 'signing.other-party-signed'], stops: ['signing_limit'], starts: ['filing', 'activation'], documents: ['directory_entry'], cites: [nat(10), nat(11), { doc: YN, article: 18 }, { doc: BJ, article: 10 }, { doc: BJ, article: 11 }, { doc: JL, article: 22 }, { doc: ZZQ, part: 1, item: 4 }] },
  { from: 'signing', event: 'institution_sign', to: 'signing', roles: INST, guards: ['signing.signer-authorised', 'signing.text-unchanged', 'signing.party-not-signed'], cites: [nat(10), { doc: YN, article: 18 }, { doc: BJ, article: 10 }, { doc: JL, article: 22 }, { doc: ZZQ, part: 1, item: 4 }] },
  { from: 'signing', event: 'agency_sign', to: 'signed', roles: HEAD, stage: 'signing', guards: ['signing.signer-authorised', 'signing.text-unchanged', 'signing.party-not-signed', 'signing.other-party-signed'], stops: ['signing_limit'], starts: ['filing', 'activation'], documents: ['directory_entry'], cites: [nat(10), nat(11), { doc: YN, article: 18 }, { doc: BJ, article: 10 }, { doc: BJ, article: 11 }, { doc: JL, article: 22 }, { doc: ZZQ, part: 1, item: 4 }] },
  { from: 'signing', event: 'agency_sign', to: 'signing', roles: HEAD, stage: 'signing', guards: ['signing.signer-authorised', 'signing.text-unchanged', 'signing.party-not-signed'], cites: [nat(10), { doc: YN, article: 18 }, { doc: BJ, article: 10 }, { doc: JL, article: 22 }, { doc: ZZQ, part: 1, item: 4 }] },
  { from: 'signing', event: 'signing_deadline_passed', to: 'abandoned', roles: SYSTEM, guards: ['signing.deadline-passed'], stops: 'all', cites: [{ doc: YN, article: 18 }] },
  // 备案、系统开通
  { from: 'signed', event: 'file_signing', to: 'filed', roles: OFFICER, stage: 'signing', guards: [], stops: ['filing'], documents: ['signing_filing'], cites: [nat(10), { doc: YN, article: 19 }, { doc: BJ, article: 10 }] },
  { from: 'filed', event: 'activate_payment', to: 'activated', roles: OFFICER, guards: [], stops: ['activation'], cites: [natUnlocated('签订医保协议后开通医保结算'), { doc: YN, article: 20 }] },
  // 撤回: designation is voluntary (自愿承担医疗保障服务, 双方自愿签订)
  ...WITHDRAWABLE.map((from): Row => ({ from, event: 'withdraw', to: 'withdrawn', roles: INST, guards: [], stops: 'all', cites: [nat(10), { doc: BJ, article: 10 }, { doc: JL, article: 2 }, { doc: JL, article: 22 }] })),
];

/** The citations of a step (every row of `from --event-->`) under a profile's layers. */
export const stepCites = (layers: CitationLayers, from: State, event: EventType): Cite[] =>
  citesFor(layers, TABLE.filter((r) => r.from === from && r.event === event).flatMap((r) => r.cites));
