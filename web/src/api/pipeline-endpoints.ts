/** One typed function per endpoint of the designation pipeline (applications, uploads, documents, public site). */
import { api, ApiError, type RequestOptions } from './client';
import { authApi } from './endpoints';
import type { ApiErrorBody } from './types';
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
 * Multipart upload of one material file. The JSON client does not send FormData, so this is the one
 * other fetch in the app: same cookie, the CSRF token fetched from /api/auth/me, errors as ApiError
 * (the upload list shows the server's Chinese message next to the file).
 */
export async function uploadMaterial(appId: string, itemKey: string, file: File): Promise<{ id: string }> {
  const form = new FormData();
  form.append('itemKey', itemKey);
  form.append('file', file, file.name);
  return sendFile(`/api/applications/${enc(appId)}/materials?itemKey=${enc(itemKey)}`, form, {});
}

/** 授权委托书: the request body is the file itself (PDF / PNG / JPEG), names in the query. */
export function uploadMandate(agreementId: string, file: File, principalName: string): Promise<{ id: string }> {
  const q = new URLSearchParams({ fileName: file.name, principalName });
  return sendFile(`/api/agreements/${enc(agreementId)}/mandates?${q}`, file, { 'content-type': file.type || 'application/octet-stream' });
}

async function sendFile<T>(url: string, body: BodyInit, headers: Record<string, string>): Promise<T> {
  const { csrfToken } = await authApi.me();
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'x-csrf-token': csrfToken, ...headers },
    body,
  });
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (res.ok) return data as T;
  const err = (data as ApiErrorBody | undefined)?.error;
  throw new ApiError(res.status, err && typeof err.message === 'string' ? err : { code: `HTTP_${res.status}`, message: `上传失败（HTTP ${res.status}）` });
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
