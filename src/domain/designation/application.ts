/**
 * An application as the pipeline sees it: a discriminated union on `state`, so that data a state
 * needs (the panel while evaluating, the agreement while signing, the ban date once banned) is
 * required there and absent elsewhere. Dates are China calendar dates 'YYYY-MM-DD'.
 */
import type { RuleReason } from '../errors';
import type { InstitutionKind } from '../registry/enums';
import type { PanelDraw } from './panel';
import type { MemberScores } from './scoring';
import type { State } from './states';

export type IsoDate = string;

/** A span when a limit does not run: [from, to) as the calendar module counts it; `to` null = still paused. */
export interface PauseSpan {
  from: IsoDate;
  to: IsoDate | null;
}

export interface Head {
  id: string;
  institutionId: string;
  institutionKind: InstitutionKind;
  /** 'add_category': a designated institution adding a 医保支付类别 (云医保〔2022〕6号 第六条) */
  route: 'new' | 'add_category';
  /** true for a single (non-chain) retail pharmacy — 云医保〔2022〕6号 第十三条 2 */
  singlePharmacy: boolean;
  /** 1 = first evaluation, 2 = re-evaluation after rectification */
  attempt: 1 | 2;
}

/** What every application carries once received (即时受理: the evaluation limit runs from receipt). */
export interface Received {
  submittedOn: IsoDate;
  /** 3-month evaluation limit, 补正 time excluded (京医保发〔2021〕30号 第九条; 吉医保规〔2023〕1号 第二十条) */
  evaluationClock: { startedOn: IsoDate; pauses: PauseSpan[] };
  screeningReasons: RuleReason[];
  override?: { by: string; on: IsoDate; reason: string };
  /** the one-time notice (一次性告知), if one was issued */
  supplementNotice?: SupplementNotice;
  inquiries: Inquiry[];
  /** 违规性审核 of an applicant adding a payment category (云医保〔2022〕6号 第十条); the latest record counts */
  violationReview?: ViolationReview;
}

/**
 * 一次性告知 (云医保〔2022〕6号 第九条; 京医保发〔2021〕30号 第八条). Items are as the officer listed
 * them: a material id of the profile's list, its label, or free text.
 */
export interface SupplementNotice {
  issuedOn: IsoDate;
  /** every item of the first notice: a later request may only repeat some of them */
  items: string[];
  /** per listed item, what exactly is wrong or required (过期证照、缺少盖章 …), as of the latest request */
  requirements?: Record<string, string>;
  /** 补正期限 set by the agency, as of the latest request */
  dueOn?: IsoDate;
  /** a later request (after a 补正) that repeats only these items; absent = all of `items` */
  pending?: string[];
}

export interface ViolationReview {
  on: IsoDate;
  /** user id of the officer who recorded it */
  by: string;
  violationsFound: boolean;
  summary: string;
}

export interface Inquiry {
  on: IsoDate;
  kind: 'inquiry_letter' | 'mutual_recognition_check';
  counterpart: string;
  summary: string;
}

/** 第十二条(九): the typed citation and the reason of an officer's refusal, who decided and when. */
export interface RefusalByLaw {
  basis: string;
  reason: string;
  by: string;
  byRole: string;
  on: IsoDate;
}

export interface Accepted {
  acceptedOn: IsoDate;
}

export type InspectionMode = 'written' | 'on_site' | 'video';

/** 云医保〔2022〕6号 第十三条 现场核查主要查看 1–5, as checklist item ids (labels: the profile's `inspectionChecklist`). */
export const INSPECTION_ITEMS = ['trial_operation', 'staffing', 'information_system', 'core_rules', 'other'] as const;
export type InspectionItemId = (typeof INSPECTION_ITEMS)[number];

/** One line of the inspection record: what was found for a checklist item and whether it conforms. */
export interface InspectionFinding {
  item: InspectionItemId;
  conforming: boolean;
  finding: string;
}

export interface Inspection {
  required: boolean;
  /** 云医保〔2022〕6号 第十三条 situations that applied, by number (1–5) */
  situations: number[];
  mode: InspectionMode;
  /** by: panel members' expert ids where the profile has inspectors drawn from the panel (第十三条); else names */
  record?: { on: IsoDate; by: string[]; findings: string; checklist?: InspectionFinding[] };
}

/**
 * 云医保〔2022〕6号 第十四条(一)1–2: the policy study (组织学习政策规定和纪律要求) and the 承办部门's
 * report (汇报) that open the professional evaluation.
 */
export interface EvaluationBriefing {
  on: IsoDate;
  /** user id of the officer who recorded it */
  by: string;
  study: { attendees: string[]; content: string };
  report: { reporter: string; basics: string; materialReview: string; violationReview: string; inspection: string; keyPoints?: string };
}

export type Evaluator =
  | { kind: 'panel'; panel: PanelDraw; scores: MemberScores[]; votes: { memberId: string; vote: 'pass' | 'fail' }[]; signatures: { memberId: string; on: IsoDate }[] }
  | { kind: 'third_party'; name: string; qualification: string; result?: { pass: boolean; reportId: string; on: IsoDate } };

