/**
 * 机构（组织）管理, 账号管理, 本机构账号, 修改密码 (issue #9). Types are read from the generated
 * schema (decision 0013).
 */
import { api, type RequestOptions } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './openapi';

export type OrganizationPage = ResponseOf<'/api/admin/organizations'>;
export type OrganizationRow = OrganizationPage['items'][number];
export type OrganizationQuery = QueryOf<'/api/admin/organizations'>;
export type OrganizationBody = BodyOf<'/api/admin/organizations', 'post'>;
export type OrganizationPatch = BodyOf<'/api/admin/organizations/{id}', 'patch'>;
export type AccountPage = ResponseOf<'/api/accounts'>;
export type AccountRow = AccountPage['items'][number];
export type AccountQuery = QueryOf<'/api/accounts'>;
export type NewAccountBody = BodyOf<'/api/accounts', 'post'>;
export type AccountPatch = BodyOf<'/api/accounts/{id}', 'patch'>;
export type WithTemporaryPassword = ResponseOf<'/api/accounts', 'post'>;

const enc = encodeURIComponent;

export const organizationAdminApi = {
  /** one kind at a time from the page (the API also takes several) */
  list: (q: Omit<OrganizationQuery, 'kind'> & { kind?: string }, opts?: RequestOptions) =>
    api.get<OrganizationPage>('/api/admin/organizations', { ...opts, query: { ...q } }),
  create: (body: OrganizationBody) => api.post<OrganizationRow>('/api/admin/organizations', body),
  update: (id: string, body: OrganizationPatch) => api.patch<OrganizationRow>(`/api/admin/organizations/${enc(id)}`, body),
  setActive: (id: string, active: boolean, body: { version: number; reason?: string | null }) =>
    api.post<OrganizationRow>(`/api/admin/organizations/${enc(id)}/${active ? 'reactivate' : 'deactivate'}`, body),
};

export const accountApi = {
  list: (q: AccountQuery, opts?: RequestOptions) => api.get<AccountPage>('/api/accounts', { ...opts, query: { ...q } }),
  create: (body: NewAccountBody) => api.post<WithTemporaryPassword>('/api/accounts', body),
  update: (id: string, body: AccountPatch) => api.patch<AccountRow>(`/api/accounts/${enc(id)}`, body),
  setActive: (id: string, active: boolean, body: { version: number; reason?: string | null }) =>
    api.post<AccountRow>(`/api/accounts/${enc(id)}/${active ? 'reactivate' : 'deactivate'}`, body),
  resetPassword: (id: string, version: number) => api.post<WithTemporaryPassword>(`/api/accounts/${enc(id)}/reset-password`, { version }),
  linkLegalRepresentative: (id: string, version: number, idNumber: string | null) =>
    api.post<AccountRow>(`/api/accounts/${enc(id)}/legal-representative`, { version, idNumber }),
  changeOwnPassword: (currentPassword: string, newPassword: string) =>
    api.post<{ mustChangePassword: false }>('/api/account/password', { currentPassword, newPassword }),
};
