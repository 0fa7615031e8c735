/**
 * 第三方服务机构备案 (吉医保规〔2023〕1号 第三十三条第二款): the third party files, the agency verifies.
 * Types are read from the generated schema (decision 0013).
 */
import { api, type RequestOptions } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './openapi';

export type ThirdPartyFiling = ResponseOf<'/api/third-party-filings/{id}'>;
export type ThirdPartyFilingPage = ResponseOf<'/api/third-party-filings'>;
export type ThirdPartyFilingRow = ThirdPartyFilingPage['items'][number];
export type ThirdPartyFilingBody = BodyOf<'/api/third-party-filings', 'post'>;
export type ThirdPartyFilingQuery = QueryOf<'/api/third-party-filings'>;
export type FilingCheckBody = BodyOf<'/api/third-party-filings/{id}/checks', 'post'>;
export type FilingDecisionBody = BodyOf<'/api/third-party-filings/{id}/decision', 'post'>;
export type FilingStatus = ThirdPartyFiling['status'];
export type FilingCheckItem = ThirdPartyFiling['checks'][number]['item'];

const enc = encodeURIComponent;

export const thirdPartyFilingApi = {
  list: (q: ThirdPartyFilingQuery, opts?: RequestOptions) =>
    api.get<ThirdPartyFilingPage>('/api/third-party-filings', { ...opts, query: { ...q } }),
  get: (id: string, opts?: RequestOptions) => api.get<ThirdPartyFiling>(`/api/third-party-filings/${enc(id)}`, opts),
  submit: (body: ThirdPartyFilingBody) => api.post<ThirdPartyFiling>('/api/third-party-filings', body),
  check: (id: string, body: FilingCheckBody) => api.post<ThirdPartyFiling>(`/api/third-party-filings/${enc(id)}/checks`, body),
  decide: (id: string, body: FilingDecisionBody) => api.post<ThirdPartyFiling>(`/api/third-party-filings/${enc(id)}/decision`, body),
};

export const filingStatusLabel: Record<FilingStatus, string> = { submitted: '待核验', accepted: '已备案', returned: '已退回' };
export const filingStatusColor: Record<FilingStatus, string> = { submitted: 'processing', accepted: 'success', returned: 'error' };
