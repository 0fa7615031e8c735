/** 统筹地区参数 (decision 0031). Types read from the generated schema (decision 0013). */
import { api } from './client';
import type { BodyOf, ResponseOf } from './openapi';

export type PoolingRegions = ResponseOf<'/api/local-parameters/regions'>;
export type LocalParametersView = ResponseOf<'/api/local-parameters/{regionCode}'>;
export type LocalParameterEntry = LocalParametersView['entries'][number];
export type LocalParameterRow = LocalParametersView['history'][number];
export type LocalParameterChecklist = ResponseOf<'/api/local-parameters/checklist'>;
export type SetLocalParameterBody = BodyOf<'/api/local-parameters/{regionCode}/{key}', 'put'>;

export const localParameterApi = {
  regions: () => api.get<PoolingRegions>('/api/local-parameters/regions'),
  get: (regionCode: string) => api.get<LocalParametersView>(`/api/local-parameters/${encodeURIComponent(regionCode)}`),
  checklist: () => api.get<LocalParameterChecklist>('/api/local-parameters/checklist'),
  set: (regionCode: string, key: string, body: SetLocalParameterBody) =>
    api.put<LocalParameterRow>(`/api/local-parameters/${encodeURIComponent(regionCode)}/${encodeURIComponent(key)}`, body),
};

// 地区评估标准和流程 (自治区医保局〔2025〕征求意见稿 一(一); decision 0043)
export type RegionStandardsView = ResponseOf<'/api/region-standards/{regionCode}'>;
export type RegionStandardRow = RegionStandardsView['history'][number];
export type RegionStandardInForce = RegionStandardsView['inForce'][number];
export type StandardKind = RegionStandardRow['kind'];
export type PublishStandardBody = BodyOf<'/api/region-standards/{regionCode}/{kind}', 'put'>;

export const regionStandardApi = {
  get: (regionCode: string, page: number, pageSize: number) =>
    api.get<RegionStandardsView>(`/api/region-standards/${encodeURIComponent(regionCode)}`, { query: { page, pageSize } }),
  publish: (regionCode: string, kind: StandardKind, body: PublishStandardBody) =>
    api.put<RegionStandardRow>(`/api/region-standards/${encodeURIComponent(regionCode)}/${encodeURIComponent(kind)}`, body),
  withdraw: (regionCode: string, kind: StandardKind, id: string, body: { expectedVersion: number; reason: string }) =>
    api.post<RegionStandardRow>(`/api/region-standards/${encodeURIComponent(regionCode)}/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/withdraw`, body),
};
