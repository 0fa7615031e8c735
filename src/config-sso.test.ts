import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const base = { NODE_ENV: 'test', SEED_DEMO: '0' } as const;
const sso = {
  OIDC_ISSUER: 'https://id.example.gov.cn/realms/yb',
  OIDC_CLIENT_ID: 'dingdian',
  OIDC_CLIENT_SECRET: 's3cret',
  OIDC_REDIRECT_URL: 'https://dingdian.example.gov.cn/api/auth/oidc/callback',
};

describe('single sign-on configuration (decision 0026)', () => {
  it('is off without OIDC_ISSUER, with the default claim and label', () => {
    const c = loadConfig({ ...base });
    expect(c.OIDC_ISSUER).toBeUndefined();
    expect(c.OIDC_SUBJECT_CLAIM).toBe('sub');
    expect(c.OIDC_LABEL).toBe('统一身份认证登录');
  });
  it('takes issuer, client, secret, redirect URL, claim and label', () => {
    const c = loadConfig({ ...base, ...sso, OIDC_SUBJECT_CLAIM: 'preferred_username', OIDC_LABEL: '云南省医保统一身份认证' });
    expect(c).toMatchObject({ ...sso, OIDC_SUBJECT_CLAIM: 'preferred_username', OIDC_LABEL: '云南省医保统一身份认证' });
  });
  it('refuses an issuer without its client id, secret or redirect URL, naming them', () => {
    expect(() => loadConfig({ ...base, OIDC_ISSUER: sso.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID、OIDC_CLIENT_SECRET、OIDC_REDIRECT_URL/);
  });
  it('refuses http:// issuers unless OIDC_ALLOW_HTTP=1, and that never in production', () => {
    const http = { ...sso, OIDC_ISSUER: 'http://127.0.0.1:9000' };
    expect(() => loadConfig({ ...base, ...http })).toThrow(/https/);
    expect(loadConfig({ ...base, ...http, OIDC_ALLOW_HTTP: '1' }).OIDC_ALLOW_HTTP).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: '0', ...http, OIDC_ALLOW_HTTP: '1' })).toThrow(/production/);
  });
  it('refuses a redirect URL that is not the callback, and scopes without openid', () => {
    expect(() => loadConfig({ ...base, ...sso, OIDC_REDIRECT_URL: 'https://dingdian.example.gov.cn/' })).toThrow(/\/api\/auth\/oidc\/callback/);
    expect(() => loadConfig({ ...base, ...sso, OIDC_SCOPES: 'profile email' })).toThrow(/openid/);
  });
  it('refuses a claim name that is not one', () => {
    expect(() => loadConfig({ ...base, ...sso, OIDC_SUBJECT_CLAIM: 'a b' })).toThrow(/OIDC_SUBJECT_CLAIM/);
  });
});
