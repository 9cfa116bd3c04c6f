import * as assert from 'node:assert/strict';
import { GongClient } from '../../../src/gong/client';
import { normalizeBaseUrl } from '../../../src/gong/baseUrl';
import { RequestScheduler } from '../../../src/gong/scheduler';
import { startLocalGong, type LocalGongHandle } from '../../../src/localGong/index';
import {
  CONNECTION_CHECK, authFrom, explainSignInFailure, limitedSignInNote, requestLogLine, parseProfiles, profileNameProblem, removeProfile, secretKey, secretsOf, upsertProfile,
} from '../../../src/auth/profiles';
import { statusText } from '../../../src/status/text';

describe('sign-in (pure parts)', () => {
  it('understands pasted base URLs: regional hosts, full API URLs, app hosts', () => {
    assert.equal(normalizeBaseUrl('us-12345.api.gong.io'), 'https://us-12345.api.gong.io');
    assert.equal(normalizeBaseUrl('https://us-12345.api.gong.io/v2/calls?x=1'), 'https://us-12345.api.gong.io');
    assert.equal(normalizeBaseUrl('https://us-12345.app.gong.io/'), 'https://us-12345.api.gong.io');
    assert.equal(normalizeBaseUrl('http://127.0.0.1:4010/v2'), 'http://127.0.0.1:4010');
    assert.throws(() => normalizeBaseUrl('http://api.gong.io'), /https/);
    assert.throws(() => normalizeBaseUrl(''), /base URL/);
  });

  it('keeps every secret under a typed, per-profile key and rebuilds the auth from them', () => {
    assert.equal(secretKey('prod', 'accessKeySecret'), 'gongExplorer.profile.prod.accessKeySecret');
    assert.equal(secretKey('my prod/eu', 'token'), 'gongExplorer.profile.my%20prod%2Feu.token');
    const basic = secretsOf('prod', { kind: 'basic', accessKey: 'K', accessKeySecret: 'S' });
    assert.deepEqual(basic, [['gongExplorer.profile.prod.accessKey', 'K'], ['gongExplorer.profile.prod.accessKeySecret', 'S']]);
    const store = new Map(basic);
    assert.deepEqual(authFrom('basic', p => store.get(secretKey('prod', p))), { kind: 'basic', accessKey: 'K', accessKeySecret: 'S' });
    assert.equal(authFrom('bearer', p => store.get(secretKey('prod', p))), undefined, 'a missing part means no auth');
    assert.deepEqual(secretsOf('x', { kind: 'bearer', token: 'T' }), [['gongExplorer.profile.x.token', 'T']]);
  });

  it('reads the stored profile list defensively and edits it by name', () => {
    const raw = [{ name: 'a', baseUrl: 'https://api.gong.io', authKind: 'basic', secret: 'never' }, { name: 'a', baseUrl: 'x', authKind: 'basic' }, 7, { name: 'b' }, { name: 'c', baseUrl: 'u', authKind: 'bearer' }];
    const list = parseProfiles(raw);
    assert.deepEqual(list, [{ name: 'a', baseUrl: 'https://api.gong.io', authKind: 'basic' }, { name: 'c', baseUrl: 'u', authKind: 'bearer' }]);
    assert.ok(!JSON.stringify(list).includes('never'), 'nothing but name, base URL and kind survives');
    assert.deepEqual(parseProfiles(undefined), []);
    const up = upsertProfile(list, { name: 'a', baseUrl: 'https://us-1.api.gong.io', authKind: 'bearer' });
    assert.deepEqual(up.map(p => `${p.name}:${p.authKind}`), ['a:bearer', 'c:bearer']);
    assert.deepEqual(upsertProfile(list, { name: 'd', baseUrl: 'u', authKind: 'basic' }).map(p => p.name), ['a', 'c', 'd']);
    assert.deepEqual(removeProfile(up, 'a').map(p => p.name), ['c']);
    assert.equal(profileNameProblem('  '), 'Enter a profile name');
    assert.equal(profileNameProblem('prod'), undefined);
    assert.match(profileNameProblem('x'.repeat(41)) ?? '', /40/);
  });

  it('formats the status bar: profile, budget, countdown', () => {
    const p = { name: 'prod', baseUrl: 'https://api.gong.io', authKind: 'basic' as const };
    const stats = { requestsToday: 123, dailyBudget: 10_000, inFlight: 0, queued: 0, rateLimitedUntil: undefined };
    assert.match(statusText(p, stats, false).text, /Gong: prod · 123\/10,000$/);
    assert.match(statusText(p, { ...stats, rateLimitedUntil: 1_000_000 + 12_300 }, false, 1_000_000).text, /rate limited until [0-9:]+ \(13 s\)$/);
    assert.match(statusText(undefined, stats, false).text, /signed out/);
    assert.match(statusText(p, stats, true).tooltip, /refused/);
  });

  it('logs each request of the real client with method, path, status, time, requestId and retries, and no secret', async () => {
    const gong = await startLocalGong({ rateLimit: false, users: 3, calls: 3 });
    try {
      const lines: Array<{ level: string; text: string }> = [];
      const secret = gong.accessKeySecret;
      const client = new GongClient({ baseUrl: gong.baseUrl, auth: { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: secret } }, {
        scheduler: new RequestScheduler({ requestsPerSecond: 1000 }), maxRetries: 1, retryBaseDelayMs: 1, log: e => lines.push(requestLogLine(e)),
      });
      gong.faults.add({ path: '/v2/workspaces', status: 503 });
      const res = await client.request({ method: 'GET', path: '/v2/workspaces' });
      await client.request({ method: 'GET', path: '/v2/users/1' }).catch(() => undefined);
      assert.equal(lines.length, 2);
      assert.equal(lines[0]?.level, 'info');
      assert.match(lines[0]?.text ?? '', new RegExp(`^GET /v2/workspaces -> 200 in \\d+ ms, requestId ${res.requestId}, retries 1$`));
      assert.equal(lines[1]?.level, 'warn');
      assert.match(lines[1]?.text ?? '', /^GET \/v2\/users\/1 -> 404 /);
      const all = lines.map(l => l.text).join('\n');
      assert.ok(!all.includes(secret) && !all.includes(gong.accessKey), 'no credentials in the log');
      assert.ok(!/authorization|basic /i.test(all));
    } finally {
      await gong.close();
    }
  });

  describe('explaining a failed connection check (real client, local Gong)', function () {
    this.timeout(30_000);
    let gong: LocalGongHandle;
    const scheduler = new RequestScheduler({ requestsPerSecond: 1000 });
    before(async () => { gong = await startLocalGong({ rateLimit: false, users: 5, calls: 5 }); });
    after(async () => { await gong.close(); });
    const check = async (baseUrl: string, auth: ConstructorParameters<typeof GongClient>[0]['auth']) => {
      const client = new GongClient({ baseUrl, auth }, { scheduler, maxRetries: 0, timeoutMs: 3000 });
      try {
        await client.request({ method: CONNECTION_CHECK.method, path: CONNECTION_CHECK.path });
        return undefined;
      } catch (e) {
        return explainSignInFailure(e, baseUrl);
      }
    };

    it('passes with good credentials', async () => {
      assert.equal(await check(gong.baseUrl, { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret }), undefined);
    });

    it('says the key is wrong (and the region may be)', async () => {
      const why = await check(gong.baseUrl, { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: 'nope' });
      assert.match(why ?? '', /did not accept these credentials/);
      assert.match(why ?? '', /region/);
      assert.match(why ?? '', /Nothing was stored/);
    });

    it('names the missing scope', async () => {
      const token = gong.addToken(['api:users:read']);
      const why = await check(gong.baseUrl, { kind: 'bearer', token });
      assert.match(why ?? '', /lacks the scope api:workspaces:read/);
    });

    it('signs in a token that lacks only the workspaces scope, saying which views stay empty', async () => {
      const token = gong.addToken(['api:users:read']);
      const client = new GongClient({ baseUrl: gong.baseUrl, auth: { kind: 'bearer', token } }, { scheduler, maxRetries: 0, timeoutMs: 3000 });
      const e = await client.request({ method: CONNECTION_CHECK.method, path: CONNECTION_CHECK.path }).then(() => undefined, (x: unknown) => x);
      const note = limitedSignInNote(e);
      assert.match(note ?? '', /lacks the scope api:workspaces:read, so the Workspaces and Library views will stay empty/);
      // Anything else still refuses the sign-in: bad credentials, another scope, a 403.
      const bad = new GongClient({ baseUrl: gong.baseUrl, auth: { kind: 'bearer', token: 'nope' } }, { scheduler, maxRetries: 0, timeoutMs: 3000 });
      assert.equal(limitedSignInNote(await bad.request({ method: 'GET', path: '/v2/workspaces' }).then(() => undefined, (x: unknown) => x)), undefined);
      assert.equal(limitedSignInNote(await client.request({ method: 'GET', path: '/v2/settings/trackers' }).then(() => undefined, (x: unknown) => x)), undefined);
      gong.faults.add({ path: '/v2/workspaces', status: 403 });
      assert.equal(limitedSignInNote(await client.request({ method: 'GET', path: '/v2/workspaces' }).then(() => undefined, (x: unknown) => x)), undefined);
    });

    it('says the host is unreachable', async () => {
      // A port nobody listens on: close a server and reuse its address.
      const g = await startLocalGong({ rateLimit: false, users: 2, calls: 2 });
      const url = g.baseUrl;
      await g.close();
      const why = await check(url, { kind: 'bearer', token: 't' });
      assert.match(why ?? '', /Could not reach/);
    });
  });
});
