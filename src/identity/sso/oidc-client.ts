/**
 * The OpenID Connect client of the province's identity platform (openid-client), discovered from
 * OIDC_ISSUER on first use and kept per configuration. Discovery is not done at start-up: the app
 * starts (and local login works) while the provider is down; a failed discovery is retried by the
 * next sign-in.
 */
import * as oidc from 'openid-client';
import type { Config } from '../../config';

export interface SsoSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  subjectClaim: string;
  scopes: string;
  label: string;
  allowHttp: boolean;
}

/** The SSO settings when the deployment configured them (OIDC_ISSUER set), else null. */
export function ssoSettings(config: Config): SsoSettings | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET || !config.OIDC_REDIRECT_URL) return null;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUrl: config.OIDC_REDIRECT_URL,
    subjectClaim: config.OIDC_SUBJECT_CLAIM,
    scopes: config.OIDC_SCOPES,
    label: config.OIDC_LABEL,
    allowHttp: config.OIDC_ALLOW_HTTP,
  };
}

const discovered = new WeakMap<Config, Promise<oidc.Configuration>>();

/** The discovered client configuration (one discovery per configuration; retried after a failure). */
export function oidcConfiguration(config: Config, s: SsoSettings): Promise<oidc.Configuration> {
  let p = discovered.get(config);
  if (!p) {
    p = oidc.discovery(new URL(s.issuer), s.clientId, s.clientSecret, oidc.ClientSecretBasic(s.clientSecret), {
      timeout: 10,
      ...(s.allowHttp ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
    discovered.set(config, p);
    p.catch(() => discovered.delete(config));
  }
  return p;
}
