/**
 * Shapes of the designation pipeline API (定点申请 → 评估 → 公示 → 协商 → 签订 → 备案), as the web app
 * names them: aliases into the types generated from the server's OpenAPI document (schema.gen.ts,
 * `npm run api:types`, decision 0013). Shapes the document does not describe are written by hand,
 * each with the reason; they are the list of routes whose response schema is still to be declared.
 */
import type { BodyOf, FiltersOf, QueryOf, ResponseOf } from './openapi';
import type { RuleReason } from './types';

// ---- applications ------------------------------------------------------------

export type QueuePage = ResponseOf<'/api/applications'>;
export type QueueItem = QueuePage['items'][number];
export type ApplicationSummary = Omit<QueueItem, 'next'>;

type ApplicationDetailResponse = ResponseOf<'/api/applications/{id}'>;
/**
 * `data` is declared as a plain record by the route (src/server/routes/applications.ts); the pages
 * read it as the domain's application data, written by hand below.
 */
export type ApplicationDetail = Omit<ApplicationDetailResponse, 'data'> & { data: ApplicationData };
/** `state`: open | stopped | elapsed … */
export type ApplicationDeadline = ApplicationDetailResponse['deadlines'][number];
export type ApplicationDocument = ApplicationDetailResponse['documents'][number];
export type ApplicationMaterial = ApplicationDetailResponse['materials'][number];
export type HistoryEntry = ApplicationDetailResponse['history'][number];
export type AllowedEvent = ApplicationDetailResponse['allowedEvents'][number];
export type Declaration = ApplicationDetailResponse['declaration'];
/** What an inspection record covers item by item (云医保〔2022〕6号 第十三条); the detail answers null where the record is free text. */
export type InspectionChecklistView = NonNullable<ApplicationDetailResponse['inspectionChecklist']>;
/** the basic conditions: every rule, article, automatic result, reason and the officer's finding (decision 0023) */
export type ConditionCheckView = NonNullable<ApplicationDetailResponse['conditions']>;
export type ConditionRowView = ConditionCheckView['rows'][number];

// Hand-written: the route answers `data` as z.record(z.string(), z.unknown()) (applications.ts).
// The truth is the domain type `Application` (src/domain/designation/application.ts).
/**
 * 一次性告知 (domain `SupplementNotice`): items as the officer listed them (material id, label or
 * free text), each one's requirement, the agency's 补正期限, and the items a repeat request asks for.
 */
export interface SupplementNotice {
  issuedOn: string;
  items: string[];
  requirements?: Record<string, string>;
  dueOn?: string;
  pending?: string[];
}

/** The domain's application data (src/domain/designation/application.ts), as far as the pages read it. */
export interface ApplicationData {
  state?: string;
  route?: 'new' | 'add_category';
  attempt?: number;
  submittedOn?: string;
  screeningReasons?: RuleReason[];
  override?: { by: string; on: string; reason: string };
  supplementNotice?: SupplementNotice;
  supplementedOn?: string;
  inquiries?: { on: string; kind: string; counterpart: string; summary: string }[];
  /** 违规性审核 of an applicant adding a payment category (云医保〔2022〕6号 第十条); by: the officer's user id */
  violationReview?: { on: string; by: string; violationsFound: boolean; summary: string };
  acceptedOn?: string;
  batch?: { id: string; plannedOn: string };
  evaluation?: {
    startedOn: string;
    sheetId: string;
    inspection: EvaluationInspection;
    evaluator:
      | {
          kind: 'panel';
          panel: PanelDraw;
          scores: { memberId: string; scores: Record<string, number> }[];
          votes: { memberId: string; vote: 'pass' | 'fail' }[];
          signatures: { memberId: string; on: string }[];
        }
      | { kind: 'third_party'; name: string; qualification: string; result?: { pass: boolean; reportId: string; on: string } };
    /** 云医保〔2022〕6号 第十四条(一)1–2: the policy study and the 承办部门's report; by: the officer's user id */
    briefing?: {
      on: string;
      by: string;
      study: { attendees: string[]; content: string };
      report: { reporter: string; basics: string; materialReview: string; violationReview: string; inspection: string; keyPoints?: string };
    };
  };
  evaluations?: { attempt: number; on: string; pass: boolean; total: number | null; reasons: string[] }[];
  noticeServedOn?: string;
  reevaluationFrom?: string;
  bannedUntil?: string;
  publishBy?: string | null;
  publicity?: {
    publishedOn: string;
    endsOn: string | null;
    complaints: { id: string; receivedOn: string; summary: string; contact: string; outcome?: { on: string; foundTrue: boolean; finding: string } }[];
  };
  negotiation?: { meetings: NegotiationMeeting[]; opensOn: string; failedReason?: string };
  agreement?: {
    templateId: string;
    templateVersion: string;
    textHash: string;
    signBy: string | null;
    institutionSignature?: Signature;
    agencySignature?: Signature;
    signedOn?: string;
  };
  filedOn?: string;
  activatedOn?: string;
  withdrawnOn?: string;
  reason?: string;
}

