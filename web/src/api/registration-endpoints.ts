/**
 * 医药机构自助注册 (decision 0027): the public form (with its proof-of-work challenge), the applicant's
 * own registration, the agency's 注册审核 queue. Types are read from the generated schema (decision 0013).
 */
import { api, type RequestOptions } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './openapi';

export type Registration = ResponseOf<'/api/registrations/mine'>;
export type RegistrationPage = ResponseOf<'/api/registrations'>;
export type RegistrationRow = RegistrationPage['items'][number];
export type RegistrationQuery = QueryOf<'/api/registrations'>;
export type RegistrationDetails = BodyOf<'/api/registrations/mine', 'put'>['details'];
export type RegistrationStatus = Registration['status'];
export type RegistrationFileKind = Registration['files'][number]['kind'];
export type Challenge = ResponseOf<'/api/public/registrations/challenge', 'post'>;
export type Submitted = ResponseOf<'/api/public/registrations', 'post'>;

export const registrationStatusLabel: Record<RegistrationStatus, string> = { pending: '待审核', returned: '已退回', verified: '已核实', rejected: '不予登记' };
export const registrationStatusColor: Record<RegistrationStatus, string> = { pending: 'processing', returned: 'warning', verified: 'success', rejected: 'error' };
export const registrationFileLabel: Record<RegistrationFileKind, string> = {
  business_licence: '营业执照（或事业单位法人证书）',
  practice_licence: '执业许可证（医疗机构执业许可证、药品经营许可证等）',
};

const enc = encodeURIComponent;

function leadingZeroBits(d: Uint8Array): number {
  let n = 0;
  for (const b of d) {
    if (b === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(b) - 24;
  }
  return n;
}

/**
 * Finds the nonce of a challenge: SHA-256("id:salt:nonce") with `bits` leading zero bits. WebCrypto in
 * batches (its digest is asynchronous), yielding to the page between batches; `onProgress` gets the tries so far.
 */
export async function solveChallenge(c: Challenge, onProgress?: (tries: number) => void): Promise<string> {
  const encoder = new TextEncoder();
  const prefix = `${c.id}:${c.salt}:`;
  const BATCH = 512;
  for (let start = 0; ; start += BATCH) {
    const digests = await Promise.all(
      Array.from({ length: BATCH }, (_, i) => crypto.subtle.digest('SHA-256', encoder.encode(prefix + String(start + i)))),
    );
    const hit = digests.findIndex((d) => leadingZeroBits(new Uint8Array(d)) >= c.bits);
    if (hit >= 0) return String(start + hit);
    onProgress?.(start + BATCH);
  }
}

export interface RegistrationForm {
  details: RegistrationDetails;
  account: { username: string; password: string };
}

export const registrationApi = {
  challenge: () => api.post<Challenge>('/api/public/registrations/challenge', {}, { quiet: true }),
  /** quiet: the form shows the server's message next to the field it names */
  submit: (form: RegistrationForm, challenge: { id: string; nonce: string }, files: Partial<Record<RegistrationFileKind, File>>) => {
    const body = new FormData();
    body.append('data', JSON.stringify({ ...form, challenge }));
    for (const [kind, file] of Object.entries(files)) if (file) body.append(kind, file, file.name);
    return api.post<Submitted>('/api/public/registrations', body, { quiet: true });
  },
  mine: (opts?: RequestOptions) => api.get<Registration>('/api/registrations/mine', opts),
  correct: (version: number, details: RegistrationDetails) => api.put<Registration>('/api/registrations/mine', { version, details }, { quiet: true }),
  replaceFile: (kind: RegistrationFileKind, file: File) => {
    const body = new FormData();
    body.append('kind', kind);
    body.append('file', file, file.name);
    return api.post<unknown>('/api/registrations/mine/files', body);
  },
  myFileUrl: (fileId: string) => `/api/registrations/mine/files/${enc(fileId)}`,
  list: (q: RegistrationQuery, opts?: RequestOptions) => api.get<RegistrationPage>('/api/registrations', { ...opts, query: { ...q } }),
  get: (id: string) => api.get<Registration>(`/api/registrations/${enc(id)}`),
  fileUrl: (id: string, fileId: string) => `/api/registrations/${enc(id)}/files/${enc(fileId)}`,
  verify: (id: string, version: number) => api.post<Registration>(`/api/registrations/${enc(id)}/verify`, { version }),
  return: (id: string, version: number, reason: string) => api.post<Registration>(`/api/registrations/${enc(id)}/return`, { version, reason }),
  reject: (id: string, version: number, reason: string) => api.post<Registration>(`/api/registrations/${enc(id)}/reject`, { version, reason }),
};
