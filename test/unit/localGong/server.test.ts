// The local Gong's HTTP front: auth, scopes, routing answers, limits, envelope, body handling,
// faults and clean shutdown.
import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { LocalHttpError } from '../../../src/localGong/contract';
import type { RouteDef } from '../../../src/localGong/contract';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { Faults } from '../../../src/localGong/faults';
import { Pager } from '../../../src/localGong/paging';
import { DEFAULT_LIMITS, LocalGongServer, rawNumber } from '../../../src/localGong/server';
import { generateWorld } from '../../../src/localGong/world';
import { api, assertEnvelope, start } from './support';

describe('localGong: server core', function () {
  this.timeout(30_000);
  let g: LocalGongHandle;
  before(async () => { g = await start(); });
  after(async () => { await g.close(); });

  it('listens on loopback only and refuses other hosts', async () => {
    assert.match(g.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    await assert.rejects(start({ host: '0.0.0.0' }), /loopback/);
  });

  it('accepts the Basic key pair and the default bearer token', async () => {
    assert.equal((await api(g, 'GET', '/v2/workspaces')).status, 200);
    assert.equal((await api(g, 'GET', '/v2/workspaces', undefined, { auth: `Bearer ${g.bearerToken}` })).status, 200);
  });

  it('answers 401 with the envelope for missing, wrong and unknown credentials', async () => {
    for (const auth of [null, 'Basic ' + Buffer.from(`${g.accessKey}:nope`).toString('base64'), 'Bearer not-a-token', 'Digest abc']) {
      assertEnvelope(await api(g, 'GET', '/v2/workspaces', undefined, { auth }), 401);
    }
  });

  it('names the missing scope for a bearer token, and lets the same token use its own scopes', async () => {
    const token = g.addToken(['api:users:read']);
    const auth = `Bearer ${token}`;
    assert.equal((await api(g, 'GET', '/v2/users', undefined, { auth })).status, 200);
    const errors = assertEnvelope(await api(g, 'GET', '/v2/workspaces', undefined, { auth }), 401);
    assert.deepEqual(errors, ["You don't have permission to use 'api:workspaces:read' in your app."]);
  });

  it('asks for the media-url scope when /v2/calls/extensive exposes media', async () => {
    const token = g.addToken(['api:calls:read:extensive']);
    const auth = `Bearer ${token}`;
    const body = { filter: { callIds: [g.world.calls[0]!.id] }, contentSelector: { exposedFields: { media: true } } };
    const errors = assertEnvelope(await api(g, 'POST', '/v2/calls/extensive', body, { auth }), 401);
    assert.deepEqual(errors, ["You don't have permission to use 'api:calls:read:media-url' in your app."]);
    const withoutMedia = await api(g, 'POST', '/v2/calls/extensive', { filter: body.filter }, { auth });
    assert.equal(withoutMedia.status, 200);
  });

  it('takes tokens with scopes from the options', async () => {
    const h = await start({ tokens: [{ token: 'only-library', scopes: ['api:library:read'] }] });
    try {
      assert.equal((await api(h, 'GET', '/v2/library/folders', undefined, { auth: 'Bearer only-library' })).status, 200);
      assertEnvelope(await api(h, 'GET', '/v2/users', undefined, { auth: 'Bearer only-library' }), 401);
    } finally { await h.close(); }
  });

  it('answers 405 "Method Not Allowed" on a known path and 404 on an unknown one', async () => {
    const wrong = await api(g, 'GET', '/v2/calls/extensive');
    assert.deepEqual(assertEnvelope(wrong, 405), ['Method Not Allowed']);
    assert.match(wrong.headers.get('allow') ?? '', /POST/);
    assert.deepEqual(assertEnvelope(await api(g, 'PATCH', '/v2/workspaces'), 405), ['Method Not Allowed']);
    assertEnvelope(await api(g, 'GET', '/v2/no-such-thing'), 404);
    assertEnvelope(await api(g, 'GET', '/v3/calls'), 404);
  });

  it('gives every answer a fresh requestId that equals x-traceid', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const a = await api(g, 'GET', '/v2/workspaces');
      const id = String(a.json.requestId);
      assert.match(id, /^[a-z0-9]{18,19}$/);
      assert.equal(a.headers.get('x-traceid'), id);
      assert.ok(!seen.has(id));
      seen.add(id);
    }
  });

  it('answers malformed JSON with 400 and a too large body with 413', async () => {
    const bad = await api(g, 'POST', '/v2/calls/extensive', '{"filter": {', {});
    assert.match(assertEnvelope(bad, 400)[0] ?? '', /JSON/);
    const h = await start({ limits: { jsonBytes: 1024 } });
    try {
      const big = await api(h, 'POST', '/v2/calls/extensive', { filter: { callIds: Array.from({ length: 200 }, (_, i) => String(1e18 + i)) } });
      assertEnvelope(big, 413);
    } finally { await h.close(); }
  });

  it('keeps request integers longer than 15 digits exact (lossless parse)', async () => {
    const call = g.world.calls[3]!;
    // Sent as a bare JSON number: a plain JSON.parse would round it and miss the call.
    const raw = `{"filter":{"callIds":[${call.id}]}}`;
    const a = await api(g, 'POST', '/v2/calls/transcript', raw);
    assert.equal(a.status, 200, a.text.slice(0, 200));
    assert.equal((a.json.callTranscripts as Array<{ callId: string }>)[0]!.callId, call.id);
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After (whole seconds, at least 1) once the per-second bucket is empty', async () => {
      const h = await start({ rateLimit: { perSecond: 3, daily: 10_000 } });
      try {
        const answers = await Promise.all(Array.from({ length: 8 }, () => api(h, 'GET', '/v2/workspaces')));
        const limited = answers.filter(a => a.status === 429);
        assert.ok(answers.filter(a => a.status === 200).length >= 3);
        assert.ok(limited.length >= 4, `429s: ${limited.length}`);
        for (const a of limited) {
          assertEnvelope(a, 429);
          assert.match(a.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
        }
      } finally { await h.close(); }
    });

    it('answers 429 once the daily quota is used, with Retry-After until the next day', async () => {
      const h = await start({ rateLimit: { perSecond: 1000, daily: 5 } });
      try {
        for (let i = 0; i < 5; i++) assert.equal((await api(h, 'GET', '/v2/workspaces')).status, 200);
        const a = await api(h, 'GET', '/v2/workspaces');
        assertEnvelope(a, 429);
        const wait = Number(a.headers.get('retry-after'));
        assert.ok(wait >= 1 && wait <= 86_400, String(wait));
      } finally { await h.close(); }
    });

    it('lets requests through again after waiting', async () => {
      const h = await start({ rateLimit: { perSecond: 10, daily: 10_000 } });
      try {
        await Promise.all(Array.from({ length: 15 }, () => api(h, 'GET', '/v2/workspaces')));
        await new Promise(r => setTimeout(r, 1100));
        assert.equal((await api(h, 'GET', '/v2/workspaces')).status, 200);
      } finally { await h.close(); }
    });
  });

  describe('faults', () => {
    it('answers scripted statuses in order before auth and routing, then behaves normally', async () => {
      g.faults.add({ path: '/v2/workspaces', status: 503, times: 2 });
      g.faults.add({ method: 'GET', path: '/v2/users/:id', status: 429, retryAfter: 2 });
      assertEnvelope(await api(g, 'GET', '/v2/workspaces', undefined, { auth: null }), 503);
      assertEnvelope(await api(g, 'GET', '/v2/workspaces'), 503);
      assert.equal((await api(g, 'GET', '/v2/workspaces')).status, 200);
      const limited = await api(g, 'GET', `/v2/users/${g.world.users[0]!.id}`);
      assertEnvelope(limited, 429);
      assert.equal(limited.headers.get('retry-after'), '2');
      assert.equal(g.faults.pending, 0);
    });

    it('delays, sends custom bodies and drops connections', async () => {
      g.faults.add({ path: '/v2/workspaces', status: 200, delayMs: 300, body: { workspaces: [] } });
      const t0 = Date.now();
      const slow = await api(g, 'GET', '/v2/workspaces');
      assert.ok(Date.now() - t0 >= 280);
      assert.deepEqual(slow.json.workspaces, []);
      g.faults.add({ path: /^\/v2\/settings\//, status: 500, destroySocket: true });
      await assert.rejects(api(g, 'GET', '/v2/settings/trackers'));
      assert.equal((await api(g, 'GET', '/v2/settings/trackers')).status, 200);
    });

    it('a 2xx fault without a body answers as usual, only later (a slow Gong)', async () => {
      const usual = await api(g, 'GET', '/v2/workspaces');
      g.faults.add({ path: '/v2/workspaces', status: 200, delayMs: 300 });
      const t0 = Date.now();
      const slow = await api(g, 'GET', '/v2/workspaces');
      assert.ok(Date.now() - t0 >= 280);
      assert.equal(slow.status, 200);
      assert.deepEqual(slow.json.workspaces, usual.json.workspaces);
      g.faults.add({ path: '/v2/workspaces', status: 200, delayMs: 10 });
      assert.equal((await api(g, 'GET', '/v2/workspaces', undefined, { auth: null })).status, 401, 'auth still runs after the wait');
    });

    it('lets the first matching requests through when asked (after), then answers the fault', async () => {
      g.faults.add({ path: '/v2/workspaces', status: 503, after: 2, times: 1 });
      assert.equal((await api(g, 'GET', '/v2/workspaces')).status, 200);
      assert.equal((await api(g, 'GET', '/v2/users')).status, 200, 'other paths do not count');
      assert.equal((await api(g, 'GET', '/v2/workspaces')).status, 200);
      assertEnvelope(await api(g, 'GET', '/v2/workspaces'), 503);
      assert.equal((await api(g, 'GET', '/v2/workspaces')).status, 200);
      assert.equal(g.faults.pending, 0);
      assert.throws(() => g.faults.add({ path: '/v2/workspaces', status: 503, after: -1 }), /after/);
      assert.equal(g.faults.pending, 0, 'a refused fault is not queued');
    });
  });

  it('scripts Gong\'s 403 "Access denied" (and 401) by status alone', async () => {
    g.faults.add({ path: '/v2/users', status: 403 });
    g.faults.add({ path: '/v2/workspaces', status: 401 });
    assert.deepEqual(assertEnvelope(await api(g, 'GET', '/v2/users'), 403), ['Access denied']);
    assert.deepEqual(assertEnvelope(await api(g, 'GET', '/v2/workspaces'), 401), ['Access denied']);
    assert.equal((await api(g, 'GET', '/v2/users')).status, 200);
  });

  describe('features turned off (disable)', () => {
    let off: LocalGongHandle;
    before(async () => { off = await start({ disable: ['engage', 'meetings'] }); });
    after(async () => { await off.close(); });

    it('answers /v2/flows* with 403 "Forbidden" and /v2/meetings* with 403 "Limited release", in Gong\'s envelope', async () => {
      const owner = off.world.users[0]!.emailAddress;
      for (const path of [`/v2/flows?flowOwnerEmail=${encodeURIComponent(owner)}`, `/v2/flows/folders?flowFolderOwnerEmail=${encodeURIComponent(owner)}`]) {
        assert.deepEqual(assertEnvelope(await api(off, 'GET', path), 403), ['Forbidden'], path);
      }
      assert.deepEqual(assertEnvelope(await api(off, 'POST', '/v2/flows/prospects', { crmProspectsIds: ['1'] }), 403), ['Forbidden']);
      const meeting = assertEnvelope(await api(off, 'POST', '/v2/meetings/integration/status', { emails: [owner] }), 403);
      assert.match(meeting[0] ?? '', /Limited release/);
      assertEnvelope(await api(off, 'DELETE', '/v2/meetings/123', { organizerEmail: owner }), 403);
    });

    it('keeps everything else working, and still checks credentials first', async () => {
      for (const path of ['/v2/workspaces', '/v2/users', '/v2/settings/trackers', '/v2/settings/scorecards', '/v2/library/folders']) {
        assert.equal((await api(off, 'GET', path)).status, 200, path);
      }
      assertEnvelope(await api(off, 'GET', '/v2/flows', undefined, { auth: null }), 401);
      assert.equal((await api(g, 'GET', `/v2/flows?flowOwnerEmail=${encodeURIComponent(g.world.users[0]!.emailAddress)}`)).status, 200, 'other local Gongs keep Engage');
    });

    it('refuses an unknown feature name', async () => {
      await assert.rejects(start({ disable: ['crm' as 'engage'] }), /unknown feature "crm"/);
    });
  });

  it('counts requests', async () => {
    const before = g.requestCount;
    await api(g, 'GET', '/v2/workspaces');
    await api(g, 'GET', '/v2/nothing');
    assert.equal(g.requestCount, before + 2);
  });

  it('close() ends keep-alive connections and in-flight delays, and the port stops answering', async () => {
    const h = await start({ latencyMs: 5_000 });
    const pending = api(h, 'GET', '/v2/workspaces').then(() => 'answered', () => 'dropped');
    await new Promise(r => setTimeout(r, 100));
    const t0 = Date.now();
    await h.close();
    assert.ok(Date.now() - t0 < 2_000, 'close does not wait for the delay');
    assert.equal(await pending, 'dropped');
    await assert.rejects(fetch(`${h.baseUrl}/v2/workspaces`));
  });
});

