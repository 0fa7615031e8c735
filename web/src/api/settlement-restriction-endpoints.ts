/** 暂停人员/科室医保结算 (decision 0035): one typed function per route; types from schema.gen.ts. */
import { api } from './client';
import type { BodyOf, ResponseOf } from './openapi';

const enc = encodeURIComponent;

export type RestrictionList = ResponseOf<'/api/agreements/{id}/settlement-restrictions'>;
export type Restriction = RestrictionList['items'][number];
export type RestrictionCreate = BodyOf<'/api/agreements/{id}/settlement-restrictions', 'post'>;

export const restrictionApi = {
  list: (agreementId: string) => api.get<RestrictionList>(`/api/agreements/${enc(agreementId)}/settlement-restrictions`),
  create: (agreementId: string, body: RestrictionCreate) =>
    api.post<ResponseOf<'/api/agreements/{id}/settlement-restrictions', 'post'>>(`/api/agreements/${enc(agreementId)}/settlement-restrictions`, body),
  step: (id: string, event: 'lift' | 'terminate', version: number, reason: string) =>
    api.post<{ state: string; version: number }>(`/api/settlement-restrictions/${enc(id)}/events/${enc(event)}`, { version, reason }),
};

/** The 暂停医保结算通知书 as PDF or DOCX (a plain link: same-origin cookie session). */
export const restrictionDocumentUrl = (id: string, docId: string, format: 'pdf' | 'docx') =>
  `/api/settlement-restrictions/${enc(id)}/documents/${enc(docId)}.${format}`;
