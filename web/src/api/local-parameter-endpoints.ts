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
