/** One typed function per endpoint of the designation pipeline (applications, uploads, documents, public site). */
import { api, type RequestOptions } from './client';
import { saveDownload } from './download';
import type {
  AgreementVerification, AgreementView, ApplicationDetail, ComplaintBody, ComplaintPage, ComplaintQuery, ComplaintReceipt, ComplaintStatus,
  CreateApplicationBody, CreatedApplication, DeclarationPatch, DirectoryPage, DirectoryQuery, ExpertPanel, ExpertSignBody, ExpertStepResult,
  FilingBatchReceipt, FilingDetail, FilingPage, FilingQuery, FilingReceipt, InspectionBody, NegotiationView, PipelineStatistics, PublicConditions,
  PublicProfile, PublicRegion, PublicStandards, PublicityPage, PublicityQuery, QueuePage, RequiredMaterials, ResolveComplaintBody, DeclarationRules,
  ScoresBody, SignBody, SignResult, StepResult, StudyBody, UploadedMaterial, VoteBody,
  GrantMandateBody, ReviewMandateBody, SigningContext,
} from './pipeline-types';

// Pages of the expert and filings sections import these from here.
export type { ExpertPanel, ExpertPanelMember, FiledDocumentModel, FilingKind, FilingRow, PipelineStatistics } from './pipeline-types';

const enc = encodeURIComponent;

