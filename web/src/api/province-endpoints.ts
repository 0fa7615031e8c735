/**
 * 云人社发〔2016〕308号: 参保人数 and beds per 1,000 insured (二(四)); reports of newly designated
 * institutions to the provincial agency (一(四)). Types are read from the generated schema.
 */
import { api, type RequestOptions } from './client';
import type { BodyOf, ResponseOf } from './openapi';

export type BedStatistics = ResponseOf<'/api/statistics/beds'>;
export type InsuredCountBody = BodyOf<'/api/insured-counts', 'post'>;
export type ProvinceReportPage = ResponseOf<'/api/province-reports'>;
export type ProvinceReportRow = ProvinceReportPage['items'][number];
export type ProvinceReport = ResponseOf<'/api/province-reports/{id}'>;

const enc = encodeURIComponent;

export const provinceApi = {
  beds: (opts?: RequestOptions) => api.get<BedStatistics>('/api/statistics/beds', opts),
  enterInsured: (body: InsuredCountBody) => api.post<unknown>('/api/insured-counts', body),
  reports: (q: { page: number; pageSize: number }, opts?: RequestOptions) => api.get<ProvinceReportPage>('/api/province-reports', { ...opts, query: { ...q } }),
  report: (id: string) => api.get<ProvinceReport>(`/api/province-reports/${enc(id)}`),
  sendReport: (from: string, to: string) => api.post<{ id: string; count: number }>('/api/province-reports', { from, to }),
};
