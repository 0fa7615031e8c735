/** Registry import and export (issue #9): upload, job polling, file downloads. */
import { api, buildUrl } from './client';
import type { ResponseOf } from './openapi';

export type ImportJob = ResponseOf<'/api/imports/{id}'>;
export type ImportMode = 'all_or_nothing' | 'valid_rows';

/** Fetches a file and saves it through a link; a refusal is thrown as the server's Chinese message. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `下载失败（${res.status}）`);
  }
  const blob = await res.blob();
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

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
