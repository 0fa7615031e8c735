import { describe, expect, it } from 'vitest';
import { safeReturnTo, subjectFromClaims, SSO_ERRORS } from './sso';

describe('safeReturnTo: after single sign-on the browser stays inside the web app', () => {
  it('keeps a path of the app with its query', () => {
    expect(safeReturnTo('/applications/queue?status=submitted')).toBe('/applications/queue?status=submitted');
    expect(safeReturnTo('/')).toBe('/');
  });
  it.each([
    ['another site', 'https://evil.example/'],
    ['protocol-relative', '//evil.example/x'],
    ['backslash trick', '/\\evil.example'],
    ['a control character', '/a\nb'],
    ['the login page again', '/login?sso_error=unlinked'],
    ['the API', '/api/auth/oidc/start'],
    ['nothing', ''],
    ['too long', `/${'a'.repeat(600)}`],
  ])('sends %s to /', (_what, raw) => {
    expect(safeReturnTo(raw)).toBe('/');
  });
});

describe('subjectFromClaims: the configured claim names the person at the platform', () => {
  it('takes a string (trimmed) or a number, nothing else', () => {
    expect(subjectFromClaims({ sub: ' abc ' }, 'sub')).toBe('abc');
    expect(subjectFromClaims({ employee_no: 10086 }, 'employee_no')).toBe('10086');
    expect(subjectFromClaims({ sub: '' }, 'sub')).toBeNull();
    expect(subjectFromClaims({ sub: { x: 1 } }, 'sub')).toBeNull();
    expect(subjectFromClaims({ sub: 'x'.repeat(256) }, 'sub')).toBeNull();
    expect(subjectFromClaims(undefined, 'sub')).toBeNull();
  });
  it('every refusal has a Chinese message; the unlinked one is the one the issue asks for', () => {
    expect(SSO_ERRORS.unlinked).toBe('该统一身份认证账号尚未关联本系统账号，请联系系统管理员');
    for (const m of Object.values(SSO_ERRORS)) expect(m).toMatch(/[\u4e00-\u9fff]/);
  });
});
