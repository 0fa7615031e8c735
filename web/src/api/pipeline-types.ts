/**
 * Response shapes of the designation pipeline API (定点申请 → 评估 → 公示 → 协商 → 签订 → 备案),
 * written by hand from the zod schemas in src/server/routes/{applications,uploads,documents,public,
 * agreements,filings,experts}.ts. Keep in step with them (see decision 0006).
 */
import type { RuleReason } from './types';

// ---- applications ------------------------------------------------------------

export interface ApplicationSummary {
  id: string;
  institutionId: string;
  institutionName: string;
  kind: string;
  regionCode: string;
  profileId: string;
  state: string;
  stateLabel: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

export interface QueueItem extends ApplicationSummary {
  next: { deadline: string; label: string; due: string; overdue: boolean; cites: string[] } | null;
}

export interface QueuePage {
  items: QueueItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ApplicationDeadline {
  id: string;
  deadline: string;
  label: string;
  basis: string;
  n: number;
  startsOn: string;
  dueOn: string;
  warnOn: string | null;
  provisional: boolean;
  pausedSince: string | null;
  /** open | stopped | elapsed … */
  state: string;
  cites: string[];
  remainingWorkdays: number | null;
  overdue: boolean;
  flaggedOn: string | null;
}

export interface ApplicationDocument {
  id: string;
  kind: string;
  number: string;
  title: string;
  issuedAt: string;
}

export interface ApplicationMaterial {
  id: string;
  itemKey: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  at: string;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  action: string;
  actorName: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
}

export interface AllowedEvent {
  event: string;
  label: string;
}

export interface Declaration {
  paymentCategories: string[];
  insuranceSchemes: string[];
  note?: string;
  contactName?: string;
  contactPhone?: string;
}

/** The domain's application data (src/domain/designation/application.ts), as far as the pages read it. */
export interface ApplicationData {
  state?: string;
  route?: 'new' | 'add_category';
  attempt?: number;
  submittedOn?: string;
  screeningReasons?: RuleReason[];
  override?: { by: string; on: string; reason: string };
  supplementNotice?: { issuedOn: string; items: string[] };
  supplementedOn?: string;
  inquiries?: { on: string; kind: string; counterpart: string; summary: string }[];
  acceptedOn?: string;
  batch?: { id: string; plannedOn: string };
  evaluation?: {
    startedOn: string;
    sheetId: string;
    inspection: { required: boolean; situations: number[]; mode: string; record?: { on: string; by: string[]; findings: string } };
    evaluator:
      | {
          kind: 'panel';
          panel: PanelDraw;
          scores: { memberId: string; scores: Record<string, number> }[];
          votes: { memberId: string; vote: 'pass' | 'fail' }[];
          signatures: { memberId: string; on: string }[];
        }
      | { kind: 'third_party'; name: string; qualification: string; result?: { pass: boolean; reportId: string; on: string } };
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
  points: { serviceScope?: string; paymentMethod?: string; settlementStandard?: string; other?: string };
}

export interface Signature {
  signer: string;
  capacity: 'legal_rep' | 'authorised_agent';
  authorisationFileId?: string;
  on: string;
  online: boolean;
  textHash: string;
}

export interface ApplicationDetail extends ApplicationSummary {
  workflowProfile: string;
  data: ApplicationData;
  declaration: Declaration;
  deadlines: ApplicationDeadline[];
  documents: ApplicationDocument[];
  materials: ApplicationMaterial[];
  history: HistoryEntry[];
  allowedEvents: AllowedEvent[];
}

export interface CreateApplicationBody {
  route: 'new' | 'add_category';
  paymentCategories: string[];
  insuranceSchemes: string[];
  note?: string;
  contactName?: string;
  contactPhone?: string;
}

export interface RequiredMaterial {
  id: string;
  label: string;
  citation: string;
  ruleId: string;
  uploaded: { id: string; fileName: string }[];
}

export interface RequiredMaterials {
  profileId: string;
  items: RequiredMaterial[];
}

export interface StepResult {
  application: { id: string; state: string; version: number; stateLabel: string };
  documents: { id: string; kind: string; number: string; title: string }[];
}

// ---- public site ------------------------------------------------------------

export interface PublicProfile {
  id: string;
  name: string;
  regionCode: string | null;
}

export interface PublicConditions {
  basis: string;
  profile: { id: string; name: string; version: string };
  kind: string;
  kindLabel: string;
  asOf: string;
  conditions: {
    id: string;
    title: string;
    citation: string;
    items: { n: number; label: string }[];
    params: { key: string; label: string; value: number; unit: string; citation: string }[];
  }[];
  materials: { id: string; label: string; citation: string }[];
  refusals: { id: string; title: string; citation: string }[];
  acceptance: {
    time: { text: string; citation: string };
    departments: { accept: string; evaluate: string; sign: string; note: string; citation: string }[];
    limits: { key: string; label: string; value: number; unit: string; citation: string; note: string | null }[];
  };
}

export interface PublicStandards {
  basis: string;
  profile: { id: string; name: string };
  kind: string;
  kindLabel: string;
  sheet: {
    id: string;
    version: string;
    title: string;
    passThreshold: number;
    citation: string;
    items: { id: string; title: string; maxPoints: number; veto: boolean; citation: string; verified: boolean }[];
  } | null;
  panel: { specialties: string[]; citation: string; thirdPartyAllowed: boolean };
  inspection: { modes: string[]; mandatory: boolean; citation: string };
  result: { voting: string; allMembersSign: boolean; citation: string; evaluationMonths: number };
  steps: string[];
}

export interface PublicityItem {
  applicationId: string;
  name: string;
  address: string;
  kind: string;
  regionCode: string;
  regionName: string | null;
  categories: string[];
  from: string | null;
  to: string | null;
}

export interface DirectoryItem {
  id: string;
  name: string;
  address: string;
  servicePhone: string | null;
  kind: string;
  subtype: string;
  hospitalLevel: string;
  grade: string;
  categories: string[];
  regionCode: string;
  regionName: string | null;
  ybCode: string | null;
}

export interface PublicPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ComplaintBody {
  applicationId?: string | null;
  institutionName?: string;
  content: string;
  contactName: string;
  phone: string;
  email?: string;
}

export interface ComplaintReceipt {
  id: string;
  number: string;
  receivedAt: string;
}

// ---- negotiation and agreements ----------------------------------------------

export interface NegotiationView {
  applicationId: string;
  state: string;
  version: number;
  opensOn: string | null;
  failedReason: string | null;
  meetings: (NegotiationMeeting & { outcome?: string })[];
  study: { heldOn: string; attendees: string[] } | null;
  agreementId: string | null;
}

export interface AgreementView {
  id: string;
  applicationId: string;
  number: string;
  status: 'draft' | 'fixed' | 'signed';
  termFrom: string;
  termTo: string;
  canonicalText: string;
  textSm3: string;
  studiedOn: string | null;
  studyAttendees: string[] | null;
  signatures: { id: string; party: 'institution' | 'agency'; online: boolean; signedAt: string }[];
}

export interface AgreementVerification {
  agreementId: string;
  number: string;
  status: string;
  overall: string;
  overallLabel: string;
  text: { sm3Now: string; sm3Fixed: string; unchangedSinceFixed: boolean; matchesModel: boolean };
  signatures: {
    party: string;
    online: boolean;
    status: string;
    statusLabel: string;
    message: string;
    signedAt: string;
    signerName: string | null;
    roleLabel: string | null;
    org: string | null;
  }[];
}

export interface SignBody {
  mode: 'online' | 'paper';
  capacity: 'legal_rep' | 'authorised_agent';
  mandateId?: string;
  password: string;
  version?: number;
}

export interface ComplaintRow {
  id: string;
  applicationId: string;
  institutionName: string;
  applicationState: string;
  regionCode: string;
  content: string;
  contactName: string;
  phone: string;
  email: string | null;
  receivedAt: string;
  status: 'open' | 'resolved';
  foundTrue: boolean | null;
  finding: string | null;
  resolvedAt: string | null;
}
