import * as assert from 'node:assert/strict';
import { GongClient } from '../../../src/gong/client';
import { GongError } from '../../../src/gong/errors';
import { RefreshingApi, authorizeUrl, exchangeCode, parseTokenResponse, refreshTokens, type OAuthApp, type OAuthTokens } from '../../../src/gong/oauth';
import { RequestScheduler } from '../../../src/gong/scheduler';
import { startLocalGong, type LocalGongHandle } from '../../../src/localGong/index';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** What a browser does with the consent page: load it, submit its form with the chosen button, follow the redirect. */
async function consent(url: string, decision: 'allow' | 'deny'): Promise<URL> {
  const page = await fetch(url);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<form method="post" action="\/oauth2\/authorize">/);
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(m[1] ?? '', (m[2] ?? '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  }
  fields.set('decision', decision);
  const res = await fetch(new URL('/oauth2/authorize', url), { method: 'POST', body: fields, redirect: 'manual' });
  assert.equal(res.status, 302);
  return new URL(res.headers.get('location') ?? '');
}

describe('gong: OAuth sign-in against the local Gong', function () {
  this.timeout(20_000);
  let gong: LocalGongHandle;
  let app: OAuthApp;
  const scheduler = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4 });
  const redirect = 'http://127.0.0.1:45999/callback';
  before(async () => {
    gong = await startLocalGong({ rateLimit: false, users: 10, calls: 10, oauthTokenTtlSeconds: 2 });
    app = { oauthBaseUrl: gong.baseUrl, clientId: gong.oauth.clientId, clientSecret: gong.oauth.clientSecret };
  });
  after(async () => { scheduler.dispose(); await gong.close(); });

  async function signIn(): Promise<OAuthTokens> {
    const back = await consent(authorizeUrl(app, redirect, 'st<&>"ate', ['api:users:read', 'api:workspaces:read']), 'allow');
    assert.equal(`${back.origin}${back.pathname}`, redirect);
    assert.equal(back.searchParams.get('state'), 'st<&>"ate', 'state comes back unchanged');
    const code = back.searchParams.get('code');
    assert.ok(code);
    return exchangeCode(app, code, redirect);
  }

  it('consent page, code, token exchange: the token reads Gong at api_base_url_for_customer with the scopes granted', async () => {
    const t = await signIn();
    assert.equal(t.apiBaseUrl, gong.baseUrl);
    assert.ok(t.expiresAt > Date.now() && t.expiresAt <= Date.now() + 2000);
    const client = new GongClient({ baseUrl: t.apiBaseUrl, auth: { kind: 'bearer', token: t.accessToken } }, { scheduler, maxRetries: 0 });
    const users = await client.request<{ users: unknown[] }>({ method: 'GET', path: '/v2/users' });
    assert.equal(users.data.users.length, 10);
    await assert.rejects(client.request({ method: 'GET', path: '/v2/settings/trackers' }), (e: unknown) => GongError.is(e) && e.status === 401, 'a scope not granted is refused');
  });

  it('refuses a denied consent, a wrong secret, a reused code and a reused refresh token', async () => {
    const denied = await consent(authorizeUrl(app, redirect, 's1'), 'deny');
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    assert.equal(denied.searchParams.get('code'), null);
    const back = await consent(authorizeUrl(app, redirect, 's2'), 'allow');
    const code = back.searchParams.get('code') ?? '';
    await assert.rejects(exchangeCode({ ...app, clientSecret: 'wrong' }, code, redirect), (e: unknown) => GongError.is(e, 'auth'));
    // The app that owns the code can still use it once; a second use is refused.
    await exchangeCode(app, code, redirect);
    await assert.rejects(exchangeCode(app, code, redirect), /invalid_grant/);
    const t = await signIn();
    const next = await refreshTokens(app, t.refreshToken);
    assert.notEqual(next.refreshToken, t.refreshToken);
    await assert.rejects(refreshTokens(app, t.refreshToken), /already used/, 'refresh tokens are single use');
    const page = await fetch(authorizeUrl({ ...app, clientId: 'nobody' }, redirect, 's3'));
    assert.equal(page.status, 400, 'an unknown app gets an error page, not a redirect');
    const elsewhere = await fetch(authorizeUrl(app, 'https://attacker.example/cb', 's4'));
    assert.equal(elsewhere.status, 400, 'a redirect that is not loopback or registered is refused');
  });

  it('takes a registered vscode:// redirect exactly as registered, and only that one', async () => {
    const own = 'vscode://gong-explorer.gong-explorer/oauth-callback';
    const unregistered = await fetch(authorizeUrl(app, own, 'u0'));
    assert.equal(unregistered.status, 400, 'a custom-scheme redirect the app did not register is refused');
    assert.match(await unregistered.text(), /redirect_uri is not registered/);
    gong.oauth.registerRedirectUri(own);
    assert.deepEqual(gong.oauth.redirectUris, [own]);
    for (const near of ['vscode://gong-explorer.gong-explorer/oauth-callback/', 'vscode-insiders://gong-explorer.gong-explorer/oauth-callback', 'vscode://other.ext/oauth-callback']) {
      assert.equal((await fetch(authorizeUrl(app, near, 'u1'))).status, 400, `${near} is not the registered string`);
    }
    const page = await fetch(authorizeUrl(app, own, 'u2'));
    assert.match(page.headers.get('content-security-policy') ?? '', /form-action 'self' http:\/\/127\.0\.0\.1:\* vscode:(;|$)/, 'the browser may follow the form to vscode:');
    await page.text();
    const back = await consent(authorizeUrl(app, own, 'u3', ['api:users:read']), 'allow');
    assert.equal(`${back.protocol}//${back.host}${back.pathname}`, own);
    assert.equal(back.searchParams.get('state'), 'u3');
    const code = back.searchParams.get('code') ?? '';
    await assert.rejects(exchangeCode(app, code, redirect), /redirect_uri does not match/, 'the token exchange must name the same redirect');
    const again = await consent(authorizeUrl(app, own, 'u4', ['api:users:read']), 'allow');
    const t = await exchangeCode(app, again.searchParams.get('code') ?? '', own);
    assert.equal(t.apiBaseUrl, gong.baseUrl);
    const denied = await consent(authorizeUrl(app, own, 'u5'), 'deny');
    assert.equal(`${denied.protocol}//${denied.host}${denied.pathname}`, own);
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    assert.throws(() => gong.oauth.registerRedirectUri('not a uri'), /not an absolute URI/);
    assert.throws(() => gong.oauth.registerRedirectUri(`${own}#frag`), /fragment/);
    assert.deepEqual(gong.oauth.redirectUris, [own], 'a refused registration changes nothing');
  });

  it('refreshes before the token expires, stores every new pair, and keeps reading', async () => {
    const stored: OAuthTokens[] = [];
    const api = new RefreshingApi({
      app, tokens: await signIn(), marginMs: 1000,
      client: (base, token) => new GongClient({ baseUrl: base, auth: { kind: 'bearer', token } }, { scheduler, maxRetries: 0 }),
      onTokens: async t => { stored.push(t); },
    });
    const before = gong.oauth.refreshCount;
    await api.request({ method: 'GET', path: '/v2/users' });
    assert.equal(stored.length, 0, 'no refresh while the token is fresh');
    await sleep(1100);
    await api.request({ method: 'GET', path: '/v2/users' });
    assert.equal(stored.length, 1, 'refreshed within the margin before expiry');
    assert.equal(gong.oauth.refreshCount - before, 1);
    await sleep(2100);
    // Several requests at once share one refresh.
    await Promise.all([1, 2, 3].map(() => api.request({ method: 'GET', path: '/v2/workspaces' })));
    assert.equal(stored.length, 2);
    assert.equal(gong.oauth.refreshCount - before, 2);
  });

  it('an expired access token is refused by the local Gong', async () => {
    const t = await signIn();
    await sleep(2100);
    const client = new GongClient({ baseUrl: t.apiBaseUrl, auth: { kind: 'bearer', token: t.accessToken } }, { scheduler, maxRetries: 0 });
    await assert.rejects(client.request({ method: 'GET', path: '/v2/users' }), (e: unknown) => GongError.is(e, 'auth'));
  });

  it('a token answer without the customer API host is an error, not a guess', () => {
    assert.throws(() => parseTokenResponse({ access_token: 'a', refresh_token: 'r', expires_in: 60 }, 0), /api_base_url_for_customer/);
    assert.equal(parseTokenResponse({ access_token: 'a', refresh_token: 'r', expires_in: 60, api_base_url_for_customer: 'https://company-17.api.gong.io/' }, 1000).apiBaseUrl, 'https://company-17.api.gong.io');
  });
});

