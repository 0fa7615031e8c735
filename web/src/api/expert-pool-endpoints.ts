/**
 * 评估专家库 (吉医保规〔2023〕1号 第十五条; 云医保〔2022〕6号 第十一条; decision 0028): the agency's pool
 * maintenance and Excel import, and the expert's own 回避. Types from the generated schema (decision 0013).
 */
import { api, getCsrf, type RequestOptions } from './client';
import { saveDownload } from './download';
import type { BodyOf, QueryOf, ResponseOf } from './openapi';

export type ExpertPool = ResponseOf<'/api/expert-pools'>[number];
export type ExpertPage = ResponseOf<'/api/expert-pools/{poolId}/experts'>;
export type PoolExpert = ExpertPage['items'][number];
export type ExpertQuery = QueryOf<'/api/expert-pools/{poolId}/experts'>;
export type NewExpertBody = BodyOf<'/api/expert-pools/{poolId}/experts', 'post'>;
export type AddedExpert = ResponseOf<'/api/expert-pools/{poolId}/experts', 'post'>;
export type EditExpertBody = BodyOf<'/api/expert-pools/{poolId}/experts/{expertId}', 'patch'>;
export type ExpertStatusBody = BodyOf<'/api/expert-pools/{poolId}/experts/{expertId}/status', 'post'>;
export type ImportResult = ResponseOf<'/api/expert-pools/{poolId}/import', 'post'>;
export type ImportMode = ImportResult['mode'];
export type ExpertStatus = PoolExpert['status'];

const enc = encodeURIComponent;

export const SPECIALTY_OPTIONS = [
  { value: 'medical_insurance', label: '医疗保障' },
  { value: 'medicine_health', label: '医药卫生' },
  { value: 'information_technology', label: '信息技术' },
  { value: 'law', label: '法律' },
  { value: 'finance', label: '财务' },
  { value: 'elderly_care', label: '养老护理' },
] as const;
export const specialtyName = (v: string) => SPECIALTY_OPTIONS.find((o) => o.value === v)?.label ?? v;
export const expertStatusLabel: Record<ExpertStatus, string> = { active: '在聘', suspended: '暂停', retired: '解聘' };
export const expertStatusColor: Record<ExpertStatus, string> = { active: 'green', suspended: 'orange', retired: 'default' };

/** POSTs a file (or GETs) and saves the Excel the server answers. */
const saveExcel = (url: string, init: RequestInit, fallbackName: string) => saveDownload(url, fallbackName, init);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const asXlsx = (file: Blob) => new Blob([file], { type: XLSX });

export const expertPoolApi = {
  pools: (opts?: RequestOptions) => api.get<ExpertPool[]>('/api/expert-pools', opts),
  list: (poolId: string, q: ExpertQuery, opts?: RequestOptions) =>
    api.get<ExpertPage>(`/api/expert-pools/${enc(poolId)}/experts`, { ...opts, query: { ...q } }),
  add: (poolId: string, body: NewExpertBody) => api.post<AddedExpert>(`/api/expert-pools/${enc(poolId)}/experts`, body),
  edit: (poolId: string, id: string, body: EditExpertBody) => api.patch<PoolExpert>(`/api/expert-pools/${enc(poolId)}/experts/${enc(id)}`, body),
  setStatus: (poolId: string, id: string, body: ExpertStatusBody) => api.post<PoolExpert>(`/api/expert-pools/${enc(poolId)}/experts/${enc(id)}/status`, body),
  importFile: (poolId: string, file: Blob, mode: ImportMode) =>
    api.post<ImportResult>(`/api/expert-pools/${enc(poolId)}/import`, asXlsx(file), { query: { mode } }),
  downloadTemplate: (poolId: string) => saveExcel(`/api/expert-pools/${enc(poolId)}/import-template`, {}, '专家库导入模板.xlsx'),
  downloadRejected: (poolId: string, file: Blob) => saveExcel(`/api/expert-pools/${enc(poolId)}/import/rejected-rows`, {
    method: 'POST', body: asXlsx(file), headers: { 'content-type': XLSX, ...(getCsrf() ? { 'x-csrf-token': getCsrf()! } : {}) },
  }, '未导入的专家.xlsx'),
};

/** 回避: the expert stands down from a panel, with the reason (the server redraws the slot). */
export const recuseFromPanel = (appId: string, body: BodyOf<'/api/experts/panels/{id}/recuse', 'post'>) =>
  api.post<{ applicationId: string; state: string; version: number }>(`/api/experts/panels/${enc(appId)}/recuse`, body);