/** 现场核查: whether required, the 第十三条 situations, the mode, and the record once made (as the experts' route declares it). */
export type EvaluationInspection = ExpertPanel['inspection'];

export interface PanelDraw {
  seed: number;
  institutionId: string;
  members: { expertId: string; name: string; specialty: string; slot: number }[];
  replacements: { out: string; in: string; specialty: string; slot: number }[];
}

export interface NegotiationMeeting {
  on: string;
  form: 'symposium' | 'meeting' | 'online';
  participants: string[];
  points: { servicePopulation?: string; serviceScope?: string; priceStandard?: string; paymentMethod?: string; settlementStandard?: string; other?: string };
}

export interface Signature {
  signer: string;
  capacity: 'legal_rep' | 'authorised_agent';
  authorisationFileId?: string;
  on: string;
  online: boolean;
  textHash: string;
}

export type CreateApplicationBody = BodyOf<'/api/applications', 'post'>;
export type CreatedApplication = ResponseOf<'/api/applications', 'post'>;
export type PublicRegion = ResponseOf<'/api/public/regions'>[number];
export type DeclarationPatch = BodyOf<'/api/applications/{id}/declaration', 'patch'>;
export type RequiredMaterials = ResponseOf<'/api/applications/{id}/materials-required'>;
export type DeclarationRules = ResponseOf<'/api/applications/declaration-rules'>;
export type RequiredMaterial = RequiredMaterials['items'][number];
export type StepResult = ResponseOf<'/api/applications/{id}/events/{event}', 'post'>;
export type UploadedMaterial = ResponseOf<'/api/applications/{id}/materials', 'post'>;

// ---- public site ------------------------------------------------------------

export type PublicProfile = ResponseOf<'/api/public/profiles'>[number];
export type PublicConditions = ResponseOf<'/api/public/conditions'>;
export type PublicStandards = ResponseOf<'/api/public/standards'>;
export type PublicityPage = ResponseOf<'/api/public/publicity'>;
export type PublicityItem = PublicityPage['items'][number];
export type PublicityQuery = QueryOf<'/api/public/publicity'>;
export type DirectoryPage = ResponseOf<'/api/public/directory'>;
export type DirectoryItem = DirectoryPage['items'][number];
export type DirectoryQuery = FiltersOf<'/api/public/directory'>;
export type ComplaintBody = BodyOf<'/api/public/complaints', 'post'>;
export type ComplaintReceipt = ResponseOf<'/api/public/complaints', 'post'>;
export type ComplaintStatus = ResponseOf<'/api/public/complaints/lookup', 'post'>;

// ---- complaints, negotiation and agreements -------------------------------------

export type ComplaintPage = ResponseOf<'/api/complaints'>;
export type ComplaintRow = ComplaintPage['items'][number];
export type ComplaintQuery = QueryOf<'/api/complaints'>;
export type ResolveComplaintBody = BodyOf<'/api/complaints/{id}/resolve', 'post'>;
export type NegotiationView = ResponseOf<'/api/applications/{id}/negotiation'>;
export type StudyBody = BodyOf<'/api/agreements/{id}/study', 'post'>;
export type SignBody = BodyOf<'/api/agreements/{id}/sign', 'post'>;
export type SigningContext = ResponseOf<'/api/agreements/{id}/mandates'>;
export type MandateRow = SigningContext['mandates'][number];
export type GrantMandateBody = BodyOf<'/api/agreements/{id}/mandates/grant', 'post'>;
export type ReviewMandateBody = BodyOf<'/api/agreements/{id}/mandates/{mandateId}/review', 'post'>;

