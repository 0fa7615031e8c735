/**
 * 争议 (京医保发〔2021〕30号 第四十六条, 第三十九条) and 评价建议 (云医保〔2022〕6号 第二十三条): one typed function per
 * route (decisions 0035, 0042); types from the generated schema (decision 0013).
 */
import { api, type RequestOptions } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './openapi';

const enc = encodeURIComponent;

export type Dispute = ResponseOf<'/api/disputes/{id}'>;
export type DisputePage = ResponseOf<'/api/disputes'>;
export type DisputeQuery = QueryOf<'/api/disputes'>;
export type RaiseDisputeBody = BodyOf<'/api/disputes', 'post'>;
export type DisputeEventBody = BodyOf<'/api/disputes/{id}/events', 'post'>;
export type DisputeFile = ResponseOf<'/api/disputes/{id}/files'>['items'][number];

export const disputeApi = {
  list: (q: DisputeQuery, opts?: RequestOptions) => api.get<DisputePage>('/api/disputes', { ...opts, query: { ...q } }),
  get: (id: string) => api.get<Dispute>(`/api/disputes/${enc(id)}`),
  raise: (body: RaiseDisputeBody) => api.post<{ id: string }>('/api/disputes', body),
  step: (id: string, body: DisputeEventBody) => api.post<{ state: string; version: number }>(`/api/disputes/${enc(id)}/events`, body),
  reverse: (id: string, agreementVersion: number) => api.post<{ agreementState: string; agreementVersion: number }>(`/api/disputes/${enc(id)}/reverse`, { agreementVersion }),
  files: (id: string) => api.get<{ items: DisputeFile[] }>(`/api/disputes/${enc(id)}/files`),
  upload: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.post<DisputeFile>(`/api/disputes/${enc(id)}/files`, form);
  },
  fileUrl: (id: string, fileId: string) => `/api/disputes/${enc(id)}/files/${enc(fileId)}`,
};

export const disputeStateOptions = [
  { value: 'raised', label: '已提出' }, { value: 'negotiating', label: '协商中' }, { value: 'coordinating', label: '提请行政部门协调' },
  { value: 'review', label: '行政复议/行政诉讼' }, { value: 'closed', label: '已办结' },
] as const;
export const disputeStateColor: Record<string, string> = { raised: 'processing', negotiating: 'processing', coordinating: 'warning', review: 'purple', closed: 'success' };
export const disputeSubjectOptions = [
  { value: 'suspension', label: '中止协议决定' }, { value: 'termination', label: '解除协议决定' },
  { value: 'restriction', label: '暂停人员/科室结算决定' }, { value: 'agency_breach', label: '经办机构违反协议' },
] as const;
export const disputeStageLabel: Record<string, string> = { negotiate: '协商', refer: '提请行政部门协调', coordinate: '行政部门协调', close: '办结' };

export type Rating = ResponseOf<'/api/agency-ratings'>['items'][number];
export type RatingPage = ResponseOf<'/api/agency-ratings'>;
export type RatingQuery = QueryOf<'/api/agency-ratings'>;
export type RatingBody = BodyOf<'/api/agency-ratings', 'post'>;

export const ratingApi = {
  list: (q: RatingQuery, opts?: RequestOptions) => api.get<RatingPage>('/api/agency-ratings', { ...opts, query: { ...q } }),
  submit: (body: RatingBody) => api.post<{ id: string }>('/api/agency-ratings', body),
  answer: (id: string, answer: string, version: number) => api.post<{ state: string; version: number }>(`/api/agency-ratings/${enc(id)}/answer`, { answer, version }),
};
export const ratingChannelOptions = [
  { value: 'written', label: '书面' }, { value: 'phone', label: '电话' }, { value: 'email', label: '邮件' },
] as const;
