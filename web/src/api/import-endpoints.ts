/** Registry import and export (issue #9): upload, job polling, file downloads. */
import { api, buildUrl } from './client';
import { saveDownload } from './download';
import type { ResponseOf } from './openapi';

export type ImportJob = ResponseOf<'/api/imports/{id}'>;
export type ImportMode = 'all_or_nothing' | 'valid_rows';

const downloadFile = (url: string, fallbackName: string) => saveDownload(url, fallbackName);

export const importApi = {
  /** the file itself is the body; answers at once with the job */
  upload: (file: File, mode: ImportMode) =>
    api.post<ImportJob>(buildUrl('/api/imports', { fileName: file.name, mode }), file),
  get: (id: string) => api.get<ImportJob>(`/api/imports/${encodeURIComponent(id)}`),
  recent: () => api.get<ResponseOf<'/api/imports'>>('/api/imports'),
  template: () => downloadFile('/api/imports/template.xlsx', '登记簿导入模板.xlsx'),
  rejected: (id: string) => downloadFile(`/api/imports/${encodeURIComponent(id)}/rejected.xlsx`, '未导入的行.xlsx'),
  exportRegistry: (format: 'xlsx' | 'csv', filters: Record<string, string | undefined>) =>
    downloadFile(buildUrl('/api/institutions/export', { ...filters, format }), `定点医药机构登记簿.${format}`),
};
