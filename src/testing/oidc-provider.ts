/**
 * A real OpenID Connect provider for tests (`oidc-provider`, dev dependency) on loopback: one
 * static client (client_secret_basic, PKCE required), accounts that exist for any id (claims `sub`,
 * `name`, `preferred_username` = 'emp-<id>'), and a login interaction that signs in at once the
 * subject the test chose with `signInAs` (the province platform's own login and consent pages are
 * not what dingdian's tests test). oidc-provider warns on Node 20: harmless here.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the subject the next login interaction signs in */
  signInAs(subject: string): void;
  close(): Promise<void>;
}

export async function startTestOidcProvider(opts: { redirectUris: string[]; host?: string }): Promise<TestOidcProvider> {
  const clientId = 'dingdian-test';
  const clientSecret = 'a-test-client-secret-of-enough-length';
  let subject = 'test-subject';
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${opts.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // consent is given at once
    loadExistingGrant: async (kctx) => {
      const accountId = kctx.oidc.session?.accountId;
      if (!accountId) return undefined;
      const grant = new kctx.oidc.provider.Grant({ clientId: kctx.oidc.client!.clientId, accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    findAccount: async (_kctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, name: `统一认证用户${id}`, preferred_username: `emp-${id}` }),
    }),
  });
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    void (async () => {
      try {
        await provider.interactionDetails(req, res);
        await provider.interactionFinished(req, res, { login: { accountId: subject } }, { mergeWithLastSubmission: false });
      } catch (e) {
        res.statusCode = 500;
        res.end(String(e));
      }
    })();
  });
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (s) => void (subject = s),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
