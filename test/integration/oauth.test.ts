import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { secretKey } from '../../src/auth/profiles';
import type { AskedPrompt } from '../../src/platform/prompter';
import type { UriAnswerResult } from '../../src/auth/oauthFlow';
import { SIGN_IN_COMMAND, EXTENSION_ID, getApi, signOutAll, useGong, withPrompter, type LocalGong } from './harness/index';

/** Test hook of src/auth/index.ts (registered only with GONG_EXPLORER_TEST_HOOKS=1). */
const DELIVER_URI = 'gongExplorer.auth.deliverOAuthUri';

/**
 * A scripted browser: loads the consent page the extension opened, submits its form with Allow (or
 * Deny), and follows Gong's redirect to the extension's loopback address, as a person's browser does.
 */
function scriptedBrowser(decision: 'allow' | 'deny', seen: string[]) {
  return async (url: string): Promise<boolean> => {
    seen.push(url);
    const page = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const html = await page.text();
    assert.equal(page.status, 200, html);
    const form = new URLSearchParams();
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1] ?? '', (m[2] ?? '').replace(/&amp;/g, '&'));
    form.set('decision', decision);
    const consent = await fetch(new URL('/oauth2/authorize', url), { method: 'POST', body: form, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    const back = consent.headers.get('location');
    assert.equal(consent.status, 302);
    assert.ok(back);
    // The "browser" follows the redirect in the background; the extension is waiting for it.
    void fetch(back, { signal: AbortSignal.timeout(10_000) }).then(r => r.text()).catch(() => undefined);
    return true;
  };
}

/** Answers to the sign-in steps for a company's Gong OAuth app on the local Gong. */
function oauthAnswers(gong: () => LocalGong, name: string) {
  return Array.from({ length: 8 }, () => (asked: AskedPrompt): unknown => {
    if (asked.kind === 'pick') {
      const labels = asked.labels ?? [];
      return labels.find(l => /Gong OAuth app/.test(l)) ?? labels.find(l => /new profile/i.test(l));
    }
    const text = asked.prompt ?? '';
    if (/profile name/i.test(text)) return name;
    if (/sign-in address/i.test(text)) return gong().baseUrl;
    if (/client id/i.test(text)) return gong().oauth.clientId;
    if (/client secret/i.test(text)) return gong().oauth.clientSecret;
    throw new Error(`unexpected question: ${text}`);
  });
}

