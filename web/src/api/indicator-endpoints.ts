/** External data for the renewal screening (decision 0040): the Excel upload, the import history, downloads. */
import { api, buildUrl } from './client';
import { saveDownload } from './download';
import type { ResponseOf } from './openapi';

export type IndicatorImportResult = ResponseOf<'/api/indicators/upload', 'post'>;
export type IndicatorImport = ResponseOf<'/api/indicator-imports/{id}'>;
export type InstitutionIndicator = ResponseOf<'/api/institutions/{id}/indicators'>['items'][number];
export type IndicatorImportMode = 'all_or_nothing' | 'valid_rows';

export const indicatorApi = {
  /** the file itself is the body; answers when the import is done (a file of the template's size takes seconds) */
  upload: (file: File, mode: IndicatorImportMode) => api.post<IndicatorImportResult>(buildUrl('/api/indicators/upload', { fileName: file.name, mode }), file),
  list: (q: { page: number; pageSize: number; channel?: string; status?: string }) =>
    api.get<ResponseOf<'/api/indicator-imports'>>(buildUrl('/api/indicator-imports', q)),
  ofInstitution: (id: string) => api.get<ResponseOf<'/api/institutions/{id}/indicators'>>(`/api/institutions/${encodeURIComponent(id)}/indicators`),
  template: () => saveDownload('/api/indicators/template.xlsx', '外部数据导入模板.xlsx'),
  rejected: (id: string) => saveDownload(`/api/indicator-imports/${encodeURIComponent(id)}/rejected.xlsx`, '未导入的行.xlsx'),
};
