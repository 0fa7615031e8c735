/**
 * Start of a single sign-on (decision 0026): a fresh state, nonce and PKCE verifier are kept on the
 * server under the hash of a random token that goes to the browser in a short-lived cookie; the
 * browser is sent to the provider's authorization endpoint (authorization-code flow, S256).
 */
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { AppContext } from '../../context';
import { sessionClock } from '../../domain/clock/clock';
import { SSO_FLOW_TTL_MS, safeReturnTo, type SsoError } from '../../domain/identity/sso';
import { hashToken } from '../../db/session-repo';
import { deleteExpiredOidcLogins, insertOidcLogin } from '../../db/sso-repo';
import { oidcConfiguration, ssoSettings } from './oidc-client';

export type StartResult = { ok: true; flowToken: string; authorizationUrl: string } | { ok: false; error: SsoError };

export async function startSsoLogin(ctx: AppContext, input: { returnTo?: string | null }): Promise<StartResult> {
  const s = ssoSettings(ctx.config);
  if (!s) return { ok: false, error: 'disabled' };
  let configuration: oidc.Configuration;
  try {
    configuration = await oidcConfiguration(ctx.config, s);
  } catch {
    return { ok: false, error: 'provider' };
  }
  const now = sessionClock(ctx.clock).now();
  const flowToken = randomBytes(32).toString('base64url');
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await deleteExpiredOidcLogins(ctx.db, now);
  await insertOidcLogin(ctx.db, {
    idHash: hashToken(flowToken),
    state,
    nonce,
    codeVerifier,
    returnTo: safeReturnTo(input.returnTo),
    expiresAt: new Date(now.getTime() + SSO_FLOW_TTL_MS),
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: s.redirectUrl,
    scope: s.scopes,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { ok: true, flowToken, authorizationUrl: url.href };
}
