/** The events that move an application, each with the data it carries. */
import type { RuleReason } from '../errors';
import type { EvaluationBriefing, InspectionFinding, InspectionMode, IsoDate, NegotiationMeeting } from './application';
import type { PanelDraw } from './panel';
import type { EventType } from './states';

type E<T extends EventType, P = object> = { type: T } & P;

export type DesignationEvent =
  | E<'submit'>
  /** the policy module's screening result: every 不予受理 rule that fired (京医保发〔2021〕30号 第十二条) */
  | E<'screening_completed', { reasons: RuleReason[] }>
  | E<'confirm_refusal'>
  | E<'override_refusal', { reason: string }>
  /**
   * 一次性告知: the items (material ids, labels or free text), each optionally with its own
   * requirement (keyed by the item as listed), and the 补正期限 the agency sets
   */
  | E<'request_supplement', { missingItems: string[]; requirements?: Record<string, string>; dueOn?: IsoDate }>
  | E<'supplement', { items: string[] }>
  | E<'accept'>
  | E<'record_inquiry', { kind: 'inquiry_letter' | 'mutual_recognition_check'; counterpart: string; summary: string }>
  /** 云医保〔2022〕6号 第十条: 违规性审核 of an applicant adding a payment category */
  | E<'record_violation_review', { violationsFound: boolean; summary: string }>
  /** 吉医保规〔2023〕1号 第七条: same-city mutual recognition of an evaluation result */
  | E<'recognise_result', { sourceAgency: string; categories: string[] }>
  | E<'assign_batch', { batchId: string; plannedOn: IsoDate }>
  | E<'form_panel', {
      panel: PanelDraw;
      sheetId: string;
      inspection: { required: boolean; mode: InspectionMode };
      /** 云医保〔2022〕6号 第十三条 3 and 4: doubts the officer records */
      doubts?: { capabilityMismatch?: boolean; breachInTerm?: boolean; other?: boolean };
    }>
  | E<'appoint_third_party', {
      name: string; qualification: string; sheetId: string;
      inspection: { required: boolean; mode: InspectionMode };
      doubts?: { capabilityMismatch?: boolean; breachInTerm?: boolean; other?: boolean };
    }>
  /** checklist: 云医保〔2022〕6号 第十三条 现场核查主要查看, one line per item of the profile's checklist */
  | E<'record_inspection', { by: string[]; findings: string; checklist?: InspectionFinding[] }>
  /** 云医保〔2022〕6号 第十四条(一)1–2 */
  | E<'record_evaluation_briefing', Pick<EvaluationBriefing, 'study' | 'report'>>
  | E<'record_scores', { memberId: string; scores: Record<string, number> }>
  | E<'cast_vote', { memberId: string; vote: 'pass' | 'fail' }>
  | E<'sign_result', { memberId: string }>
  /** 回避: the member stands down; `panel` is the server's redraw of that one slot (the pool is I/O) */
  | E<'recuse_member', { memberId: string; declaredBy: 'expert' | 'officer'; reason: string; panel: PanelDraw; unavailable?: string }>
  | E<'record_third_party_result', { pass: boolean; reportId: string }>
  | E<'conclude_evaluation'>
  | E<'serve_result_notice', { servedOn: IsoDate }>
  | E<'request_reevaluation'>
  | E<'publish_publicity'>
  | E<'file_complaint', { complaintId: string; summary: string; contact: string }>
  | E<'resolve_complaint', { complaintId: string; foundTrue: boolean; finding: string }>
  | E<'end_publicity'>
  | E<'record_negotiation', { meeting: NegotiationMeeting }>
  | E<'negotiation_agreed'>
  | E<'negotiation_failed', { reason: string }>
  | E<'complete_study', { attendees: string[]; templateId: string; templateVersion: string; textHash: string }>
  | E<'institution_sign', SignInput>
  | E<'agency_sign', SignInput>
  | E<'signing_deadline_passed'>
  | E<'file_signing'>
  | E<'activate_payment'>
  | E<'withdraw', { reason: string }>
  /**
   * 京医保发〔2021〕30号 第十二条(九)「法律法规规定的其他不予受理的情形」: the officer's refusal after
   * receipt, citing the law or regulation article they typed (`basis`) and why it applies (`reason`)
   */
  | E<'refuse_by_law', { basis: string; reason: string }>;

export interface SignInput {
  signer: string;
  capacity: 'legal_rep' | 'authorised_agent';
  authorisationFileId?: string;
  online: boolean;
  /** hash of the exact text the signer saw; must equal the agreement's */
  textHash: string;
}

export type EventOf<T extends EventType> = Extract<DesignationEvent, { type: T }>;
