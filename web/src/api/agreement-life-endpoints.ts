/** One typed function per route of the agreement's life after signing (issue #10; types in agreement-life-types.ts). */
import { api, buildUrl, type RequestOptions } from './client';
import { saveDownload } from './download';
import type {
  AgreementEventPayloads, AgreementEventResult, AgreementLife, AgreementRegisterPage, AgreementRegisterQuery, MyAgreements,
} from './agreement-life-types';

const enc = encodeURIComponent;

type Filters = Omit<AgreementRegisterQuery, 'page' | 'pageSize'>;

export const agreementLifeApi = {
  register: (q: AgreementRegisterQuery, opts?: RequestOptions) => api.get<AgreementRegisterPage>('/api/agreement-register', { ...opts, query: { ...q } }),
  mine: (opts?: RequestOptions) => api.get<MyAgreements>('/api/my/agreements', opts),
  life: (id: string, opts?: RequestOptions) => api.get<AgreementLife>(`/api/agreements/${enc(id)}/life`, opts),
  /**
   * One step of the agreement's life. Quiet: the page shows a stale version (409) as 「已被他人处理」
   * and reloads, and a rule refusal (422) with its reasons and articles (see agreement-common/send-event.ts).
   */
  event: <E extends keyof AgreementEventPayloads>(id: string, event: E, version: number, payload: AgreementEventPayloads[E]) =>
    api.post<AgreementEventResult>(`/api/agreements/${enc(id)}/life-events/${enc(event)}`, { version, ...payload }, { quiet: true }),
};

/** The notice as PDF or DOCX (opened / saved by a plain link: same-origin cookie session). */
export const agreementDocumentUrl = (agreementId: string, docId: string, format: 'pdf' | 'docx') =>
  `/api/agreements/${enc(agreementId)}/life-documents/${enc(docId)}.${format}`;

/** Excel of exactly the filtered register (no paging), streamed by the server. */
export function downloadAgreementRegister(filters: Filters): Promise<void> {
  return saveDownload(buildUrl('/api/agreement-register/export.xlsx', { ...filters }), '协议管理.xlsx', {}, '导出');
}
