/**
 * The agreement's life after signing (issue #10): response and request shapes of the lifecycle
 * routes, written by hand from the HTTP contract (docs: the lifecycle API contract) while those
 * routes are built in parallel. At merge they become aliases into schema.gen.ts (decision 0013),
 * like types.ts — keep every lifecycle shape in this one file so that the switch is one edit.
 */

export type LifeState = 'pending' | 'in_force' | 'suspended' | 'terminated' | 'ended';

export interface AgreementProposal {
  situation: string;
  label: string;
  since: string;
  citation: string;
}

export interface AgreementPendingRequest {
  kind: 'suspend' | 'terminate';
  receivedOn: string;
  effectiveOn: string;
}

/** One agreement as the register, 我的协议 and the detail's head show it. */
export interface AgreementItem {
  id: string;
  number: string;
  institutionId: string;
  institutionName: string;
  uscc: string;
  ybCode: string | null;
  kind: string;
  regionCode: string;
  regionName: string | null;
  termFrom: string;
  termTo: string;
  lifeState: LifeState | null;
  lifeStateLabel: string;
  lifeSince: string | null;
  dualChannel: boolean;
  proposal: AgreementProposal | null;
  pendingRequest: AgreementPendingRequest | null;
}

/** the contract's sorts: only the term end runs both ways ('-' = descending) */
export type AgreementRegisterSort = 'termTo' | '-termTo' | 'number' | 'institutionName' | 'lifeSince';

/** GET /api/agreement-register (and its export.xlsx) */
export interface AgreementRegisterQuery {
  q?: string;
  region?: string;
  kind?: string;
  lifeState?: string;
  termToFrom?: string;
  termToTo?: string;
  sort?: AgreementRegisterSort;
  page?: number;
  pageSize?: number;
}

export interface AgreementRegisterPage {
  items: AgreementItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface MyAgreements {
  items: AgreementItem[];
}

/** The case's moving parts (`AgreementCase` of src/domain/agreement/lifecycle.ts, as JSON). */
export interface AgreementLifeJson {
  suspension: {
    mode: 'requested' | 'imposed' | 'cascade';
    from: string;
    maxUntil: string;
    situation: string | null;
    rectification: string | null;
    resumptionRequestedOn: string | null;
    documentsDueOn: string | null;
  } | null;
  request: {
    kind: 'suspend' | 'terminate';
    receivedOn: string;
    effectiveOn: string;
    days: number | null;
    reason: string;
    shortNotice: boolean;
    publicWarned: boolean;
    approvedOn: string | null;
  } | null;
  proposal: { situation: string; since: string; cites: unknown[] } | null;
  /** cites: formatted by the server, or the structured citations */
  noRenewalGrounds: { code: string; since: string; cites: string | unknown[] }[];
  terminated: { on: string; situation: string; seriousness: string; onRequest: boolean } | null;
  ended: { on: string; cause: 'expiry' | 'suspension_max' | 'closure' | 'licence_revoked' } | null;
  suspensionsInTerm: number;
}

/** Events of the agreement case (AgreementEvent['type']); the system-only ones never come in allowedEvents. */
export type AgreementEventType =
  | 'activate' | 'request_suspension' | 'request_termination' | 'withdraw_request' | 'approve_request' | 'reject_request'
  | 'request_takes_effect' | 'impose_suspension' | 'request_resumption' | 'resume' | 'terminate' | 'close'
  | 'record_unreported_change' | 'reverse_decision'
  | 'suspension_max_passed' | 'documents_deadline_passed' | 'cascade' | 'expire';

export interface AllowedAgreementEvent {
  event: AgreementEventType;
  label: string;
  roles: string[];
  /** the articles of the step under the agreement's profile, formatted */
  cites: string;
}

export interface SuspensionSituation {
  code: string;
  label: string;
  citation: string;
  documentsWithinDays?: number;
}

export interface TerminationSituation {
  code: string;
  label: string;
  citation: string;
  dualChannelOnly?: boolean;
}

export interface CitedValue<T> {
  value: T;
  citation: string;
}

/** The region's rules for the institution's own requests and for suspensions (lifecycle-profile.ts). */
export interface AgreementRules {
  /** on_receipt: takes effect the day the agency receives it (云南); notice: `months` ahead, short notice refused or flagged */
  requestEffect: { mode: 'on_receipt' | 'notice'; months?: number; shortNotice?: 'refuse' | 'flag'; citation: string };
  publicRequest: CitedValue<'refuse' | 'warn' | 'allow'>;
  suspensionMaxDays: CitedValue<number>;
  afterMaxSuspension: CitedValue<'ends' | 'no_renewal_ground'>;
  cascade: CitedValue<boolean>;
}

export interface AgreementTimelineEntry {
  at: string;
  action: string;
  actionLabel: string;
  actorName: string | null;
  /** the state before / after the step (a code or its label) */
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  /** the documents the step issued (ids or numbers) */
  documents: string[];
}

export interface AgreementDocument {
  id: string;
  kind: string;
  number: string;
  title: string;
  issuedAt: string;
}

export interface AgreementDeadline {
  deadline: string;
  label: string;
  dueOn: string;
  state: string;
  cites: string | string[];
}

export interface AgreementSuspensionRecord {
  mode: 'requested' | 'imposed' | 'cascade';
  situation: string | null;
  fromOn: string;
  maxUntil: string;
  resumedOn: string | null;
  endedOn: string | null;
}

/** GET /api/agreements/:id/life */
export interface AgreementLife {
  agreement: AgreementItem & { source: 'generated' | 'import'; paymentCategories: string[] | null };
  version: number;
  life: AgreementLifeJson | null;
  allowedEvents: AllowedAgreementEvent[];
  situations: { suspension: SuspensionSituation[]; termination: TerminationSituation[] };
  rules: AgreementRules;
  timeline: AgreementTimelineEntry[];
  documents: AgreementDocument[];
  deadlines: AgreementDeadline[];
  suspensions: AgreementSuspensionRecord[];
  /** the institution's 人员/科室结算限制 (decision 0035) */
  restrictions: { id: string; state: string; stateLabel: string; targetKind: 'person' | 'department'; target: string; fromOn: string; untilOn: string | null }[];
}

/** POST /api/agreements/:id/life-events/:event — the body's payload besides `version`, per event. */
export interface AgreementEventPayloads {
  activate: Record<string, never>;
  request_suspension: { effectiveOn: string; days: number; reason: string; confirmPublic?: boolean };
  request_termination: { effectiveOn: string; reason: string; confirmPublic?: boolean };
  withdraw_request: Record<string, never>;
  approve_request: { note?: string };
  reject_request: { reason: string };
  request_takes_effect: Record<string, never>;
  impose_suspension: { situation: string; facts: string; rectification: string; days?: number };
  request_resumption: { note: string };
  resume: { rectificationVerified: boolean; note: string };
  terminate: { situation: string; facts: string };
  close: { cause: 'closure' | 'licence_revoked'; facts: string };
  record_unreported_change: { facts: string };
  reverse_decision: { outcome: string; reference: string };
}

export interface AgreementEventResult {
  lifeState: LifeState;
  version: number;
  documents: { id: string; number: string; title: string }[];
  cascaded?: { agreementId: string; number: string; regionCode: string }[];
}
