/** 材料审核 findings (decision 0024): listed and recorded by the agency; recording re-runs the screening. */
import { api } from './client';
import type { BodyOf, ResponseOf } from './openapi';

export type FindingList = ResponseOf<'/api/applications/{id}/findings'>;
export type Finding = FindingList['items'][number];
export type FindingBody = BodyOf<'/api/applications/{id}/findings', 'post'>;
export type FindingResult = ResponseOf<'/api/applications/{id}/findings', 'post'>;

const enc = encodeURIComponent;

export const findingApi = {
  list: (id: string) => api.get<FindingList>(`/api/applications/${enc(id)}/findings`),
  record: (id: string, body: FindingBody) => api.post<FindingResult>(`/api/applications/${enc(id)}/findings`, body),
  /** the finding stops counting from `resolvedOn` (e.g. the penalty was fulfilled) */
  resolve: (id: string, findingId: string, body: { version: number; resolvedOn: string; reason: string }) =>
    api.post<Finding>(`/api/applications/${enc(id)}/findings/${enc(findingId)}/resolve`, body),
};
