/**
 * 统一身份认证 (OpenID Connect single sign-on, decision 0026): the login page's button and the
 * system administrator's links between platform identities and accounts. Types from schema.gen.ts.
 */
import { api, type RequestOptions } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './openapi';

export type SsoConfig = ResponseOf<'/api/auth/oidc/config'>;
export type IdentityPage = ResponseOf<'/api/admin/identities'>;
export type IdentityRow = IdentityPage['items'][number];
export type IdentityQuery = QueryOf<'/api/admin/identities'>;
export type LinkIdentityBody = BodyOf<'/api/admin/identities', 'post'>;

/** Where the browser goes to sign in with the platform; the server redirects on to the provider. */
export const ssoStartUrl = (returnTo: string) => `/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;

export const ssoApi = {
  config: () => api.get<SsoConfig>('/api/auth/oidc/config', { quiet: true }),
  identities: (q: IdentityQuery, opts?: RequestOptions) => api.get<IdentityPage>('/api/admin/identities', { ...opts, query: { ...q } }),
  link: (body: LinkIdentityBody, opts?: RequestOptions) => api.post<ResponseOf<'/api/admin/identities', 'post'>>('/api/admin/identities', body, opts),
  unlink: (id: string) => api.delete<unknown>(`/api/admin/identities/${encodeURIComponent(id)}`),
};
