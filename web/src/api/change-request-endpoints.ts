/** 变更申请 (issue #10): the institution files, the agency handles. Types from the generated schema (decision 0013). */
import { api, type RequestOptions } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './openapi';

export type ChangeRequest = ResponseOf<'/api/change-requests/{id}'>;
export type ChangeRequestPage = ResponseOf<'/api/change-requests'>;
export type ChangeRequestRow = ChangeRequestPage['items'][number];
export type ChangeRequestQuery = QueryOf<'/api/change-requests'>;
export type ChangeRules = ResponseOf<'/api/change-requests/rules'>;
export type CreateChangeBody = BodyOf<'/api/change-requests', 'post'>;
export type ChangeField = ChangeRules['fields'][number]['field'];

const enc = encodeURIComponent;

export const changeRequestApi = {
  rules: (approvalDate?: string) => api.get<ChangeRules>('/api/change-requests/rules', { query: approvalDate ? { approvalDate } : {} }),
  list: (q: ChangeRequestQuery, opts?: RequestOptions) => api.get<ChangeRequestPage>('/api/change-requests', { ...opts, query: { ...q } }),
  get: (id: string) => api.get<ChangeRequest>(`/api/change-requests/${enc(id)}`),
  create: (body: CreateChangeBody) => api.post<ChangeRequest>('/api/change-requests', body),
  step: (id: string, event: string, body: { version: number; reason?: string | null; note?: string | null }) =>
    api.post<ChangeRequest>(`/api/change-requests/${enc(id)}/events/${enc(event)}`, body),
  upload: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.post<{ id: string; fileName: string }>(`/api/change-requests/${enc(id)}/files`, form);
  },
  fileUrl: (id: string, fileId: string) => `/api/change-requests/${enc(id)}/files/${enc(fileId)}`,
  documentUrl: (id: string, docId: string, format: 'pdf' | 'docx') => `/api/change-requests/${enc(id)}/documents/${enc(docId)}.${format}`,
};

export const changeStateColor: Record<string, string> = {
  draft: 'default', submitted: 'processing', forwarded: 'processing', approved: 'success', returned: 'warning', rejected: 'error', notified: 'processing', applied: 'success',
};
