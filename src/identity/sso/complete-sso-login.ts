/**
 * The callback of a single sign-on (decision 0026). The sign-in in flight is taken (once) by the
 * browser's cookie token; openid-client exchanges the code with the PKCE verifier and checks the
 * state, the issuer, the ID token's signature, audience, expiry and nonce; the configured claim
 * (default `sub`) names the person at the provider. Only an identity the system administrator
 * linked to an active account signs in, and then exactly as a local login does: a server-side
 * session and an audit row. Every failure is an `SsoError` for the login page, never an exception.
 */
import * as oidc from 'openid-client';
import type { AppContext } from '../../context';
import { sessionClock } from '../../domain/clock/clock';
import { subjectFromClaims, type SsoError } from '../../domain/identity/sso';
import { appendAudit } from '../../db/audit-repo';
import { createSession, deleteExpiredSessions, hashToken } from '../../db/session-repo';
import { findLinkedAccount, takeOidcLogin } from '../../db/sso-repo';
import { oidcConfiguration, ssoSettings } from './oidc-client';

export type CompleteResult =
  | { ok: true; sessionToken: string; userId: string; returnTo: string }
  | { ok: false; error: SsoError; detail?: string };

export interface CallbackInput {
  /** the value of the flow cookie set by the start (absent: another browser, or expired) */
  flowToken: string | undefined;
  /** the query string of the callback request, without '?' */
  query: string;
  ip: string;
}

export async function completeSsoLogin(ctx: AppContext, input: CallbackInput): Promise<CompleteResult> {
  const s = ssoSettings(ctx.config);
  if (!s) return { ok: false, error: 'disabled' };
  const now = sessionClock(ctx.clock).now();
  const flow = input.flowToken ? await takeOidcLogin(ctx.db, hashToken(input.flowToken)) : null;
  if (!flow || flow.expiresAt.getTime() <= now.getTime()) return { ok: false, error: 'expired' };

  const params = new URLSearchParams(input.query);
  if (params.has('error')) return { ok: false, error: 'denied', detail: params.get('error') ?? undefined };

  let configuration: oidc.Configuration;
  try {
    configuration = await oidcConfiguration(ctx.config, s);
  } catch {
    return { ok: false, error: 'provider' };
  }
  const currentUrl = new URL(s.redirectUrl);
  currentUrl.search = input.query;
  let claims: Record<string, unknown> | undefined;
  let accessToken: string;
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims() as Record<string, unknown> | undefined;
    accessToken = tokens.access_token;
  } catch (e) {
    // a network failure reaching the token endpoint is the provider's; everything else is a check that failed
    const network = e instanceof TypeError || (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError'));
    return { ok: false, error: network ? 'provider' : 'invalid', detail: e instanceof Error ? e.message : undefined };
  }

  let subject = subjectFromClaims(claims, s.subjectClaim);
  if (!subject && s.subjectClaim !== 'sub' && typeof claims?.sub === 'string') {
    // some platforms give the mapped claim (工号, 用户名) only at the userinfo endpoint
    try {
      const info = await oidc.fetchUserInfo(configuration, accessToken, claims.sub);
      subject = subjectFromClaims(info as Record<string, unknown>, s.subjectClaim);
    } catch {
      return { ok: false, error: 'provider' };
    }
  }
  if (!subject) return { ok: false, error: 'no_subject' };

  const account = await findLinkedAccount(ctx.db, s.issuer, subject);
  if (!account || !account.active) {
    await ctx.db.transaction((tx) =>
      appendAudit(tx, ctx.clock.now(), {
        actor: null,
        action: 'auth.sso_refused',
        entityType: account ? 'user' : 'user_identity',
        entityId: account ? account.userId : `${s.issuer}#${subject}`,
        regionCode: account?.orgRegionCode ?? null,
        after: { issuer: s.issuer, subject, ip: input.ip, reason: account ? 'inactive' : 'unlinked' },
      }),
    );
    return { ok: false, error: account ? 'inactive' : 'unlinked' };
  }

  await deleteExpiredSessions(ctx.db, account.userId, now);
  const { token } = await createSession(ctx.db, account.userId, now, 'sso');
  await ctx.db.transaction((tx) =>
    appendAudit(tx, ctx.clock.now(), {
      actor: { id: account.userId, orgId: account.orgId },
      action: 'auth.sso_login',
      entityType: 'user',
      entityId: account.userId,
      regionCode: account.orgRegionCode,
      after: { username: account.username, issuer: s.issuer, subject, ip: input.ip },
    }),
  );
  return { ok: true, sessionToken: token, userId: account.userId, returnTo: flow.returnTo };
}
