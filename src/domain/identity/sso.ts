/**
 * Single sign-on with the province's unified identity platform (统一身份认证, OpenID Connect;
 * decision 0026): what can go wrong, in Chinese, and where the browser may be sent afterwards.
 * Pure: no I/O.
 */

/** Why an SSO sign-in ended on the login page. The code travels in the redirect; the text is looked up. */
export const SSO_ERRORS = {
  disabled: '本系统未启用统一身份认证，请使用账号密码登录',
  provider: '统一身份认证服务暂时无法访问，请稍后再试或使用账号密码登录',
  expired: '登录请求已失效（超时或已使用），请重新点击统一身份认证登录',
  denied: '统一身份认证未完成（已取消或被拒绝），请重新登录',
  invalid: '统一身份认证返回的信息校验未通过，请重新登录',
  no_subject: '统一身份认证未提供用于识别账号的信息，请联系系统管理员',
  unlinked: '该统一身份认证账号尚未关联本系统账号，请联系系统管理员',
  inactive: '该账号已停用，请联系系统管理员',
} as const;
export type SsoError = keyof typeof SSO_ERRORS;

/** The query parameter of /login that carries an `SsoError`. */
export const SSO_ERROR_PARAM = 'sso_error';

/** A sign-in in flight is kept this long between start and callback. */
export const SSO_FLOW_TTL_MS = 10 * 60_000;

/**
 * Where the web app goes after sign-in: a path inside the app ('/applications/queue?x=1'), never
 * another site ('//evil.example', 'https://…', '/\\evil') nor the login page again; else '/'.
 */
export function safeReturnTo(raw: string | null | undefined): string {
  if (!raw || raw.length > 500) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return '/';
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/';
  if (raw === '/login' || raw.startsWith('/login?') || raw.startsWith('/login/') || raw.startsWith('/api/')) return '/';
  return raw;
}

/**
 * The external subject from the claims: the configured claim's value when it is a non-empty
 * string (or a number, as its decimal text), else null.
 */
export function subjectFromClaims(claims: Record<string, unknown> | undefined, claim: string): string | null {
  const v = claims?.[claim];
  if (typeof v === 'string') {
    const t = v.trim();
    return t && t.length <= 255 ? t : null;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}
