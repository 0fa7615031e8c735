/** 续签 campaigns (issue #11, decision 0041): one typed function per route; types from schema.gen.ts. */
import { api, buildUrl, getCsrf, type RequestOptions } from './client';
import { saveDownload } from './download';
import type { BodyOf, QueryOf, ResponseOf } from './openapi';

export type CampaignList = ResponseOf<'/api/renewal-campaigns'>;
export type Campaign = CampaignList['items'][number];
export type CampaignProgress = ResponseOf<'/api/renewal-campaigns/{id}'>;
export type OpenCampaignBody = BodyOf<'/api/renewal-campaigns', 'post'>;
export type ItemPage = ResponseOf<'/api/renewal-campaigns/{id}/items'>;
export type RenewalItem = ItemPage['items'][number];
export type ItemQuery = QueryOf<'/api/renewal-campaigns/{id}/items'>;
export type ItemFilter = Omit<ItemQuery, 'sort' | 'order' | 'page' | 'pageSize'>;
export type DecisionBody = BodyOf<'/api/renewal-items/{id}/decision', 'post'>;
export type MyRenewal = ResponseOf<'/api/my/renewal'>;
export type WhatIfBody = BodyOf<'/api/renewal-campaigns/{id}/what-if', 'post'>;
export type WhatIfResult = ResponseOf<'/api/renewal-campaigns/{id}/what-if', 'post'>;
export type BulkBody = BodyOf<'/api/renewal-campaigns/{id}/bulk-decision', 'post'>;
export type RenewalSigning = ResponseOf<'/api/renewal-campaigns/{id}/signing'>;
export type GenerationJob = ResponseOf<'/api/renewal-campaigns/{id}/generate-renewals', 'post'>;
export type SignRenewalBody = BodyOf<'/api/renewal-agreements/{id}/sign', 'post'>;
/** 报市 and 市级协商谈判 (京医保发〔2021〕30号 第四十一条, decision 0057) */
export type ReportCheck = ResponseOf<'/api/renewal-campaigns/{id}/report'>;
export type NegotiationBody = BodyOf<'/api/renewal-items/{id}/negotiation', 'post'>;
export type BulkNegotiationBody = BodyOf<'/api/renewal-campaigns/{id}/bulk-negotiation', 'post'>;

const enc = encodeURIComponent;

export const renewalApi = {
  /** `reported`: the city's queue (true) or the campaigns not yet reported (false) */
  list: (page: number, pageSize: number, opts?: RequestOptions, reported?: boolean) =>
    api.get<CampaignList>('/api/renewal-campaigns', { ...opts, query: { page, pageSize, ...(reported === undefined ? {} : { reported: String(reported) }) } }),
  open: (body: OpenCampaignBody) => api.post<Campaign>('/api/renewal-campaigns', body),
  progress: (id: string, opts?: RequestOptions) => api.get<CampaignProgress>(`/api/renewal-campaigns/${enc(id)}`, opts),
  items: (id: string, q: ItemQuery, opts?: RequestOptions) => api.get<ItemPage>(`/api/renewal-campaigns/${enc(id)}/items`, { ...opts, query: { ...q } }),
  /** quiet: the page shows a stale version (409) and a rule refusal (422) itself */
  decide: (itemId: string, body: DecisionBody) => api.post<unknown>(`/api/renewal-items/${enc(itemId)}/decision`, body, { quiet: true }),
  reevaluate: (itemId: string, body: BodyOf<'/api/renewal-items/{id}/reevaluation', 'post'>) => api.post<unknown>(`/api/renewal-items/${enc(itemId)}/reevaluation`, body, { quiet: true }),
  bulk: (id: string, body: BulkBody) => api.post<{ decided: number }>(`/api/renewal-campaigns/${enc(id)}/bulk-decision`, body, { quiet: true }),
  whatIf: (id: string, body: WhatIfBody) => api.post<WhatIfResult>(`/api/renewal-campaigns/${enc(id)}/what-if`, body),
  mine: (opts?: RequestOptions) => api.get<MyRenewal>('/api/my/renewal', opts),
  /** the renewed agreements (decision 0045) */
  generate: (id: string) => api.post<GenerationJob>(`/api/renewal-campaigns/${enc(id)}/generate-renewals`, {}, { quiet: true }),
  signing: (id: string, regionCode?: string, opts?: RequestOptions) => api.get<RenewalSigning>(`/api/renewal-campaigns/${enc(id)}/signing`, { ...opts, query: { regionCode } }),
  fixedAnnual: (itemId: string, version: number, fixedAnnual: boolean) => api.post<unknown>(`/api/renewal-items/${enc(itemId)}/fixed-annual`, { version, fixedAnnual }, { quiet: true }),
  signRenewal: (agreementId: string, body: SignRenewalBody) => api.post<unknown>(`/api/renewal-agreements/${enc(agreementId)}/sign`, body, { quiet: true }),
  countersign: (id: string, expectedCount: number, password: string, regionCode?: string) =>
    api.post<{ signed: number }>(`/api/renewal-campaigns/${enc(id)}/countersign`, { expectedCount, password, ...(regionCode ? { regionCode } : {}) }, { quiet: true }),
  reportCheck: (id: string, opts?: RequestOptions) => api.get<ReportCheck>(`/api/renewal-campaigns/${enc(id)}/report`, opts),
  report: (id: string, version: number) => api.post<{ reportedAt: string; version: number }>(`/api/renewal-campaigns/${enc(id)}/report`, { version }, { quiet: true }),
  negotiate: (itemId: string, body: NegotiationBody) => api.post<unknown>(`/api/renewal-items/${enc(itemId)}/negotiation`, body, { quiet: true }),
  bulkNegotiate: (id: string, body: BulkNegotiationBody) => api.post<{ negotiated: number }>(`/api/renewal-campaigns/${enc(id)}/bulk-negotiation`, body, { quiet: true }),
  close: (id: string, version: number) => api.post<unknown>(`/api/renewal-campaigns/${enc(id)}/close`, { version }),
};

/** Excel of exactly the filtered items, with outcome, reasons and articles. */
export function downloadRenewalItems(id: string, filter: ItemFilter): Promise<void> {
  return saveDownload(buildUrl(`/api/renewal-campaigns/${enc(id)}/items/export.xlsx`, { ...filter }), '续签筛查结果.xlsx', {}, '导出');
}

/** The what-if comparison as Excel (the same variant as on the page; POST, so the CSRF header goes along). */
export function downloadWhatIf(id: string, body: WhatIfBody): Promise<void> {
  const csrf = getCsrf();
  return saveDownload(`/api/renewal-campaigns/${enc(id)}/what-if/export.xlsx`, '续签政策模拟.xlsx', {
    method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
  }, '导出');
}

/** The renewed agreements' signed / unsigned counts per region as Excel. */
export function downloadSigning(id: string): Promise<void> {
  return saveDownload(`/api/renewal-campaigns/${enc(id)}/signing/export.xlsx`, '续签协议签订情况.xlsx', {}, '导出');
}
