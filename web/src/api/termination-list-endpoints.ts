/**
 * The public list of terminated institutions (京医保发〔2021〕30号 第四十三条) with its open-data files,
 * and the quarterly report of terminations and suspensions (吉医保规〔2023〕1号 第三十一条); decision 0034.
 */
import { api, buildUrl } from './client';
import { saveDownload } from './download';
import type { ResponseOf } from './openapi';

export type TerminatedPage = ResponseOf<'/api/public/terminated-institutions'>;
export type TerminatedItem = TerminatedPage['items'][number];
export type TerminationReport = ResponseOf<'/api/reports/terminations'>;
export type TerminationReportRow = TerminationReport['items'][number];

export interface TerminatedQuery {
  region?: string;
  year?: number;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const terminationListApi = {
  list: (q: TerminatedQuery) => api.get<TerminatedPage>('/api/public/terminated-institutions', { query: { ...q } }),
  /** open data: the same filters, the whole list */
  download: (format: 'csv' | 'xlsx', q: Omit<TerminatedQuery, 'page' | 'pageSize'>) =>
    saveDownload(buildUrl(`/api/public/terminated-institutions.${format}`, { ...q }), `解除医保协议的定点医药机构名单.${format}`),
  report: (q: { year: number; quarter: number; region?: string }) => api.get<TerminationReport>('/api/reports/terminations', { query: { ...q } }),
  reportXlsx: (q: { year: number; quarter: number; region?: string }) =>
    saveDownload(buildUrl('/api/reports/terminations.xlsx', { ...q }), `协议解除及中止情况季度报告-${q.year}年第${q.quarter}季度.xlsx`),
};
