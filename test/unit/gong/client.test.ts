import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Response } from 'undici';
import { GongClient } from '../../../src/gong/client';
import type { GongClientOptions } from '../../../src/gong/client';
import { GongError } from '../../../src/gong/errors';
import { classify } from '../../../src/gong/failure';
import { collectAll, collectPages } from '../../../src/gong/paging';
import { RequestScheduler } from '../../../src/gong/scheduler';
import type { GongAuth, RequestLogEntry } from '../../../src/gong/types';
import { closedPort, sendJson, startTestServer } from './testServer';
import type { TestServer } from './testServer';

const SECRET = 'sEcReT-0123456789abcdef';
const basic: GongAuth = { kind: 'basic', accessKey: 'AKEY', accessKeySecret: SECRET };
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('gong: GongClient over HTTP', function () {
  this.timeout(20_000);
  let server: TestServer;
  let scheduler: RequestScheduler;
  const client = (options: GongClientOptions = {}, auth: GongAuth = basic, baseUrl = server.baseUrl) =>
    new GongClient({ baseUrl, auth }, { scheduler, retryBaseDelayMs: 10, ...options });

  beforeEach(async () => {
    server = await startTestServer();
    scheduler = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4 });
  });
  afterEach(async () => {
    scheduler.dispose();
    await server.close();
  });

  it('sends Basic auth (key:secret) and Bearer tokens in Authorization', async () => {
    server.handle((_r, res) => sendJson(res, 200, { requestId: 'r1' }));
    await client().request({ method: 'GET', path: '/v2/users' });
    await client({}, { kind: 'bearer', token: 'tok-123' }).request({ method: 'GET', path: '/v2/users' });
    const [a, b] = server.requests;
    assert.equal(a?.headers.authorization, `Basic ${Buffer.from(`AKEY:${SECRET}`).toString('base64')}`);
    assert.equal(b?.headers.authorization, 'Bearer tok-123');
    assert.equal(a?.headers.accept, 'application/json');
    assert.equal(a?.headers['content-type'], undefined);
  });

  it('pages a GET list to the end with the cursor in the query, other parameters unchanged', async () => {
    const all = Array.from({ length: 250 }, (_, i) => ({ id: String(9_000_000_000_000_000_000n + BigInt(i)) }));
    server.handle((r, res) => {
      const q = new URLSearchParams(r.rawQuery);
      const start = Number(q.get('cursor')?.replace('c', '') ?? '0');
      const page = all.slice(start, start + 100);
      const records: Record<string, unknown> = { totalRecords: all.length, currentPageSize: page.length, currentPageNumber: start / 100 };
      if (start + 100 < all.length) records['cursor'] = `c${start + 100}`;
      sendJson(res, 200, { requestId: `r${start}`, records, users: page });
    });
    const api = client();
    const users = await collectAll<{ id: string }>(api, { method: 'GET', path: '/v2/users', query: { includeAvatars: false } }, 'users');
    assert.equal(users.length, 250);
    assert.deepEqual(users.map(u => u.id), all.map(u => u.id));
    assert.deepEqual(server.requests.map(r => r.rawQuery), ['includeAvatars=false', 'includeAvatars=false&cursor=c100', 'includeAvatars=false&cursor=c200']);
    const two = await collectPages(api, { method: 'GET', path: '/v2/users' }, 'users', { maxPages: 2 });
    assert.equal(two.items.length, 200);
    assert.equal(two.complete, false);
    assert.equal(two.totalRecords, 250);
  });

  it('pages a POST read with the cursor in the JSON body, the filter unchanged', async () => {
    server.handle((r, res) => {
      const body = JSON.parse(r.body.toString('utf8')) as { filter: unknown; cursor?: string };
      assert.deepEqual(body.filter, { fromDateTime: '2026-01-01T00:00:00Z', callIds: ['7254376376091929519'] });
      const n = body.cursor === undefined ? 0 : Number(body.cursor);
      const records: Record<string, unknown> = { totalRecords: 3, currentPageSize: 1, currentPageNumber: n };
      if (n < 2) records['cursor'] = String(n + 1);
      sendJson(res, 200, { requestId: 'r', records, calls: [{ metaData: { id: `c${n}` } }] });
    });
    const pages: unknown[] = [];
    for await (const p of client().pages({ method: 'POST', path: '/v2/calls/extensive', retrySafe: true, body: { filter: { fromDateTime: '2026-01-01T00:00:00Z', callIds: ['7254376376091929519'] } } })) pages.push(p.data);
    assert.equal(pages.length, 3);
    assert.equal(server.requests.length, 3);
    assert.equal((JSON.parse(server.requests[0]!.body.toString()) as { cursor?: string }).cursor, undefined);
    assert.equal((JSON.parse(server.requests[2]!.body.toString()) as { cursor?: string }).cursor, '2');
    assert.ok(server.requests.every(r => r.rawQuery === '' && r.headers['content-type'] === 'application/json'));
  });

  it('turns a documented "no calls found" 404 into an empty result, and other 404s into notFound', async () => {
    server.handle((_r, res) => sendJson(res, 404, { requestId: '4fz0k8q2wn6c1xbr7tm', errors: ['No calls found corresponding to the provided filters'] }));
    const res = await client().request({ method: 'GET', path: '/v2/calls', emptyOn404: true });
    assert.equal(res.empty, true);
    assert.equal(res.status, 404);
    assert.equal(res.requestId, '4fz0k8q2wn6c1xbr7tm');
    assert.deepEqual(res.data, { records: { totalRecords: 0, currentPageSize: 0, currentPageNumber: 0 } });
    assert.deepEqual(await collectAll(client(), { method: 'GET', path: '/v2/calls', emptyOn404: true }, 'calls'), []);
    await assert.rejects(client().request({ method: 'GET', path: '/v2/calls/1' }), (e: unknown) => GongError.is(e, 'notFound') && e.status === 404);
  });

  it('keeps 19-20 digit ids exact: a bare-number integrationId comes back as a string and goes out as one', async () => {
    server.handle((r, res) => {
      if (r.method === 'GET') sendJson(res, 200, '{"requestId":"r","integrations":[{"integrationId":2271307570613351879,"other":98765432109876543210}]}');
      else sendJson(res, 200, { requestId: 'r2' });
    });
    const api = client();
    const got = await api.request<{ integrations: Array<{ integrationId: string; other: string }> }>({ method: 'GET', path: '/v2/crm/integrations' });
    const integ = got.data.integrations[0]!;
    assert.equal(integ.integrationId, '2271307570613351879');
    assert.equal(integ.other, '98765432109876543210');
    await api.request({ method: 'DELETE', path: '/v2/crm/integrations', query: { integrationId: integ.integrationId }, body: { ids: [integ.other] } });
    const sent = server.requests[1]!;
    assert.equal(sent.rawQuery, 'integrationId=2271307570613351879');
    assert.equal(sent.body.toString(), '{"ids":["98765432109876543210"]}');
  });

  it('honours Retry-After on a 429: the whole scheduler waits that long, then the safe request is retried', async () => {
    let n = 0;
    server.handle((_r, res) => {
      if (n++ === 0) sendJson(res, 429, { requestId: 'r429', errors: ['API request limit exceeded'] }, { 'retry-after': '1' });
      else sendJson(res, 200, { requestId: 'ok' });
    });
    const api = client();
    const t0 = performance.now();
    const first = api.request({ method: 'GET', path: '/v2/users' });
    await sleep(100);
    // Another request started during the pause waits too, although it never saw a 429.
    assert.ok(scheduler.stats().rateLimitedUntil !== undefined);
    const other = api.request({ method: 'GET', path: '/v2/workspaces' });
    const [a, b] = await Promise.all([first, other]);
    const elapsed = performance.now() - t0;
    assert.equal(a.retries, 1);
    assert.equal(b.retries, 0);
    assert.ok(elapsed >= 990 && elapsed < 1600, `elapsed ${elapsed}`);
    assert.equal(server.requests.length, 3);
  });

  it('never retries an unsafe request: a 429 becomes rateLimited, a 500 a server error, one request each', async () => {
    server.handle((r, res) => r.path === '/v2/calls'
      ? sendJson(res, 429, { requestId: 'x', errors: ['API request limit exceeded'] }, { 'retry-after': '0' })
      : sendJson(res, 500, { requestId: 'y', errors: ['Internal server error occurred'] }));
    await assert.rejects(client().request({ method: 'POST', path: '/v2/calls', body: { title: 't' } }),
      (e: unknown) => GongError.is(e, 'rateLimited') && e.retryAfterSeconds === 0 && e.requestId === 'x');
    await assert.rejects(client().request({ method: 'PUT', path: '/v2/meetings/1', body: {} }), (e: unknown) => GongError.is(e, 'server') && e.status === 500);
    assert.equal(server.requests.length, 2);
  });

  it('retries a safe POST read on 5xx with backoff, bounded by maxRetries', async () => {
    let n = 0;
    server.handle((_r, res) => (n++ < 2 ? sendJson(res, 503, { errors: ['busy'] }) : sendJson(res, 200, { requestId: 'fine', records: {} })));
    const res = await client().request({ method: 'POST', path: '/v2/calls/transcript', retrySafe: true, body: { filter: {} } });
    assert.equal(res.retries, 2);
    assert.equal(res.requestId, 'fine');
    assert.equal(server.requests.length, 3);
    n = -100;
    await assert.rejects(client({ maxRetries: 2 }).request({ method: 'GET', path: '/v2/users' }), (e: unknown) => GongError.is(e, 'server') && e.status === 503);
    assert.equal(server.requests.length, 6);
  });

  it('retries a safe GET after the connection was dropped (socket hang up)', async () => {
    let n = 0;
    server.handle((_r, res, raw) => { if (n++ === 0) raw.socket.destroy(); else sendJson(res, 200, { requestId: 'after-drop' }); });
    const res = await client().request({ method: 'GET', path: '/v2/users' });
    assert.equal(res.requestId, 'after-drop');
    assert.equal(res.retries, 1);
    n = 0;
    await assert.rejects(client().request({ method: 'POST', path: '/v2/calls', body: {} }), (e: unknown) => GongError.is(e, 'network'));
  });

  it('cancels: abort in flight and abort while queued give kind cancelled', async () => {
    server.handle(async (_r, res) => { await sleep(3000); if (!res.destroyed) sendJson(res, 200, {}); });
    const ac = new AbortController();
    const t0 = performance.now();
    const p = client().request({ method: 'GET', path: '/v2/users' }, ac.signal);
    setTimeout(() => ac.abort(), 100);
    await assert.rejects(p, (e: unknown) => GongError.is(e, 'cancelled'));
    assert.ok(performance.now() - t0 < 1000);
    const slow = new RequestScheduler({ requestsPerSecond: 0.5 });
    try {
      const api = client({ scheduler: slow });
      const quick = new AbortController();
      server.handle((_r, res) => sendJson(res, 200, { requestId: 'q' }));
      await api.request({ method: 'GET', path: '/v2/a' });
      const before = server.requests.length;
      const queued = api.request({ method: 'GET', path: '/v2/b' }, quick.signal);
      await sleep(50);
      assert.equal(slow.stats().queued, 1);
      quick.abort();
      await assert.rejects(queued, (e: unknown) => GongError.is(e, 'cancelled'));
      assert.equal(slow.stats().queued, 0);
      assert.equal(server.requests.length, before);
    } finally { slow.dispose(); }
  });

  it('times out with kind timeout (default and per-request)', async () => {
    server.handle(async (_r, res) => { await sleep(2000); if (!res.destroyed) sendJson(res, 200, {}); });
    const t0 = performance.now();
    await assert.rejects(client({ timeoutMs: 150 }).request({ method: 'GET', path: '/v2/users' }), (e: unknown) => GongError.is(e, 'timeout'));
    await assert.rejects(client().request({ method: 'POST', path: '/v2/x', timeoutMs: 150 }), (e: unknown) => GongError.is(e, 'timeout'));
    assert.ok(performance.now() - t0 < 1500);
  });

  it('sends GET and DELETE with JSON bodies, and a POST with only query parameters (no body, no content-type)', async () => {
    server.handle((_r, res) => sendJson(res, 200, { requestId: 'r' }));
    const api = client();
    await api.request({ method: 'GET', path: '/v2/crm/entities', query: { integrationId: '1', objectType: 'ACCOUNT' }, body: ['a1', 'a2'] });
    await api.request({ method: 'DELETE', path: '/v2/calls/users-access', body: { callAccessList: [{ callId: '7254376376091929519', userIds: ['1'] }] } });
    await api.request({ method: 'POST', path: '/v2/data-privacy/erase-data-for-phone-number', query: { phoneNumber: '+1 (555) 010-0000' } });
    const [g, d, p] = server.requests;
    assert.equal(g?.method, 'GET');
    assert.equal(g?.body.toString(), '["a1","a2"]');
    assert.equal(g?.headers['content-type'], 'application/json');
    assert.equal(d?.method, 'DELETE');
    assert.equal(d?.body.toString(), '{"callAccessList":[{"callId":"7254376376091929519","userIds":["1"]}]}');
    assert.equal(p?.method, 'POST');
    assert.equal(p?.bodyBytes, 0);
    assert.equal(p?.headers['content-type'], undefined);
    assert.equal(p?.rawQuery, 'phoneNumber=%2B1%20(555)%20010-0000');
    assert.equal(new URLSearchParams(p?.rawQuery).get('phoneNumber'), '+1 (555) 010-0000');
  });

  it('sends hyphenated query names verbatim and arrays as repeated parameters', async () => {
    server.handle((_r, res) => sendJson(res, 200, { requestId: 'r' }));
    await client().request({ method: 'GET', path: '/v2/coaching', query: { 'workspace-id': '123456789012345678', 'manager-id': '2', from: '2026-01-01T00:00:00+02:00', ids: ['1', '2'] } });
    assert.equal(server.requests[0]?.rawQuery, 'workspace-id=123456789012345678&manager-id=2&from=2026-01-01T00%3A00%3A00%2B02%3A00&ids=1&ids=2');
  });

  it('sends multipart fields and files that a standard parser reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gong-mp-'));
    try {
      const file = join(dir, 'call "one".mp3');
      const content = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
      await writeFile(file, content);
      let parsed: FormData | undefined;
      server.handle(async (r, res) => {
        parsed = await new Response(r.body, { headers: { 'content-type': String(r.headers['content-type']) } }).formData() as unknown as FormData;
        sendJson(res, 201, { requestId: 'mp', callId: '1' });
      });
      const res = await client().request({ method: 'PUT', path: '/v2/calls/1/media', multipart: { fields: { note: 'héllo' }, files: { mediaFile: { path: file } } } });
      assert.equal(res.status, 201);
      const seen = server.requests[0]!;
      assert.equal(Number(seen.headers['content-length']), seen.bodyBytes);
      assert.match(String(seen.headers['content-type']), /^multipart\/form-data; boundary=/);
      assert.equal(parsed?.get('note'), 'héllo');
      const part = parsed?.get('mediaFile') as Blob & { name?: string };
      assert.equal(part.type, 'audio/mpeg');
      assert.equal(part.name, 'call "one".mp3');
      assert.ok(Buffer.from(await part.arrayBuffer()).equals(content));
    } finally { await rm(dir, { recursive: true, force: true }); }
  });

  it('streams a large multipart file from disk with the right length instead of reading it into memory', async function () {
    this.timeout(20_000);
    const dir = await mkdtemp(join(tmpdir(), 'gong-mp-'));
    try {
      const size = 96 * 1024 * 1024;
      const file = join(dir, 'big.mp4');
      const fh = await open(file, 'w');
      const chunk = Buffer.alloc(1 << 20, 7);
      for (let i = 0; i < size / chunk.length; i++) { chunk.writeUInt32BE(i, 0); await fh.write(chunk); }
      await fh.close();
      const fileHash = await new Promise<string>((resolve, reject) => {
        const h = createHash('sha256');
        createReadStream(file).on('data', c => h.update(c)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
      });
      // The server keeps only the head; the test rebuilds the expected body hash from the boundary.
      const big = await startTestServer({ keepBytes: 4096 });
      try {
        big.handle((_r, res) => sendJson(res, 201, { requestId: 'up' }));
        global.gc?.();
        const rssBefore = process.memoryUsage().rss;
        let peak = rssBefore;
        const probe = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
        try {
          await client({}, basic, big.baseUrl).request({ method: 'PUT', path: '/v2/calls/9/media', timeoutMs: 15_000, multipart: { files: { mediaFile: { path: file } } } });
        } finally { clearInterval(probe); }
        const seen = big.requests[0]!;
        const boundary = /boundary=(.+)$/.exec(String(seen.headers['content-type']))?.[1] ?? '';
        const head = `--${boundary}\r\nContent-Disposition: form-data; name="mediaFile"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;
        const tail = `\r\n--${boundary}--\r\n`;
        assert.equal(seen.bodyBytes, head.length + size + tail.length);
        assert.equal(Number(seen.headers['content-length']), seen.bodyBytes);
        assert.equal(seen.body.subarray(0, head.length).toString(), head);
        const expected = await new Promise<string>((resolve, reject) => {
          const h = createHash('sha256').update(head);
          createReadStream(file).on('data', c => h.update(c)).on('end', () => resolve(h.update(tail).digest('hex'))).on('error', reject);
        });
        assert.equal(seen.bodySha256, expected);
        assert.notEqual(fileHash, expected);
        const grown = peak - rssBefore;
        if (process.env.GONG_TEST_VERBOSE) console.log(`RSS growth ${Math.round(grown / 1048576)} MB`);
        assert.ok(grown < size / 2, `RSS grew by ${Math.round(grown / 1048576)} MB while sending ${size / 1048576} MB`);
      } finally { await big.close(); }
    } finally { await rm(dir, { recursive: true, force: true }); }
  });

  it('refuses a multipart upload of a missing file before sending anything (invalidRequest)', async () => {
    await assert.rejects(client().request({ method: 'PUT', path: '/v2/calls/1/media', multipart: { files: { mediaFile: { path: join(tmpdir(), 'gong-no-such-file.mp3') } } } }),
      (e: unknown) => GongError.is(e, 'invalidRequest') && /cannot read the file/.test(e.message));
    assert.equal(server.requests.length, 0);
  });

  it('names the missing OAuth scope from Gong\'s 401', async () => {
    server.handle((_r, res) => sendJson(res, 401, { requestId: '2mx6b9r1qe4z7vcw0ka', errors: ["You don't have permission to use 'api:calls:read:transcript' in your app."] }));
    await assert.rejects(client({}, { kind: 'bearer', token: 't' }).request({ method: 'POST', path: '/v2/calls/transcript', retrySafe: true, body: {} }), (e: unknown) => {
      assert.ok(GongError.is(e, 'missingScope'));
      assert.equal(e.scope, 'api:calls:read:transcript');
      assert.equal(e.status, 401);
      assert.equal(e.requestId, '2mx6b9r1qe4z7vcw0ka');
      const f = classify(e);
      assert.equal(f.signInAgain, false, 'a missing scope keeps the session');
      assert.match(f.hint ?? '', /Grant api:calls:read:transcript/);
      return true;
    });
    assert.equal(server.requests.length, 1);
  });

  it('gives a distinct kind for 400/401/403/404/409/500 and for an unreachable host', async () => {
    const statuses: Array<[number, string]> = [[400, 'invalidRequest'], [401, 'auth'], [403, 'forbidden'], [404, 'notFound'], [409, 'conflict'], [500, 'server']];
    server.handle((r, res) => {
      const status = Number(r.path.split('/').pop());
      sendJson(res, status, { requestId: `id${status}`, errors: [`status ${status}`] }, { 'x-traceid': `id${status}` });
    });
    const api = client({ maxRetries: 0 });
    for (const [status, kind] of statuses) {
      await assert.rejects(api.request({ method: 'GET', path: `/v2/s/${status}` }), (e: unknown) => {
        assert.ok(GongError.is(e), String(e));
        assert.equal(e.kind, kind, `status ${status}`);
        assert.equal(e.status, status);
        assert.equal(e.requestId, `id${status}`);
        assert.deepEqual(e.errors, [`status ${status}`]);
        return true;
      });
    }
    const port = await closedPort();
    await assert.rejects(client({ maxRetries: 1 }, basic, `http://127.0.0.1:${port}`).request({ method: 'GET', path: '/v2/users' }), (e: unknown) => {
      assert.ok(GongError.is(e, 'network'), String(e));
      assert.equal(e.code, 'ECONNREFUSED');
      assert.match(classify(e).text, /Could not reach Gong/);
      assert.equal(classify(e).retry, true);
      return true;
    });
  });

  it('takes requestId from x-traceid when the body has none', async () => {
    server.handle((_r, res) => sendJson(res, 200, { users: [] }, { 'x-traceid': 'trace-from-header' }));
    assert.equal((await client().request({ method: 'GET', path: '/v2/users' })).requestId, 'trace-from-header');
  });

  it('logs every request without headers or secrets', async () => {
    let n = 0;
    server.handle((_r, res) => (n++ === 1 ? sendJson(res, 401, { requestId: 'bad', errors: ['Unauthorized'] }) : sendJson(res, 200, { requestId: `ok${n}` })));
    const entries: RequestLogEntry[] = [];
    const api = client({ log: e => entries.push(e) });
    await api.request({ method: 'GET', path: '/v2/users', query: { q: 'x' } });
    await assert.rejects(api.request({ method: 'POST', path: '/v2/calls', body: { secretish: false } }));
    await client({ log: e => entries.push(e) }, { kind: 'bearer', token: SECRET }).request({ method: 'GET', path: '/v2/workspaces' });
    assert.equal(entries.length, 3);
    assert.deepEqual(entries.map(e => [e.method, e.path, e.status, e.requestId, e.retries]), [
      ['GET', '/v2/users', 200, 'ok1', 0], ['POST', '/v2/calls', 401, 'bad', 0], ['GET', '/v2/workspaces', 200, 'ok3', 0],
    ]);
    assert.match(entries[1]?.error ?? '', /401/);
    assert.ok(entries.every(e => typeof e.durationMs === 'number' && e.durationMs >= 0));
    // String(api) on purpose: what an accidental log line or template would print.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    const text = JSON.stringify(entries) + JSON.stringify(api) + String(api);
    for (const forbidden of [SECRET, Buffer.from(`AKEY:${SECRET}`).toString('base64'), 'authorization', 'Basic ', 'Bearer']) {
      assert.ok(!text.toLowerCase().includes(forbidden.toLowerCase()), `log or client shows ${forbidden}`);
    }
  });
});