export interface QueueQuery {
  q?: string;
  state?: string[];
  due?: 'today' | 'week' | 'overdue';
  mine?: 'todo' | 'sign';
  includeFinished?: boolean;
  sort?: 'applicationNo' | 'name' | 'state' | 'nextDue' | 'submittedAt';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

/** ?state=a&state=b: the client's query builder takes single values, so repeated keys are built here. */
function queueQuery(q: QueueQuery): string {
  const p = new URLSearchParams();
  for (const s of q.state ?? []) p.append('state', s);
  if (q.q?.trim()) p.set('q', q.q.trim());
  if (q.due) p.set('due', q.due);
  if (q.mine) p.set('mine', q.mine);
  if (q.includeFinished) p.set('includeFinished', '1');
  if (q.sort) p.set('sort', q.sort);
  if (q.order) p.set('order', q.order);
  if (q.page) p.set('page', String(q.page));
  if (q.pageSize) p.set('pageSize', String(q.pageSize));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * Excel of exactly the filtered queue (no paging): fetched as a file and saved through a link; a
 * refusal (over the export cap, bad filter) is thrown as the server's Chinese message.
 */
export function downloadQueueExport(q: QueueQuery): Promise<void> {
  return saveDownload(`/api/applications/export${queueQuery({ ...q, page: undefined, pageSize: undefined })}`, '定点工作台.xlsx', {}, '导出');
}

export const applicationApi = {
  create: (body: CreateApplicationBody) => api.post<CreatedApplication>('/api/applications', body),
  queue: (q: QueueQuery, opts?: RequestOptions) => api.get<QueuePage>(`/api/applications${queueQuery(q)}`, opts),
  get: (id: string, opts?: RequestOptions) => api.get<ApplicationDetail>(`/api/applications/${enc(id)}`, opts),
  /** the officer re-runs the basic conditions on today's registry (findings are kept) */
  recheckConditions: (id: string, version: number) => api.post<unknown>(`/api/applications/${enc(id)}/conditions/check`, { version }),
  /** the officer's finding (核查结论) on one basic condition; quiet: the form shows the message */
  recordConditionFinding: (id: string, body: { version: number; ruleId: string; met: boolean; note: string }) =>
    api.post<unknown>(`/api/applications/${enc(id)}/conditions/findings`, body, { quiet: true }),
  materialsRequired: (id: string) => api.get<RequiredMaterials>(`/api/applications/${enc(id)}/materials-required`),
  /** the 险种 rules of the signed-in institution's profile, each with its article */
  declarationRules: () => api.get<DeclarationRules>('/api/applications/declaration-rules'),
  /** every step carries the version the user saw; a stale one answers 409 (shown by the error sink) */
  event: (id: string, event: string, version: number, payload: Record<string, unknown> = {}) =>
    api.post<StepResult>(`/api/applications/${enc(id)}/events/${enc(event)}`, { ...payload, version }),
  /** the draft's declaration (contact, phone, categories, schemes, note); quiet: the form shows the message at its field */
  updateDeclaration: (id: string, body: DeclarationPatch) =>
    api.patch<CreatedApplication>(`/api/applications/${enc(id)}/declaration`, body, { quiet: true }),
};

export const documentUrl = (appId: string, docId: string, format: 'pdf' | 'docx') =>
  `/api/applications/${enc(appId)}/documents/${enc(docId)}.${format}`;

export const materialUrl = (appId: string, materialId: string) => `/api/applications/${enc(appId)}/materials/${enc(materialId)}`;

/**
 * Multipart upload of one material file through the one client (FormData: the browser sets the
 * boundary; CSRF header as for every POST). Quiet: the upload list shows the server's Chinese
 * message next to the file.
 */
export function uploadMaterial(appId: string, itemKey: string, file: File): Promise<UploadedMaterial> {
  const form = new FormData();
  form.append('itemKey', itemKey);
  form.append('file', file, file.name);
  return api.post<UploadedMaterial>(`/api/applications/${enc(appId)}/materials`, form, { query: { itemKey }, quiet: true });
}

/**
 * 纸质授权委托书: the request body is the file itself (PDF / PNG / JPEG, typed by the File). No
 * principal name is typed: the server takes the registered 法定代表人; the agency verifies it.
 */
export function uploadMandate(agreementId: string, file: File): Promise<{ id: string }> {
  return api.post<{ id: string }>(`/api/agreements/${enc(agreementId)}/mandates`, file, { query: { fileName: file.name }, quiet: true });
}

export const materialApi = {
  remove: (appId: string, materialId: string) => api.delete<unknown>(materialUrl(appId, materialId)),
};

import type { BedStatistics } from './province-endpoints';

export const publicApi = {
  profiles: () => api.get<PublicProfile[]>('/api/public/profiles'),
  conditions: (profile: string, kind: string, region?: string) =>
    api.get<PublicConditions>('/api/public/conditions', { query: { profile, kind, ...(region ? { region } : {}) } }),
  /** `region`: a 市 or 县（区）: the evaluation standards its agency published (decision 0043) */
  standards: (profile: string, kind: string, region?: string) => api.get<PublicStandards>('/api/public/standards', { query: { profile, kind, ...(region ? { region } : {}) } }),
  publicity: (q: PublicityQuery) => api.get<PublicityPage>('/api/public/publicity', { query: { ...q } }),
  directory: (q: DirectoryQuery) => api.get<DirectoryPage>('/api/public/directory', { query: { ...q } }),
  /** `designated`: only regions with designated institutions, with their counts (the directory's picker) */
  regions: (parent?: string, designated?: boolean) =>
    api.get<PublicRegion[]>('/api/public/regions', { query: { ...(parent ? { parent } : {}), ...(designated ? { designated: '1' as const } : {}) } }),
  /** 云人社发〔2016〕308号 二(四): beds per 1,000 insured, published */
  beds: (province?: string) => api.get<BedStatistics>('/api/public/statistics/beds', { query: province ? { province } : {} }),
  /** quiet: the form shows the server's message next to the field it names */
  complain: (body: ComplaintBody) => api.post<ComplaintReceipt>('/api/public/complaints', body, { quiet: true }),
  /** quiet: the page shows 「未查到…」 itself */
  complaintStatus: (number: string, phone: string) => api.post<ComplaintStatus>('/api/public/complaints/lookup', { number, phone }, { quiet: true }),
};

export const agreementApi = {
  negotiation: (appId: string) => api.get<NegotiationView>(`/api/applications/${enc(appId)}/negotiation`),
  generate: (appId: string) => api.post<AgreementView>(`/api/applications/${enc(appId)}/agreement`, {}),
  get: (id: string) => api.get<AgreementView>(`/api/agreements/${enc(id)}`),
  study: (id: string, body: StudyBody) => api.post<unknown>(`/api/agreements/${enc(id)}/study`, body),
  sign: (id: string, body: SignBody) => api.post<SignResult>(`/api/agreements/${enc(id)}/sign`, body),
  verify: (id: string) => api.get<AgreementVerification>(`/api/agreements/${enc(id)}/verify`),
  mandates: (id: string) => api.get<SigningContext>(`/api/agreements/${enc(id)}/mandates`),
  grantMandate: (id: string, body: GrantMandateBody) => api.post<unknown>(`/api/agreements/${enc(id)}/mandates/grant`, body),
  revokeMandate: (id: string, mandateId: string) => api.post<unknown>(`/api/agreements/${enc(id)}/mandates/${enc(mandateId)}/revoke`, {}),
  reviewMandate: (id: string, mandateId: string, body: ReviewMandateBody) =>
    api.post<unknown>(`/api/agreements/${enc(id)}/mandates/${enc(mandateId)}/review`, body),
};

export const agreementDocumentUrl = (id: string, format: 'pdf' | 'docx') => `/api/agreements/${enc(id)}/document?format=${format}`;

export const complaintApi = {
  list: (q: ComplaintQuery) => api.get<ComplaintPage>('/api/complaints', { query: { ...q } }),
  resolve: (id: string, body: ResolveComplaintBody) => api.post<unknown>(`/api/complaints/${enc(id)}/resolve`, body),
};

// ---- experts (我的评估) and the administrative department (备案, 统计) -----------------------

export const expertApi = {
  panels: (opts?: RequestOptions) => api.get<ExpertPanel[]>('/api/experts/panels', opts),
  /** 云医保〔2022〕6号 第十三条: `by` the inspecting members' expert ids, `checklist` one line per item where the profile has one */
  inspection: (appId: string, body: InspectionBody) => api.post<ExpertStepResult>(`/api/experts/panels/${enc(appId)}/inspection`, body),
  scores: (appId: string, body: ScoresBody) => api.post<ExpertStepResult>(`/api/experts/panels/${enc(appId)}/scores`, body),
  vote: (appId: string, body: VoteBody) => api.post<ExpertStepResult>(`/api/experts/panels/${enc(appId)}/vote`, body),
  sign: (appId: string, body: ExpertSignBody) => api.post<ExpertStepResult>(`/api/experts/panels/${enc(appId)}/sign`, body),
};

export const filingApi = {
  list: (q: FilingQuery, opts?: RequestOptions) =>
    api.get<FilingPage>('/api/filings', { ...opts, query: { ...q, acknowledged: q.acknowledged === undefined ? undefined : String(q.acknowledged) } }),
  get: (id: string) => api.get<FilingDetail>(`/api/filings/${enc(id)}`),
  acknowledge: (id: string, note?: string) => api.post<FilingReceipt>(`/api/filings/${enc(id)}/acknowledge`, note ? { note } : {}),
  /** 批量确认收到: one transaction on the server */
  acknowledgeMany: (ids: string[], note?: string) => api.post<FilingBatchReceipt>('/api/filings/acknowledge', note ? { ids, note } : { ids }),
  statistics: (opts?: RequestOptions) => api.get<PipelineStatistics>('/api/statistics/pipeline', opts),
};
