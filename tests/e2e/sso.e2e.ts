import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { startStack } from './harness';
import { loadConfig } from '../../src/config';
import { userIdentities, users } from '../../src/db/schema/index';
import { startTestOidcProvider, type TestOidcProvider } from '../../src/testing/oidc-provider';

/**
 * 统一身份认证 in the browser (decision 0026): the login page's button, a real OpenID Connect
 * provider on loopback, back to the app signed in; an unlinked identity sees the message on the
 * login page; the system administrator's page links an identity. The app is opened as
 * http://localhost:<port> and the provider is http://127.0.0.1:<port>: two sites, as in a
 * deployment, so that the cookies' SameSite rules are those a real sign-in meets.
 */
let stack: Awaited<ReturnType<typeof startStack>>;
let provider: TestOidcProvider;
let base: string;

before(async () => {
  stack = await startStack();
  base = stack.baseUrl.replace('127.0.0.1', 'localhost');
  provider = await startTestOidcProvider({ redirectUris: [`${base}/api/auth/oidc/callback`] });
  Object.assign(
    stack.ctx.config,
    loadConfig({
      NODE_ENV: 'test', SANDBOX: '1', SEED_DEMO: '1', DATA_DIR: stack.ctx.config.DATA_DIR,
      OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URL: `${base}/api/auth/oidc/callback`, OIDC_ALLOW_HTTP: '1', OIDC_LABEL: '云南医保统一身份认证登录',
    }),
  );
  const [wuhua] = await stack.ctx.db.select().from(users).where(eq(users.username, 'wuhua'));
  const [admin] = await stack.ctx.db.select().from(users).where(eq(users.username, 'admin'));
  await stack.ctx.db.insert(userIdentities).values({ issuer: provider.issuer, subject: 'yn-0001', userId: wuhua!.id, linkedBy: admin!.id, linkedAt: new Date() });
});
after(async () => {
  await stack?.stop();
  await provider?.close();
});

describe('single sign-on in the browser', () => {
  it('a linked officer signs in with the platform and lands in the app as its account', async () => {
    const page = await (await stack.browser.newContext()).newPage();
    provider.signInAs('yn-0001');
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: '云南医保统一身份认证登录' }).click();
    await page.getByRole('button', { name: /退出/ }).waitFor();
    await page.getByText('五华区经办员').first().waitFor();
    assert.equal(new URL(page.url()).origin, base);
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    assert.equal(me.user.username, 'wuhua');
    await page.context().close();
  });

  it('an unlinked identity comes back to the login page with the message, signed out', async () => {
    const page = await (await stack.browser.newContext()).newPage();
    provider.signInAs('nobody-0002');
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: '云南医保统一身份认证登录' }).click();
    await page.getByText('该统一身份认证账号尚未关联本系统账号，请联系系统管理员').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.getByLabel('用户名').waitFor();
    await page.context().close();
  });

  it('the system administrator links an identity to an account on 统一身份认证关联', async () => {
    const page = await stack.loginAs('admin');
    await page.goto(`${stack.baseUrl}/admin/sso-identities`);
    await page.getByText('yn-0001').waitFor();
    await page.getByLabel('本系统用户名').fill('panlong');
    await page.getByLabel('统一身份认证标识').fill('yn-0003');
    await page.getByRole('button', { name: /^(link )?关\s*联$/ }).click();
    await page.getByText('yn-0003').waitFor();
    const [row] = await stack.ctx.db.select().from(userIdentities).where(eq(userIdentities.subject, 'yn-0003'));
    assert.ok(row, 'the link is stored');
    await page.context().close();
  });
});
