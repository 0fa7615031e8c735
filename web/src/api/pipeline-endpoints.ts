/** One typed function per endpoint of the designation pipeline (applications, uploads, documents, public site). */
import { api, type RequestOptions } from './client';
import type {
  AgreementVerification, AgreementView, ComplaintRow, NegotiationView, SignBody,
  ApplicationDetail, ComplaintBody, ComplaintReceipt, CreateApplicationBody, DirectoryItem, PublicConditions, PublicPage,
  PublicProfile, PublicStandards, PublicityItem, QueuePage, RequiredMaterials, StepResult,
} from './pipeline-types';

const enc = encodeURIComponent;

export interface QueueQuery {
  state?: string[];
  page?: number;
  pageSize?: number;
}

/** ?state=a&state=b: the client's query builder takes single values, so repeated keys are built here. */
function queueQuery(q: QueueQuery): string {
  const p = new URLSearchParams();
  for (const s of q.state ?? []) p.append('state', s);
  if (q.page) p.set('page', String(q.page));
  if (q.pageSize) p.set('pageSize', String(q.pageSize));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const applicationApi = {
  create: (body: CreateApplicationBody) => api.post<{ id: string; state: string; version: number }>('/api/applications', body),
  queue: (q: QueueQuery, opts?: RequestOptions) => api.get<QueuePage>(`/api/applications${queueQuery(q)}`, opts),
  get: (id: string, opts?: RequestOptions) => api.get<ApplicationDetail>(`/api/applications/${enc(id)}`, opts),
  materialsRequired: (id: string) => api.get<RequiredMaterials>(`/api/applications/${enc(id)}/materials-required`),
  /** every step carries the version the user saw; a stale one answers 409 (shown by the error sink) */
  event: (id: string, event: string, version: number, payload: Record<string, unknown> = {}) =>
    api.post<StepResult>(`/api/applications/${enc(id)}/events/${enc(event)}`, { ...payload, version }),
};

export const documentUrl = (appId: string, docId: string, format: 'pdf' | 'docx') =>
  `/api/applications/${enc(appId)}/documents/${enc(docId)}.${format}`;

export const materialUrl = (appId: string, materialId: string) => `/api/applications/${enc(appId)}/materials/${enc(materialId)}`;

/**
 * Multipart upload of one material file through the one client (FormData: the browser sets the
 * boundary; CSRF header as for every POST). Quiet: the upload list shows the server's Chinese
 * message next to the file.
 */
export function uploadMaterial(appId: string, itemKey: string, file: File): Promise<{ id: string }> {
  const form = new FormData();
  form.append('itemKey', itemKey);
  form.append('file', file, file.name);
  return api.post<{ id: string }>(`/api/applications/${enc(appId)}/materials`, form, { query: { itemKey }, quiet: true });
}

/** 授权委托书: the request body is the file itself (PDF / PNG / JPEG, typed by the File), names in the query. */
export function uploadMandate(agreementId: string, file: File, principalName: string): Promise<{ id: string }> {
  return api.post<{ id: string }>(`/api/agreements/${enc(agreementId)}/mandates`, file, { query: { fileName: file.name, principalName }, quiet: true });
}

export const materialApi = {
  remove: (appId: string, materialId: string) => api.delete<unknown>(materialUrl(appId, materialId)),
};

export const publicApi = {
  profiles: () => api.get<PublicProfile[]>('/api/public/profiles'),
  conditions: (profile: string, kind: string) => api.get<PublicConditions>('/api/public/conditions', { query: { profile, kind } }),
  standards: (profile: string, kind: string) => api.get<PublicStandards>('/api/public/standards', { query: { profile, kind } }),
  publicity: (q: { region?: string; page?: number; pageSize?: number }) =>
    api.get<PublicPage<PublicityItem>>('/api/public/publicity', { query: { ...q } }),
  directory: (q: { q?: string; region?: string; kind?: string; page?: number; pageSize?: number }) =>
    api.get<PublicPage<DirectoryItem>>('/api/public/directory', { query: { ...q } }),
  /** quiet: the form shows the server's message next to the field it names */
  complain: (body: ComplaintBody) => api.post<ComplaintReceipt>('/api/public/complaints', body, { quiet: true }),
};

export const agreementApi = {
  negotiation: (appId: string) => api.get<NegotiationView>(`/api/applications/${enc(appId)}/negotiation`),
  generate: (appId: string) => api.post<AgreementView>(`/api/applications/${enc(appId)}/agreement`, {}),
  get: (id: string) => api.get<AgreementView>(`/api/agreements/${enc(id)}`),
  study: (id: string, body: { heldOn: string; attendees: string[]; version?: number }) => api.post<unknown>(`/api/agreements/${enc(id)}/study`, body),
  sign: (id: string, body: SignBody) => api.post<{ agreementStatus: string; applicationState: string }>(`/api/agreements/${enc(id)}/sign`, body),
  verify: (id: string) => api.get<AgreementVerification>(`/api/agreements/${enc(id)}/verify`),
};

export const agreementDocumentUrl = (id: string, format: 'pdf' | 'docx') => `/api/agreements/${enc(id)}/document?format=${format}`;

export const complaintApi = {
  list: (q: { status?: 'open' | 'resolved'; page?: number; pageSize?: number }) =>
    api.get<PublicPage<ComplaintRow>>('/api/complaints', { query: { ...q } }),
  resolve: (id: string, body: { foundTrue: boolean; finding: string; version?: number }) => api.post<unknown>(`/api/complaints/${enc(id)}/resolve`, body),
};

// ---- experts (我的评估) and the administrative department (备案, 统计) -----------------------
// Shapes written by hand from src/agreements/{record-expert-step,acknowledge-filing,compute-statistics}.ts
// (the routes in src/server/routes/{experts,filings}.ts declare no response schema). They belong with
// the others in pipeline-types.ts; they sit here until that file is free to edit.

export interface ExpertPanelMember {
  expertId: string;
  name: string;
  specialty: string;
  scored: boolean;
  voted: boolean;
  signed: boolean;
}

export interface ScoringSheetItem {
  id: string;
  title: string;
  maxPoints: number;
  /** 否决项: scoring below its floor fails the evaluation whatever the total */
  veto: boolean;
  citation: string;
}

export interface ExpertPanel {
  applicationId: string;
  institutionName: string;
  kind: string;
  regionCode: string;
  state: string;
  stateLabel: string;
  /** the application's version: every step sends it back; a stale one answers 409 */
  version: number;
  members: ExpertPanelMember[];
  inspection: { required: boolean; situations: number[]; mode: string; record?: { on: string; by: string[]; findings: string } };
  sheet: { id: string; title: string; passThreshold: number; items: ScoringSheetItem[] } | null;
  mine: { scores: Record<string, number> | null; vote: 'pass' | 'fail' | null; signed: boolean };
}

export interface ExpertStepResult {
  applicationId: string;
  state: string;
  version: number;
}

export type FilingKind = 'evaluation_filing' | 'signing_filing';

export interface FilingRow {
  id: string;
  kind: FilingKind;
  number: string;
  title: string;
  issuedAt: string;
  applicationId: string;
  applicationState: string;
  regionCode: string;
  institutionName: string;
  issuerName: string | null;
  issuerLevel: string | null;
  /** when this department acknowledged receipt; null = not yet */
  acknowledgedAt: string | null;
}

/** The filed document's model (src/documents/model.ts), as far as the read-only view shows it. */
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

export interface FilingDetail extends FilingRow {
  model: FiledDocumentModel | null;
}

export interface FilingQuery {
  kind?: FilingKind;
  acknowledged?: boolean;
  /** same = 同级经办机构报送 (default); all = 含下级 */
  levels?: 'same' | 'all';
  page?: number;
  pageSize?: number;
}

export interface PipelineStatistics {
  asOf: string;
  byState: { state: string; label: string; count: number }[];
  overdue: { total: number; byDeadline: { deadline: string; count: number }[] };
  onlineSigning: {
    signed: number;
    online: number;
    offline: number;
    /** null while nothing is signed */
    rate: number | null;
    target: number;
    citation: string;
    meetsTarget: boolean | null;
  };
}

export const expertApi = {
  panels: (opts?: RequestOptions) => api.get<ExpertPanel[]>('/api/experts/panels', opts),
  inspection: (appId: string, body: { findings: string; by?: string[]; version?: number }) =>
    api.post<ExpertStepResult>(`/api/experts/panels/${enc(appId)}/inspection`, body),
  scores: (appId: string, body: { scores: Record<string, number>; version?: number }) =>
    api.post<ExpertStepResult>(`/api/experts/panels/${enc(appId)}/scores`, body),
  vote: (appId: string, body: { vote: 'pass' | 'fail'; version?: number }) =>
    api.post<ExpertStepResult>(`/api/experts/panels/${enc(appId)}/vote`, body),
  sign: (appId: string, body: { version?: number }) => api.post<ExpertStepResult>(`/api/experts/panels/${enc(appId)}/sign`, body),
};

export const filingApi = {
  list: (q: FilingQuery, opts?: RequestOptions) =>
    api.get<PublicPage<FilingRow>>('/api/filings', { ...opts, query: { ...q, acknowledged: q.acknowledged === undefined ? undefined : String(q.acknowledged) } }),
  get: (id: string) => api.get<FilingDetail>(`/api/filings/${enc(id)}`),
  acknowledge: (id: string, note?: string) =>
    api.post<{ id: string; number: string; acknowledgedAt: string }>(`/api/filings/${enc(id)}/acknowledge`, note ? { note } : {}),
  statistics: (opts?: RequestOptions) => api.get<PipelineStatistics>('/api/statistics/pipeline', opts),
};
