/** 续签申请 (京医保发〔2021〕30号 第四十一条, decision 0048). */
import { api, buildUrl } from './client';
import type { ResponseOf } from './openapi';

export type RenewalApplication = ResponseOf<'/api/renewal-applications/{id}'>;
export type RenewalApplicationTerms = ResponseOf<'/api/agreements/{id}/renewal-application-terms'>;

export const renewalApplicationApi = {
  terms: (agreementId: string) => api.get<RenewalApplicationTerms>(`/api/agreements/${encodeURIComponent(agreementId)}/renewal-application-terms`),
  apply: (agreementId: string, note: string) => api.post<RenewalApplication>('/api/renewal-applications', { agreementId, note }),
  list: (q: { state?: string; late?: string; agreementId?: string; page: number; pageSize: number }) =>
    api.get<ResponseOf<'/api/renewal-applications'>>(buildUrl('/api/renewal-applications', q)),
  event: (id: string, body: { type: 'accept'; note?: string; version: number } | { type: 'return'; reason: string; version: number } | { type: 'withdraw'; version: number }) =>
    api.post<RenewalApplication>(`/api/renewal-applications/${encodeURIComponent(id)}/events`, body),
};