describe('OAuth sign-in with a company\'s Gong app, end to end', function () {
  this.timeout(60_000);
  // Tokens live 4 s, so a refresh comes within the test.
  const gong = useGong({ users: 15, calls: 10, oauthTokenTtlSeconds: 4 });
  after(async () => { await signOutAll(await getApi()); });

  const answers = (name: string) => oauthAnswers(gong, name);

  it('signs in through the local Gong\'s consent page, reads Gong at the customer host, and refreshes the token before it expires', async () => {
    const api = await getApi();
    const seen: string[] = [];
    // Put back after the test; it is called through api.services again, never detached.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const restoreBrowser = api.services.openExternal;
    (api.services as { openExternal: (u: string) => Promise<boolean> }).openExternal = scriptedBrowser('allow', seen);
    try {
      const prompter = await withPrompter(api, answers('Company app'), async p => { await vscode.commands.executeCommand(SIGN_IN_COMMAND); return p; });
      assert.ok(prompter.asked.some(a => a.kind === 'input' && a.password && /client secret/i.test(a.prompt ?? '')), 'the client secret is asked as a password');
    } finally {
      (api.services as { openExternal: (u: string) => Promise<boolean> }).openExternal = restoreBrowser;
    }
    assert.equal(seen.length, 1, 'the consent page was opened once');
    const consent = new URL(seen[0] ?? '');
    assert.equal(consent.pathname, '/oauth2/authorize');
    assert.equal(consent.searchParams.get('client_id'), gong().oauth.clientId);
    assert.match(consent.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.match(consent.searchParams.get('scope') ?? '', /api:users:read/);
    assert.equal(consent.searchParams.get('client_secret'), null, 'the secret never goes in a URL');

    const session = api.services.session;
    assert.equal(session.active?.name, 'Company app');
    assert.equal(session.active?.authKind, 'oauth');
    assert.equal(session.active?.baseUrl, gong().baseUrl, 'API host from api_base_url_for_customer');
    const secrets = api.services.context.secrets;
    const stored = JSON.parse(await secrets.get(secretKey('Company app', 'oauthTokens')) ?? '{}') as { refreshToken?: string };
    assert.ok(stored.refreshToken);
    assert.equal(JSON.stringify(api.services.context.globalState.get('gongExplorer.profiles')).includes(gong().oauth.clientSecret), false, 'no secret in globalState');

    const client = session.api();
    assert.ok(client);
    const users = await client.request<{ users: unknown[] }>({ method: 'GET', path: '/v2/users' });
    assert.equal(users.data.users.length, 15);
    // Counted from here: storing the sign-in can take seconds, so the first request may already have
    // refreshed the 4 s token; the token in use now is refreshed once more within the wait below.
    const before = gong().oauth.refreshCount;
    await new Promise(r => setTimeout(r, 2300));
    await client.request({ method: 'GET', path: '/v2/workspaces' });
    assert.equal(gong().oauth.refreshCount - before, 1, 'one refresh before the 4 s token expired');
    const after = JSON.parse(await secrets.get(secretKey('Company app', 'oauthTokens')) ?? '{}') as { refreshToken?: string };
    assert.ok(after.refreshToken && after.refreshToken !== stored.refreshToken, 'the new single-use refresh token was stored');
    // The views read Gong through the refreshed token too.
    const rows = await api.services.views?.getChildren('users');
    assert.ok(rows?.some(r => r.item?.kind === 'user'));

    await session.signOut('Company app');
    assert.equal(await secrets.get(secretKey('Company app', 'oauthTokens')), undefined);
    assert.equal(await secrets.get(secretKey('Company app', 'oauthApp')), undefined);
  });

  it('a denied consent stores nothing', async () => {
    const api = await getApi();
    // Put back after the test; it is called through api.services again, never detached.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const restoreBrowser = api.services.openExternal;
    (api.services as { openExternal: (u: string) => Promise<boolean> }).openExternal = scriptedBrowser('deny', []);
    try {
      await withPrompter(api, answers('Denied app'), async () => { await vscode.commands.executeCommand(SIGN_IN_COMMAND); });
    } finally {
      (api.services as { openExternal: (u: string) => Promise<boolean> }).openExternal = restoreBrowser;
    }
    assert.equal(api.services.session.profiles().some(p => p.name === 'Denied app'), false);
    assert.equal(await api.services.context.secrets.get(secretKey('Denied app', 'oauthApp')), undefined);
  });
});

/**
 * Where Gong's redirect lands when the app registered VS Code's URI: on the desktop that URI itself;
 * in a browser-based VS Code (code-server here) the window's callback page, which turns
 * `/callback?vscode-scheme=..&vscode-authority=..&vscode-path=..&code=..&state=..` back into
 * `<scheme>://<authority><path>?code=..&state=..` for the URI handler. This does what that page does.
 */
function handlerUriFor(location: string): string {
  const u = new URL(location);
  const p = new URLSearchParams(u.search);
  const scheme = p.get('vscode-scheme');
  if (!scheme) return location;
  const authority = p.get('vscode-authority') ?? '';
  const path = p.get('vscode-path') ?? '';
  for (const k of ['vscode-reqid', 'vscode-scheme', 'vscode-authority', 'vscode-path', 'vscode-query', 'vscode-fragment']) p.delete(k);
  return `${scheme}://${authority}${path}?${p.toString()}`;
}

describe('OAuth sign-in through VS Code\'s URI for the extension, end to end', function () {
  this.timeout(60_000);
  const gong = useGong({ users: 15, calls: 10 });
  const config = () => vscode.workspace.getConfiguration('gongExplorer');
  before(async () => { await config().update('oauthRedirect', 'uri', vscode.ConfigurationTarget.Global); });
  after(async () => {
    await config().update('oauthRedirect', undefined, vscode.ConfigurationTarget.Global);
    await signOutAll(await getApi());
  });

  const deliver = (uri: string) => vscode.commands.executeCommand<UriAnswerResult>(DELIVER_URI, uri);

  /**
   * A scripted browser for an app that registered VS Code's URI: the admin registered the redirect the
   * extension names (as it must, exactly), the person clicks Allow or Deny, and Gong's redirect comes
   * back to VS Code, which hands it to the URI handler (`answer` does that, after the extension waits).
   */
  function uriBrowser(decision: 'allow' | 'deny', seen: string[], answer: (location: string) => Promise<void>, running: Array<Promise<void>>) {
    return async (url: string): Promise<boolean> => {
      seen.push(url);
      const redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
      gong().oauth.registerRedirectUri(redirect);
      const page = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      const html = await page.text();
      assert.equal(page.status, 200, html);
      const form = new URLSearchParams();
      for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1] ?? '', (m[2] ?? '').replace(/&amp;/g, '&'));
      form.set('decision', decision);
      const consent = await fetch(new URL('/oauth2/authorize', url), { method: 'POST', body: form, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      const back = consent.headers.get('location');
      assert.equal(consent.status, 302);
      assert.ok(back);
      running.push(new Promise(r => setTimeout(r, 100)).then(() => answer(back)).catch(async (e: unknown) => {
        // A failed check must not leave the sign-in waiting: end it the way a denial does.
        const end = new URL(handlerUriFor(back));
        end.searchParams.delete('code');
        end.searchParams.set('error', 'access_denied');
        await deliver(end.toString());
        throw e;
      }));
      return true;
    };
  }

  async function withBrowser(browser: (url: string) => Promise<boolean>, fn: () => Promise<void>): Promise<void> {
    const api = await getApi();
    // Put back after the test; it is called through api.services again, never detached.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const restore = api.services.openExternal;
    (api.services as { openExternal: (u: string) => Promise<boolean> }).openExternal = browser;
    try { await fn(); } finally { (api.services as { openExternal: (u: string) => Promise<boolean> }).openExternal = restore; }
  }

  it('sends VS Code\'s URI as redirect_uri to Gong and the token exchange, and signs in only with the answer whose state matches', async () => {
    const api = await getApi();
    const secrets = api.services.context.secrets;
    const seen: string[] = [];
    const running: Array<Promise<void>> = [];
    const results: UriAnswerResult[] = [];
    let rightAnswer = '';
    const answer = async (location: string) => {
      rightAnswer = handlerUriFor(location);
      const right = new URL(rightAnswer);
      const state = right.searchParams.get('state') ?? '';
      assert.ok(state && right.searchParams.get('code'));
      assert.equal(api.services.oauthUriHandler?.pending, 1, 'the sign-in waits for the URI');
      // A forged answer (wrong state), one without state and one at another path change nothing.
      const wrong = new URL(rightAnswer);
      wrong.searchParams.set('state', `${state}x`);
      results.push(await deliver(wrong.toString()));
      const noState = new URL(rightAnswer);
      noState.searchParams.delete('state');
      results.push(await deliver(noState.toString()));
      results.push(await deliver(rightAnswer.replace('/oauth-callback?', '/elsewhere?')));
      assert.equal(api.services.session.profiles().some(p => p.name === 'Uri app'), false, 'nothing signed in after the wrong answers');
      assert.equal(await secrets.get(secretKey('Uri app', 'oauthTokens')), undefined, 'no tokens stored after the wrong answers');
      assert.equal(api.services.oauthUriHandler?.pending, 1, 'the sign-in still waits for its answer');
      results.push(await deliver(rightAnswer));
    };
    await withBrowser(uriBrowser('allow', seen, answer, running), async () => {
      await withPrompter(api, oauthAnswers(gong, 'Uri app'), async () => { await vscode.commands.executeCommand(SIGN_IN_COMMAND); });
    });
    await Promise.all(running);
    assert.deepEqual(results.map(r => r.outcome), ['ignored', 'ignored', 'ignored', 'code']);
    assert.match(results[0]?.message ?? '', /does not belong to the sign-in VS Code started.*nothing was changed/);
    assert.match(results[1]?.message ?? '', /does not belong/);
    assert.match(results[2]?.message ?? '', /not a Gong sign-in answer; nothing was changed/);
    const code = new URL(rightAnswer).searchParams.get('code') ?? '';
    for (const r of results) assert.equal((r.message ?? '').includes(code), false, 'no message repeats the code');

    assert.equal(seen.length, 1, 'the consent page was opened once');
    const redirect = new URL(seen[0] ?? '').searchParams.get('redirect_uri') ?? '';
    const own = `${vscode.env.uriScheme}://${EXTENSION_ID}/oauth-callback`;
    if (redirect !== own) {
      // A browser-based VS Code: asExternalUri gave the window's callback address for the same URI.
      const r = new URL(redirect);
      assert.equal(r.searchParams.get('vscode-scheme'), vscode.env.uriScheme);
      assert.equal(r.searchParams.get('vscode-authority'), EXTENSION_ID);
      assert.equal(r.searchParams.get('vscode-path'), '/oauth-callback');
    }
    assert.equal(new URL(rightAnswer).pathname, '/oauth-callback');

    const session = api.services.session;
    assert.equal(session.active?.name, 'Uri app');
    assert.equal(session.active?.authKind, 'oauth');
    assert.equal(session.active?.baseUrl, gong().baseUrl);
    const stored = await secrets.get(secretKey('Uri app', 'oauthTokens'));
    assert.ok((JSON.parse(stored ?? '{}') as { refreshToken?: string }).refreshToken, 'tokens in SecretStorage');
    const users = await session.api()?.request<{ users: unknown[] }>({ method: 'GET', path: '/v2/users' });
    assert.equal(users?.data.users.length, 15);
    assert.equal(api.services.oauthUriHandler?.pending, 0);

    // The same answer again: no sign-in waits, nothing changes.
    const replay = await deliver(rightAnswer);
    assert.equal(replay.outcome, 'ignored');
    assert.match(replay.message ?? '', /No Gong sign-in is waiting/);
    assert.equal(await secrets.get(secretKey('Uri app', 'oauthTokens')), stored, 'the stored tokens are untouched');
    await session.signOut('Uri app');
  });

  it('a denial coming back through the URI ends the sign-in and stores nothing', async () => {
    const api = await getApi();
    const running: Array<Promise<void>> = [];
    const results: UriAnswerResult[] = [];
    await withBrowser(uriBrowser('deny', [], async location => { results.push(await deliver(handlerUriFor(location))); }, running), async () => {
      await withPrompter(api, oauthAnswers(gong, 'Uri denied'), async () => { await vscode.commands.executeCommand(SIGN_IN_COMMAND); });
    });
    await Promise.all(running);
    assert.deepEqual(results.map(r => r.outcome), ['error']);
    assert.match(results[0]?.message ?? '', /denied on the consent page\. Nothing was stored/);
    assert.equal(api.services.session.profiles().some(p => p.name === 'Uri denied'), false);
    assert.equal(await api.services.context.secrets.get(secretKey('Uri denied', 'oauthApp')), undefined);
    assert.equal(await api.services.context.secrets.get(secretKey('Uri denied', 'oauthTokens')), undefined);
    assert.equal(api.services.oauthUriHandler?.pending, 0);
  });
});