// Hand-written: GET /api/agreements/:id and POST /api/applications/:id/agreement declare no response
// schema (src/server/routes/agreements.ts answers the stored agreement row as it is); the fields the
// pages read, from src/db/schema/agreements.ts.
export interface AgreementView {
  id: string;
  applicationId: string;
  number: string;
  status: 'draft' | 'fixed' | 'signed' | 'void';
  termFrom: string;
  termTo: string;
  canonicalText: string;
  textSm3: string;
  studiedOn: string | null;
  studyAttendees: string[] | null;
  signatures: { id: string; party: 'institution' | 'agency'; online: boolean; signedAt: string }[];
  /** the structure read back from canonicalText (src/domain/signing/canonical-text.ts parseCanonicalAgreementText) */
  document: AgreementDocument;
  /** which 范本 applies and why; warning when it is another year's */
  templateChoice: { code: string; version: number; year: number; termYear: number; reason: string; warning: string | null } | null;
}

export interface AgreementDocument {
  number: string;
  title: string;
  issuer: string;
  recipient?: string;
  date: string;
  meta: Record<string, string>;
  sections: {
    heading?: string;
    paragraphs: string[];
    list?: { ordered: boolean; items: string[] };
    table?: { columns: string[]; rows: string[][] };
    note?: string;
  }[];
  citations: string[];
  signatures: { label: string; org: string; signerLine?: string }[];
}


export type AgreementVerification = ResponseOf<'/api/agreements/{id}/verify'>;
export type SignResult = ResponseOf<'/api/agreements/{id}/sign', 'post'>;

// ---- experts (我的评估) --------------------------------------------------------------------

/** One panel as the expert sees it: members, inspection, scoring sheet, own scores/vote/signature, signing rule. */
export type ExpertPanel = ResponseOf<'/api/experts/panels'>[number];
export type ExpertPanelMember = ExpertPanel['members'][number];
export type ScoringSheetItem = NonNullable<ExpertPanel['sheet']>['items'][number];
export type ExpertStepResult = ResponseOf<'/api/experts/panels/{id}/scores', 'post'>;

export type InspectionBody = BodyOf<'/api/experts/panels/{id}/inspection', 'post'>;
/** One line of an inspection record (云医保〔2022〕6号 第十三条 现场核查主要查看 1–5): item, whether it conforms, the finding. */
export type ChecklistLine = NonNullable<InspectionBody['checklist']>[number];
export type ScoresBody = BodyOf<'/api/experts/panels/{id}/scores', 'post'>;
export type VoteBody = BodyOf<'/api/experts/panels/{id}/vote', 'post'>;
export type ExpertSignBody = BodyOf<'/api/experts/panels/{id}/sign', 'post'>;

// ---- the administrative department (备案, 统计) ----------------------------------------------

export type FilingPage = ResponseOf<'/api/filings'>;
export type FilingRow = FilingPage['items'][number];
export type FilingKind = NonNullable<QueryOf<'/api/filings'>['kind']>;
/** `acknowledged` as a boolean here; the query sends it as 'true' | 'false' */
export type FilingQuery = Omit<QueryOf<'/api/filings'>, 'acknowledged'> & { acknowledged?: boolean };

/**
 * The route passes the filed document's model on as it was stored (z.unknown(): models written by
 * older versions must still show), so the fields the read-only view shows are written by hand from
 * src/documents/model.ts.
 */
export interface FiledDocumentModel {
  number?: string;
  title?: string;
  issuer?: string;
  recipient?: string;
  date?: string;
  sections?: {
    heading?: string;
    paragraphs?: string[];
    list?: { ordered: boolean; items: string[] };
    table?: { columns: string[]; rows: string[][] };
    note?: string;
  }[];
  citations?: string[];
}

export type FilingDetail = Omit<ResponseOf<'/api/filings/{id}'>, 'model'> & { model: FiledDocumentModel | null };
export type FilingReceipt = ResponseOf<'/api/filings/{id}/acknowledge', 'post'>;
export type FilingBatchReceipt = ResponseOf<'/api/filings/acknowledge', 'post'>;
/** `onlineSigning.rate` is null while nothing is signed */
export type PipelineStatistics = ResponseOf<'/api/statistics/pipeline'>;