export interface EvaluationInProgress {
  startedOn: IsoDate;
  sheetId: string;
  inspection: Inspection;
  evaluator: Evaluator;
  briefing?: EvaluationBriefing;
}

export interface EvaluationOutcome {
  attempt: 1 | 2;
  on: IsoDate;
  pass: boolean;
  total: number | null;
  reasons: string[];
  /**
   * The concluded evaluation as it stood when the result was signed — panel, findings, scores,
   * votes, signatures (吉医保规〔2023〕1号 第十八条: the result binds once every member signed). Kept
   * so that the record outlives the step and each member can still see what they signed.
   * Absent for results recorded before 2026-11 and for 同城互认 (no evaluation took place).
   */
  record?: EvaluationInProgress;
}

export interface Complaint {
  id: string;
  receivedOn: IsoDate;
  summary: string;
  contact: string;
  outcome?: { on: IsoDate; foundTrue: boolean; finding: string };
}

export interface NegotiationMeeting {
  on: IsoDate;
  form: 'symposium' | 'meeting' | 'online';
  participants: string[];
  /** 自治区医保局〔2025〕征求意见稿 一(二): 服务内容、支付方式、结算标准 */
  points: { servicePopulation?: string; serviceScope?: string; priceStandard?: string; paymentMethod?: string; settlementStandard?: string; other?: string };
}

export interface Signature {
  signer: string;
  capacity: 'legal_rep' | 'authorised_agent';
  /** 授权委托书 file id when an agent signs (云医保〔2022〕6号 第十八条) */
  authorisationFileId?: string;
  on: IsoDate;
  online: boolean;
  textHash: string;
}

export interface AgreementDraft {
  templateId: string;
  templateVersion: string;
  textHash: string;
  /** last day to sign (云医保〔2022〕6号 第十八条); null when the profile sets no limit */
  signBy: IsoDate | null;
  institutionSignature?: Signature;
  agencySignature?: Signature;
}

export interface SignedAgreement extends AgreementDraft {
  institutionSignature: Signature;
  agencySignature: Signature;
  signedOn: IsoDate;
}

type R = Head & Received;
type A = R & Accepted & { evaluations: EvaluationOutcome[] };
/** endsOn null: the profile sets no length, an officer closes the publicity */
type P = A & { publicity: { publishedOn: IsoDate; endsOn: IsoDate | null; complaints: Complaint[] } };
type N = P & { negotiation: { meetings: NegotiationMeeting[]; opensOn: IsoDate; failedReason?: string } };

export type Application =
  | (Head & { state: 'draft' })
  | (R & { state: 'submitted' })
  | (R & { state: 'screening_refused' })
  | (R & { state: 'refused'; refusedOn: IsoDate; refusalByLaw?: RefusalByLaw })
  | (R & { state: 'under_review' })
  | (R & { state: 'needs_supplement'; supplementNotice: NonNullable<Received['supplementNotice']> })
  | (R & { state: 'supplemented'; supplementNotice: NonNullable<Received['supplementNotice']>; supplementedOn: IsoDate })
  | (A & { state: 'accepted' })
  | (A & { state: 'batched'; batch: { id: string; plannedOn: IsoDate } })
  | (A & { state: 'evaluating'; evaluation: EvaluationInProgress })
  | (A & { state: 'evaluated_pass'; publishBy: IsoDate | null })
  | (A & { state: 'evaluated_fail' })
  | (A & { state: 'rectifying'; noticeServedOn: IsoDate; reevaluationFrom: IsoDate })
  | (A & { state: 'reevaluation_requested'; requestedOn: IsoDate })
  | (A & { state: 'banned'; noticeServedOn: IsoDate; bannedUntil: IsoDate })
  | (P & { state: 'in_publicity' })
  | (P & { state: 'negotiation_cancelled'; cancelledOn: IsoDate })
  | (N & { state: 'negotiating' })
  | (N & { state: 'not_signed'; closedOn: IsoDate })
  | (N & { state: 'agreement_study' })
  | (N & { state: 'signing'; agreement: AgreementDraft })
  | (N & { state: 'abandoned'; agreement: AgreementDraft; abandonedOn: IsoDate })
  | (N & { state: 'signed'; agreement: SignedAgreement })
  | (N & { state: 'filed'; agreement: SignedAgreement; filedOn: IsoDate })
  | (N & { state: 'activated'; agreement: SignedAgreement; filedOn: IsoDate; activatedOn: IsoDate })
  | (Head & Partial<Omit<N, keyof Head>> & { state: 'withdrawn'; withdrawnOn: IsoDate; withdrawnFrom: State; reason: string });

export type AppIn<S extends State> = Extract<Application, { state: S }>;

/** A new application in draft. */
export function newApplication(head: Omit<Head, 'attempt'>): AppIn<'draft'> {
  return { ...head, attempt: 1, state: 'draft' };
}