describe('localGong: server core with custom routes', function () {
  this.timeout(10_000);
  const routes: RouteDef[] = [
    { method: 'GET', path: '/v2/boom', scope: 'x', handler: () => { throw new Error('secret stack detail'); } },
    { method: 'GET', path: '/v2/conflict', scope: 'x', handler: () => { throw new LocalHttpError(409, ['Provider disconnected'], { userFacingError: 'Reconnect', fixUrl: '' }); } },
    { method: 'GET', path: '/v2/raw', scope: 'x', handler: () => ({ body: { integrationId: rawNumber('2271307570613351879'), name: 'a\u0000b' } }) },
    { method: 'GET', path: '/v2/things/:thingId', scope: 'x', handler: req => ({ body: { got: req.params.thingId } }) },
    { method: 'GET', path: '/v2/body', scope: 'x', handler: req => ({ body: { hasBody: req.hasBody, body: req.body } }) },
  ];
  let server: LocalGongServer;
  let base: string;
  const auth = 'Basic ' + Buffer.from('k:s').toString('base64');
  before(async () => {
    server = new LocalGongServer({
      world: generateWorld({ users: 3, calls: 2 }), routes, credentials: { accessKey: 'k', accessKeySecret: 's', tokens: new Map() },
      limiter: null, faults: new Faults(), pager: new Pager(randomBytes(32)), limits: DEFAULT_LIMITS, latencyMs: 0,
      now: () => new Date(), newId: () => '1234567890123456789',
    });
    const address = await server.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(async () => { await server.close(); });

  it('turns unexpected exceptions into 500 "Internal server error occurred" without details', async () => {
    const res = await fetch(`${base}/v2/boom`, { headers: { authorization: auth } });
    const text = await res.text();
    assert.equal(res.status, 500);
    assert.deepEqual((JSON.parse(text) as { errors?: unknown }).errors, ['Internal server error occurred']);
    assert.ok(!text.includes('secret'));
  });

  it('adds LocalHttpError extras to the envelope', async () => {
    const res = await fetch(`${base}/v2/conflict`, { headers: { authorization: auth } });
    const json = await res.json() as Record<string, unknown>;
    assert.equal(res.status, 409);
    assert.deepEqual(json.errors, ['Provider disconnected']);
    assert.equal(json.userFacingError, 'Reconnect');
  });

  it('writes rawNumber() as a bare JSON number with every digit', async () => {
    const text = await (await fetch(`${base}/v2/raw`, { headers: { authorization: auth } })).text();
    assert.match(text, /"integrationId":2271307570613351879[,}]/);
    assert.equal((JSON.parse(text) as { name?: unknown }).name, 'a\u0000b');
  });

  it('decodes path parameters', async () => {
    const json = await (await fetch(`${base}/v2/things/a%20b`, { headers: { authorization: auth } })).json() as Record<string, unknown>;
    assert.equal(json.got, 'a b');
  });

  it('reports hasBody for a GET with a JSON body and for none', async () => {
    const sendGet = (body?: string): Promise<Record<string, unknown>> => new Promise((resolve, reject) => {
      const req = httpRequest(`${base}/v2/body`, { method: 'GET', headers: { authorization: auth, 'content-type': 'application/json', ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }) } }, res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => { text += c; });
        res.on('end', () => resolve(JSON.parse(text) as Record<string, unknown>));
      });
      req.on('error', reject);
      req.end(body);
    });
    const withBody = await sendGet('["a","b"]');
    assert.equal(withBody.hasBody, true);
    assert.deepEqual(withBody.body, ['a', 'b']);
    const without = await sendGet();
    assert.equal(without.hasBody, false);
  });
});
