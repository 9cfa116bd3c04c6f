import * as assert from 'node:assert/strict';
import {
  IGNORED, LOOPBACK_CALLBACK_PATH, URI_CALLBACK_PATH, decideCallback, extensionCallbackUri, loopbackRedirectUri, parseRedirectKind, sameState,
} from '../../../src/gong/oauthCallback';

describe('gong: reading the OAuth answer at the redirect', () => {
  const state = 'Zx3_k-9QbT2mW8aP1cD4eF5g';

  it('builds both redirect strings', () => {
    assert.equal(loopbackRedirectUri(45123), 'http://127.0.0.1:45123/callback');
    assert.equal(extensionCallbackUri('vscode', 'gong-explorer.gong-explorer'), 'vscode://gong-explorer.gong-explorer/oauth-callback');
    assert.equal(extensionCallbackUri('vscode-insiders', 'Gong-Explorer.Gong-Explorer'), 'vscode-insiders://gong-explorer.gong-explorer/oauth-callback', 'VS Code compares extension ids in lower case');
    assert.throws(() => extensionCallbackUri('vs code', 'a.b'), /not a URI scheme/);
    assert.throws(() => extensionCallbackUri('vscode', 'no-publisher'), /not an extension id/);
    assert.throws(() => extensionCallbackUri('vscode', 'a.b/../c'), /not an extension id/);
  });

  it('reads the redirect setting strictly', () => {
    assert.equal(parseRedirectKind(undefined), 'loopback');
    assert.equal(parseRedirectKind('loopback'), 'loopback');
    assert.equal(parseRedirectKind('uri'), 'uri');
    assert.throws(() => parseRedirectKind('URI'), /gongExplorer\.oauthRedirect must be "loopback" or "uri" \(it is "URI"\)\. Nothing was stored\./);
    assert.throws(() => parseRedirectKind(3), /it is 3/);
  });

  it('compares states exactly', () => {
    assert.ok(sameState(state, state));
    assert.ok(!sameState(state, `${state}x`));
    assert.ok(!sameState(state, state.toUpperCase()));
    assert.ok(!sameState(state, ''));
  });

  it('hands the code to the sign-in whose state came back', () => {
    const other = 'another-waiting-sign-in';
    const d = decideCallback('/oauth-callback', URI_CALLBACK_PATH, `code=lgcode_abc-DEF_1&state=${state}`, [other, state]);
    assert.deepEqual(d, { kind: 'code', state, code: 'lgcode_abc-DEF_1' });
    assert.deepEqual(decideCallback('/callback', LOOPBACK_CALLBACK_PATH, new URLSearchParams({ state, code: 'c1' }), [state]), { kind: 'code', state, code: 'c1' });
    assert.equal(decideCallback('/oauth-callback/', URI_CALLBACK_PATH, `?state=${state}&code=c2`, [state]).kind, 'code', 'a leading ? and a trailing / are tolerated');
  });

  it('ends the matching sign-in on an error or a missing code, naming only an OAuth error code', () => {
    const denied = decideCallback(URI_CALLBACK_PATH, URI_CALLBACK_PATH, `error=access_denied&state=${state}`, [state]);
    assert.deepEqual(denied, { kind: 'error', state, message: 'Gong sign-in was denied on the consent page. Nothing was stored.' });
    const failed = decideCallback(URI_CALLBACK_PATH, URI_CALLBACK_PATH, `error=server_error&code=ignored&state=${state}`, [state]);
    assert.equal(failed.kind, 'error', 'an error wins over a code');
    assert.match(failed.kind === 'error' ? failed.message : '', /\(server_error\)/);
    const odd = decideCallback(URI_CALLBACK_PATH, URI_CALLBACK_PATH, `error=${encodeURIComponent('<b>secret-ish text</b>')}&state=${state}`, [state]);
    assert.ok(odd.kind === 'error' && !odd.message.includes('secret-ish') && /an unreadable error/.test(odd.message));
    const noCode = decideCallback(URI_CALLBACK_PATH, URI_CALLBACK_PATH, `state=${state}&code=`, [state]);
    assert.ok(noCode.kind === 'error' && /no code in the answer/.test(noCode.message));
  });

  it('ignores a wrong or missing state, another path and an answer nobody waits for, echoing nothing from it', () => {
    const code = 'lgcode_THE_CODE';
    const cases = [
      [decideCallback(URI_CALLBACK_PATH, URI_CALLBACK_PATH, `code=${code}&state=${state}x`, [state]), IGNORED.state],
      [decideCallback(URI_CALLBACK_PATH, URI_CALLBACK_PATH, `code=${code}`, [state]), IGNORED.state],
      [decideCallback(URI_CALLBACK_PATH, URI_CALLBACK_PATH, `code=${code}&state=`, [state]), IGNORED.state],
      [decideCallback(URI_CALLBACK_PATH, URI_CALLBACK_PATH, `error=access_denied&state=wrong`, [state]), IGNORED.state],
      [decideCallback('/elsewhere', URI_CALLBACK_PATH, `code=${code}&state=${state}`, [state]), IGNORED.path],
      [decideCallback('/callback', URI_CALLBACK_PATH, `code=${code}&state=${state}`, [state]), IGNORED.path],
      [decideCallback(URI_CALLBACK_PATH, URI_CALLBACK_PATH, `code=${code}&state=${state}`, []), IGNORED.noPending],
    ] as const;
    for (const [d, message] of cases) {
      assert.deepEqual(d, { kind: 'ignored', message });
      assert.ok(!message.includes(code) && !message.includes(state));
    }
    assert.match(IGNORED.noPending, /nothing was changed/);
  });
});
